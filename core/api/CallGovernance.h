#pragma once

#include "governance/KeyMeter.h"

#include <QByteArray>

#include <memory>
#include <optional>

namespace signalbox {

struct KeyEntry;

// What governance decided for one request (RequestGate), carried by its ChatCall: who
// asked, what the key's meter took, what was masked, and how the cache takes part.
struct CallGovernance {
    enum class Cache { Bypass, Miss, Hit };

    std::shared_ptr<const KeyEntry> key;  // null: no virtual key
    std::optional<MeterTicket> ticket;    // settled with the real usage once the call ends
    std::optional<RateWindow> requests;   // the key's limits, for x-ratelimit-* headers
    std::optional<RateWindow> tokens;
    QByteArray redactions;  // counts by kind as JSON; empty when nothing was masked
    Cache cache = Cache::Bypass;
    QByteArray cacheKey;  // a miss the answer is kept under
    qint64 cacheTtlMs = 0;
};

}  // namespace signalbox
