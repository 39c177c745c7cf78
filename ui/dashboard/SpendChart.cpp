#include "dashboard/SpendChart.h"

#include "dashboard/ChartAxes.h"
#include "dashboard/ChartColors.h"
#include "dashboard/DashboardFormat.h"

#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QFontMetrics>
#include <QLegend>
#include <QStackedBarSeries>
#include <QTimer>
#include <QValueAxis>

#include <algorithm>

namespace signalbox {

SpendChart::SpendChart(QWidget* parent)
    : ChartFrame(QStringLiteral("dashboardSpendChart"), tr("Spend per model"), parent) {
    showNote(tr("Reading the log\u2026"));
    connect(chart(), &QChart::plotAreaChanged, this, [this] { labelBuckets(); });
}

void SpendChart::labelBuckets() {
    const auto axes = chart()->axes(Qt::Horizontal);
    auto* old = axes.isEmpty() ? nullptr : qobject_cast<QCategoryAxis*>(axes.front());
    if (!old || !series_ || labels_.empty())
        return;
    const QFontMetrics metrics(old->labelsFont());
    int widest = 1;
    for (const QString& label : labels_)
        widest = std::max(widest, metrics.horizontalAdvance(label));
    // A label needs its own width and a gap on either side.
    const int room = int(chart()->plotArea().width()) / (widest + metrics.averageCharWidth() * 2);
    const int shown = std::max(1, room);
    if (shown == labelsShown_)
        return;
    labelsShown_ = shown;
    // A new axis: Qt Charts lays out a category axis's labels when it is added, not when
    // its categories change. Later, so as not to change the layout while it is laid out.
    QTimer::singleShot(0, this, [this, shown] {
        const auto now = chart()->axes(Qt::Horizontal);
        if (!series_ || now.isEmpty() || labelsShown_ != shown)
            return;
        auto* x = new QCategoryAxis;
        ChartAxes::labelBars(x, labels_, shown);
        x->setLabelsFont(now.front()->labelsFont());
        chart()->removeAxis(now.front());
        delete now.front();
        chart()->addAxis(x, Qt::AlignBottom);
        series_->attachAxis(x);
        applyColors();
    });
}

void SpendChart::setData(const SpendData& data) {
    data_ = data;
    const bool hourly = data_.bucket.size != TimeBucket::Size::Day;
    setTitle(hourly ? tr("Spend per model per hour") : tr("Spend per model per day"));
    chart()->removeAllSeries();
    series_ = nullptr;
    for (QAbstractAxis* axis : chart()->axes()) {
        chart()->removeAxis(axis);  // gives it back, to be deleted here
        delete axis;
    }
    if (data_.models.empty()) {
        showNote(
            tr("No spend in this range. Requests to models without a price (local "
               "models, or models missing from the pricing table) count no cost."));
        return;
    }
    series_ = new QStackedBarSeries;
    series_->setObjectName(QStringLiteral("dashboardSpendSeries"));
    series_->setBarWidth(0.8);
    for (const SpendData::Model& model : data_.models) {
        auto* set = new QBarSet(model.other              ? tr("Other")
                                : model.target.isEmpty() ? tr("(no target)")
                                                         : model.target);
        set->setObjectName(model.other ? QStringLiteral("other") : model.target);
        QList<qreal> values;
        values.reserve(qsizetype(model.costs.size()));
        for (const double cost : model.costs)
            values.append(cost);
        set->append(values);
        set->setBorderColor(Qt::transparent);
        connect(set, &QBarSet::hovered, this,
                [this, set](bool on, int index) { hover(set, index, on); });
        series_->append(set);
    }
    chart()->addSeries(series_);

    auto* x = new QCategoryAxis;
    labels_.clear();
    labels_.reserve(data_.buckets.size());
    const bool withDay = hourly && data_.buckets.size() > 24;
    for (const qint64 start : data_.buckets) {
        labels_.push_back(ChartAxes::bucketLabel(start, data_.bucket.sizeMs(),
                                                 data_.bucket.utcOffsetMinutes, withDay));
    }
    // Until the plot is laid out: a guess from the frame's width (the view may be hidden
    // behind the note, at no size yet), the legend beside the plot.
    const QFontMetrics metrics(font());
    labelsShown_ = std::max(1, (width() * 3 / 5) / (metrics.horizontalAdvance(labels_.front()) +
                                                    metrics.averageCharWidth() * 2));
    ChartAxes::labelBars(x, labels_, labelsShown_);
    chart()->addAxis(x, Qt::AlignBottom);
    series_->attachAxis(x);
    auto* y = new QValueAxis;
    double top = 0;
    for (size_t i = 0; i < data_.buckets.size(); ++i)
        top = std::max(top, data_.bucketTotal(i));
    ChartAxes::fitValues(y, top, QStringLiteral("$"));
    chart()->addAxis(y, Qt::AlignLeft);
    series_->attachAxis(y);
    chart()->legend()->setVisible(true);
    showChart();
}

void SpendChart::hover(QBarSet* set, int index, bool on) {
    if (!on || index < 0 || size_t(index) >= data_.buckets.size()) {
        setReadout({});
        return;
    }
    const QString when = ChartAxes::bucketLabel(data_.buckets[size_t(index)], data_.bucket.sizeMs(),
                                                data_.bucket.utcOffsetMinutes, true);
    setReadout(tr("%1 \u00b7 %2: %3 of %4")
                   .arg(when, set->label(), DashboardFormat::money(set->at(index)),
                        DashboardFormat::money(data_.bucketTotal(size_t(index)))));
}

void SpendChart::recolor() {
    if (!series_)
        return;
    const QList<QBarSet*> sets = series_->barSets();
    for (int i = 0; i < sets.size(); ++i) {
        const bool other = size_t(i) < data_.models.size() && data_.models[size_t(i)].other;
        sets[i]->setColor(other ? ChartColors::other(palette())
                                : ChartColors::series(palette(), i));
        sets[i]->setBorderColor(sets[i]->color());
    }
}

}  // namespace signalbox
