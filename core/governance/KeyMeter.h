#pragma once

#include "governance/VirtualKey.h"

#include <QtGlobal>

#include <deque>
#include <mutex>
#include <optional>

namespace signalbox {

class Clock;

// Which of a key's limits turned a request away; checked in this order.
enum class MeterRefusal { None, Requests, Tokens, Budget };

// One rate limit as the x-ratelimit-* response headers show it.
struct RateWindow {
    int limit = 0;
    int remaining = 0;
    qint64 resetMs = 0;  // until the window is back to its initial state (OpenAI's meaning)

    friend bool operator==(const RateWindow&, const RateWindow&) = default;
};

// What admit() took, handed back to settle() exactly once.
struct MeterTicket {
    quint64 seq = 0;           // 0: nothing was taken
    qint64 tokens = 0;         // the estimate counted in the token window
    double reservedUsd = 0;    // the cost ceiling held against the budget
    qint64 periodStartMs = 0;  // wall ms of the budget period the cost belongs to; 0: Total

    friend bool operator==(const MeterTicket&, const MeterTicket&) = default;
};

// The verdict on one request, with what the response headers and a 429 need to say.
struct Admission {
    MeterRefusal refusal = MeterRefusal::None;
    qint64 retryAfterMs = 0;  // refused: when it could pass; -1: never under these limits
    std::optional<RateWindow> requests;  // set when the key has that limit
    std::optional<RateWindow> tokens;
    double budgetUsd = 0;  // the rest is set when the key has a budget
    double spentUsd = 0;
    double reservedUsd = 0;      // by requests in flight, this one included when admitted
    qint64 budgetResetAtMs = 0;  // wall ms of the next period start; 0 for Total
    MeterTicket ticket;          // admitted: settle it exactly once

    bool admitted() const { return refusal == MeterRefusal::None; }
};

// A key's live figures, for the admin API and the window.
struct MeterUsage {
    double spentUsd = 0;
    double reservedUsd = 0;
    qint64 periodStartMs = 0;  // wall ms; 0 for Total
    qint64 periodEndMs = 0;    // wall ms of the next start; 0 for Total
    int requestsInWindow = 0;  // in the last minute
    qint64 tokensInWindow = 0;
};

// The live state of one virtual key, shared by every proxy worker thread: sliding
// one-minute windows for requests and tokens, and a budget ledger in which each request
// reserves its worst-case cost before dispatch and settles its real cost afterwards, so
// concurrent requests cannot overspend. Windows run on the monotonic clock, budget
// periods on the wall clock (UTC days and months); periods roll over lazily on any call.
class KeyMeter {
public:
    KeyMeter(const VirtualKey& key, const Clock& clock);

    KeyMeter(const KeyMeter&) = delete;
    KeyMeter& operator=(const KeyMeter&) = delete;

    // Edited limits. Windows and spend are kept; a changed period starts a new one from
    // zero, which the owner seeds again from the store.
    void setLimits(const VirtualKey& key);
    // What the store already recorded for the period starting at periodStartMs. Ignored
    // unless that is the current period; never lowers the spend (the store may lag).
    void seedSpend(double spentUsd, qint64 periodStartMs);

    // All or nothing: takes a request, the token estimate and the cost ceiling, or
    // nothing when any limit refuses.
    Admission admit(qint64 tokenEstimate, double costCeilingUsd);
    // The real usage of an admitted request, charged in full even above its ceiling (a
    // client that left still pays). A ticket from an earlier period leaves this one alone.
    void settle(const MeterTicket& ticket, qint64 tokens, double costUsd);

    MeterUsage usage() const;

    static qint64 periodStartMs(BudgetPeriod period, qint64 wallMs);  // 0 for Total
    static qint64 periodEndMs(BudgetPeriod period, qint64 wallMs);    // next start; 0: Total

private:
    struct TokenEntry {
        qint64 atMs = 0;
        quint64 seq = 0;
        qint64 tokens = 0;
    };

    void advance(qint64 nowMs, qint64 wallMs);
    void startPeriod(qint64 wallMs);
    qint64 tokensRetryMs(qint64 nowMs, qint64 excess) const;
    qint64 budgetRetryMs(qint64 ceilingNanos, qint64 wallMs) const;
    void report(Admission& admission, qint64 nowMs) const;

    const Clock& clock_;
    mutable std::mutex mutex_;
    int rpm_ = 0;
    int tpm_ = 0;
    std::optional<qint64> budgetNanos_;
    BudgetPeriod period_ = BudgetPeriod::Total;

    std::deque<qint64> requestTimes_;      // monotonic admission times, oldest first
    std::deque<TokenEntry> tokenEntries_;  // by admission, so ordered by time and by seq
    qint64 tokensInWindow_ = 0;

    // Money in whole nano-dollars, so that reserving and releasing add up exactly.
    qint64 spentNanos_ = 0;
    qint64 reservedNanos_ = 0;
    qint64 periodStart_ = 0;
    qint64 periodEnd_ = 0;
    quint64 nextSeq_ = 1;
    quint64 periodFirstSeq_ = 1;  // tickets below it were admitted in an earlier period
};

}  // namespace signalbox
