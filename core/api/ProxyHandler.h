#pragma once

#include "api/AdminApi.h"
#include "api/ClientRequest.h"
#include "api/RequestGate.h"
#include "http/RequestHandler.h"
#include "http/UpstreamClient.h"
#include "providers/ProviderEndpoint.h"
#include "routing/RoutePlanner.h"

#include <QByteArray>

#include <memory>
#include <random>

namespace signalbox {

class ChatCall;
class ChatFormat;
class Governance;
class HealthBoard;
class RequestLog;
class SnapshotSlot;
struct ApiError;
struct ProxySnapshot;
struct HttpRequest;

// The inbound API on one worker thread: the OpenAI surface (/v1/chat/completions,
// /v1/completions, /v1/embeddings, /v1/models), the Anthropic surface (/v1/messages,
// /v1/messages/count_tokens), /health and /metrics. Reads the running snapshot once per request,
// plans where the request may go and hands it to a ChatCall; owns this thread's upstream
// client and route planner.
class ProxyHandler : public RequestHandler {
public:
    ProxyHandler(const SnapshotSlot& snapshots, HealthBoard& health, RequestLog& log,
                 Governance& governance);

    void handle(const std::shared_ptr<HttpExchange>& exchange) override;

private:
    void chat(const std::shared_ptr<HttpExchange>& exchange,
              std::shared_ptr<const ProxySnapshot> snapshot, const QByteArray& requestId,
              const ChatFormat& clientFormat, QByteArray surface);
    void countTokens(const std::shared_ptr<HttpExchange>& exchange,
                     std::shared_ptr<const ProxySnapshot> snapshot, const QByteArray& requestId);
    void openAiEndpoint(const std::shared_ptr<HttpExchange>& exchange,
                        std::shared_ptr<const ProxySnapshot> snapshot, const QByteArray& requestId,
                        ProviderEndpoint endpoint);
    void models(const std::shared_ptr<HttpExchange>& exchange, const ProxySnapshot& snapshot,
                const QByteArray& requestId);
    void sendError(HttpExchange& exchange, const ChatFormat& format, const ApiError& error,
                   const QByteArray& requestId);
    // Web pages and foreign host names are kept out; an allowed origin gets CORS headers
    // and its preflight answered. False when the request was answered here.
    bool admitOrigin(const std::shared_ptr<HttpExchange>& exchange, const Config& config,
                     const ChatFormat& format, const QByteArray& requestId);
    // /metrics, behind the admin token wherever virtual keys are required.
    void metrics(const std::shared_ptr<HttpExchange>& exchange, const ProxySnapshot& snapshot,
                 const QByteArray& requestId);
    // The call for this request and the client's request read, or nothing when the
    // client was answered with an error.
    std::shared_ptr<ChatCall> newCall(const std::shared_ptr<HttpExchange>& exchange,
                                      std::shared_ptr<const ProxySnapshot> snapshot,
                                      const QByteArray& requestId, const ChatFormat& clientFormat,
                                      QByteArray surface, std::optional<ClientRequest>& request,
                                      std::optional<RoutePlan>& plan);

    const SnapshotSlot& snapshots_;
    HealthBoard& health_;
    RequestLog& log_;
    Governance& governance_;
    RequestGate gate_;
    UpstreamClient upstream_;
    AdminApi admin_;
    std::mt19937 random_;
    RoutePlanner planner_;
    // The formats of the two inbound surfaces.
    const ChatFormat* openAi_;
    const ChatFormat* anthropic_;
};

}  // namespace signalbox
