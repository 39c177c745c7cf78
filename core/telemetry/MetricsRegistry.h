#pragma once

#include "store/RequestRecord.h"
#include "store/StoreStats.h"
#include "telemetry/LabelIndex.h"
#include "telemetry/TargetMetrics.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <array>
#include <atomic>
#include <memory>
#include <shared_mutex>
#include <unordered_map>

namespace signalbox {

// The proxy's Prometheus metrics: counters and histograms per target, fed one finished
// request at a time, rendered for GET /metrics. Thread-safe: any number of threads
// observe() at once (a shared lock and atomic adds; the exclusive lock only when a
// target, status code or outcome shows up for the first time) while another renders.
class MetricsRegistry {
public:
    // Clients choose model names, so targets are capped: beyond this many, requests
    // count under target="other".
    static constexpr size_t kMaxTargets = 500;
    static constexpr char kContentType[] = "text/plain; version=0.0.4; charset=utf-8";

    MetricsRegistry() = default;
    MetricsRegistry(const MetricsRegistry&) = delete;
    MetricsRegistry& operator=(const MetricsRegistry&) = delete;

    // One finished request. Allocation-free once its target, code and outcomes are known.
    void observe(const RequestRecord& record);

    // Appends every family in the text exposition format 0.0.4. `store` and
    // `otlpDroppedSpans` are the gauges of the parts that own them.
    void render(QByteArray& out, const StoreStats& store, qint64 otlpDroppedSpans) const;

private:
    // The series of `target` (empty: none resolved), "other" once the cap is reached,
    // null when unseen. Called under either lock.
    TargetMetrics* find(const QString& target) const;
    // Adds what `record` needs and observe() has not seen yet; under the exclusive lock.
    void learn(const RequestRecord& record);
    // Counts `record` if every series and slot it needs exists; under the shared lock.
    bool tryCount(const RequestRecord& record) const;

    mutable std::shared_mutex mutex_;
    std::unordered_map<QString, std::unique_ptr<TargetMetrics>> targets_;
    std::unique_ptr<TargetMetrics> other_ = std::make_unique<TargetMetrics>();
    LabelIndex<int> codes_;
    LabelIndex<QByteArray> outcomes_;  // shared by attempts and skips
    // Masked before requests left, by kind (email, phone, card, iban, secret).
    std::array<std::atomic<quint64>, 5> redacted_{};
};

}  // namespace signalbox
