#pragma once

#include "telemetry/LabelIndex.h"
#include "telemetry/LatencyHistogram.h"

#include <QtGlobal>

#include <array>
#include <atomic>

namespace signalbox {

// The counters of one target ("provider/model"), all atomics: proxy workers add to them
// at once while /metrics reads them. Status codes and outcomes are slots of the
// registry's label indexes.
struct TargetMetrics {
    enum TokenType { Input, Output, CachedInput, CacheWrite, Reasoning, kTokenTypes };
    using Slots = std::array<std::atomic<quint64>, LabelIndex<int>::kSlots>;

    Slots requests{};  // by the status code sent to the client
    std::atomic<quint64> failed{0};
    std::atomic<quint64> truncated{0};
    std::atomic<quint64> cacheHits{0};
    std::atomic<quint64> unpriced{0};
    std::array<std::atomic<quint64>, kTokenTypes> tokens{};
    std::atomic<double> costUsd{0};
    std::atomic<double> cacheSavedUsd{0};  // what cache hits would have cost
    LatencyHistogram duration;
    LatencyHistogram ttft;
    Slots attempts{};  // calls to the provider, by outcome
    Slots skips{};     // passed over without a call, by reason
};

}  // namespace signalbox
