#pragma once

#include "http/HttpWorker.h"
#include "http/ServerLimits.h"

#include <QHostAddress>
#include <QObject>

#include <functional>
#include <memory>
#include <vector>

class QThread;
class QTimer;

namespace signalbox {

class TcpAcceptor;

// The inbound HTTP/1.1 server: N worker threads, each with its own event loop,
// and an acceptor (on the first worker's thread) that hands accepted connections
// to the workers round-robin.
class HttpServer : public QObject {
    Q_OBJECT
public:
    HttpServer(HttpWorker::HandlerFactory factory, const ServerLimits& limits, int workers,
               QObject* parent = nullptr);
    ~HttpServer() override;

    // Blocks until the socket listens or fails; port 0 picks a free port.
    bool listen(const QHostAddress& address, quint16 port, QString* error);
    quint16 port() const { return port_; }
    int workerCount() const { return static_cast<int>(workers_.size()); }
    int activeExchanges() const;
    int connectionCount() const;

    // Stops accepting, lets in-flight exchanges finish, closes idle connections;
    // `done` runs on this object's thread once all is closed or the timeout hits.
    void drain(int timeoutMs, std::function<void()> done);

private:
    void stopListening();
    void finishDrain();

    std::vector<QThread*> threads_;
    std::vector<HttpWorker*> workers_;
    TcpAcceptor* acceptor_ = nullptr;
    quint16 port_ = 0;
    size_t next_ = 0;
    int drainedWorkers_ = 0;
    QTimer* drainTimer_ = nullptr;
    std::function<void()> drainDone_;
};

}  // namespace signalbox
