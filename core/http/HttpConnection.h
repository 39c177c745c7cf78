#pragma once

#include "http/HttpRequest.h"
#include "http/ServerLimits.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <memory>

struct http_parser;
class QTcpSocket;

namespace signalbox {

class HttpExchange;
class RequestHandler;

// One client connection on a worker thread: reads and frames requests with
// http-parser, enforces the limits, hands complete requests to the handler one
// at a time (pipelined requests wait their turn) and writes responses.
class HttpConnection : public QObject {
    Q_OBJECT
public:
    HttpConnection(qintptr descriptor, const ServerLimits& limits, RequestHandler& handler,
                   QObject* parent = nullptr);
    ~HttpConnection() override;

    bool isValid() const { return socket_ != nullptr; }
    bool isBusy() const { return exchange_ != nullptr; }
    // Finish the request in progress, if any, then close (used when draining).
    void closeWhenIdle();

    // Used by HttpExchange.
    void writeHead(int status, const HttpHeaders& headers, qint64 contentLength, bool* chunked);
    void writeBody(QByteArrayView data, bool chunked);
    void finishExchange(bool chunked, bool aborted);
    qint64 pendingBytes() const;
    // Sends a head that waits for the body's first bytes now.
    void flushOut();

signals:
    void exchangeStarted();
    void exchangeFinished();
    void closed();

private:
    friend struct HttpConnectionCallbacks;

    void onReadyRead();
    void onBytesWritten();
    void onDisconnected();
    void onDeadline();
    void takeInput();
    void processInput();
    void parseAvailable();
    void dispatch();
    void fail(int status, const QByteArray& code, const QString& message);
    void armDeadline(int ms);
    void send(QByteArrayView data);
    void lingerThenClose();
    void close();

    QTcpSocket* socket_ = nullptr;
    ServerLimits limits_;
    RequestHandler& handler_;
    std::unique_ptr<http_parser> parser_;
    QTimer deadline_;
    QByteArray input_;

    // The request being parsed.
    HttpRequest request_;
    QByteArray headerField_;
    QByteArray headerValue_;
    bool lastWasValue_ = false;
    qint64 headerBytes_ = 0;
    int failStatus_ = 0;  // set by a parser callback that stops parsing
    bool messageComplete_ = false;
    bool inMessage_ = false;
    bool headComplete_ =
        false;  // of the request being parsed  // between the first byte of a request and its end

    // Bytes to send: the head from writeHead() until the body's first bytes join it.
    QByteArray out_;
    std::shared_ptr<HttpExchange> exchange_;
    bool closeAfterResponse_ = false;
    bool closing_ = false;
    bool lingering_ = false;  // error sent; reading and discarding until the client closes
    bool processing_ = false;
    bool again_ = false;
};

}  // namespace signalbox
