#include "governance/KeyMeter.h"

#include "routing/Clock.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace signalbox {

namespace {

constexpr qint64 kWindowMs = 60'000;
// Only requests in flight hold the rest of the budget; they settle within a stream's
// time, so the client may look again soon.
constexpr qint64 kInFlightRetryMs = 1'000;
// $100M: keeps sums of a few values far from overflow.
constexpr double kMaxNanos = 1e17;

qint64 toNanos(double usd) {
    const double nanos = usd * 1e9;
    if (!(nanos > 0))  // negative, zero or NaN
        return 0;
    return std::llround(std::min(nanos, kMaxNanos));
}

double toUsd(qint64 nanos) {
    return static_cast<double>(nanos) / 1e9;
}

bool inWindow(qint64 atMs, qint64 nowMs) {
    return nowMs - atMs < kWindowMs;
}

int clampToInt(qint64 value) {
    return static_cast<int>(std::clamp<qint64>(value, 0, std::numeric_limits<int>::max()));
}

qint64 msOf(std::chrono::sys_days day) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(day.time_since_epoch()).count();
}

std::chrono::sys_days dayOf(qint64 wallMs) {
    return std::chrono::floor<std::chrono::days>(
        std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(wallMs)));
}

}  // namespace

KeyMeter::KeyMeter(const VirtualKey& key, const Clock& clock) : clock_(clock) {
    rpm_ = std::max(0, key.rpm);
    tpm_ = std::max(0, key.tpm);
    if (key.budgetUsd)
        budgetNanos_ = toNanos(*key.budgetUsd);
    period_ = key.period;
    startPeriod(clock_.wallMs());
}

void KeyMeter::setLimits(const VirtualKey& key) {
    std::lock_guard lock(mutex_);
    advance(clock_.monotonicMs(), clock_.wallMs());
    rpm_ = std::max(0, key.rpm);
    tpm_ = std::max(0, key.tpm);
    budgetNanos_.reset();
    if (key.budgetUsd)
        budgetNanos_ = toNanos(*key.budgetUsd);
    if (key.period != period_) {
        period_ = key.period;
        startPeriod(clock_.wallMs());
    }
}

void KeyMeter::seedSpend(double spentUsd, qint64 periodStartMs) {
    std::lock_guard lock(mutex_);
    advance(clock_.monotonicMs(), clock_.wallMs());
    if (periodStartMs == periodStart_)
        spentNanos_ = std::max(spentNanos_, toNanos(spentUsd));
}

Admission KeyMeter::admit(qint64 tokenEstimate, double costCeilingUsd) {
    tokenEstimate = std::max<qint64>(0, tokenEstimate);
    const qint64 ceiling = toNanos(costCeilingUsd);

    std::lock_guard lock(mutex_);
    // Read under the lock so that admission times enter the windows in order.
    const qint64 now = clock_.monotonicMs();
    const qint64 wall = clock_.wallMs();
    advance(now, wall);

    Admission admission;
    const auto requestCount = static_cast<qint64>(requestTimes_.size());
    if (rpm_ > 0 && requestCount >= rpm_) {
        admission.refusal = MeterRefusal::Requests;
        // Enough admissions must leave to bring the count below the limit.
        admission.retryAfterMs = requestTimes_[requestCount - rpm_] + kWindowMs - now;
    } else if (tpm_ > 0 && tokensInWindow_ + tokenEstimate > tpm_) {
        admission.refusal = MeterRefusal::Tokens;
        admission.retryAfterMs =
            tokenEstimate > tpm_ ? -1 : tokensRetryMs(now, tokensInWindow_ + tokenEstimate - tpm_);
    } else if (budgetNanos_ && (spentNanos_ >= *budgetNanos_ ||
                                spentNanos_ + reservedNanos_ + ceiling > *budgetNanos_)) {
        admission.refusal = MeterRefusal::Budget;
        admission.retryAfterMs = budgetRetryMs(ceiling, wall);
    }

    if (admission.admitted()) {
        const quint64 seq = nextSeq_++;
        requestTimes_.push_back(now);
        tokenEntries_.push_back({now, seq, tokenEstimate});
        tokensInWindow_ += tokenEstimate;
        reservedNanos_ += ceiling;
        admission.ticket = {seq, tokenEstimate, toUsd(ceiling), periodStart_};
    }
    report(admission, now);
    return admission;
}

void KeyMeter::settle(const MeterTicket& ticket, qint64 tokens, double costUsd) {
    if (ticket.seq == 0)
        return;
    tokens = std::max<qint64>(0, tokens);

    std::lock_guard lock(mutex_);
    advance(clock_.monotonicMs(), clock_.wallMs());
    const auto entry =
        std::lower_bound(tokenEntries_.begin(), tokenEntries_.end(), ticket.seq,
                         [](const TokenEntry& e, quint64 seq) { return e.seq < seq; });
    if (entry != tokenEntries_.end() && entry->seq == ticket.seq) {
        tokensInWindow_ += tokens - entry->tokens;
        entry->tokens = tokens;
    }
    // An earlier period's cost is the store's to record; this period never reserved it.
    if (ticket.seq >= periodFirstSeq_) {
        reservedNanos_ = std::max<qint64>(0, reservedNanos_ - toNanos(ticket.reservedUsd));
        spentNanos_ += toNanos(costUsd);
    }
}

