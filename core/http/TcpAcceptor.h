#pragma once

#include <QTcpServer>

#include <functional>

namespace signalbox {

// The listening socket. It only accepts: each descriptor goes straight to a
// worker thread, which creates the socket object there.
class TcpAcceptor : public QTcpServer {
    Q_OBJECT
public:
    using Dispatch = std::function<void(qintptr)>;
    explicit TcpAcceptor(Dispatch dispatch, QObject* parent = nullptr)
        : QTcpServer(parent), dispatch_(std::move(dispatch)) {}

protected:
    void incomingConnection(qintptr descriptor) override { dispatch_(descriptor); }

private:
    Dispatch dispatch_;
};

}  // namespace signalbox
