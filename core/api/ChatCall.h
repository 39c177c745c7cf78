#pragma once

#include "engine/ProxySnapshot.h"
#include "http/UpstreamClient.h"
#include "providers/ApiError.h"
#include "providers/ChatRequest.h"
#include "providers/ChatResponse.h"
#include "providers/LocalResponder.h"
#include "providers/ProviderEndpoint.h"
#include "providers/StreamEvent.h"
#include "routing/ModelResolver.h"

#include <QByteArray>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace signalbox {

class ChatFormat;
class HttpExchange;
class ProviderAdapter;
class StreamDecoder;
class StreamEncoder;

// One proxied call to one provider, in one of three modes:
//  - pass-through: client and provider speak the same format; the body goes out with
//    only the model rewritten and the answer comes back byte for byte, chunk by chunk;
//  - chat translation: the canonical request is written in the provider's format, and
//    its answer (whole or streamed) read back and written in the client's;
//  - mapped: a small whole-body call (token counts, embeddings) whose answer a
//    function turns into the client's shape.
// Errors reach the client in its own format, the provider's message kept. Owns itself
// through the upstream callbacks.
class ChatCall : public std::enable_shared_from_this<ChatCall> {
public:
    // Turns a provider's successful whole answer into the client's body.
    using ResponseMapper =
        std::function<std::optional<QByteArray>(const QByteArray& body, ApiError& error)>;

    ChatCall(std::shared_ptr<HttpExchange> exchange, std::shared_ptr<const ProxySnapshot> snapshot,
             UpstreamClient& upstream, QByteArray requestId, const ChatFormat& clientFormat);

    void passThrough(const ResolvedTarget& target, ProviderEndpoint endpoint, QByteArray body,
                     bool stream);
    void translate(const ResolvedTarget& target, std::shared_ptr<ChatRequest> request);
    void mapped(const ResolvedTarget& target, ProviderEndpoint endpoint, QByteArray body,
                const QStringList& dropped, ResponseMapper mapper);

    // Answers the client with `error` before any upstream call.
    void fail(const ApiError& error);

private:
    enum class Mode { PassThrough, Translate, Mapped };

    void start(const ResolvedTarget& target, ProviderEndpoint endpoint, QByteArray body,
               bool stream);
    void setDropped(QStringList dropped);
    void cancelUpstream();
    void onHead(int status, const HttpHeaders& headers);
    void onData(QByteArrayView data);
    void onDone(const UpstreamResult& result);
    bool relayEvents();  // false when the stream failed and the client was told
    void finishWhole();
    void replayAsStream(const ChatResponse& response);
    void beginEventStream();  // the client's stream head; encoder_ made for it
    void endEventStream();    // the format's clean end
    void finishStream(const UpstreamResult& result);
    void failStream(const ApiError& error);
    void pauseIfBehind();
    ApiError transportError(const UpstreamResult& result) const;
    HttpHeaders baseHeaders() const;

    std::shared_ptr<HttpExchange> exchange_;
    std::shared_ptr<const ProxySnapshot> snapshot_;  // keeps the target's config alive
    UpstreamClient& upstream_;
    QByteArray requestId_;
    const ChatFormat& clientFormat_;
    const ChatFormat* providerFormat_ = nullptr;
    const ProviderAdapter* adapter_ = nullptr;
    Mode mode_ = Mode::PassThrough;
    std::shared_ptr<const ChatRequest> request_;  // Translate
    ResponseMapper mapper_;                       // Mapped
    QByteArray targetLabel_;
    QByteArray dropped_;  // x-signalbox-dropped
    UpstreamClient::CallId callId_ = 0;
    LocalResponder::Ptr local_;  // providers that answer in-process
    int attempts_ = 0;
    int upstreamStatus_ = 0;
    bool upstreamOk_ = false;  // 2xx
    bool streaming_ = false;   // relaying an event stream as it comes
    bool paused_ = false;
    bool atEventBoundary_ = true;  // pass-through: the last byte out ended an SSE event
    QByteArray collected_;         // whole answers and error bodies, read to the end
    HttpHeaders upstreamHeaders_;  // of a collected answer, for what to pass on
    std::unique_ptr<StreamDecoder> decoder_;
    std::unique_ptr<StreamEncoder> encoder_;
    std::vector<StreamEvent> events_;
    QByteArray out_;
};

}  // namespace signalbox
