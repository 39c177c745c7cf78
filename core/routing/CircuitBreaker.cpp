#include "routing/CircuitBreaker.h"

namespace signalbox {

CircuitBreaker::State CircuitBreaker::state(qint64 nowMs) const {
    if (state_ == State::Open && nowMs >= openUntil_)
        return State::HalfOpen;
    return state_;
}

bool CircuitBreaker::tryAcquire(qint64 nowMs) {
    switch (state(nowMs)) {
        case State::Closed:
            return true;
        case State::Open:
            return false;
        case State::HalfOpen:
            state_ = State::HalfOpen;
            if (trialOut_)
                return false;
            trialOut_ = true;
            return true;
    }
    return false;
}

void CircuitBreaker::onSuccess() {
    // Successes in between do not forgive failures: a target failing every other call
    // is benched too.
    if (state_ == State::HalfOpen) {
        state_ = State::Closed;
        trialOut_ = false;
        failures_.clear();
    }
}

void CircuitBreaker::onFailure(qint64 nowMs, const BreakerConfig& config) {
    const auto open = [&] {
        state_ = State::Open;
        openUntil_ = nowMs + config.cooldownMs;
        trialOut_ = false;
        failures_.clear();
    };
    if (state_ == State::HalfOpen) {
        open();
        return;
    }
    if (state_ == State::Open)
        return;  // a call that started before the breaker opened
    failures_.push_back(nowMs);
    while (!failures_.empty() && failures_.front() <= nowMs - config.windowMs)
        failures_.pop_front();
    if (static_cast<int>(failures_.size()) >= config.failures)
        open();
}

void CircuitBreaker::onAbandoned() {
    if (state_ == State::HalfOpen)
        trialOut_ = false;
}

}  // namespace signalbox
