#include "dashboard/ChartAxes.h"

#include <QCategoryAxis>
#include <QDateTime>
#include <QLocale>
#include <QTimeZone>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace signalbox {

QString ChartAxes::bucketLabel(qint64 startMs, qint64 sizeMs, int utcOffsetMinutes, bool withDay) {
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(startMs, QTimeZone(utcOffsetMinutes * 60));
    const QLocale locale;
    const QString day = locale.toString(at.date(), QStringLiteral("MMM d"));
    if (sizeMs >= 86'400'000)
        return day;
    const QString time = locale.toString(at.time(), QStringLiteral("HH:mm"));
    return withDay ? day + QLatin1Char(' ') + time : time;
}

void ChartAxes::labelBars(QCategoryAxis* axis, const std::vector<QString>& labels, int maxShown) {
    for (const QString& label : axis->categoriesLabels())
        axis->remove(label);
    const int n = int(labels.size());
    axis->setStartValue(-0.5);
    axis->setRange(-0.5, std::max(0.5, double(n) - 0.5));
    if (n == 0)
        return;
    const int step = std::max(1, (n + std::max(1, maxShown) - 1) / std::max(1, maxShown));
    // Each label sits on its bar's centre; a category runs from the last labelled bar.
    for (int i = 0; i < n; i += step)
        axis->append(labels[size_t(i)], double(i));
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setGridLineVisible(false);
}

void ChartAxes::fitValues(QValueAxis* axis, double max, const QString& prefix,
                          const QString& suffix) {
    if (!(max > 0))
        max = 1;
    // A round top: 1, 2 or 5 times a power of ten, in four or five steps.
    const double raw = max / 4;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        step = m * magnitude;
        if (step >= raw)
            break;
    }
    const int ticks = int(std::ceil(max / step)) + 1;
    axis->setRange(0, step * (ticks - 1));
    axis->setTickCount(ticks);
    axis->setMinorTickCount(0);
    // As many decimals as a step needs to be written exactly.
    int decimals = 0;
    for (double scaled = step; decimals < 6; ++decimals, scaled *= 10) {
        if (std::abs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled))
            break;
    }
    axis->setLabelFormat(QStringLiteral("%1%.%2f%3").arg(prefix).arg(decimals).arg(suffix));
}

}  // namespace signalbox
