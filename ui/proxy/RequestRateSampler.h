#pragma once

#include "engine/RequestLog.h"

#include <QElapsedTimer>

#include <deque>

namespace signalbox {

// Turns the request log's running totals into rates: each sample() divides what was
// added since the previous one by the time between them, and keeps the last minute.
class RequestRateSampler {
public:
    struct Rate {
        double requestsPerSecond = 0;
        double errorsPerSecond = 0;
    };
    static constexpr size_t kHistory = 60;

    explicit RequestRateSampler(const RequestLog& log) : log_(log) {}

    // Starts over from now: the next sample() measures from here.
    void restart();
    // False on the first call after restart(), which only sets the baseline.
    bool sample();

    const std::deque<Rate>& history() const { return history_; }  // oldest first
    Rate latest() const { return history_.empty() ? Rate{} : history_.back(); }
    RequestLog::Totals totals() const { return last_; }

private:
    const RequestLog& log_;
    QElapsedTimer since_;
    RequestLog::Totals last_;
    std::deque<Rate> history_;
};

}  // namespace signalbox
