// The translated path in-process: what a provider may do that a format's happy path
// never shows. An answer that ignores `stream`, an error body too big to keep, a
// provider error event mid-stream, a stream cut short, a redirect.
#include "MockProvider.h"
#include "ProxyClient.h"
#include "config/Config.h"
#include "engine/Engine.h"
#include "http/HttpExchange.h"
#include "http/HttpServer.h"
#include "http/RequestHandler.h"

#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace signalbox;

namespace {
constexpr char kKeyVar[] = "SIGNALBOX_IT_TRANSLATION_KEY";
constexpr char kKey[] = "sk-it-translation-5b1e";

// An OpenAI-format server that answers every chat call whole, `stream` or not, as some
// compatible servers do; or with a redirect when asked for model "moved".
class WholeAnswerHandler : public RequestHandler {
public:
    void handle(const std::shared_ptr<HttpExchange>& exchange) override {
        HttpHeaders h;
        if (exchange->request().body.contains("\"moved\"")) {
            h.add("location", "https://elsewhere.invalid/v1/chat/completions");
            exchange->respond(301, h, "moved");
            return;
        }
        h.add("content-type", "application/json");
        exchange->respond(
            200, h,
            R"({"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"whole",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":"all at once"},)"
            R"("finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":4,)"
            R"("total_tokens":7}})");
    }
};
}  // namespace

class TestProxyTranslation : public QObject {
    Q_OBJECT
private:
    mock::MockProvider mock_;
    std::unique_ptr<HttpServer> whole_;
    std::unique_ptr<Engine> engine_;
    test::ProxyClient client_;

private slots:
    void initTestCase() {
        qputenv(kKeyVar, kKey);
        mock_.state().setExpectedKey(kKey);
        QVERIFY(mock_.start());
        whole_ = std::make_unique<HttpServer>([] { return std::make_unique<WholeAnswerHandler>(); },
                                              ServerLimits{}, 1);
        QString error;
        QVERIFY2(whole_->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));

        auto c = std::make_shared<Config>();
        c->listen.port = 0;
        c->server.workers = 1;
        ProviderConfig anth;
        anth.id = QStringLiteral("anth");
        anth.kind = QStringLiteral("anthropic");
        anth.baseUrl = mock_.baseUrl();
        anth.keyRefs = {QStringLiteral("env:") + QLatin1String(kKeyVar)};
        c->providers[anth.id] = anth;
        ProviderConfig whole;
        whole.id = QStringLiteral("whole");
        whole.kind = QStringLiteral("vllm");
        whole.baseUrl = QStringLiteral("http://127.0.0.1:%1/v1").arg(whole_->port());
        c->providers[whole.id] = whole;
        engine_ = std::make_unique<Engine>();
        engine_->setConfig(c);
        engine_->startProxy();
        QTRY_COMPARE(engine_->proxyState(), Engine::ProxyState::Running);
        client_.setPort(engine_->proxyPort());
    }
    void init() { mock_.state().reset(); }

    void aWholeAnswerIsReplayedAsTheStreamTheClientAskedFor() {
        QNetworkReply* reply = client_.post(R"({"model":"whole/m","stream":true,)"
                                            R"("max_tokens":20,"messages":[)"
                                            R"({"role":"user","content":"hi"}]})",
                                            "/v1/messages");
        QVERIFY(test::ProxyClient::finish(reply));
        QCOMPARE(test::ProxyClient::status(reply), 200);
        QVERIFY(reply->rawHeader("content-type").startsWith("text/event-stream"));
        const QByteArray body = reply->readAll();
        QVERIFY2(body.contains("event: message_start"), body.constData());
        QVERIFY(body.contains(R"("text":"all at once")") || body.contains("all at once"));
        QVERIFY(body.contains("event: message_delta"));
        QVERIFY(body.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
        reply->deleteLater();
    }

    void aRedirectIsABadGatewayNotARedirect() {
        QNetworkReply* reply = client_.post(R"({"model":"whole/moved","max_tokens":5,)"
                                            R"("messages":[{"role":"user","content":"x"}]})",
                                            "/v1/messages");
        QVERIFY(test::ProxyClient::finish(reply));
        QCOMPARE(test::ProxyClient::status(reply), 502);
        QVERIFY(reply->readAll().contains("301"));
        reply->deleteLater();
    }

    // The status and Retry-After of an error survive a body far past what is kept.
    void aHugeErrorBodyKeepsItsStatus() {
        mock::MockFault f;
        f.status = 429;
        f.retryAfter = "9";
        f.body = R"({"type":"error","error":{"type":"rate_limit_error","message":"slow down"}})" +
                 QByteArray(8 * 1024 * 1024, ' ');
        mock_.state().pushFault(f);
        // A model of its own: after a 429 with Retry-After it rests for those 9 seconds.
        QNetworkReply* reply = client_.post(R"({"model":"anth/claude-busy","messages":[)"
                                            R"({"role":"user","content":"hi"}]})",
                                            "/v1/chat/completions");
        QVERIFY(test::ProxyClient::finish(reply));
        QCOMPARE(test::ProxyClient::status(reply), 429);
        QCOMPARE(reply->rawHeader("retry-after"), QByteArray("9"));
        const QByteArray body = reply->readAll();
        QVERIFY2(body.contains("slow down") && body.contains("rate_limit"), body.constData());
        reply->deleteLater();
    }

    void aProviderErrorEventEndsTheClientStreamInItsFormat() {
        mock::MockFault f;
        f.streamError = QStringLiteral("overloaded_error");
        mock_.state().pushFault(f);
        QNetworkReply* reply =
            client_.post(R"({"model":"anth/claude-mock","stream":true,"messages":[)"
                         R"({"role":"user","content":"hi"}]})",
                         "/v1/chat/completions");
        QVERIFY(test::ProxyClient::finish(reply));
        const QByteArray body = reply->readAll();
        QVERIFY2(body.contains(R"(data: {"error":{)") && body.contains("verloaded"),
                 body.constData());
        QVERIFY(!body.contains("[DONE]"));
        reply->deleteLater();
    }

    void aCutStreamSaysSoAndNeverEndsClean() {
        mock::MockFault f;
        f.cutAfterChunks = 3;
        mock_.state().pushFault(f);
        QNetworkReply* reply =
            client_.post(R"({"model":"anth/claude-mock","stream":true,"messages":[)"
                         R"({"role":"user","content":"hi"}]})",
                         "/v1/chat/completions");
        QVERIFY(test::ProxyClient::finish(reply));
        const QByteArray body = reply->readAll();
        QVERIFY2(body.contains("stream_interrupted"), body.constData());
        QVERIFY(!body.contains("[DONE]"));
        reply->deleteLater();
    }
};

QTEST_GUILESS_MAIN(TestProxyTranslation)
#include "tst_proxytranslation.moc"
