#include "http/HttpWorker.h"

#include "http/FreeMemory.h"
#include "http/HttpConnection.h"
#include "http/RequestHandler.h"

#include <QTimer>

#include <unistd.h>

namespace signalbox {

HttpWorker::HttpWorker(HandlerFactory factory, const ServerLimits& limits)
    : factory_(std::move(factory)), limits_(limits) {}

HttpWorker::~HttpWorker() {
    // Connections reference the handler: they go first.
    closeAll();
}

void HttpWorker::start() {
    handler_ = factory_();
    // Made here, on the worker's thread, where it runs.
    idle_ = new QTimer(this);
    idle_->setSingleShot(true);
    idle_->setInterval(kIdleReleaseMs);
    connect(idle_, &QTimer::timeout, this, [this] {
        if (active_.load(std::memory_order_relaxed) == 0)
            releaseFreeMemory();
    });
}

void HttpWorker::adopt(qintptr descriptor) {
    if (draining_ || !handler_) {
        ::close(static_cast<int>(descriptor));
        return;
    }
    auto* connection = new HttpConnection(descriptor, limits_, *handler_, this);
    if (!connection->isValid()) {
        delete connection;
        return;
    }
    open_.insert(connection);
    connections_.fetch_add(1, std::memory_order_relaxed);
    connect(connection, &HttpConnection::exchangeStarted, this,
            [this] { active_.fetch_add(1, std::memory_order_relaxed); });
    connect(connection, &HttpConnection::exchangeFinished, this, [this] {
        noteExchangeFinished();
        if (active_.fetch_sub(1, std::memory_order_relaxed) == 1)
            idle_->start();  // the last one: free memory back to the system if it stays so
    });
    connect(connection, &HttpConnection::closed, this, [this, connection] { forget(connection); });
}

void HttpWorker::forget(HttpConnection* connection) {
    if (open_.erase(connection) == 0) {
        return;
    }
    connections_.fetch_sub(1, std::memory_order_relaxed);
    connection->deleteLater();
    if (draining_ && open_.empty()) {
        emit drained();
    }
}

void HttpWorker::closeIdleAndDrain() {
    draining_ = true;
    if (open_.empty()) {
        emit drained();
        return;
    }
    // Copy: closing may remove entries.
    const auto snapshot = open_;
    for (HttpConnection* c : snapshot) {
        c->closeWhenIdle();
    }
}

void HttpWorker::closeAll() {
    const auto snapshot = open_;
    for (HttpConnection* c : snapshot) {
        open_.erase(c);
        delete c;
    }
    connections_.store(0, std::memory_order_relaxed);
    active_.store(0, std::memory_order_relaxed);
    handler_.reset();
}

}  // namespace signalbox
