#pragma once

#include "dashboard/ChartFrame.h"
#include "store/LatencyStats.h"

#include <vector>

class QBarSet;
class QHorizontalBarSeries;

namespace signalbox {

// Latency p50 and p95 and time to first token (p50) per model, as grouped horizontal
// bars: the busiest models (most answered requests) first, at most kMaxModels. Over the
// requests each model answered itself (LatencyStats); hovering shows the figure, its
// p95 for TTFT, and how many requests it is over.
class LatencyChart : public ChartFrame {
    Q_OBJECT
public:
    static constexpr int kMaxModels = 6;

    explicit LatencyChart(QWidget* parent = nullptr);

    void setData(const std::vector<LatencyStats>& stats);
    // The models shown, busiest first (the chart draws the first at the top).
    const std::vector<LatencyStats>& shown() const { return shown_; }
    // Sets named "ttft", "p95", "p50" (so that p50 is drawn on top), one value a model,
    // in the order of the category axis (the busiest last); figures that are not there
    // (-1) are drawn as 0. Null before data arrived.
    QHorizontalBarSeries* series() const { return series_; }
    void hover(QBarSet* set, int index, bool on);

protected:
    void recolor() override;

private:
    std::vector<LatencyStats> shown_;
    QHorizontalBarSeries* series_ = nullptr;
};

}  // namespace signalbox
