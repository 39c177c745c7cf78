#include "telemetry/LatencyHistogram.h"

#include <algorithm>

namespace signalbox {

void LatencyHistogram::observe(qint64 ms) {
    ms = std::max<qint64>(ms, 0);
    const auto bound = std::lower_bound(kBoundsMs.begin(), kBoundsMs.end(), ms);
    const auto index = static_cast<size_t>(bound - kBoundsMs.begin());
    buckets_[index].fetch_add(1, std::memory_order_relaxed);
    sumMs_.fetch_add(ms, std::memory_order_relaxed);
}

LatencyHistogram::Snapshot LatencyHistogram::snapshot() const {
    Snapshot s;
    quint64 running = 0;
    for (size_t i = 0; i < kBuckets; ++i) {
        running += buckets_[i].load(std::memory_order_relaxed);
        s.cumulative[i] = running;
    }
    s.count = running;
    s.sumMs = sumMs_.load(std::memory_order_relaxed);
    return s;
}

}  // namespace signalbox
