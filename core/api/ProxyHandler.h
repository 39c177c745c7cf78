#pragma once

#include "http/RequestHandler.h"
#include "http/UpstreamClient.h"

#include <QByteArray>

namespace signalbox {

class SnapshotSlot;
struct ProxySnapshot;
struct HttpRequest;

// The inbound API on one worker thread: /v1/chat/completions, /v1/models,
// /health. Reads the running snapshot once per request; owns this thread's
// upstream client.
class ProxyHandler : public RequestHandler {
public:
    explicit ProxyHandler(const SnapshotSlot& snapshots);

    void handle(const std::shared_ptr<HttpExchange>& exchange) override;

private:
    void chatCompletions(const std::shared_ptr<HttpExchange>& exchange,
                         std::shared_ptr<const ProxySnapshot> snapshot,
                         const QByteArray& requestId);
    void models(const std::shared_ptr<HttpExchange>& exchange, const ProxySnapshot& snapshot,
                const QByteArray& requestId);

    const SnapshotSlot& snapshots_;
    UpstreamClient upstream_;
};

}  // namespace signalbox
