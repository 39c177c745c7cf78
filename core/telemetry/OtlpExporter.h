#pragma once

#include "config/Config.h"
#include "store/RequestRecord.h"
#include "telemetry/OtlpLimits.h"
#include "telemetry/OtlpQueue.h"

#include <QObject>

#include <atomic>
#include <memory>

class QThread;

namespace signalbox {

class OtlpSender;

// OpenTelemetry trace export over OTLP/HTTP with JSON bodies: every finished request
// becomes a SERVER span with a CLIENT span per provider call (see OtlpTraceEncoder).
// Off while the endpoint is empty. Workers hand records to a bounded queue; a thread of
// its own batches them and POSTs them to the collector, so the proxy never waits on it.
// A collector that fails is reported once (qWarning) and its spans are counted as dropped.
class OtlpExporter : public QObject {
    Q_OBJECT
public:
    explicit OtlpExporter(const OtlpLimits& limits = {}, QObject* parent = nullptr);
    // Stops the export thread; what is still queued is lost. Workers must have stopped
    // submitting.
    ~OtlpExporter() override;

    // From the owning thread. An empty endpoint turns export off and forgets what waits;
    // the first endpoint starts the export thread.
    void reconfigure(const TelemetryConfig& config);
    bool enabled() const { return enabled_.load(); }

    // From any thread; never blocks beyond a short lock. A full queue drops the record
    // and counts its spans.
    void submit(const RequestRecord& record);

    // From any thread: sends what is queued now without waiting for a full batch.
    // flushed() follows once it was delivered or given up on (at once when off); several
    // flushes close together may share one flushed().
    void flush();

    // Thread-safe tallies: spans accepted by the collector, spans lost (queue full,
    // export failed, refused by the collector), and export requests given up on.
    qint64 exported() const { return queue_.exported(); }
    qint64 dropped() const { return queue_.dropped(); }
    qint64 failed() const { return queue_.failed(); }

signals:
    void flushed();

private:
    const OtlpLimits limits_;
    OtlpQueue queue_;
    std::atomic<bool> enabled_{false};
    std::atomic<bool> wakePending_{false};
    std::unique_ptr<QThread> thread_;
    OtlpSender* sender_ = nullptr;  // lives on thread_, deleted as it ends
};

}  // namespace signalbox
