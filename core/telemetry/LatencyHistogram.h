#pragma once

#include <QtGlobal>

#include <array>
#include <atomic>

namespace signalbox {

// A Prometheus histogram of durations in whole milliseconds, updated lock-free from any
// thread. Bounds span what LLM calls take: a cached answer in 5 ms to a reasoning model
// thinking for 5 minutes.
class LatencyHistogram {
public:
    static constexpr std::array<qint64, 16> kBoundsMs = {
        5,     10,    25,     50,     100,    250,    500,     1'000,
        2'500, 5'000, 10'000, 20'000, 30'000, 60'000, 120'000, 300'000};
    static constexpr size_t kBuckets = kBoundsMs.size() + 1;  // the last one is +Inf

    struct Snapshot {
        std::array<quint64, kBuckets> cumulative{};  // observations <= each bound, +Inf last
        quint64 count = 0;                           // == cumulative.back()
        qint64 sumMs = 0;
    };

    void observe(qint64 ms);
    // Counts are read bucket by bucket, so the count always equals the +Inf bucket; the
    // sum may trail an observation in flight by one value.
    Snapshot snapshot() const;

private:
    std::array<std::atomic<quint64>, kBuckets> buckets_{};  // not cumulative
    std::atomic<qint64> sumMs_{0};
};

}  // namespace signalbox
