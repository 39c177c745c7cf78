#include "dashboard/LatencyChart.h"

#include "dashboard/ChartAxes.h"
#include "dashboard/ChartColors.h"
#include "dashboard/DashboardFormat.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QValueAxis>

#include <algorithm>
#include <iterator>

namespace signalbox {

LatencyChart::LatencyChart(QWidget* parent)
    : ChartFrame(QStringLiteral("dashboardLatencyChart"),
                 tr("Latency and time to first token per model"), parent) {
    showNote(tr("Reading the log\u2026"));
}

void LatencyChart::setData(const std::vector<LatencyStats>& stats) {
    shown_.clear();
    for (const LatencyStats& s : stats) {
        if (s.count > 0 || s.ttftCount > 0)
            shown_.push_back(s);
    }
    std::stable_sort(shown_.begin(), shown_.end(),
                     [](const LatencyStats& a, const LatencyStats& b) {
                         return std::max(a.count, a.ttftCount) > std::max(b.count, b.ttftCount);
                     });
    if (shown_.size() > size_t(kMaxModels))
        shown_.resize(kMaxModels);
    chart()->removeAllSeries();
    series_ = nullptr;
    for (QAbstractAxis* axis : chart()->axes()) {
        chart()->removeAxis(axis);  // gives it back, to be deleted here
        delete axis;
    }
    if (shown_.empty()) {
        showNote(
            tr("No answered requests in this range. Latency counts the requests a model "
               "answered itself: not errors, not cache hits."));
        return;
    }
    series_ = new QHorizontalBarSeries;
    series_->setObjectName(QStringLiteral("dashboardLatencySeries"));
    series_->setBarWidth(0.85);
    struct Figure {
        const char* name;
        QString label;
        qint64 LatencyStats::*value;
    };
    const Figure figures[] = {{"p50", tr("p50"), &LatencyStats::p50Ms},
                              {"p95", tr("p95"), &LatencyStats::p95Ms},
                              {"ttft", tr("TTFT p50"), &LatencyStats::ttftP50Ms}};
    QStringList models;
    double top = 0;
    // The horizontal axis draws its first category at the bottom: the busiest go last.
    for (auto it = shown_.rbegin(); it != shown_.rend(); ++it)
        models.append(it->target.isEmpty() ? tr("(no target)") : it->target);
    // Within a model too the first set is drawn lowest: the sets go in backwards, and
    // the legend reads them forwards again.
    for (auto figure = std::rbegin(figures); figure != std::rend(figures); ++figure) {
        auto* set = new QBarSet(figure->label);
        set->setObjectName(QString::fromLatin1(figure->name));
        for (auto it = shown_.rbegin(); it != shown_.rend(); ++it) {
            const qint64 v = (*it).*(figure->value);
            set->append(qreal(std::max<qint64>(v, 0)));
            top = std::max(top, double(v));
        }
        connect(set, &QBarSet::hovered, this,
                [this, set](bool on, int index) { hover(set, index, on); });
        series_->append(set);
    }
    chart()->addSeries(series_);
    auto* y = new QBarCategoryAxis;
    y->append(models);
    y->setGridLineVisible(false);
    chart()->addAxis(y, Qt::AlignLeft);
    series_->attachAxis(y);
    auto* x = new QValueAxis;
    ChartAxes::fitValues(x, top, {}, tr(" ms"));
    chart()->addAxis(x, Qt::AlignBottom);
    series_->attachAxis(x);
    chart()->legend()->setVisible(true);
    chart()->legend()->setAlignment(Qt::AlignTop);
    chart()->legend()->setReverseMarkers(true);
    showChart();
}

void LatencyChart::hover(QBarSet* set, int index, bool on) {
    // Bars count from the bottom, shown_ from the top.
    const int at = int(shown_.size()) - 1 - index;
    if (!on || index < 0 || at < 0) {
        setReadout({});
        return;
    }
    const LatencyStats& s = shown_[size_t(at)];
    const QString model = s.target.isEmpty() ? tr("(no target)") : s.target;
    if (set->objectName() == QLatin1String("ttft")) {
        setReadout(tr("%1 \u00b7 time to first token p50 %2, p95 %3 (%4 streams)")
                       .arg(model, DashboardFormat::duration(s.ttftP50Ms),
                            DashboardFormat::duration(s.ttftP95Ms),
                            DashboardFormat::count(s.ttftCount)));
    } else {
        setReadout(tr("%1 \u00b7 latency p50 %2, p95 %3, p99 %4 (%5 requests)")
                       .arg(model, DashboardFormat::duration(s.p50Ms),
                            DashboardFormat::duration(s.p95Ms), DashboardFormat::duration(s.p99Ms),
                            DashboardFormat::count(s.count)));
    }
}

void LatencyChart::recolor() {
    if (!series_)
        return;
    const QList<QBarSet*> sets = series_->barSets();
    for (int i = 0; i < sets.size(); ++i) {
        // In reverse (see setData): p50 takes the first colour.
        sets[i]->setColor(ChartColors::series(palette(), int(sets.size()) - 1 - i));
        sets[i]->setBorderColor(sets[i]->color());
    }
}

}  // namespace signalbox
