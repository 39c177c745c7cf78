#pragma once

#include "http/RequestHandler.h"
#include "http/UpstreamClient.h"
#include "providers/ProviderEndpoint.h"

#include <QByteArray>

#include <memory>

namespace signalbox {

class ChatFormat;
class SnapshotSlot;
struct ApiError;
struct ProxySnapshot;
struct HttpRequest;

// The inbound API on one worker thread: the OpenAI surface (/v1/chat/completions,
// /v1/completions, /v1/embeddings, /v1/models), the Anthropic surface (/v1/messages,
// /v1/messages/count_tokens) and /health. Reads the running snapshot once per request;
// owns this thread's upstream client.
class ProxyHandler : public RequestHandler {
public:
    explicit ProxyHandler(const SnapshotSlot& snapshots);

    void handle(const std::shared_ptr<HttpExchange>& exchange) override;

private:
    void chat(const std::shared_ptr<HttpExchange>& exchange,
              std::shared_ptr<const ProxySnapshot> snapshot, const QByteArray& requestId,
              const ChatFormat& clientFormat);
    void countTokens(const std::shared_ptr<HttpExchange>& exchange,
                     std::shared_ptr<const ProxySnapshot> snapshot, const QByteArray& requestId);
    void openAiEndpoint(const std::shared_ptr<HttpExchange>& exchange,
                        std::shared_ptr<const ProxySnapshot> snapshot, const QByteArray& requestId,
                        ProviderEndpoint endpoint);
    void models(const std::shared_ptr<HttpExchange>& exchange, const ProxySnapshot& snapshot,
                const QByteArray& requestId);
    void sendError(HttpExchange& exchange, const ChatFormat& format, const ApiError& error,
                   const QByteArray& requestId);

    const SnapshotSlot& snapshots_;
    UpstreamClient upstream_;
    // The formats of the two inbound surfaces.
    const ChatFormat* openAi_;
    const ChatFormat* anthropic_;
};

}  // namespace signalbox
