#pragma once

#include "http/HttpHeaders.h"
#include "http/HttpRequest.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

namespace signalbox {

class HttpConnection;

// One request and its response. The handler holds it (shared) for as long as it
// needs; when the client goes away first, writes become no-ops and the
// client-gone callback fires so the handler can cancel upstream work at once.
class HttpExchange {
public:
    HttpExchange(HttpConnection* connection, HttpRequest request);
    HttpExchange(const HttpExchange&) = delete;
    HttpExchange& operator=(const HttpExchange&) = delete;

    const HttpRequest& request() const { return request_; }
    // Frees the body when a handler has made what it needs of it (long streams).
    void releaseRequestBody() { request_.body = QByteArray(); }

    // A complete response with Content-Length.
    void respond(int status, const HttpHeaders& headers, QByteArrayView body);
    // A response whose body follows in pieces: chunked on HTTP/1.1 unless the
    // length is known in advance.
    void beginStream(int status, const HttpHeaders& headers, qint64 contentLength = -1);
    void write(QByteArrayView data);
    // The head waits to go out with the body's first bytes, in one write; a caller whose
    // first bytes may be long in coming sends it now, so the client sees the answer begin.
    void flush();
    void end();
    // Ends the exchange without a proper end: the connection is closed, so the
    // client sees a truncated response rather than a clean one.
    void abort();

    bool isOpen() const { return connection_ != nullptr && !finished_; }
    bool headSent() const { return headSent_; }
    // Bytes written but not yet taken by the client's socket.
    qint64 pendingBytes() const;

    // A header every response of this exchange carries, whoever writes it (CORS, rate
    // limits).
    void addResponseHeader(QByteArray name, QByteArray value) {
        extraHeaders_.add(std::move(name), std::move(value));
    }

    void setClientGoneHandler(std::function<void()> handler) { onClientGone_ = std::move(handler); }
    // Called when pendingBytes() falls back under the low-water mark.
    void setDrainedHandler(std::function<void()> handler) { onDrained_ = std::move(handler); }

private:
    friend class HttpConnection;
    void detach();  // the connection is gone
    void notifyDrained();
    void releaseHandlers();
    void finish(bool aborted);
    void writeHead(int status, const HttpHeaders& headers, qint64 contentLength);

    HttpConnection* connection_;
    HttpRequest request_;
    bool headSent_ = false;
    bool chunked_ = false;
    bool finished_ = false;
    HttpHeaders extraHeaders_;
    std::function<void()> onClientGone_;
    std::function<void()> onDrained_;
};

}  // namespace signalbox
