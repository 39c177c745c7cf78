#pragma once

#include "api/OpenAiError.h"
#include "engine/ProxySnapshot.h"
#include "http/UpstreamClient.h"
#include "routing/ModelResolver.h"

#include <QByteArray>

#include <memory>

namespace signalbox {

class HttpExchange;

// One OpenAI-format call forwarded to an OpenAI-compatible provider: the body
// goes out with only the model name rewritten, the answer comes back chunk by
// chunk as it arrives. Owns itself through the upstream callbacks.
class ChatPassThrough : public std::enable_shared_from_this<ChatPassThrough> {
public:
    ChatPassThrough(std::shared_ptr<HttpExchange> exchange,
                    std::shared_ptr<const ProxySnapshot> snapshot, UpstreamClient& upstream,
                    QByteArray requestId);

    // `upstreamPath` is appended to the provider's base URL, e.g. "/chat/completions".
    void start(const ResolvedTarget& target, QByteArray body, QByteArrayView upstreamPath);

private:
    void onHead(int status, const HttpHeaders& headers);
    void onData(QByteArrayView data);
    void onDone(const UpstreamResult& result);
    void onClientGone();
    void fail(const OpenAiError& error);
    HttpHeaders baseHeaders() const;

    std::shared_ptr<HttpExchange> exchange_;
    std::shared_ptr<const ProxySnapshot> snapshot_;  // keeps the target's config alive
    UpstreamClient& upstream_;
    QByteArray requestId_;
    QByteArray targetLabel_;
    QString providerId_;
    UpstreamClient::CallId callId_ = 0;
    int attempts_ = 0;  // upstream calls made, for x-signalbox-attempts
    bool streaming_ = false;
    bool paused_ = false;
    bool atEventBoundary_ = true;  // the last forwarded byte ended an SSE event
};

}  // namespace signalbox
