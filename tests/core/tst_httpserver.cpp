// The inbound HTTP/1.1 server against a raw socket: framing, limits, keep-alive,
// pipelining, streaming and client disconnects. A small handler stands in for
// the proxy and counts what reaches it: a framing error must reach nothing.
#include "http/HttpExchange.h"
#include "http/HttpServer.h"
#include "http/RequestHandler.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTcpSocket>
#include <QTest>

#include <memory>

#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <atomic>
#include <cerrno>

using namespace signalbox;

namespace {
struct Counters {
    std::atomic<int> handled{0};
    std::atomic<int> clientGone{0};
};

constexpr int kOrderedBlocks = 24;
constexpr int kOrderedLargeBytes = 300 * 1024;

// The body of a chunked response, its chunks joined; empty if the framing is broken.
QByteArray dechunk(const QByteArray& response) {
    qsizetype at = response.indexOf("\r\n\r\n");
    if (at < 0)
        return {};
    at += 4;
    QByteArray body;
    for (;;) {
        const qsizetype eol = response.indexOf("\r\n", at);
        if (eol < 0)
            return {};
        bool ok = false;
        const qsizetype size = response.mid(at, eol - at).toLongLong(&ok, 16);
        if (!ok || eol + 2 + size + 2 > response.size())
            return {};
        if (size == 0)
            return body;
        body.append(response.mid(eol + 2, size));
        at = eol + 2 + size + 2;
    }
}

class TestHandler : public RequestHandler {
public:
    explicit TestHandler(Counters& c) : counters_(c) {}
    void handle(const std::shared_ptr<HttpExchange>& ex) override {
        ++counters_.handled;
        const HttpRequest& r = ex->request();
        if (r.path == "/stream") {
            ex->beginStream(200, {});
            ex->write("one,");
            ex->write("two,");
            ex->write("three");
            ex->end();
            return;
        }
        if (r.path == "/flood") {
            // More than any socket buffer takes: only a reading client can finish it.
            ex->setClientGoneHandler([this] { ++counters_.clientGone; });
            ex->beginStream(200, {});
            const QByteArray block(1024 * 1024, 'x');
            for (int i = 0; i < 16; ++i)
                ex->write(block);
            held_ = ex;
            return;
        }
        if (r.path == "/ordered") {
            // Large writes until the socket backs up, then one small and one large write
            // each time it drains below the low-water mark (bytes still wait then): the
            // small ones must not overtake what waits to be sent.
            ex->beginStream(200, {});
            auto next = std::make_shared<int>(0);
            std::weak_ptr<HttpExchange> weak = ex;
            const auto step = [weak, next] {
                const auto e = weak.lock();
                if (!e)
                    return;
                while (*next < kOrderedBlocks) {
                    const int i = (*next)++;
                    e->write(QByteArray::number(i) + ';');
                    e->write(QByteArray(kOrderedLargeBytes, char('a' + i % 26)));
                    if (e->pendingBytes() > 0)
                        return;  // backed up: go on when it drains
                }
                e->end();
            };
            ex->setDrainedHandler(step);
            held_ = ex;
            step();
            return;
        }
        if (r.path == "/silent-stream") {
            // A stream whose first bytes are long in coming: its head goes out at once.
            ex->beginStream(200, {});
            ex->flush();
            held_ = ex;
            return;
        }
        if (r.path == "/hold") {
            held_ = ex;
            ex->setClientGoneHandler([this] { ++counters_.clientGone; });
            return;
        }
        ex->respond(200, {},
                    r.method + ' ' + r.target + " body=" + QByteArray::number(r.body.size()));
    }

private:
    Counters& counters_;
    std::shared_ptr<HttpExchange> held_;
};

// Reads one response with a Content-Length or chunked body, or until close.
QByteArray readResponse(QTcpSocket& s, int timeoutMs = 5000) {
    // Bytes of a following response that arrived with this one wait here.
    static QHash<QTcpSocket*, QByteArray> carry;
    QByteArray data = carry.take(&s);
    const auto cut = [&](qsizetype n) {
        if (data.size() > n)
            carry.insert(&s, data.mid(n));
        return data.left(n);
    };
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        data += s.readAll();  // what already arrived: waitForReadyRead waits only for more
        const qsizetype headEnd = data.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            const QByteArray head = data.left(headEnd).toLower();
            const qsizetype cl = head.indexOf("content-length: ");
            if (cl >= 0) {
                const qsizetype eol = head.indexOf("\r\n", cl);
                const qint64 len = head.mid(cl + 16, eol < 0 ? -1 : eol - cl - 16).toLongLong();
                if (data.size() >= headEnd + 4 + len)
                    return cut(headEnd + 4 + len);
            } else if (head.contains("transfer-encoding: chunked") && data.endsWith("0\r\n\r\n")) {
                return data;
            }
        }
        if (s.state() != QAbstractSocket::ConnectedState && s.bytesAvailable() == 0)
            break;
        if (!s.waitForReadyRead(50))
            continue;
        data += s.readAll();
    }
    return data;
}

