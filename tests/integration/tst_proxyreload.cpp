// What the window's Save and the Proxy panel's address change do to a running proxy:
// a new config is taken by new requests while those in flight finish on the old one,
// and a listener moving to a new address lets the old one's requests finish.
#include "MockProvider.h"
#include "ProxyClient.h"
#include "config/ConfigError.h"
#include "config/ConfigLoader.h"
#include "engine/Engine.h"

#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace signalbox;
using namespace Qt::StringLiterals;
using mock::MockFault;

namespace {
constexpr char kConfig[] =
    "listen: 127.0.0.1:0\n"
    "server: {workers: 1}\n"
    "providers:\n"
    "  oai: {kind: openai, base_url: \"OPENAI_URL\"}\n"
    "  anth: {kind: anthropic, base_url: \"ROOT_URL\"}\n"
    "routes:\n"
    "  main: {targets: [oai/slow, anth/spare]}\n";

QByteArray streamingChat(const char* model) {
    return QByteArray(R"({"model":")") + model +
           R"(","stream":true,"messages":[{"role":"user","content":"tell me more"}]})";
}
}  // namespace

class TestProxyReload : public QObject {
    Q_OBJECT
private:
    mock::MockProvider mock_;
    std::unique_ptr<Engine> engine_;

    // A stream from oai/slow that takes a while: it is in flight while the test acts.
    std::unique_ptr<QNetworkReply> startSlowStream(test::ProxyClient& client) {
        MockFault slow;
        slow.model = u"slow"_s;
        slow.chunkDelayMs = 60;
        mock_.state().pushFault(slow);
        std::unique_ptr<QNetworkReply> reply(client.post(streamingChat("main")));
        QSignalSpy data(reply.get(), &QIODevice::readyRead);
        if (!data.wait(5000))
            qWarning("the stream did not begin");
        return reply;
    }
    static void verifyComplete(QNetworkReply* reply) {
        QVERIFY(test::ProxyClient::finish(reply));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(test::ProxyClient::status(reply), 200);
        QCOMPARE(reply->rawHeader("x-signalbox-target"), QByteArray("oai/slow"));
        const QByteArray body = reply->readAll();
        QVERIFY2(body.trimmed().endsWith("data: [DONE]"), body.right(200).constData());
    }

private slots:
    void initTestCase() { QVERIFY(mock_.start()); }

    void init() {
        mock_.state().reset();
        QByteArray yaml(kConfig);
        yaml.replace("OPENAI_URL", mock_.openAiBaseUrl().toUtf8());
        yaml.replace("ROOT_URL", mock_.baseUrl().toUtf8());
        auto loaded = ConfigLoader::loadString(yaml, u"reload.yaml"_s);
        if (auto* error = std::get_if<ConfigError>(&loaded))
            QFAIL(qPrintable(error->toString()));
        engine_ = std::make_unique<Engine>();
        engine_->setConfig(std::make_shared<Config>(std::get<Config>(std::move(loaded))));
        engine_->startProxy();
        QTRY_COMPARE(engine_->proxyState(), Engine::ProxyState::Running);
    }
    void cleanup() { engine_.reset(); }

    void aReloadKeepsRequestsInFlight() {
        test::ProxyClient client(engine_->proxyPort());
        auto inFlight = startSlowStream(client);
        QVERIFY(!inFlight->isFinished());

        auto next = std::make_shared<Config>(*engine_->config());
        next->routes[u"main"_s].targets.erase(next->routes[u"main"_s].targets.begin());
        QSignalSpy reloaded(engine_.get(), &Engine::proxyReloaded);
        engine_->setConfig(next);
        QTRY_COMPARE(reloaded.count(), 1);
        QVERIFY2(!inFlight->isFinished(), "the stream should outlast the reload");

        std::unique_ptr<QNetworkReply> after(client.post(streamingChat("main")));
        QVERIFY(test::ProxyClient::finish(after.get()));
        QCOMPARE(after->rawHeader("x-signalbox-target"), QByteArray("anth/spare"));
        verifyComplete(inFlight.get());
    }

