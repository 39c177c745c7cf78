#include "dashboard/TrafficChart.h"

#include "common/StatusColors.h"
#include "dashboard/ChartAxes.h"
#include "dashboard/ChartColors.h"
#include "dashboard/DashboardFormat.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLegend>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace signalbox {

namespace {

// Few enough points to mark each one.
constexpr size_t kMarkedPointsUpTo = 40;

}  // namespace

TrafficChart::TrafficChart(QWidget* parent)
    : ChartFrame(QStringLiteral("dashboardTrafficChart"), tr("Requests and errors"), parent) {
    showNote(tr("Reading the log\u2026"));
}

void TrafficChart::setData(const TrafficData& data) {
    data_ = data;
    switch (data_.bucket.size) {
        case TimeBucket::Size::Minute:
            setTitle(tr("Requests and errors per minute"));
            break;
        case TimeBucket::Size::Hour:
            setTitle(tr("Requests and errors per hour"));
            break;
        case TimeBucket::Size::Day:
            setTitle(tr("Requests and errors per day"));
            break;
    }
    chart()->removeAllSeries();
    requests_ = nullptr;
    errors_ = nullptr;
    for (QAbstractAxis* axis : chart()->axes()) {
        chart()->removeAxis(axis);  // gives it back, to be deleted here
        delete axis;
    }
    qint64 peak = 0;
    for (const qint64 n : data_.requests)
        peak = std::max(peak, n);
    if (data_.buckets.empty() || peak == 0) {
        showNote(tr("No requests in this range. Widen the time range or clear a filter."));
        return;
    }
    requests_ = new QLineSeries;
    requests_->setObjectName(QStringLiteral("dashboardTrafficRequests"));
    requests_->setName(tr("Requests"));
    errors_ = new QLineSeries;
    errors_->setObjectName(QStringLiteral("dashboardTrafficErrors"));
    errors_->setName(tr("Errors"));
    QList<QPointF> requests;
    QList<QPointF> errors;
    requests.reserve(qsizetype(data_.buckets.size()));
    errors.reserve(qsizetype(data_.buckets.size()));
    for (size_t i = 0; i < data_.buckets.size(); ++i) {
        const qreal x = qreal(data_.buckets[i]);
        requests.append(QPointF(x, qreal(data_.requests[i])));
        errors.append(QPointF(x, qreal(data_.errors[i])));
    }
    requests_->replace(requests);
    errors_->replace(errors);
    const bool marked = data_.buckets.size() <= kMarkedPointsUpTo;
    for (QLineSeries* line : {requests_, errors_}) {
        line->setPointsVisible(marked);
        connect(line, &QLineSeries::hovered, this,
                [this](const QPointF& point, bool on) { hoverAt(point.x(), on); });
        chart()->addSeries(line);
    }

    auto* x = new QDateTimeAxis;
    const qint64 span = data_.buckets.back() - data_.buckets.front();
    x->setFormat(data_.bucket.size == TimeBucket::Size::Day ? QStringLiteral("MMM d")
                 : span >= 86'400'000                       ? QStringLiteral("MMM d HH:mm")
                                                            : QStringLiteral("HH:mm"));
    x->setTickCount(span >= 86'400'000 && data_.bucket.size != TimeBucket::Size::Day ? 4 : 6);
    // One bucket still gets a width to sit in.
    const qint64 last =
        std::max(data_.buckets.back(), data_.buckets.front() + data_.bucket.sizeMs());
    x->setRange(QDateTime::fromMSecsSinceEpoch(data_.buckets.front()),
                QDateTime::fromMSecsSinceEpoch(last));
    chart()->addAxis(x, Qt::AlignBottom);
    auto* y = new QValueAxis;
    ChartAxes::fitValues(y, double(std::max<qint64>(peak, 4)));
    // The first time grid line marks the left edge; an axis line beside it would double it.
    y->setLineVisible(false);
    chart()->addAxis(y, Qt::AlignLeft);
    for (QLineSeries* line : {requests_, errors_}) {
        line->attachAxis(x);
        line->attachAxis(y);
    }
    chart()->legend()->setVisible(true);
    chart()->legend()->setAlignment(Qt::AlignTop);
    showChart();
}

void TrafficChart::hoverAt(qreal x, bool on) {
    if (!on || data_.buckets.empty()) {
        setReadout({});
        return;
    }
    // The bucket nearest the pointer.
    const qint64 size = data_.bucket.sizeMs();
    const qint64 index =
        std::clamp<qint64>(qint64(std::llround((x - qreal(data_.buckets.front())) / qreal(size))),
                           0, qint64(data_.buckets.size()) - 1);
    const size_t i = size_t(index);
    const qint64 requests = data_.requests[i];
    const qint64 errors = data_.errors[i];
    const QString when =
        ChartAxes::bucketLabel(data_.buckets[i], size, data_.bucket.utcOffsetMinutes, true);
    setReadout(
        tr("%1 \u00b7 %2 requests, %3 errors (%4)")
            .arg(when, DashboardFormat::count(requests), DashboardFormat::count(errors),
                 DashboardFormat::percent(requests ? double(errors) / double(requests) : 0)));
}

void TrafficChart::recolor() {
    if (!requests_)
        return;
    QPen pen(ChartColors::series(palette(), 0));
    pen.setWidthF(2);
    requests_->setPen(pen);
    requests_->setColor(pen.color());
    pen.setColor(StatusColors::error(palette()));
    errors_->setPen(pen);
    errors_->setColor(pen.color());
}

}  // namespace signalbox
