#include "http/HttpConnection.h"

#include "http/HttpExchange.h"
#include "http/HttpStatus.h"
#include "http/RequestHandler.h"
#include "json/JsonScanner.h"

#include <QCoreApplication>
#include <QTcpSocket>

#include <http_parser.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cstring>

namespace signalbox {

namespace {
// A response that the client does not read is paused upstream once this much
// waits in the socket, and resumed below the low mark.
constexpr qint64 kLowWaterBytes = 64 * 1024;
constexpr qint64 kReadBufferBytes = 1024 * 1024;
constexpr int kLingerMs = 2000;
// An idle connection keeps an input buffer up to this size for its next request.
constexpr qsizetype kKeptInputBytes = 16 * 1024;
// A body up to this size is copied after the head (or its chunk size) and sent in one write.
constexpr qsizetype kCopiedBodyBytes = 64 * 1024;

bool hasForbiddenByte(QByteArrayView value) {
    for (const char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            return true;
        }
    }
    return false;
}
}  // namespace

// http-parser's C callbacks, with access to the connection's parse state.
struct HttpConnectionCallbacks {
    static HttpConnection* self(http_parser* p) { return static_cast<HttpConnection*>(p->data); }

    static bool countHeaderBytes(HttpConnection* c, size_t n) {
        c->headerBytes_ += static_cast<qint64>(n);
        if (c->headerBytes_ > c->limits_.maxHeaderBytes) {
            c->failStatus_ = 431;
            return false;
        }
        return true;
    }

    static int onMessageBegin(http_parser* p) {
        HttpConnection* c = self(p);
        c->request_ = HttpRequest{};
        c->headerField_.clear();
        c->headerValue_.clear();
        c->lastWasValue_ = false;
        c->headerBytes_ = 0;
        c->inMessage_ = true;
        c->headComplete_ = false;
        c->armDeadline(c->limits_.headerTimeoutMs);
        return 0;
    }
    static int onUrl(http_parser* p, const char* at, size_t n) {
        HttpConnection* c = self(p);
        if (!countHeaderBytes(c, n))
            return 1;
        c->request_.target.append(at, static_cast<qsizetype>(n));
        return 0;
    }
    static void flushHeader(HttpConnection* c) {
        if (!c->headerField_.isEmpty()) {
            c->request_.headers.add(std::move(c->headerField_), std::move(c->headerValue_));
            c->headerField_ = QByteArray();
            c->headerValue_ = QByteArray();
        }
    }
    static int onHeaderField(http_parser* p, const char* at, size_t n) {
        HttpConnection* c = self(p);
        if (!countHeaderBytes(c, n))
            return 1;
        if (c->lastWasValue_) {
            flushHeader(c);
            c->lastWasValue_ = false;
        }
        c->headerField_.append(at, static_cast<qsizetype>(n));
        return 0;
    }
    static int onHeaderValue(http_parser* p, const char* at, size_t n) {
        HttpConnection* c = self(p);
        if (!countHeaderBytes(c, n))
            return 1;
        c->lastWasValue_ = true;
        c->headerValue_.append(at, static_cast<qsizetype>(n));
        return 0;
    }
    // Here an error is -1: http-parser reads 1 as "no body follows", not as a refusal.
    static int onHeadersComplete(http_parser* p) {
        HttpConnection* c = self(p);
        flushHeader(c);
        HttpRequest& r = c->request_;
        for (const auto& [name, value] : r.headers.fields()) {
            if (hasForbiddenByte(name) || hasForbiddenByte(value)) {
                c->failStatus_ = 400;
                return -1;
            }
        }
        // Request smuggling defences: a message may be framed one way only.
        if (r.headers.contains("transfer-encoding") &&
            (r.headers.contains("content-length") || r.headers.count("transfer-encoding") > 1)) {
            c->failStatus_ = 400;
            return -1;
        }
        if (r.headers.count("content-length") > 1) {
            c->failStatus_ = 400;
            return -1;
        }
        if (!(p->flags & F_CHUNKED) && r.headers.contains("content-length") &&
            static_cast<qint64>(p->content_length) > c->limits_.maxBodyBytes) {
            c->failStatus_ = 413;
            return -1;
        }
        // A static string: wrapped, not copied, per request.
        const char* name = http_method_str(static_cast<http_method>(p->method));
        r.method = QByteArray::fromRawData(name, static_cast<qsizetype>(std::strlen(name)));
        r.versionMinor = p->http_minor;
        const qsizetype q = r.target.indexOf('?');
        r.path = q < 0 ? r.target : r.target.left(q);
        if (r.headers.value("expect").compare("100-continue", Qt::CaseInsensitive) == 0) {
            c->socket_->write("HTTP/1.1 100 Continue\r\n\r\n");
        }
        c->headComplete_ = true;
        return 0;
    }
    static int onBody(http_parser* p, const char* at, size_t n) {
        HttpConnection* c = self(p);
        if (c->request_.body.size() + static_cast<qint64>(n) > c->limits_.maxBodyBytes) {
            c->failStatus_ = 413;
            return 1;
        }
        if (c->request_.body.isEmpty() && !(p->flags & F_CHUNKED) && p->content_length > 0) {
            c->request_.body.reserve(static_cast<qsizetype>(p->content_length + n));
        }
        c->request_.body.append(at, static_cast<qsizetype>(n));
        return 0;
    }
    static int onMessageComplete(http_parser* p) {
        HttpConnection* c = self(p);
        c->request_.keepAlive = http_should_keep_alive(p) != 0;
        c->messageComplete_ = true;
        c->inMessage_ = false;
        c->deadline_.stop();
        http_parser_pause(p, 1);  // one request at a time; the rest waits in input_
        return 0;
    }

