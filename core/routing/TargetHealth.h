#pragma once

#include "config/Config.h"
#include "routing/CircuitBreaker.h"

#include <QString>

#include <mutex>

namespace signalbox {

// What the gateway has seen of one target (provider/model) or one provider key, shared
// by every worker thread: its circuit breaker, how fast it answers, and whether it was
// asked to rest (rate limited until a time it named).
class TargetHealth {
public:
    struct Status {
        QString name;  // "openai/gpt-5", or "openai key env:OPENAI_API_KEY"
        CircuitBreaker::State state = CircuitBreaker::State::Closed;
        qint64 openForMs = 0;     // left of the cooldown when open
        qint64 restingForMs = 0;  // left of a rate limit's wait
        int recentFailures = 0;   // within the breaker's window
        double latencyMs = -1;    // moving average time to first byte; -1 before any
        quint64 successes = 0;
        quint64 failures = 0;
        QString lastError;
    };

    explicit TargetHealth(QString name) : name_(std::move(name)) {}

    // Whether a call may go now: the breaker lets it and no rest is under way (unless
    // the caller waited that rest out itself). A half-open breaker's trial call must be
    // reported.
    bool tryAcquire(qint64 nowMs, bool restWaited = false);
    // Read-only: what tryAcquire() would say, without taking a trial.
    bool available(qint64 nowMs) const;
    void recordSuccess(qint64 latencyMs);
    void recordFailure(qint64 nowMs, const BreakerConfig& config, const QString& what);
    void recordAbandoned();
    void restUntil(qint64 untilMs);

    double latencyMs() const;  // -1 before the first success
    // How long until a call may go again: the rest a rate limit asked for, and what is
    // left of an open breaker's cooldown. 0 when none.
    qint64 restingForMs(qint64 nowMs) const;
    qint64 benchedForMs(qint64 nowMs) const;
    Status status(qint64 nowMs) const;

private:
    const QString name_;
    mutable std::mutex mutex_;
    CircuitBreaker breaker_;
    qint64 restUntil_ = 0;
    double latencyMs_ = -1;
    quint64 successes_ = 0;
    quint64 failures_ = 0;
    QString lastError_;
};

}  // namespace signalbox
