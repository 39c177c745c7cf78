#pragma once

#include "proxy/RequestRateSampler.h"

#include <QWidget>

#include <deque>

namespace signalbox {

// The last minute of requests and errors per second as two thin lines, newest on the
// right, scaled to the busiest second shown.
class RateSparkline : public QWidget {
    Q_OBJECT
public:
    explicit RateSparkline(QWidget* parent = nullptr);

    void setHistory(const std::deque<RequestRateSampler::Rate>& history);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::deque<RequestRateSampler::Rate> history_;
};

}  // namespace signalbox