    void aNewAddressLetsRequestsInFlightFinish() {
        const quint16 oldPort = engine_->proxyPort();
        test::ProxyClient oldClient(oldPort);
        auto inFlight = startSlowStream(oldClient);

        QTcpServer probe;  // a port that is free now
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 newPort = probe.serverPort();
        probe.close();
        auto moved = std::make_shared<Config>(*engine_->config());
        moved->listen.port = newPort;
        QSignalSpy states(engine_.get(), &Engine::proxyStateChanged);
        QSignalSpy reloaded(engine_.get(), &Engine::proxyReloaded);
        engine_->setConfig(moved);
        QTRY_COMPARE(engine_->proxyPort(), newPort);
        QCOMPARE(engine_->proxyState(), Engine::ProxyState::Running);
        // Panels hear of the move: the new config is served, at a new address.
        QCOMPARE(reloaded.count(), 1);
        QCOMPARE(states.count(), 1);
        QCOMPARE(engine_->proxyUrl(), u"http://127.0.0.1:"_s + QString::number(newPort));
        QVERIFY2(!inFlight->isFinished(), "the stream should outlast the move");

        test::ProxyClient newClient(newPort);
        std::unique_ptr<QNetworkReply> there(newClient.post(streamingChat("anth/spare")));
        QVERIFY(test::ProxyClient::finish(there.get()));
        QCOMPARE(test::ProxyClient::status(there.get()), 200);
        // The old address takes no new connections, yet its stream ends whole.
        QTcpSocket old;
        old.connectToHost(QHostAddress::LocalHost, oldPort);
        QVERIFY(!old.waitForConnected(2000));
        QCOMPARE(old.error(), QAbstractSocket::ConnectionRefusedError);
        verifyComplete(inFlight.get());
        for (const QList<QVariant>& change : states)
            QVERIFY(change.at(0).value<Engine::ProxyState>() != Engine::ProxyState::Stopped);
    }

    void aMoveThatCannotListenStaysWhereItIs() {
        const quint16 oldPort = engine_->proxyPort();
        test::ProxyClient client(oldPort);
        auto inFlight = startSlowStream(client);
        QTcpServer taken;  // another program holds the new port
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        auto moved = std::make_shared<Config>(*engine_->config());
        moved->listen.port = taken.serverPort();
        QSignalSpy states(engine_.get(), &Engine::proxyStateChanged);
        engine_->setConfig(moved);
        QTRY_COMPARE(states.count(), 1);
        QCOMPARE(engine_->proxyState(), Engine::ProxyState::Running);
        QCOMPARE(engine_->proxyPort(), oldPort);
        QVERIFY2(engine_->lastError().contains(QString::number(taken.serverPort())) &&
                     engine_->lastError().contains(QString::number(oldPort)),
                 qPrintable(engine_->lastError()));
        QCOMPARE(engine_->proxyUrl(), u"http://127.0.0.1:"_s + QString::number(oldPort));
        // The old address still takes new requests, and the one in flight ends whole.
        std::unique_ptr<QNetworkReply> after(client.post(streamingChat("anth/spare")));
        QVERIFY(test::ProxyClient::finish(after.get()));
        QCOMPARE(test::ProxyClient::status(after.get()), 200);
        verifyComplete(inFlight.get());
    }

    void aWildcardAddressIsCalledOnLoopback() {
        Engine idle;
        auto config = std::make_shared<Config>();
        config->listen = *parseListenAddress(u"0.0.0.0:4800"_s);
        idle.setConfig(config);
        QCOMPARE(idle.proxyUrl(), u"http://0.0.0.0:4800"_s);
        QCOMPARE(idle.localUrl(), u"http://127.0.0.1:4800"_s);
        config = std::make_shared<Config>();
        config->listen = *parseListenAddress(u"[::]:4800"_s);
        idle.setConfig(config);
        QCOMPARE(idle.localUrl(), u"http://[::1]:4800"_s);
        QCOMPARE(engine_->localUrl(), engine_->proxyUrl());  // loopback stays as it is
    }
};

QTEST_GUILESS_MAIN(TestProxyReload)
#include "tst_proxyreload.moc"
