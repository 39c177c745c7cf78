#include "api/ChatCall.h"

#include "http/HttpExchange.h"
#include "json/Json.h"
#include "providers/ChatFormat.h"
#include "providers/ProviderAdapter.h"
#include "providers/ResponseEvents.h"

#include <QCoreApplication>

namespace signalbox {

namespace {
// Past this much unsent response, stop reading from the provider until the client
// catches up: a slow client must not make us buffer a whole stream.
constexpr qint64 kHighWaterBytes = 1024 * 1024;
// Whole answers are read before they are translated; none is honestly this big.
constexpr qsizetype kMaxCollectedBytes = 64 * 1024 * 1024;
// An error answer is read this far and no further: its message is at the start, and a
// provider's 50 MB HTML error page must not cost its status.
constexpr qsizetype kMaxErrorBytes = 64 * 1024;

QString tr(const char* text) {
    return QCoreApplication::translate("ChatCall", text);
}

// Response headers of the provider worth passing on to the client.
bool isForwardedResponseHeader(QByteArrayView name, bool sameFormat) {
    const auto is = [name](QByteArrayView n) { return name.compare(n, Qt::CaseInsensitive) == 0; };
    if (is("retry-after") || name.startsWith("x-ratelimit-") || name.startsWith("X-RateLimit-"))
        return true;
    // The rest describes the provider's own body: only true when the body is its own.
    return sameFormat && (is("content-type") || is("x-request-id") || is("request-id") ||
                          is("openai-processing-ms") || name.startsWith("anthropic-ratelimit-"));
}

void addForwardedHeaders(HttpHeaders& out, const HttpHeaders& upstream, bool sameFormat) {
    for (const auto& [name, value] : upstream.fields()) {
        if (isForwardedResponseHeader(name, sameFormat))
            out.add(name.toLower(), value);
    }
}

ApiError badResponse(QByteArray code, const QString& message) {
    ApiError error;
    error.status = 502;
    error.kind = ApiError::Kind::BadResponse;
    error.code = std::move(code);
    error.message = message;
    return error;
}

bool isEventStream(const HttpHeaders& headers) {
    return headers.value("content-type").startsWith("text/event-stream");
}
}  // namespace

ChatCall::ChatCall(std::shared_ptr<HttpExchange> exchange,
                   std::shared_ptr<const ProxySnapshot> snapshot, UpstreamClient& upstream,
                   QByteArray requestId, const ChatFormat& clientFormat)
    : exchange_(std::move(exchange)),
      snapshot_(std::move(snapshot)),
      upstream_(upstream),
      requestId_(std::move(requestId)),
      clientFormat_(clientFormat) {}

HttpHeaders ChatCall::baseHeaders() const {
    HttpHeaders h;
    h.add("x-signalbox-request-id", requestId_);
    if (!targetLabel_.isEmpty())
        h.add("x-signalbox-target", targetLabel_);
    h.add("x-signalbox-attempts", QByteArray::number(attempts_));
    h.add("x-signalbox-cache", "bypass");
    if (!dropped_.isEmpty())
        h.add("x-signalbox-dropped", dropped_);
    return h;
}

void ChatCall::fail(const ApiError& error) {
    if (!exchange_->isOpen())
        return;
    HttpHeaders headers = baseHeaders();
    headers.add("content-type", "application/json");
    if (!error.retryAfter.isEmpty())
        headers.add("retry-after", error.retryAfter);
    exchange_->respond(error.status, headers, clientFormat_.encodeError(error));
}

void ChatCall::setDropped(QStringList dropped) {
    dropped.removeDuplicates();
    dropped_ = dropped.join(QLatin1Char(',')).toUtf8();
}

void ChatCall::passThrough(const ResolvedTarget& target, ProviderEndpoint endpoint, QByteArray body,
                           bool stream) {
    mode_ = Mode::PassThrough;
    start(target, endpoint, std::move(body), stream);
}

void ChatCall::translate(const ResolvedTarget& target, std::shared_ptr<ChatRequest> request) {
    mode_ = Mode::Translate;
    // Written for the provider under its model name, then kept under the client's, which
    // the answer echoes. Swapping the name spares a copy of the whole conversation.
    QString clientModel = std::exchange(request->model, target.model);
    QStringList dropped;
    const QByteArray body =
        target.adapter->chatFormat().encodeRequest(*request, dropped).serialize();
    request->model = std::move(clientModel);
    request_ = std::move(request);
    setDropped(dropped);
    start(target, ProviderEndpoint::Chat, body, request_->stream);
}

void ChatCall::mapped(const ResolvedTarget& target, ProviderEndpoint endpoint, QByteArray body,
                      const QStringList& dropped, ResponseMapper mapper) {
    mode_ = Mode::Mapped;
    setDropped(dropped);
    mapper_ = std::move(mapper);
    start(target, endpoint, std::move(body), false);
}

void ChatCall::start(const ResolvedTarget& target, ProviderEndpoint endpoint, QByteArray body,
                     bool stream) {
    adapter_ = target.adapter;
    providerFormat_ = &adapter_->chatFormat();
    targetLabel_ = target.label().toUtf8();
    const ProviderConfig& provider = *target.provider;

    QByteArrayView key;
    const auto keys = snapshot_->providerKeys.find(provider.id);
    if (keys != snapshot_->providerKeys.end() && !keys->second.empty()) {
        key = keys->second.front();
    } else if (!provider.keyRefs.isEmpty()) {
        // Keys were named but none could be read. A provider with no keys at all is
        // called without one: local servers need none, and the others say so themselves.
        const auto errors = snapshot_->keyErrors.find(provider.id);
        ApiError error;
        error.status = 500;
        error.kind = ApiError::Kind::Authentication;
        error.code = "provider_key_missing";
        error.message = tr("Provider '%1' has no usable API key: %2. Add the key or fix its "
                           "reference in the config.")
                            .arg(provider.id, errors != snapshot_->keyErrors.end()
                                                  ? errors->second.join(QStringLiteral("; "))
                                                  : QString());
        fail(error);
        return;
    }

    UpstreamRequest request = adapter_->prepare(endpoint, provider, key, target.model, stream,
                                                exchange_->request().headers);
    request.body = std::move(body);
    request.connectTimeoutMs = snapshot_->config->server.upstreamConnectTimeoutMs;
    request.stallTimeoutMs = snapshot_->config->server.upstreamStallTimeoutMs;
    if (!request.body.isEmpty() && !request.headers.contains("content-type"))
        request.headers.add("Content-Type", "application/json");
    if (!request.headers.contains("accept")) {
        const QByteArrayView accept = exchange_->request().headers.value("accept");
        request.headers.add("Accept",
                            mode_ == Mode::PassThrough && !accept.isEmpty()
                                ? accept.toByteArray()
                                : QByteArray(stream ? "text/event-stream" : "application/json"));
    }

    std::weak_ptr<ChatCall> weak = weak_from_this();
    exchange_->setClientGoneHandler([weak] {
        if (auto self = weak.lock())
            self->cancelUpstream();
    });
    exchange_->setDrainedHandler([weak] {
        auto self = weak.lock();
        if (self && self->paused_) {
            self->paused_ = false;
            if (self->callId_ != 0)
                self->upstream_.resume(self->callId_);
        }
    });
    auto self = shared_from_this();
    UpstreamCallbacks callbacks{
        [self](int status, const HttpHeaders& h) { self->onHead(status, h); },
        [self](QByteArrayView data) { self->onData(data); },
        [self](const UpstreamResult& r) { self->onDone(r); }};
    ++attempts_;
    local_ = adapter_->newLocalResponder();
    if (local_) {
        local_->start(request, std::move(callbacks));
        return;
    }
    callId_ = upstream_.start(std::move(request), std::move(callbacks));
}

void ChatCall::cancelUpstream() {
    if (callId_ != 0) {
        upstream_.cancel(callId_);
        callId_ = 0;
    }
    if (local_)
        local_->cancel();
}

void ChatCall::onHead(int status, const HttpHeaders& upstreamHeaders) {
    // Cancelling drops the callbacks that own this call: stay alive until we return.
    const auto keep = shared_from_this();
    upstreamStatus_ = status;
    upstreamOk_ = status >= 200 && status < 300;
    const bool eventStream = isEventStream(upstreamHeaders);

    if (mode_ == Mode::PassThrough) {
        // The provider's answer is already in the client's format: relay it as it comes.
        HttpHeaders headers = baseHeaders();
        addForwardedHeaders(headers, upstreamHeaders, true);
        bool known = false;
        qint64 length = upstreamHeaders.value("content-length").toLongLong(&known);
        streaming_ = eventStream;
        if (streaming_) {
            headers.add("cache-control", "no-cache");
            known = false;
        }
        exchange_->beginStream(status, headers, known ? length : -1);
        return;
    }

    upstreamHeaders_ = upstreamHeaders;
    if (mode_ == Mode::Translate && upstreamOk_ && eventStream && request_->stream) {
        streaming_ = true;
        decoder_ = providerFormat_->newStreamDecoder();
        beginEventStream();
    }
    // Otherwise the whole answer (or error) is read first, then translated.
}

void ChatCall::beginEventStream() {
    encoder_ = clientFormat_.newStreamEncoder(*request_);
    HttpHeaders headers = baseHeaders();
    addForwardedHeaders(headers, upstreamHeaders_, false);
    headers.add("content-type", "text/event-stream; charset=utf-8");
    headers.add("cache-control", "no-cache");
    exchange_->beginStream(200, headers);
}

void ChatCall::endEventStream() {
    encoder_->finish(out_);
    exchange_->write(out_);
    out_.clear();
    exchange_->end();
}

void ChatCall::onData(QByteArrayView data) {
    const auto keep = shared_from_this();
    if (mode_ == Mode::PassThrough) {
        if (!data.isEmpty())
            atEventBoundary_ = data.endsWith("\n\n");
        exchange_->write(data);
        pauseIfBehind();
        return;
    }
    if (streaming_) {
        // An unreadable stream leaves an Error as its last event: relay up to it.
        const bool readable = decoder_->feed(data, events_);
        if (!relayEvents() || !readable) {
            cancelUpstream();
            exchange_->end();
            return;
        }
        pauseIfBehind();
        return;
    }
    if (!upstreamOk_ && collected_.size() + data.size() > kMaxErrorBytes) {
        collected_.append(data.first(kMaxErrorBytes - collected_.size()));
        cancelUpstream();
        finishWhole();
        return;
    }
    if (collected_.size() + data.size() > kMaxCollectedBytes) {
        cancelUpstream();
        fail(badResponse("upstream_response_too_large",
                         tr("The provider for '%1' sent an answer larger than %2 MiB.")
                             .arg(QString::fromUtf8(targetLabel_))
                             .arg(kMaxCollectedBytes / (1024 * 1024))));
        return;
    }
    collected_.append(data);
}

bool ChatCall::relayEvents() {
    bool failed = false;
    for (const StreamEvent& event : events_) {
        if (event.type == StreamEvent::Type::Error) {
            encoder_->fail(event.error, out_);
            failed = true;
            break;
        }
        encoder_->encode(event, out_);
    }
    events_.clear();
    if (!out_.isEmpty()) {
        exchange_->write(out_);
        out_.clear();
    }
    return !failed;
}

void ChatCall::pauseIfBehind() {
    if (!paused_ && callId_ != 0 && exchange_->pendingBytes() > kHighWaterBytes) {
        paused_ = true;
        upstream_.pause(callId_);
    }
}

ApiError ChatCall::transportError(const UpstreamResult& result) const {
    ApiError error;
    const QString where = QString::fromUtf8(targetLabel_);
    if (result.timedOut && !result.connectFailed) {
        error.status = 504;
        error.kind = ApiError::Kind::Timeout;
        error.code = "upstream_timeout";
        error.message = tr("Provider for '%1' timed out: %2").arg(where, result.message);
    } else {
        error.status = 502;
        error.kind = ApiError::Kind::Unreachable;
        error.code = "upstream_unreachable";
        error.message = tr("Could not reach the provider for '%1': %2").arg(where, result.message);
    }
    return error;
}

void ChatCall::onDone(const UpstreamResult& result) {
    const auto keep = shared_from_this();
    callId_ = 0;
    if (!exchange_->isOpen())
        return;
    if (streaming_) {
        finishStream(result);
        return;
    }
    if (!exchange_->headSent() && !result.ok()) {
        fail(transportError(result));
        return;
    }
    if (mode_ == Mode::PassThrough) {
        if (result.ok())
            exchange_->end();
        else
            exchange_->abort();  // a whole answer cut short: let the client see it broke
        return;
    }
    finishWhole();
}

void ChatCall::finishWhole() {
    if (upstreamStatus_ < 200 || (upstreamStatus_ >= 300 && upstreamStatus_ < 400)) {
        // Redirects and interim answers are not answers: the base URL is likely wrong.
        fail(badResponse("upstream_bad_response",
                         tr("The provider for '%1' answered with HTTP status %2 instead of an "
                            "answer; check its base_url.")
                             .arg(QString::fromUtf8(targetLabel_))
                             .arg(upstreamStatus_)));
        return;
    }
    if (!upstreamOk_) {
        ApiError error = providerFormat_->decodeError(upstreamStatus_, collected_);
        if (error.retryAfter.isEmpty())
            error.retryAfter = upstreamHeaders_.value("retry-after").toByteArray();
        fail(error);
        return;
    }
    ApiError error;
    std::optional<QByteArray> body;
    if (mode_ == Mode::Mapped) {
        body = mapper_(collected_, error);
    } else {
        QString parseError;
        const std::optional<Json> json = Json::parse(collected_, &parseError);
        ChatResponse response;
        if (!json) {
            error.message = tr("The provider for '%1' answered with something that is not "
                               "JSON (%2): %3")
                                .arg(QString::fromUtf8(targetLabel_), parseError,
                                     QString::fromUtf8(collected_.left(120)));
        } else if (providerFormat_->decodeResponse(*json, response, error)) {
            if (request_->stream) {
                replayAsStream(response);
                return;
            }
            body = clientFormat_.encodeResponse(response).serialize();
        }
    }
    if (!body) {
        error.status = 502;
        error.kind = ApiError::Kind::BadResponse;
        if (error.code.isEmpty())
            error.code = "upstream_bad_response";
        fail(error);
        return;
    }
    HttpHeaders headers = baseHeaders();
    addForwardedHeaders(headers, upstreamHeaders_, false);
    headers.add("content-type", "application/json");
    exchange_->respond(200, headers, *body);
}

void ChatCall::replayAsStream(const ChatResponse& response) {
    beginEventStream();
    events_ = ResponseEvents::fromResponse(response);
    relayEvents();
    endEventStream();
}

void ChatCall::finishStream(const UpstreamResult& result) {
    if (mode_ == Mode::PassThrough) {
        if (result.ok()) {
            exchange_->end();
            return;
        }
        // Bytes already reached the client: say so in the stream, never end it cleanly.
        if (!atEventBoundary_)
            exchange_->write("\n\n");  // end the half-sent event so ours parses on its own
        ApiError error = transportError(result);
        error.code = "stream_interrupted";
        error.message = tr("The provider for '%1' broke off the stream: %2")
                            .arg(QString::fromUtf8(targetLabel_), result.message);
        failStream(error);
        return;
    }
    const bool complete = result.ok() && decoder_->finish(events_);
    if (!relayEvents()) {
        exchange_->end();  // the provider's own error event already went out
        return;
    }
    if (complete) {
        endEventStream();
        return;
    }
    ApiError error = result.ok() ? ApiError{} : transportError(result);
    error.status = 502;
    error.code = "stream_interrupted";
    error.message = result.ok() ? tr("The provider for '%1' ended the stream before the answer "
                                     "was complete.")
                                      .arg(QString::fromUtf8(targetLabel_))
                                : tr("The provider for '%1' broke off the stream: %2")
                                      .arg(QString::fromUtf8(targetLabel_), result.message);
    failStream(error);
}

void ChatCall::failStream(const ApiError& error) {
    std::unique_ptr<StreamEncoder> oneOff;
    StreamEncoder* encoder = encoder_.get();
    if (encoder == nullptr) {
        oneOff = clientFormat_.newStreamEncoder(request_ ? *request_ : ChatRequest{});
        encoder = oneOff.get();
    }
    encoder->fail(error, out_);
    exchange_->write(out_);
    out_.clear();
    exchange_->end();
}

}  // namespace signalbox
