#pragma once

#include "http/ServerLimits.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <unordered_set>

class QTimer;

namespace signalbox {

class HttpConnection;
class RequestHandler;

// One proxy worker: lives on its own thread with its own event loop, owns the
// client connections handed to it and one request handler (and so one upstream
// client) that only this thread touches.
class HttpWorker : public QObject {
    Q_OBJECT
public:
    using HandlerFactory = std::function<std::unique_ptr<RequestHandler>()>;

    HttpWorker(HandlerFactory factory, const ServerLimits& limits);
    ~HttpWorker() override;

    // Thread-safe: counts read by the server and the UI.
    int connectionCount() const { return connections_.load(std::memory_order_relaxed); }
    int activeExchanges() const { return active_.load(std::memory_order_relaxed); }

public slots:
    // Run on the worker's thread.
    void start();
    void adopt(qintptr descriptor);
    void closeIdleAndDrain();
    void closeAll();

signals:
    void drained();  // after closeIdleAndDrain(), once no connection is left

private:
    void forget(HttpConnection* connection);

    HandlerFactory factory_;
    ServerLimits limits_;
    std::unique_ptr<RequestHandler> handler_;
    std::unordered_set<HttpConnection*> open_;
    std::atomic<int> connections_{0};
    std::atomic<int> active_{0};
    bool draining_ = false;
    // Runs once the worker has had no exchange for this long.
    QTimer* idle_ = nullptr;
    static constexpr int kIdleReleaseMs = 300;
};

}  // namespace signalbox