bool waitClosed(QTcpSocket& s, int timeoutMs = 5000) {
    QElapsedTimer t;
    t.start();
    while (s.state() == QAbstractSocket::ConnectedState && t.elapsed() < timeoutMs) {
        s.waitForReadyRead(50);
        s.readAll();
    }
    return s.state() != QAbstractSocket::ConnectedState;
}
}  // namespace

class TestHttpServer : public QObject {
    Q_OBJECT
private:
    Counters counters_;
    std::unique_ptr<HttpServer> server_;
    ServerLimits limits_;

    void connectTo(QTcpSocket& s) {
        s.connectToHost(QHostAddress::LocalHost, server_->port());
        QVERIFY(s.waitForConnected(5000));
    }
    QByteArray roundTrip(const QByteArray& raw) {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, server_->port());
        if (!s.waitForConnected(5000))
            return {};
        s.write(raw);
        s.flush();
        return readResponse(s);
    }

private slots:
    void init() {
        counters_.handled = 0;
        counters_.clientGone = 0;
        limits_ = ServerLimits{};
        limits_.maxBodyBytes = 1024;
        limits_.headerTimeoutMs = 300;
        limits_.idleTimeoutMs = 400;
        Counters* c = &counters_;
        server_ = std::make_unique<HttpServer>([c] { return std::make_unique<TestHandler>(*c); },
                                               limits_, 2);
        QString error;
        QVERIFY2(server_->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    }
    void cleanup() { server_.reset(); }

    void simpleGet() {
        const QByteArray r = roundTrip("GET /echo?x=1 HTTP/1.1\r\nHost: a\r\n\r\n");
        QVERIFY2(r.startsWith("HTTP/1.1 200 OK\r\n"), r.constData());
        QVERIFY(r.endsWith("GET /echo?x=1 body=0"));
    }

    void keepAliveServesSeveralRequestsOnOneConnection() {
        QTcpSocket s;
        connectTo(s);
        for (int i = 0; i < 3; ++i) {
            s.write("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello");
            const QByteArray r = readResponse(s);
            QVERIFY2(r.endsWith("POST /echo body=5"), r.constData());
        }
        QCOMPARE(s.state(), QAbstractSocket::ConnectedState);
        QCOMPARE(counters_.handled.load(), 3);
    }

    void pipelinedRequestsAnswerInOrder() {
        QTcpSocket s;
        connectTo(s);
        s.write(
            "GET /echo?n=1 HTTP/1.1\r\nHost: a\r\n\r\nGET /echo?n=2 HTTP/1.1\r\nHost: a\r\n\r\n");
        QVERIFY(readResponse(s).endsWith("/echo?n=1 body=0"));
        QVERIFY(readResponse(s).endsWith("/echo?n=2 body=0"));
    }

    void chunkedRequestBody() {
        const QByteArray r = roundTrip(
            "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: "
            "chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        QVERIFY2(r.endsWith("body=5"), r.constData());
    }

    void streamedResponseIsChunked() {
        const QByteArray r = roundTrip("GET /stream HTTP/1.1\r\nHost: a\r\n\r\n");
        QVERIFY2(r.contains("Transfer-Encoding: chunked\r\n"), r.constData());
        QVERIFY(r.endsWith("\r\n\r\n4\r\none,\r\n4\r\ntwo,\r\n5\r\nthree\r\n0\r\n\r\n"));
    }

    void http10ClosesAfterResponse() {
        QTcpSocket s;
        connectTo(s);
        s.write("GET /echo HTTP/1.0\r\n\r\n");
        const QByteArray r = readResponse(s);
        QVERIFY(r.contains("Connection: close"));
        QVERIFY(waitClosed(s));
    }

    // Each malformed framing gets 400, a closed connection, and reaches no handler.
    void badFraming_data() {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::newRow("TE and CL") << QByteArray(
                                          "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: "
                                          "chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n")
                                   << 400;
        QTest::newRow("duplicate TE")
            << QByteArray(
                   "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: "
                   "chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
            << 400;
        QTest::newRow("TE gzip, chunked")
            << QByteArray(
                   "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, "
                   "chunked\r\nContent-Length: 0\r\n\r\n")
            << 400;
        QTest::newRow("two CL") << QByteArray(
                                       "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: "
                                       "3\r\nContent-Length: 4\r\n\r\nabcd")
                                << 400;
        QTest::newRow("bad chunk size")
            << QByteArray(
                   "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: "
                   "chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n")
            << 400;
        QTest::newRow("NUL in header")
            << QByteArray("GET /echo HTTP/1.1\r\nHost: a\r\nX-A: b\0c\r\n\r\n", 39) << 400;
        QTest::newRow("bare CR in header")
            << QByteArray("GET /echo HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n") << 400;
        QTest::newRow("not HTTP") << QByteArray("HELLO THERE\r\n\r\n") << 400;
        QTest::newRow("body over limit (CL)")
            << QByteArray("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n") << 413;
        QTest::newRow("body over limit (chunked)")
            << QByteArray(
                   "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" +
                   QByteArray(2048, 'x') + "\r\n0\r\n\r\n")
            << 413;
        QTest::newRow("head over 64 KiB")
            << QByteArray("GET /echo HTTP/1.1\r\nHost: a\r\nX-Big: " + QByteArray(70 * 1024, 'a') +
                          "\r\n\r\n")
            << 431;
    }
    void badFraming() {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        QTcpSocket s;
        connectTo(s);
        s.write(raw);
        const QByteArray r = readResponse(s);
        QVERIFY2(r.startsWith("HTTP/1.1 " + QByteArray::number(status) + ' '),
                 r.left(200).constData());
        QVERIFY(r.contains("Connection: close"));
        QVERIFY(r.contains("\"error\""));
        QVERIFY(waitClosed(s));
        QCOMPARE(counters_.handled.load(), 0);
    }

    void refusedUploadStillGetsItsAnswer() {
        // A client that keeps sending its oversized body after the server has
        // answered 413 must not be reset mid-send (an SDK would then report a
        // network error and retry the upload instead of reading the 413).
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(server_->port());
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
        const QByteArray head = "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 8000000\r\n\r\n";
        QCOMPARE(::send(fd, head.constData(), head.size(), MSG_NOSIGNAL), head.size());
        const QByteArray chunk(64 * 1024, 'u');
        QElapsedTimer t;
        t.start();
        int sendError = 0;
        // Keep sending for longer than the server takes to refuse.
        while (t.elapsed() < 600 && sendError == 0) {
            if (::send(fd, chunk.constData(), chunk.size(), MSG_NOSIGNAL | MSG_DONTWAIT) < 0 &&
                errno != EAGAIN) {
                sendError = errno;
            }
            QThread::msleep(5);
        }
        QByteArray got(4096, '\0');
        const ssize_t n = ::recv(fd, got.data(), got.size(), 0);
        ::close(fd);
        QCOMPARE(sendError, 0);
        QVERIFY(n > 0);
        QVERIFY2(got.startsWith("HTTP/1.1 413"), got.left(60).constData());
    }

    void slowClientIsDroppedAfterHeaderTimeout() {
        QTcpSocket s;
        connectTo(s);
        const QByteArray raw = "GET /echo HTTP/1.1\r\nHost: a\r\n\r\n";
        QElapsedTimer t;
        t.start();
        QByteArray got;
        // One byte every 40 ms: the head would need over a second; the limit is 300 ms.
        for (const char c : raw) {
            if (s.state() != QAbstractSocket::ConnectedState)
                break;
            s.write(&c, 1);
            s.flush();
            if (s.waitForReadyRead(40))
                got += s.readAll();
        }
        QVERIFY(waitClosed(s, 2000));
        got += s.readAll();
        QVERIFY2(got.startsWith("HTTP/1.1 408"), got.constData());
        QVERIFY(t.elapsed() < 1000);
        QCOMPARE(counters_.handled.load(), 0);
    }

    void headGetsTheHeadOnly() {
        QTcpSocket s;
        connectTo(s);
        s.write("HEAD /echo HTTP/1.1\r\nHost: a\r\n\r\nGET /echo HTTP/1.1\r\nHost: a\r\n\r\n");
        QByteArray got;
        QElapsedTimer t;
        t.start();
        while (got.count("HTTP/1.1 200") < 2 && t.elapsed() < 3000) {
            if (s.waitForReadyRead(50))
                got += s.readAll();
        }
        // Content-Length of the GET answer, but no body: the next response follows at once.
        QVERIFY2(got.startsWith("HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\nHTTP/1.1 200"),
                 got.constData());
    }

    void bodyThatKeepsComingIsNotCutOff() {
        QTcpSocket s;
        connectTo(s);
        s.write("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\n\r\n");
        // 12 bytes, 100 ms apart: longer in all than the 400 ms idle limit, never idle that long.
        for (int i = 0; i < 12; ++i) {
            s.write("b");
            s.flush();
            s.waitForReadyRead(100);
        }
        const QByteArray r = readResponse(s);
        QVERIFY2(r.endsWith("body=12"), r.constData());
    }

    void stalledBodyIsRefusedInWords() {
        QTcpSocket s;
        connectTo(s);
        s.write("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\n\r\nabc");
        const QByteArray r = readResponse(s);
        QVERIFY2(r.startsWith("HTTP/1.1 408"), r.constData());
        QVERIFY(r.contains("body stalled"));
        QCOMPARE(counters_.handled.load(), 0);
    }

    // Writes go straight to the kernel while nothing waits in the socket's own buffer, and
    // through it once something does: megabytes written at once arrive whole and in order.
    void writesArriveInOrderWhenTheSocketBacksUp() {
        QTcpSocket s;
        connectTo(s);
        s.write("GET /ordered HTTP/1.1\r\nHost: a\r\n\r\n");
        s.flush();
        const QByteArray body = dechunk(readResponse(s, 30000));
        QByteArray expected;
        for (int i = 0; i < kOrderedBlocks; ++i) {
            expected.append(QByteArray::number(i) + ';');
            expected.append(QByteArray(kOrderedLargeBytes, char('a' + i % 26)));
        }
        QCOMPARE(body.size(), expected.size());
        QVERIFY(body == expected);
    }

    void streamHeadGoesOutBeforeItsFirstBytes() {
        QTcpSocket s;
        connectTo(s);
        s.write("GET /silent-stream HTTP/1.1\r\nHost: a\r\n\r\n");
        s.flush();
        QByteArray head;
        QElapsedTimer t;
        t.start();
        while (!head.contains("\r\n\r\n") && t.elapsed() < 5000) {
            s.waitForReadyRead(50);
            head += s.readAll();
        }
        QVERIFY2(head.startsWith("HTTP/1.1 200 OK\r\n"), head.constData());
        QVERIFY(head.contains("Transfer-Encoding: chunked\r\n"));
    }

    void clientThatStopsReadingIsDropped() {
        QTcpSocket s;
        s.setReadBufferSize(4096);  // and never read: the server's writes back up
        connectTo(s);
        s.write("GET /flood HTTP/1.1\r\nHost: a\r\n\r\n");
        s.flush();
        QTRY_COMPARE_WITH_TIMEOUT(counters_.clientGone.load(), 1, 5000);
    }

    void clientDisconnectReachesTheHandler() {
        {
            QTcpSocket s;
            connectTo(s);
            s.write("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
            s.flush();
            QTRY_COMPARE(counters_.handled.load(), 1);
            s.abort();
        }
        QTRY_COMPARE(counters_.clientGone.load(), 1);
    }

    void drainWaitsForInFlightThenCloses() {
        QTcpSocket idle;
        connectTo(idle);
        bool done = false;
        server_->drain(2000, [&done] { done = true; });
        QTRY_VERIFY(done);
        QVERIFY(waitClosed(idle));
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