    static const http_parser_settings& settings() {
        static const http_parser_settings s = [] {
            http_parser_settings v{};
            v.on_message_begin = onMessageBegin;
            v.on_url = onUrl;
            v.on_header_field = onHeaderField;
            v.on_header_value = onHeaderValue;
            v.on_headers_complete = onHeadersComplete;
            v.on_body = onBody;
            v.on_message_complete = onMessageComplete;
            return v;
        }();
        return s;
    }
};

HttpConnection::HttpConnection(qintptr descriptor, const ServerLimits& limits,
                               RequestHandler& handler, QObject* parent)
    : QObject(parent),
      limits_(limits),
      handler_(handler),
      parser_(std::make_unique<http_parser>()) {
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(static_cast<int>(descriptor));
        return;
    }
    socket_ = socket;
    socket_->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // While a request is answered, what the client sends next waits in this
    // buffer; past it the kernel pushes back instead of our memory growing.
    socket_->setReadBufferSize(kReadBufferBytes);
    http_parser_init(parser_.get(), HTTP_REQUEST);
    parser_->data = this;
    deadline_.setSingleShot(true);
    connect(&deadline_, &QTimer::timeout, this, &HttpConnection::onDeadline);
    connect(socket_, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket_, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(socket_, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    armDeadline(limits_.idleTimeoutMs);
    if (socket_->bytesAvailable() > 0) {
        onReadyRead();
    }
}

HttpConnection::~HttpConnection() {
    if (exchange_) {
        exchange_->detach();
    }
}

void HttpConnection::armDeadline(int ms) {
    deadline_.start(ms);
}

void HttpConnection::onReadyRead() {
    if (lingering_) {
        socket_->readAll();  // discarded: the answer is already out
        return;
    }
    if (exchange_) {
        return;  // pipelined bytes stay in the socket's bounded buffer until our turn
    }
    takeInput();
    processInput();
}

void HttpConnection::takeInput() {
    // Exactly what came: readAll() would hand over a buffer of a read chunk's size (16 KiB
    // or more), which input_ would keep as long as the connection lives.
    if (!socket_)
        return;
    const qint64 available = socket_->bytesAvailable();
    if (available <= 0)
        return;
    const qsizetype at = input_.size();
    input_.resize(at + available);
    const qint64 got = socket_->read(input_.data() + at, available);
    input_.resize(at + std::max<qint64>(got, 0));
}

void HttpConnection::processInput() {
    if (processing_) {
        again_ = true;
        return;
    }
    processing_ = true;
    do {
        again_ = false;
        parseAvailable();
    } while (again_ && socket_ && !exchange_);
    processing_ = false;
}

void HttpConnection::parseAvailable() {
    if (exchange_ || !socket_ || closing_ || input_.isEmpty()) {
        return;
    }
    if (HTTP_PARSER_ERRNO(parser_.get()) == HPE_PAUSED) {
        http_parser_pause(parser_.get(), 0);
    }
    const size_t n = http_parser_execute(parser_.get(), &HttpConnectionCallbacks::settings(),
                                         input_.constData(), static_cast<size_t>(input_.size()));
    const auto err = static_cast<http_errno>(HTTP_PARSER_ERRNO(parser_.get()));
    if (err != HPE_OK && err != HPE_PAUSED) {
        input_.clear();
        if (failStatus_ == 413) {
            fail(413, "request_too_large",
                 tr("The request body is larger than the limit of %1 bytes.")
                     .arg(limits_.maxBodyBytes));
        } else if (failStatus_ == 431 || err == HPE_HEADER_OVERFLOW) {
            fail(431, "request_header_fields_too_large",
                 tr("The request head is larger than the limit of %1 bytes.")
                     .arg(limits_.maxHeaderBytes));
        } else {
            fail(400, "bad_request",
                 tr("The request is not valid HTTP/1.1: %1.")
                     .arg(QString::fromLatin1(http_errno_description(err))));
        }
        return;
    }
    input_.remove(0, static_cast<qsizetype>(n));
    if (input_.isEmpty() && input_.capacity() > kKeptInputBytes)
        input_ = QByteArray();  // a large upload's buffer is not kept for the next request
    if (inMessage_ && headComplete_) {
        // The head is in, the body is not: it only has to keep moving. Once per
        // read, not per callback: restarting a timer is not free.
        armDeadline(limits_.idleTimeoutMs);
    }
    if (messageComplete_) {
        messageComplete_ = false;
        dispatch();
    }
}

void HttpConnection::dispatch() {
    closeAfterResponse_ = !request_.keepAlive || closing_;
    request_.peer = socket_->peerAddress();
    exchange_ = std::make_shared<HttpExchange>(this, std::move(request_));
    request_ = HttpRequest{};
    emit exchangeStarted();
    // Keep the exchange alive through the call even if the handler finishes it.
    const std::shared_ptr<HttpExchange> exchange = exchange_;
    handler_.handle(exchange);
}

void HttpConnection::writeHead(int status, const HttpHeaders& headers, qint64 contentLength,
                               bool* chunked) {
    QByteArray head;
    head.reserve(256);
    head.append("HTTP/1.1 ").append(QByteArray::number(status)).append(' ');
    head.append(httpReasonPhrase(status)).append("\r\n");
    for (const auto& [name, value] : headers.fields()) {
        head.append(name).append(": ").append(value).append("\r\n");
    }
    *chunked = false;
    if (contentLength >= 0) {
        head.append("Content-Length: ").append(QByteArray::number(contentLength)).append("\r\n");
    } else if (exchange_ && exchange_->request().versionMinor >= 1) {
        head.append("Transfer-Encoding: chunked\r\n");
        *chunked = true;
    } else {
        closeAfterResponse_ = true;  // HTTP/1.0: the end of the body is the end of the connection
    }
    if (closeAfterResponse_) {
        head.append("Connection: close\r\n");
    } else if (exchange_ && exchange_->request().versionMinor == 0) {
        head.append("Connection: keep-alive\r\n");
    }
    head.append("\r\n");
    // Sent with the body's first bytes (or by finishExchange(), or flushOut() when they
    // may be long in coming): one write for both.
    out_ = std::move(head);
}

void HttpConnection::flushOut() {
    send(out_);
    out_.resize(0);
}

void HttpConnection::writeBody(QByteArrayView data, bool chunked) {
    if (!socket_ || data.isEmpty()) {
        return;
    }
    // out_ holds the head if it is not sent yet; this write's framing joins it.
    if (chunked) {
        char sizeLine[20];
        const int len = std::snprintf(sizeLine, sizeof sizeLine, "%llx\r\n",
                                      static_cast<unsigned long long>(data.size()));
        out_.append(sizeLine, len);
    }
    if (data.size() > kCopiedBodyBytes) {
        // Large: sent from where it is rather than copied after the head.
        flushOut();
        send(data);
    } else {
        out_.append(data);
    }
    if (chunked)
        out_.append("\r\n", 2);
    flushOut();
    if (out_.capacity() > kCopiedBodyBytes)
        out_ = QByteArray();
    // A peer that reset the connection makes the write report it at once: the socket is
    // gone by the time it returns.
    if (socket_ && socket_->bytesToWrite() > 0 && !deadline_.isActive()) {
        armDeadline(limits_.idleTimeoutMs);  // the client owes us reading: watch for a stall
    }
}

void HttpConnection::send(QByteArrayView data) {
    if (!socket_ || data.isEmpty())
        return;
    qsizetype sent = 0;
    if (socket_->bytesToWrite() == 0) {
        // Straight to the kernel: through QTcpSocket every write would arm and disarm its
        // write notifier (two event-loop wake-ups) and copy into its ring buffer.
        const ssize_t n = ::send(static_cast<int>(socket_->socketDescriptor()), data.data(),
                                 static_cast<size_t>(data.size()), MSG_NOSIGNAL);
        sent = n > 0 ? n : 0;
    }
    if (sent < data.size()) {
        // The kernel's buffer is full (or the write failed): QTcpSocket keeps the rest, sends
        // it when the client reads, and reports a failure as it always does.
        socket_->write(data.data() + sent, data.size() - sent);
        socket_->flush();
    }
}

void HttpConnection::finishExchange(bool chunked, bool aborted) {
    if (!exchange_) {
        return;
    }
    if (!aborted && socket_) {
        if (chunked)
            out_.append("0\r\n\r\n", 5);
        send(out_);  // a head with no body (HEAD, 204), and the last chunk
        if (!exchange_)
            return;  // the client was gone: onDisconnected() has ended the exchange
    }
    out_.resize(0);
    exchange_.reset();
    emit exchangeFinished();
    if (aborted) {
        if (socket_)
            socket_->abort();
        close();
        return;
    }
    if (closeAfterResponse_ || closing_) {
        close();
        return;
    }
    armDeadline(limits_.idleTimeoutMs);
    takeInput();
    processInput();
}

qint64 HttpConnection::pendingBytes() const {
    return socket_ ? socket_->bytesToWrite() : 0;
}

void HttpConnection::onBytesWritten() {
    if (lingering_ && socket_->bytesToWrite() == 0) {
        ::shutdown(static_cast<int>(socket_->socketDescriptor()), SHUT_WR);
        return;
    }
    if (!exchange_) {
        return;
    }
    if (socket_->bytesToWrite() > 0) {
        armDeadline(limits_.idleTimeoutMs);  // progress: the client is reading
    } else {
        deadline_.stop();
    }
    if (socket_->bytesToWrite() < kLowWaterBytes) {
        exchange_->notifyDrained();
    }
}

void HttpConnection::fail(int status, const QByteArray& code, const QString& message) {
    QByteArray body = R"({"error":{"message":)";
    JsonScanner::appendQuoted(body, message);
    body.append(R"(,"type":"invalid_request_error","param":null,"code":")")
        .append(code)
        .append("\"}}");
    HttpHeaders headers;
    headers.add("Content-Type", "application/json");
    closeAfterResponse_ = true;
    bool chunked = false;
    writeHead(status, headers, body.size(), &chunked);
    writeBody(body, false);
    lingerThenClose();
}

void HttpConnection::lingerThenClose() {
    // Closing while the client still sends (a refused upload) makes the kernel
    // answer with a reset, which can destroy our error before the client reads
    // it. So: finish sending, stop sending, discard what comes for a moment.
    if (!socket_) {
        return;
    }
    lingering_ = true;
    closing_ = true;
    input_.clear();
    socket_->flush();
    if (!socket_)
        return;  // reset by the peer during the flush
    if (socket_->bytesToWrite() == 0) {
        ::shutdown(static_cast<int>(socket_->socketDescriptor()), SHUT_WR);
    }
    armDeadline(kLingerMs);
}

void HttpConnection::onDeadline() {
    if (lingering_) {
        socket_->abort();
        onDisconnected();
        return;
    }
    if (exchange_) {
        // The handler owns the clock while it answers, unless the client stopped
        // reading what we send: then nothing will ever finish this exchange.
        if (socket_ && socket_->bytesToWrite() > 0) {
            socket_->abort();
            onDisconnected();  // as if the client left: the handler cancels its upstream call
        }
        return;
    }
    if (!inMessage_ && input_.isEmpty()) {
        close();  // idle keep-alive connection
        return;
    }
    if (headComplete_) {
        fail(408, "request_timeout",
             tr("The request body stalled: nothing arrived for %1 ms.").arg(limits_.idleTimeoutMs));
        return;
    }
    fail(408, "request_timeout",
         tr("The request head did not arrive within %1 ms.").arg(limits_.headerTimeoutMs));
}

void HttpConnection::closeWhenIdle() {
    closing_ = true;
    if (!exchange_) {
        close();
    }
}

void HttpConnection::close() {
    if (!socket_) {
        return;
    }
    deadline_.stop();
    QTcpSocket* s = socket_;
    if (s->state() == QAbstractSocket::UnconnectedState) {
        onDisconnected();
        return;
    }
    s->disconnectFromHost();  // flushes what is written, then disconnected() fires
}

void HttpConnection::onDisconnected() {
    if (!socket_) {
        return;
    }
    out_ = QByteArray();
    deadline_.stop();
    socket_->deleteLater();
    socket_ = nullptr;
    if (exchange_) {
        std::shared_ptr<HttpExchange> gone = std::move(exchange_);
        emit exchangeFinished();
        gone->detach();
    }
    emit closed();
}

}  // namespace signalbox
