#pragma once

#include "config/Config.h"
#include "telemetry/OtlpLimits.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

#include <atomic>
#include <map>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace signalbox {

class OtlpQueue;

// The export thread's half of OtlpExporter: takes batches from the queue and POSTs them
// to the collector, one at a time, each with a timeout and at most one retry. Lives on
// that thread; every member function but the constructor runs there.
class OtlpSender : public QObject {
    Q_OBJECT
public:
    OtlpSender(OtlpQueue& queue, const OtlpLimits& limits, std::atomic<bool>& wakePending);

    // Makes the network manager and the batch timer on the export thread.
    void start();
    void configure(const TelemetryConfig& config);
    // Sends the next batch unless one is in flight.
    void drain();
    // flushed() once every record pushed before `mark` was delivered or given up on.
    void flushUpTo(qint64 mark);

    // Queue length at which a worker wakes the thread instead of waiting for the timer.
    static qsizetype wakeThreshold(const OtlpLimits& limits);
    // The traces URL of an endpoint; a bare host gets OTLP's default path /v1/traces.
    static QUrl tracesUrl(const QString& endpoint);

signals:
    void flushed();

private:
    void send();
    void settle(QNetworkReply* reply);
    void finishBatch();
    void checkFlush();
    void reportFailure(const QString& why);
    QString endpointForLog() const;

    OtlpQueue& queue_;
    const OtlpLimits limits_;
    std::atomic<bool>& wakePending_;
    QNetworkAccessManager* network_ = nullptr;
    QTimer* timer_ = nullptr;

    QUrl url_;  // empty: export is off
    QString serviceName_;
    std::map<QString, QString> headers_;

    // The batch in flight.
    bool busy_ = false;
    QByteArray body_;
    int spans_ = 0;
    bool retried_ = false;

    qint64 flushMark_ = -1;  // -1: no flush waiting
    bool failing_ = false;   // the failure was reported; quiet until an export succeeds
};

}  // namespace signalbox
