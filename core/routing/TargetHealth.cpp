#include "routing/TargetHealth.h"

#include <algorithm>

namespace signalbox {

namespace {
// Weight of the newest sample in the moving average: recent enough to notice a provider
// slowing down within a dozen calls, steady enough to ignore one slow answer.
constexpr double kLatencyAlpha = 0.2;
}  // namespace

bool TargetHealth::tryAcquire(qint64 nowMs, bool restWaited) {
    std::lock_guard lock(mutex_);
    return (restWaited || nowMs >= restUntil_) && breaker_.tryAcquire(nowMs);
}

bool TargetHealth::available(qint64 nowMs) const {
    std::lock_guard lock(mutex_);
    return nowMs >= restUntil_ && breaker_.state(nowMs) != CircuitBreaker::State::Open;
}

void TargetHealth::recordSuccess(qint64 latencyMs) {
    std::lock_guard lock(mutex_);
    breaker_.onSuccess();
    ++successes_;
    const double sample = static_cast<double>(std::max<qint64>(0, latencyMs));
    latencyMs_ = latencyMs_ < 0 ? sample : latencyMs_ + kLatencyAlpha * (sample - latencyMs_);
}

void TargetHealth::recordFailure(qint64 nowMs, const BreakerConfig& config, const QString& what) {
    std::lock_guard lock(mutex_);
    breaker_.onFailure(nowMs, config);
    ++failures_;
    lastError_ = what;
}

void TargetHealth::recordAbandoned() {
    std::lock_guard lock(mutex_);
    breaker_.onAbandoned();
}

void TargetHealth::restUntil(qint64 untilMs) {
    std::lock_guard lock(mutex_);
    restUntil_ = std::max(restUntil_, untilMs);
}

double TargetHealth::latencyMs() const {
    std::lock_guard lock(mutex_);
    return latencyMs_;
}

qint64 TargetHealth::restingForMs(qint64 nowMs) const {
    std::lock_guard lock(mutex_);
    return std::max<qint64>(0, restUntil_ - nowMs);
}

qint64 TargetHealth::benchedForMs(qint64 nowMs) const {
    std::lock_guard lock(mutex_);
    return breaker_.state(nowMs) == CircuitBreaker::State::Open ? breaker_.openUntilMs() - nowMs
                                                                : 0;
}

TargetHealth::Status TargetHealth::status(qint64 nowMs) const {
    std::lock_guard lock(mutex_);
    Status s;
    s.name = name_;
    s.state = breaker_.state(nowMs);
    s.openForMs = s.state == CircuitBreaker::State::Open ? breaker_.openUntilMs() - nowMs : 0;
    s.restingForMs = std::max<qint64>(0, restUntil_ - nowMs);
    s.recentFailures = breaker_.recentFailures();
    s.latencyMs = latencyMs_;
    s.successes = successes_;
    s.failures = failures_;
    s.lastError = lastError_;
    return s;
}

}  // namespace signalbox
