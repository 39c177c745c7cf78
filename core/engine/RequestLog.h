#pragma once

#include "store/RequestRecord.h"
#include "store/StoreStats.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace signalbox {

class Clock;
class MetricsRegistry;
class OtlpExporter;
class RequestStore;
struct Config;
struct ProxySnapshot;

// Where every finished request goes: priced against the running config, then counted in
// the Prometheus metrics, written to the store (when it has a data dir) and exported as
// a trace (when telemetry names a collector). Owned by the Engine; outlives proxy
// restarts, so counters and the store's queue carry over.
class RequestLog : public QObject {
    Q_OBJECT
public:
    explicit RequestLog(const Clock& clock, QObject* parent = nullptr);
    ~RequestLog() override;

    // From the owning thread. Opens signalbox.db in `dataDir` and starts its writer; until
    // then (and in tests that never call it) records are counted but not kept.
    void open(const QString& dataDir);
    // From the owning thread: the store and telemetry sections of a new config.
    void configure(const Config& config);

    // From any thread, once per request: fills in the cost from the snapshot's prices,
    // masks and caps the bodies, and hands the record to each consumer. Never waits.
    void submit(RequestRecord& record, const ProxySnapshot& snapshot);

    // The Prometheus text of GET /metrics. Any thread.
    void renderMetrics(QByteArray& out) const;
    StoreStats storeStats() const;

    // Requests submitted since the engine started, and those of them that failed (not ok()).
    // Any thread; the window samples them for its live rates.
    struct Totals {
        quint64 requests = 0;
        quint64 errors = 0;
    };
    Totals totals() const {
        return {requests_.load(std::memory_order_relaxed), errors_.load(std::memory_order_relaxed)};
    }

    RequestStore* store() const { return store_.get(); }  // null until open()
    OtlpExporter& otlp() const { return *otlp_; }

    // The kept copy of a body: key values and key-like strings masked, cut to `maxBytes`.
    static QByteArray keptBody(QByteArrayView body, int maxBytes, const ProxySnapshot& snapshot);

signals:
    // The store stopped keeping requests (with what went wrong and what to do), or, with
    // an empty text, works again. Emitted once per failure, on the owning thread.
    void storeProblem(const QString& problem);

private:
    const Clock& clock_;
    std::unique_ptr<MetricsRegistry> metrics_;
    std::unique_ptr<OtlpExporter> otlp_;
    std::unique_ptr<RequestStore> store_;
    std::atomic<quint64> requests_{0};
    std::atomic<quint64> errors_{0};
};

}  // namespace signalbox
