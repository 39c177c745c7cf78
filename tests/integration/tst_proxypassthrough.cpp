// The engine's proxy in-process against the mock provider: what must never
// reach a provider, cancellation, hot reload and key handling.
#include "MockProvider.h"
#include "ProxyClient.h"
#include "config/Config.h"
#include "engine/Engine.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace signalbox;

namespace {
constexpr char kKeyVar[] = "SIGNALBOX_IT_MOCK_KEY";
constexpr char kKey[] = "sk-it-canary-7f3a9c2e51";
}  // namespace

class TestProxyPassThrough : public QObject {
    Q_OBJECT
private:
    mock::MockProvider mock_;
    std::unique_ptr<Engine> engine_;
    test::ProxyClient client_;

    std::shared_ptr<Config> baseConfig() {
        auto c = std::make_shared<Config>();
        c->listen.port = 0;
        c->server.maxBodyBytes = 4096;
        c->server.workers = 2;
        ProviderConfig p;
        p.id = QStringLiteral("mock");
        p.kind = QStringLiteral("openai");
        p.baseUrl = mock_.openAiBaseUrl();
        p.keyRefs = {QStringLiteral("env:") + QLatin1String(kKeyVar)};
        c->providers[p.id] = p;
        ProviderConfig nokey = p;
        nokey.id = QStringLiteral("nokey");
        nokey.keyRefs = {QStringLiteral("env:SIGNALBOX_IT_UNSET_VARIABLE")};
        c->providers[nokey.id] = nokey;
        RouteConfig r;
        r.name = QStringLiteral("smart");
        RouteTarget target;
        target.provider = QStringLiteral("mock");
        target.model = QStringLiteral("gpt-a");
        r.targets.push_back(target);
        c->routes[r.name] = r;
        return c;
    }
    QUrl url(const char* path) const {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2")
                        .arg(engine_->proxyPort())
                        .arg(QLatin1String(path)));
    }
    QByteArray raw(const QByteArray& request) {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, engine_->proxyPort());
        if (!s.waitForConnected(5000))
            return {};
        s.write(request);
        QByteArray got;
        QElapsedTimer t;
        t.start();
        while (s.state() == QAbstractSocket::ConnectedState && t.elapsed() < 5000) {
            if (s.waitForReadyRead(50))
                got += s.readAll();
        }
        return got + s.readAll();
    }

