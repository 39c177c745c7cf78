#include "telemetry/OtlpSender.h"

#include "telemetry/OtlpQueue.h"
#include "telemetry/OtlpTraceEncoder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>

namespace signalbox {

namespace {

// The statuses OTLP/HTTP asks clients to retry; every other 4xx/5xx is final.
bool retryableStatus(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
}

}  // namespace

OtlpSender::OtlpSender(OtlpQueue& queue, const OtlpLimits& limits, std::atomic<bool>& wakePending)
    : queue_(queue), limits_(limits), wakePending_(wakePending) {}

qsizetype OtlpSender::wakeThreshold(const OtlpLimits& limits) {
    return std::max(1, limits.batchSpans / 2);
}

QUrl OtlpSender::tracesUrl(const QString& endpoint) {
    QUrl url(endpoint.trimmed());
    if (url.path().isEmpty() || url.path() == QLatin1String("/"))
        url.setPath(QStringLiteral("/v1/traces"));
    return url;
}

void OtlpSender::start() {
    network_ = new QNetworkAccessManager(this);
    timer_ = new QTimer(this);
    timer_->setInterval(limits_.intervalMs);
    connect(timer_, &QTimer::timeout, this, &OtlpSender::drain);
    timer_->start();
}

void OtlpSender::configure(const TelemetryConfig& config) {
    const QUrl url =
        config.otlpEndpoint.trimmed().isEmpty() ? QUrl() : tracesUrl(config.otlpEndpoint);
    if (url != url_)
        failing_ = false;  // a new collector earns its own report
    url_ = url;
    serviceName_ = config.serviceName;
    headers_ = config.otlpHeaders;
}

void OtlpSender::drain() {
    wakePending_.store(false);
    if (busy_)
        return;
    if (url_.isEmpty()) {
        queue_.clear();
        checkFlush();
        return;
    }
    const std::vector<RequestRecord> batch = queue_.take(limits_.batchSpans);
    if (batch.empty()) {
        checkFlush();
        return;
    }
    spans_ = 0;
    for (const RequestRecord& r : batch)
        spans_ += OtlpTraceEncoder::spanCount(r);
    body_ = OtlpTraceEncoder::encode(batch, serviceName_);
    retried_ = false;
    busy_ = true;
    send();
}

void OtlpSender::send() {
    if (url_.isEmpty()) {  // turned off while the batch waited for its retry
        finishBatch();
        return;
    }
    QNetworkRequest request(url_);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto& [name, value] : headers_)
        request.setRawHeader(name.toUtf8(), value.toUtf8());
    request.setTransferTimeout(limits_.timeoutMs);
    QNetworkReply* reply = network_->post(request, body_);
    connect(reply, &QNetworkReply::finished, this, [this, reply] { settle(reply); });
}

void OtlpSender::settle(QNetworkReply* reply) {
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 200 && status < 300) {
        // A partial success names the spans the collector refused; they are not retried.
        const QJsonObject partial =
            QJsonDocument::fromJson(reply->readAll()).object().value(u"partialSuccess").toObject();
        const qint64 rejected =
            std::clamp<qint64>(partial.value(u"rejectedSpans").toVariant().toLongLong(), 0, spans_);
        queue_.addExported(spans_ - rejected);
        if (rejected > 0) {
            queue_.addDropped(rejected);
            reportFailure(tr("the collector refused %n span(s): %1", nullptr, int(rejected))
                              .arg(partial.value(u"errorMessage").toString()));
        } else if (failing_) {
            failing_ = false;
            qInfo().noquote()
                << tr("OpenTelemetry trace export to %1 works again.").arg(endpointForLog());
        }
        finishBatch();
        return;
    }

    const bool transport = status == 0;
    if ((transport || retryableStatus(status)) && !retried_) {
        retried_ = true;
        qint64 delayMs = limits_.retryDelayMs;
        bool ok = false;
        const qint64 askedS = reply->rawHeader("Retry-After").trimmed().toLongLong(&ok);
        if (ok && askedS >= 0)
            delayMs = std::min<qint64>(askedS * 1000, limits_.maxRetryDelayMs);
        QTimer::singleShot(std::chrono::milliseconds(delayMs), this, &OtlpSender::send);
        return;
    }
    queue_.addFailed();
    queue_.addDropped(spans_);
    if (transport && reply->error() == QNetworkReply::OperationCanceledError)
        reportFailure(tr("no answer within %1 ms").arg(limits_.timeoutMs));
    else if (transport)
        reportFailure(reply->errorString());
    else
        reportFailure(tr("HTTP %1 %2")
                          .arg(status)
                          .arg(QString::fromUtf8(reply->readAll().left(200)).simplified())
                          .trimmed());
    finishBatch();
}

void OtlpSender::finishBatch() {
    busy_ = false;
    body_.clear();
    spans_ = 0;
    checkFlush();
    // A backlog or a waiting flush goes on at once; a trickle waits for the timer.
    if (flushMark_ >= 0 || queue_.size() >= wakeThreshold(limits_))
        drain();
}

void OtlpSender::flushUpTo(qint64 mark) {
    flushMark_ = std::max(flushMark_, mark);
    drain();
}

void OtlpSender::checkFlush() {
    if (flushMark_ < 0 || busy_ || queue_.taken() < flushMark_)
        return;
    flushMark_ = -1;
    emit flushed();
}

void OtlpSender::reportFailure(const QString& why) {
    if (failing_)
        return;
    failing_ = true;
    qWarning().noquote() << tr("OpenTelemetry trace export to %1 failed: %2. Spans are dropped "
                               "until the collector accepts them; this is reported once.")
                                .arg(endpointForLog(), why);
}

QString OtlpSender::endpointForLog() const {
    // Credentials may ride in the user info or the query; they stay out of logs.
    return url_.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
}

}  // namespace signalbox
