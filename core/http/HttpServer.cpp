#include "http/HttpServer.h"

#include "http/TcpAcceptor.h"

#include <QCoreApplication>
#include <QThread>
#include <QTimer>

namespace signalbox {

HttpServer::HttpServer(HttpWorker::HandlerFactory factory, const ServerLimits& limits, int workers,
                       QObject* parent)
    : QObject(parent) {
    if (workers <= 0) {
        workers = std::max(1, QThread::idealThreadCount());
    }
    for (int i = 0; i < workers; ++i) {
        auto* thread = new QThread;
        thread->setObjectName(QStringLiteral("signalbox-worker-%1").arg(i));
        auto* worker = new HttpWorker(factory, limits);
        worker->moveToThread(thread);
        connect(thread, &QThread::started, worker, &HttpWorker::start);
        connect(worker, &HttpWorker::drained, this, [this] {
            if (++drainedWorkers_ == static_cast<int>(workers_.size())) {
                finishDrain();
            }
        });
        threads_.push_back(thread);
        workers_.push_back(worker);
        thread->start();
    }
    // Accept on the first worker's thread, never on the caller's (the GUI thread).
    acceptor_ = new TcpAcceptor([this](qintptr fd) {
        HttpWorker* w = workers_[next_++ % workers_.size()];
        if (w->thread() == QThread::currentThread()) {
            w->adopt(fd);
        } else {
            QMetaObject::invokeMethod(
                w, [w, fd] { w->adopt(fd); }, Qt::QueuedConnection);
        }
    });
    acceptor_->moveToThread(threads_.front());
}

HttpServer::~HttpServer() {
    stopListening();
    QMetaObject::invokeMethod(
        acceptor_, [a = acceptor_] { delete a; }, Qt::BlockingQueuedConnection);
    for (size_t i = 0; i < workers_.size(); ++i) {
        HttpWorker* w = workers_[i];
        QMetaObject::invokeMethod(
            w, [w] { delete w; }, Qt::BlockingQueuedConnection);
        threads_[i]->quit();
        threads_[i]->wait();
        delete threads_[i];
    }
}

bool HttpServer::listen(const QHostAddress& address, quint16 port, QString* error) {
    bool ok = false;
    QString reason;
    quint16 bound = 0;
    QMetaObject::invokeMethod(
        acceptor_,
        [&] {
            // The kernel's queue of connections not yet accepted: Qt's default of 50
            // turns a burst of clients into retries.
            acceptor_->setListenBacklogSize(4096);
            ok = acceptor_->listen(address, port);
            if (ok) {
                bound = acceptor_->serverPort();
            } else {
                reason = acceptor_->errorString();
            }
        },
        Qt::BlockingQueuedConnection);
    port_ = bound;
    if (!ok && error) {
        *error = tr("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(reason);
    }
    return ok;
}

void HttpServer::stopListening() {
    QMetaObject::invokeMethod(
        acceptor_, [a = acceptor_] { a->close(); }, Qt::BlockingQueuedConnection);
}

int HttpServer::activeExchanges() const {
    int n = 0;
    for (const HttpWorker* w : workers_)
        n += w->activeExchanges();
    return n;
}

int HttpServer::connectionCount() const {
    int n = 0;
    for (const HttpWorker* w : workers_)
        n += w->connectionCount();
    return n;
}

void HttpServer::drain(int timeoutMs, std::function<void()> done) {
    stopListening();
    drainDone_ = std::move(done);
    drainedWorkers_ = 0;
    drainTimer_ = new QTimer(this);
    drainTimer_->setSingleShot(true);
    connect(drainTimer_, &QTimer::timeout, this, &HttpServer::finishDrain);
    drainTimer_->start(timeoutMs);
    for (HttpWorker* w : workers_) {
        QMetaObject::invokeMethod(w, &HttpWorker::closeIdleAndDrain, Qt::QueuedConnection);
    }
}

void HttpServer::finishDrain() {
    if (!drainDone_) {
        return;
    }
    if (drainTimer_) {
        drainTimer_->stop();
    }
    auto done = std::move(drainDone_);
    drainDone_ = nullptr;
    done();
}

}  // namespace signalbox
