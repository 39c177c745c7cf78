#include "api/ChatPassThrough.h"

#include "http/HttpExchange.h"

#include <QCoreApplication>

namespace signalbox {

namespace {
// Past this much unsent response, stop reading from the provider until the
// client catches up: a slow client must not make us buffer a whole stream.
constexpr qint64 kHighWaterBytes = 1024 * 1024;

// Response headers of the provider worth passing on to the client.
bool isForwardedResponseHeader(QByteArrayView name) {
    return name.compare("content-type", Qt::CaseInsensitive) == 0 ||
           name.compare("retry-after", Qt::CaseInsensitive) == 0 ||
           name.compare("x-request-id", Qt::CaseInsensitive) == 0 ||
           name.compare("openai-processing-ms", Qt::CaseInsensitive) == 0 ||
           name.startsWith("x-ratelimit-") || name.startsWith("X-RateLimit-");
}
}  // namespace

ChatPassThrough::ChatPassThrough(std::shared_ptr<HttpExchange> exchange,
                                 std::shared_ptr<const ProxySnapshot> snapshot,
                                 UpstreamClient& upstream, QByteArray requestId)
    : exchange_(std::move(exchange)),
      snapshot_(std::move(snapshot)),
      upstream_(upstream),
      requestId_(std::move(requestId)) {}

HttpHeaders ChatPassThrough::baseHeaders() const {
    HttpHeaders h;
    h.add("x-signalbox-request-id", requestId_);
    h.add("x-signalbox-target", targetLabel_);
    h.add("x-signalbox-attempts", QByteArray::number(attempts_));
    h.add("x-signalbox-cache", "bypass");
    return h;
}

void ChatPassThrough::start(const ResolvedTarget& target, QByteArray body,
                            QByteArrayView upstreamPath) {
    targetLabel_ = target.label().toUtf8();
    providerId_ = target.provider->id;

    UpstreamRequest request;
    request.url = target.provider->baseUrl.toUtf8() + upstreamPath.toByteArray();
    request.body = std::move(body);
    request.connectTimeoutMs = snapshot_->config->server.upstreamConnectTimeoutMs;
    request.stallTimeoutMs = snapshot_->config->server.upstreamStallTimeoutMs;
    request.headers.add("Content-Type", "application/json");
    const QByteArrayView accept = exchange_->request().headers.value("accept");
    request.headers.add("Accept",
                        accept.isEmpty() ? QByteArray("application/json") : accept.toByteArray());
    const auto keys = snapshot_->providerKeys.find(providerId_);
    if (keys != snapshot_->providerKeys.end() && !keys->second.empty()) {
        request.headers.add("Authorization", "Bearer " + keys->second.front());
    } else if (!target.provider->keyRefs.isEmpty()) {
        const auto errors = snapshot_->keyErrors.find(providerId_);
        fail(OpenAiError::upstream(
            500,
            QCoreApplication::translate("ChatPassThrough",
                                        "Provider '%1' has no usable API key: %2. Add the key "
                                        "or fix its reference in the config.")
                .arg(providerId_, errors != snapshot_->keyErrors.end()
                                      ? errors->second.join(QStringLiteral("; "))
                                      : QString()),
            "provider_key_missing"));
        return;
    }

    std::weak_ptr<ChatPassThrough> weak = weak_from_this();
    exchange_->setClientGoneHandler([weak] {
        if (auto self = weak.lock())
            self->onClientGone();
    });
    exchange_->setDrainedHandler([weak] {
        auto self = weak.lock();
        if (self && self->paused_) {
            self->paused_ = false;
            self->upstream_.resume(self->callId_);
        }
    });
    auto self = shared_from_this();
    ++attempts_;
    callId_ = upstream_.start(
        std::move(request), {[self](int status, const HttpHeaders& h) { self->onHead(status, h); },
                             [self](QByteArrayView data) { self->onData(data); },
                             [self](const UpstreamResult& r) { self->onDone(r); }});
}

void ChatPassThrough::onHead(int status, const HttpHeaders& upstreamHeaders) {
    HttpHeaders headers = baseHeaders();
    qint64 length = -1;
    for (const auto& [name, value] : upstreamHeaders.fields()) {
        if (isForwardedResponseHeader(name)) {
            headers.add(name.toLower(), value);
        } else if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            length = value.toLongLong(&ok);
            if (!ok)
                length = -1;
        }
    }
    streaming_ = upstreamHeaders.value("content-type").startsWith("text/event-stream");
    if (streaming_) {
        headers.add("cache-control", "no-cache");
        length = -1;
    }
    exchange_->beginStream(status, headers, length);
}

void ChatPassThrough::onData(QByteArrayView data) {
    if (!data.isEmpty()) {
        atEventBoundary_ = data.endsWith("\n\n");
    }
    exchange_->write(data);
    if (!paused_ && exchange_->pendingBytes() > kHighWaterBytes) {
        paused_ = true;
        upstream_.pause(callId_);
    }
}

void ChatPassThrough::onDone(const UpstreamResult& result) {
    if (!exchange_->isOpen()) {
        return;
    }
    if (result.ok()) {
        exchange_->end();
        return;
    }
    const QString where = QString::fromUtf8(targetLabel_);
    if (!exchange_->headSent()) {
        if (result.timedOut && !result.connectFailed) {
            fail(OpenAiError::upstream(
                504,
                QCoreApplication::translate("ChatPassThrough", "Provider for '%1' timed out: %2")
                    .arg(where, result.message),
                "upstream_timeout"));
        } else {
            fail(OpenAiError::upstream(
                502,
                QCoreApplication::translate("ChatPassThrough",
                                            "Could not reach the provider for '%1': %2")
                    .arg(where, result.message),
                "upstream_unreachable"));
        }
        return;
    }
    if (streaming_) {
        // Bytes already reached the client: say so in the stream, never end it cleanly.
        if (!atEventBoundary_) {
            exchange_->write("\n\n");  // end the half-sent event so ours parses on its own
        }
        exchange_->write(OpenAiError::upstream(502,
                                               QCoreApplication::translate(
                                                   "ChatPassThrough",
                                                   "The provider for '%1' broke off the stream: %2")
                                                   .arg(where, result.message),
                                               "stream_interrupted")
                             .toSseEvent());
        exchange_->end();
        return;
    }
    exchange_->abort();
}

void ChatPassThrough::onClientGone() {
    if (callId_ != 0) {
        upstream_.cancel(callId_);
    }
}

void ChatPassThrough::fail(const OpenAiError& error) {
    HttpHeaders headers = baseHeaders();
    headers.add("content-type", "application/json");
    exchange_->respond(error.status, headers, error.toJson());
}

}  // namespace signalbox
