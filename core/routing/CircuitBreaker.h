#pragma once

#include "config/Config.h"

#include <QtGlobal>

#include <deque>

namespace signalbox {

// Benches what keeps failing. Closed: calls pass and failures are counted; `failures` of
// them within the window open it. Open: calls are refused until the cooldown ends. Half
// open: one trial call passes; its success closes the breaker, its failure opens it for
// another cooldown. Not thread-safe: its owner locks.
class CircuitBreaker {
public:
    enum class State { Closed, Open, HalfOpen };

    // Whether a call may go now. In half-open state the first caller gets the trial and
    // must report it (success, failure or abandoned).
    bool tryAcquire(qint64 nowMs);
    void onSuccess();
    void onFailure(qint64 nowMs, const BreakerConfig& config);
    // A trial call that ended with no verdict (the client left): the next caller tries.
    void onAbandoned();

    State state(qint64 nowMs) const;
    qint64 openUntilMs() const { return openUntil_; }
    int recentFailures() const { return static_cast<int>(failures_.size()); }

private:
    State state_ = State::Closed;
    qint64 openUntil_ = 0;
    bool trialOut_ = false;
    std::deque<qint64> failures_;  // times of recent failures, oldest first
};

}  // namespace signalbox
