#include "http/HttpExchange.h"

#include "http/HttpConnection.h"

namespace signalbox {

HttpExchange::HttpExchange(HttpConnection* connection, HttpRequest request)
    : connection_(connection), request_(std::move(request)) {}

void HttpExchange::respond(int status, const HttpHeaders& headers, QByteArrayView body) {
    if (!isOpen() || headSent_) {
        return;
    }
    writeHead(status, headers, body.size());
    if (request_.method != "HEAD") {
        connection_->writeBody(body, false);
    }
    end();
}

void HttpExchange::beginStream(int status, const HttpHeaders& headers, qint64 contentLength) {
    if (!isOpen() || headSent_) {
        return;
    }
    writeHead(status, headers, contentLength);
}

void HttpExchange::writeHead(int status, const HttpHeaders& headers, qint64 contentLength) {
    headSent_ = true;
    if (extraHeaders_.isEmpty()) {
        connection_->writeHead(status, headers, contentLength, &chunked_);
        return;
    }
    HttpHeaders all = headers;
    for (const auto& [name, value] : extraHeaders_.fields())
        all.add(name, value);
    connection_->writeHead(status, all, contentLength, &chunked_);
}

void HttpExchange::write(QByteArrayView data) {
    if (isOpen() && headSent_) {
        connection_->writeBody(data, chunked_);
    }
}

void HttpExchange::flush() {
    if (isOpen() && headSent_) {
        connection_->flushOut();
    }
}

void HttpExchange::end() {
    finish(false);
}

void HttpExchange::abort() {
    finish(true);
}

void HttpExchange::finish(bool aborted) {
    if (!isOpen()) {
        return;
    }
    finished_ = true;
    releaseHandlers();
    HttpConnection* c = connection_;
    connection_ = nullptr;
    c->finishExchange(chunked_, aborted);
}

qint64 HttpExchange::pendingBytes() const {
    return isOpen() ? connection_->pendingBytes() : 0;
}

void HttpExchange::detach() {
    connection_ = nullptr;
    auto gone = std::move(onClientGone_);
    const bool wasOpen = !finished_;
    finished_ = true;
    releaseHandlers();
    if (wasOpen && gone) {
        gone();
    }
}

void HttpExchange::releaseHandlers() {
    // The handlers usually capture the handler's call state, which holds this
    // exchange: dropping them here breaks that cycle.
    onClientGone_ = nullptr;
    onDrained_ = nullptr;
}

void HttpExchange::notifyDrained() {
    if (onDrained_) {
        onDrained_();
    }
}

}  // namespace signalbox