MeterUsage KeyMeter::usage() const {
    std::lock_guard lock(mutex_);
    const qint64 now = clock_.monotonicMs();
    const qint64 wall = clock_.wallMs();

    // Computed as advance() would leave things, without changing them.
    MeterUsage usage;
    usage.requestsInWindow =
        clampToInt(std::count_if(requestTimes_.begin(), requestTimes_.end(),
                                 [now](qint64 at) { return inWindow(at, now); }));
    usage.tokensInWindow = tokensInWindow_;
    for (const TokenEntry& e : tokenEntries_) {
        if (inWindow(e.atMs, now))
            break;
        usage.tokensInWindow -= e.tokens;
    }
    if (period_ != BudgetPeriod::Total && wall >= periodEnd_) {
        usage.periodStartMs = periodStartMs(period_, wall);
        usage.periodEndMs = periodEndMs(period_, wall);
    } else {
        usage.spentUsd = toUsd(spentNanos_);
        usage.reservedUsd = toUsd(reservedNanos_);
        usage.periodStartMs = periodStart_;
        usage.periodEndMs = periodEnd_;
    }
    return usage;
}

qint64 KeyMeter::periodStartMs(BudgetPeriod period, qint64 wallMs) {
    using namespace std::chrono;
    switch (period) {
        case BudgetPeriod::Day:
            return msOf(dayOf(wallMs));
        case BudgetPeriod::Month: {
            const year_month_day date(dayOf(wallMs));
            return msOf(sys_days(date.year() / date.month() / 1));
        }
        case BudgetPeriod::Total:
            break;
    }
    return 0;
}

qint64 KeyMeter::periodEndMs(BudgetPeriod period, qint64 wallMs) {
    using namespace std::chrono;
    switch (period) {
        case BudgetPeriod::Day:
            return msOf(dayOf(wallMs) + days(1));
        case BudgetPeriod::Month: {
            const year_month_day date(dayOf(wallMs));
            return msOf(sys_days((year_month(date.year(), date.month()) + months(1)) / 1));
        }
        case BudgetPeriod::Total:
            break;
    }
    return 0;
}

void KeyMeter::advance(qint64 nowMs, qint64 wallMs) {
    while (!requestTimes_.empty() && !inWindow(requestTimes_.front(), nowMs))
        requestTimes_.pop_front();
    while (!tokenEntries_.empty() && !inWindow(tokenEntries_.front().atMs, nowMs)) {
        tokensInWindow_ -= tokenEntries_.front().tokens;
        tokenEntries_.pop_front();
    }
    // Only forwards: a wall clock stepped back must not hand out a period's budget twice.
    if (period_ != BudgetPeriod::Total && wallMs >= periodEnd_)
        startPeriod(wallMs);
}

void KeyMeter::startPeriod(qint64 wallMs) {
    periodStart_ = periodStartMs(period_, wallMs);
    periodEnd_ = periodEndMs(period_, wallMs);
    spentNanos_ = 0;
    reservedNanos_ = 0;
    periodFirstSeq_ = nextSeq_;
}

qint64 KeyMeter::tokensRetryMs(qint64 nowMs, qint64 excess) const {
    qint64 freed = 0;
    for (const TokenEntry& e : tokenEntries_) {
        freed += e.tokens;
        if (freed >= excess)
            return e.atMs + kWindowMs - nowMs;
    }
    return -1;  // unreachable while the request alone fits the limit
}

qint64 KeyMeter::budgetRetryMs(qint64 ceilingNanos, qint64 wallMs) const {
    if (ceilingNanos > *budgetNanos_)
        return -1;  // not even a fresh period would hold it
    if (spentNanos_ >= *budgetNanos_ || spentNanos_ + ceilingNanos > *budgetNanos_)
        return period_ == BudgetPeriod::Total ? -1 : periodEnd_ - wallMs;
    return kInFlightRetryMs;
}

void KeyMeter::report(Admission& admission, qint64 nowMs) const {
    if (rpm_ > 0) {
        const qint64 resetMs = requestTimes_.empty() ? 0 : requestTimes_.back() + kWindowMs - nowMs;
        admission.requests =
            RateWindow{rpm_, clampToInt(rpm_ - static_cast<qint64>(requestTimes_.size())), resetMs};
    }
    if (tpm_ > 0) {
        // Back to its initial state once the newest entry that still counts tokens leaves.
        const auto newest = std::find_if(tokenEntries_.rbegin(), tokenEntries_.rend(),
                                         [](const TokenEntry& e) { return e.tokens > 0; });
        const qint64 resetMs =
            newest == tokenEntries_.rend() ? 0 : newest->atMs + kWindowMs - nowMs;
        admission.tokens = RateWindow{tpm_, clampToInt(tpm_ - tokensInWindow_), resetMs};
    }
    if (budgetNanos_) {
        admission.budgetUsd = toUsd(*budgetNanos_);
        admission.spentUsd = toUsd(spentNanos_);
        admission.reservedUsd = toUsd(reservedNanos_);
        admission.budgetResetAtMs = periodEnd_;
    }
}

}  // namespace signalbox
