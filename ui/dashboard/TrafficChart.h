#pragma once

#include "dashboard/ChartFrame.h"
#include "dashboard/TrafficData.h"

class QLineSeries;

namespace signalbox {

// Requests and errors over time, two lines on a time axis, by the minute, hour or day
// (DashboardScope). Hovering shows the bucket's counts and its error rate.
class TrafficChart : public ChartFrame {
    Q_OBJECT
public:
    explicit TrafficChart(QWidget* parent = nullptr);

    void setData(const TrafficData& data);
    const TrafficData& data() const { return data_; }
    // One point a bucket, at its start (x: Unix ms); null before data arrived.
    QLineSeries* requestsSeries() const { return requests_; }
    QLineSeries* errorsSeries() const { return errors_; }
    // What hovering at time `x` (Unix ms) shows, as the chart does.
    void hoverAt(qreal x, bool on);

protected:
    void recolor() override;

private:
    TrafficData data_;
    QLineSeries* requests_ = nullptr;
    QLineSeries* errors_ = nullptr;
};

}  // namespace signalbox