private slots:
    void initTestCase() {
        qputenv(kKeyVar, kKey);
        mock_.state().setExpectedKey(kKey);
        QVERIFY(mock_.start());
        engine_ = std::make_unique<Engine>();
        engine_->setConfig(baseConfig());
        engine_->startProxy();
        QTRY_COMPARE(engine_->proxyState(), Engine::ProxyState::Running);
        client_.setPort(engine_->proxyPort());
        QVERIFY(engine_->proxyPort() != 0);
    }
    void init() {
        mock_.state().reset();
        mock_.state().clientsGone = 0;
    }

    void routeUsesItsFirstTargetWithTheProviderKey() {
        QNetworkReply* reply =
            client_.post(R"({"model":"smart","messages":[{"role":"user","content":"a"}]})");
        QVERIFY(test::ProxyClient::finish(reply));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->rawHeader("x-signalbox-target"), QByteArray("mock/gpt-a"));
        const auto seen = mock_.state().requests();
        QCOMPARE(seen.size(), size_t(1));
        QVERIFY(seen[0].body.contains(R"("model":"gpt-a")"));
        reply->deleteLater();
    }

    // Refused before routing: the provider must not see a single call.
    void refusedRequestsNeverReachTheProvider_data() {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("status");
        const QByteArray body = R"({"model":"smart","messages":[]})";
        QTest::newRow("TE+CL")
            << QByteArray(
                   "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: "
                   "chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n")
            << QByteArray("400");
        QTest::newRow("body too large") << QByteArray(
                                               "POST /v1/chat/completions HTTP/1.1\r\nHost: "
                                               "127.0.0.1\r\nContent-Length: 100000\r\n\r\n")
                                        << QByteArray("413");
        QTest::newRow("malformed JSON")
            << QByteArray(
                   "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: "
                   "close\r\nContent-Length: 10\r\n\r\n{\"model\":}")
            << QByteArray("400");
        QTest::newRow("no model")
            << QByteArray(
                   "POST /v1/chat/completions HTTP/1.1\r\nHost: "
                   "127.0.0.1\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}")
            << QByteArray("400");
        QTest::newRow("unknown model")
            << QByteArray(
                   "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: "
                   "close\r\nContent-Length: 15\r\n\r\n{\"model\":\"zzz\"}")
            << QByteArray("404");
        QTest::newRow("missing key")
            << QByteArray(
                   "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: "
                   "close\r\nContent-Length: 23\r\n\r\n{\"model\":\"nokey/gpt-a\"}")
            << QByteArray("500");
    }
    void refusedRequestsNeverReachTheProvider() {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, status);
        const QByteArray response = raw(request);
        QVERIFY2(response.startsWith("HTTP/1.1 " + status), response.constData());
        QVERIFY(response.contains("\"error\":{"));
        QVERIFY(response.contains("x-signalbox-request-id") || status == "400" || status == "413");
        QVERIFY(!response.contains(kKey));
        QVERIFY(!response.contains("x-signalbox-attempts: 1"));  // no upstream call was made
        if (status == "500") {
            // The reason comes through: which variable is missing.
            QVERIFY2(response.contains("SIGNALBOX_IT_UNSET_VARIABLE is not set"),
                     response.constData());
        }
        QCOMPARE(mock_.state().requests().size(), size_t(0));
    }

    void clientLeavingMidStreamCancelsTheUpstreamCall() {
        mock::MockFault slow;
        slow.chunkDelayMs = 50;
        mock_.state().pushFault(slow);
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, engine_->proxyPort());
        QVERIFY(s.waitForConnected(5000));
        const QByteArray body =
            R"({"model":"smart","stream":true,"messages":[{"role":"user","content":"long"}]})";
        s.write("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY(s.waitForReadyRead(5000));
        QVERIFY(s.readAll().contains("chat.completion.chunk"));
        s.abort();
        // The upstream connection is dropped at once, long before the stream would end.
        QTRY_COMPARE_WITH_TIMEOUT(mock_.state().clientsGone.load(), 1, 2000);
    }

    void stalledProviderIsATimeoutNotAHang() {
        auto config = baseConfig();
        config->server.upstreamStallTimeoutMs = 1000;
        engine_->setConfig(config);
        mock::MockFault stall;
        stall.delayMs = 4000;  // connected, then silent
        // env: keys resolve at once, so the reload is in force when setConfig returns.
        mock_.state().pushFault(stall);
        QElapsedTimer t;
        t.start();
        QNetworkReply* reply = client_.post(R"({"model":"smart","messages":[]})");
        QVERIFY(test::ProxyClient::finish(reply));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 504);
        QVERIFY(reply->readAll().contains("upstream_timeout"));
        QVERIFY(t.elapsed() < 3500);
        reply->deleteLater();
        engine_->setConfig(baseConfig());
    }

    void hotReloadRoutesNewRequestsToTheNewTarget() {
        auto next = baseConfig();
        next->routes[QStringLiteral("smart")].targets.front().model = QStringLiteral("gpt-b");
        engine_->setConfig(next);
        QTRY_VERIFY_WITH_TIMEOUT(
            [this] {
                QNetworkReply* reply = client_.post(R"({"model":"smart","messages":[]})");
                const bool ok = test::ProxyClient::finish(reply) &&
                                reply->rawHeader("x-signalbox-target") == "mock/gpt-b";
                reply->deleteLater();
                return ok;
            }(),
            5000);
        engine_->setConfig(baseConfig());
    }

    void manyConcurrentStreamsAllComplete() {
        std::vector<QNetworkReply*> replies;
        for (int i = 0; i < 40; ++i) {
            replies.push_back(client_.post(
                R"({"model":"smart","stream":true,"messages":[{"role":"user","content":"c"}]})"));
        }
        for (QNetworkReply* r : replies) {
            QVERIFY(test::ProxyClient::finish(r));
            QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            QVERIFY(r->readAll().trimmed().endsWith("data: [DONE]"));
            r->deleteLater();
        }
        QCOMPARE(mock_.state().requests().size(), size_t(40));
    }

    void cleanupTestCase() {
        engine_->stopProxy();
        QCOMPARE(engine_->proxyState(), Engine::ProxyState::Stopped);
        engine_.reset();
    }
};

QTEST_GUILESS_MAIN(TestProxyPassThrough)
#include "tst_proxypassthrough.moc"
