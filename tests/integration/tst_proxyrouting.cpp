// Routing through the real proxy against the fault-injecting mock provider: every
// trigger of a retry or fall-over, Retry-After, timeouts, breakers, key rotation, streams
// that fail before and after their first content, client disconnects, the client's own
// fallbacks and nested strategies. Breakers and rests run on a clock the test moves;
// the only real waits are retries' tens of milliseconds.
#include "../core/ManualClock.h"
#include "MockProvider.h"
#include "ProxyClient.h"
#include "config/ConfigLoader.h"
#include "engine/Engine.h"
#include "routing/HealthBoard.h"
#include "routing/RouteDryRun.h"

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace signalbox;
using namespace Qt::StringLiterals;
using mock::MockFault;

namespace {
// moc reads this file too; it trips over long raw strings, so the YAML is spelled out.
constexpr char kConfig[] =
    "listen: 127.0.0.1:0\n"
    "server: {workers: 1}\n"
    "providers:\n"
    "  oai: {kind: openai, base_url: \"OPENAI_URL\", keys: [env:SB_RT_KEY]}\n"
    "  anth: {kind: anthropic, base_url: \"ROOT_URL\", keys: [env:SB_RT_KEY]}\n"
    "  multi:\n"
    "    kind: openai\n"
    "    base_url: \"OPENAI_URL\"\n"
    "    keys: [env:SB_RT_KEY_A, env:SB_RT_KEY_B]\n"
    "  dead: {kind: openai, base_url: \"http://127.0.0.1:1/v1\"}\n"
    "routes:\n"
    "  chain: {targets: [dead/x, oai/chain-ok]}\n"
    "  pair: {targets: [oai/p1, anth/p2]}\n"
    "  retrying:\n"
    "    retries: 2\n"
    "    backoff_ms: 5\n"
    "    targets: [oai/r1, oai/r2]\n"
    "  retrying-out: {retries: 2, backoff_ms: 5, targets: [oai/r3, oai/r4]}\n"
    "  patient:\n"
    "    retries: 2\n"
    "    backoff_ms: 5\n"
    "    max_wait_ms: 1000\n"
    "    targets: [oai/long-wait, oai/short-wait]\n"
    "  quick-head:\n"
    "    timeouts: {first_byte_ms: 200}\n"
    "    targets: [oai/slow-head, oai/quick]\n"
    "  quick-gaps:\n"
    "    timeouts: {idle_ms: 200}\n"
    "    targets: [oai/gappy, oai/steady]\n"
    "  keyed: {retries: 1, backoff_ms: 5, targets: [multi/k]}\n"
    "  streams: {targets: [oai/s1, anth/s2]}\n"
    "  claude-streams: {targets: [anth/c1, oai/c2]}\n"
    "  nested:\n"
    "    targets:\n"
    "      - dead/n0\n"
    "      - strategy: weighted\n"
    "        targets: [oai/w1, {target: anth/w2, weight: 3}]\n"
    "  long-prompts:\n"
    "    targets: [oai/short-ctx]\n"
    "    context_window_fallbacks: [anth/long-ctx]\n"
    "  narrow:\n"
    "    retry_on: [connect]\n"
    "    targets: [oai/narrow1, oai/narrow2]\n"
    "  dry-retry: {retries: 1, backoff_ms: 5, targets: [oai/dr1, anth/dr2]}\n"
    "  dry-client: {targets: [oai/dc1, anth/dc2]}\n"
    "  dry-key: {targets: [oai/dk1, anth/dk2]}\n"
    "  dry-rate: {retries: 2, backoff_ms: 5, targets: [anth/dl1, anth/dl2, oai/dl3]}\n"
    "  dry-context:\n"
    "    targets: [oai/dx1, anth/dx2]\n"
    "    context_window_fallbacks: [anth/dx3, oai/dx4]\n"
    "  dry-all-fail: {targets: [oai/df1, anth/df2]}\n"
    "  dry-many: {retries: 3, backoff_ms: 5, targets: [oai/dm1, anth/dm2]}\n"
    "breaker: {failures: 3, window_ms: 10000, cooldown_ms: 300}\n";

// The mock's way of failing as `outcome` for every request for `model`.
MockFault faultFor(const QString& model, SimulatedOutcome outcome) {
    MockFault f;
    f.model = model;
    f.times = -1;
    switch (outcome) {
        case SimulatedOutcome::ServerError:
            f.status = 500;
            break;
        case SimulatedOutcome::Overloaded:
            f.status = 503;
            break;
        case SimulatedOutcome::RateLimited:
            f.status = 429;
            break;
        case SimulatedOutcome::BadRequest:
            f.status = 400;
            break;
        case SimulatedOutcome::Unauthorized:
            f.status = 401;
            break;
        case SimulatedOutcome::ContextTooLong:
            f.error = QStringLiteral("context_length");
            break;
        case SimulatedOutcome::BadResponse:
            // Garbage is caught where the answer is read: a translated call, or a stream.
            f.garbage = true;
            break;
        default:
            qFatal("no mock fault for this outcome");
    }
    return f;
}

QByteArray chat(const char* model, bool stream = false, const QByteArray& extra = {}) {
    return QByteArray(R"({"model":")") + model + R"(","max_tokens":16,)" +
           (stream ? R"("stream":true,)" : "") + extra +
           R"("messages":[{"role":"user","content":"hello"}]})";
}

MockFault fault(const char* model) {
    MockFault f;
    f.model = QString::fromLatin1(model);
    return f;
}
}  // namespace

class TestProxyRouting : public QObject {
    Q_OBJECT
private:
    mock::MockProvider mock_;
    test::ManualClock clock_;  // breakers and rests run on it; calls and timeouts do not
    std::unique_ptr<Engine> engine_;
    test::ProxyClient client_;

    // Sends, waits, and returns the status; the body and headers stay on the reply.
    std::unique_ptr<QNetworkReply> call(const QByteArray& body,
                                        const char* path = "/v1/chat/completions") {
        std::unique_ptr<QNetworkReply> reply(client_.post(body, path));
        if (!test::ProxyClient::finish(reply.get()))
            qWarning("no answer in time");
        return reply;
    }
    const TargetHealth::Status* statusOf(std::vector<TargetHealth::Status>& all,
                                         const QString& name) {
        for (const auto& s : all) {
            if (s.name == name)
                return &s;
        }
        return nullptr;
    }

private slots:
    void initTestCase() {
        qputenv("SB_RT_KEY", "sk-rt-main");
        qputenv("SB_RT_KEY_A", "sk-rt-aaaa");
        qputenv("SB_RT_KEY_B", "sk-rt-bbbb");
        QVERIFY(mock_.start());
        QByteArray yaml(kConfig);
        yaml.replace("OPENAI_URL", mock_.openAiBaseUrl().toUtf8());
        yaml.replace("ROOT_URL", mock_.baseUrl().toUtf8());
        auto loaded = ConfigLoader::loadString(yaml, QStringLiteral("routing.yaml"));
        if (auto* error = std::get_if<ConfigError>(&loaded))
            QFAIL(qPrintable(error->toString()));
        engine_ = std::make_unique<Engine>(nullptr, clock_);
        engine_->setConfig(std::make_shared<Config>(std::get<Config>(std::move(loaded))));
        engine_->startProxy();
        QTRY_COMPARE(engine_->proxyState(), Engine::ProxyState::Running);
        client_.setPort(engine_->proxyPort());
    }
    void init() { mock_.state().reset(); }

    void connectFailureFallsOver() {
        auto reply = call(chat("chain"));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        QCOMPARE(reply->rawHeader("x-signalbox-target"), QByteArray("oai/chain-ok"));
        QCOMPARE(reply->rawHeader("x-signalbox-attempts"), QByteArray("2"));
        const QByteArray trail = reply->rawHeader("x-signalbox-trail");
        QVERIFY2(trail.startsWith("dead/x connect ") && trail.contains(", oai/chain-ok ok "),
                 trail.constData());
        QCOMPARE(mock_.state().count(QStringLiteral("chain-ok")), 1);
    }

    void serverErrorFallsOverAcrossFormats() {
        MockFault f = fault("p1");
        f.status = 500;
        mock_.state().pushFault(f);
        auto reply = call(chat("pair"));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        QCOMPARE(reply->rawHeader("x-signalbox-target"), QByteArray("anth/p2"));
        // The Anthropic answer reaches the OpenAI client in its own shape.
        QVERIFY(reply->readAll().contains("chat.completion"));
        QCOMPARE(mock_.state().count(QStringLiteral("p1")), 1);
        QCOMPARE(mock_.state().count(QStringLiteral("p2")), 1);
    }

    void clientErrorsReturnAtOnce_data() {
        QTest::addColumn<int>("code");
        for (int code : {400, 401, 403, 404, 422})
            QTest::newRow(QByteArray::number(code).constData()) << code;
    }
    void clientErrorsReturnAtOnce() {
        QFETCH(int, code);
        MockFault f = fault("p1");
        f.status = code;
        mock_.state().pushFault(f);
        auto reply = call(chat("pair"));
        QCOMPARE(test::ProxyClient::status(reply.get()), code);
        QCOMPARE(reply->rawHeader("x-signalbox-attempts"), QByteArray("1"));
        QCOMPARE(mock_.state().count(QStringLiteral("p2")), 0);
        // The provider's own error body, in the client's format, as it was.
        QVERIFY(reply->readAll().contains(R"("error")"));
    }

    void retriesHonourRetryAfterThenSucceed() {
        MockFault f = fault("r1");
        f.status = 429;
        f.retryAfterMs = 60;
        f.times = 2;
        mock_.state().pushFault(f);
        QElapsedTimer t;
        t.start();
        auto reply = call(chat("retrying"));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        QCOMPARE(reply->rawHeader("x-signalbox-target"), QByteArray("oai/r1"));
        QCOMPARE(reply->rawHeader("x-signalbox-attempts"), QByteArray("3"));
        QCOMPARE(mock_.state().count(QStringLiteral("r1")), 3);
        QVERIFY2(t.elapsed() >= 120, qPrintable(QString::number(t.elapsed())));  // 2 × 60 ms
        QVERIFY(reply->rawHeader("x-signalbox-trail").startsWith("oai/r1 429 "));
    }

    void retriesRunOutThenTheNextTarget() {
        MockFault f = fault("r3");
        f.status = 503;
        f.times = -1;
        mock_.state().pushFault(f);
        auto reply = call(chat("retrying-out"));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        QCOMPARE(reply->rawHeader("x-signalbox-target"), QByteArray("oai/r4"));
        QCOMPARE(mock_.state().count(QStringLiteral("r3")), 3);  // 1 + 2 retries
        QCOMPARE(mock_.state().count(QStringLiteral("r4")), 1);
        // Three failures opened its breaker: the next request goes straight to r4.
        auto next = call(chat("retrying-out"));
        QCOMPARE(next->rawHeader("x-signalbox-trail").left(15), QByteArray("oai/r3 benched,"));
        QCOMPARE(mock_.state().count(QStringLiteral("r3")), 3);
    }

    void aLongRetryAfterFallsOverAndTheTargetRests() {
        MockFault f = fault("long-wait");
        f.status = 429;
        f.retryAfter = "3600";
        mock_.state().pushFault(f);
        QElapsedTimer t;
        t.start();
        auto reply = call(chat("patient"));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        QCOMPARE(reply->rawHeader("x-signalbox-target"), QByteArray("oai/short-wait"));
        QVERIFY(t.elapsed() < 1000);
        // The rate-limited target rests: asked directly, Signalbox answers for it.
        auto direct = call(chat("oai/long-wait"));
        QCOMPARE(test::ProxyClient::status(direct.get()), 429);
        QVERIFY(direct->rawHeader("retry-after").toInt() > 3500);
        QVERIFY(direct->readAll().contains("rate_limited"));
        QCOMPARE(mock_.state().count(QStringLiteral("long-wait")), 1);
    }

    void aSlowHeadTimesOutAndFallsOver() {
        MockFault f = fault("slow-head");
        f.delayMs = 3000;
        mock_.state().pushFault(f);
        QElapsedTimer t;
        t.start();
        auto reply = call(chat("quick-head"));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        QCOMPARE(reply->rawHeader("x-signalbox-target"), QByteArray("oai/quick"));
        QVERIFY2(t.elapsed() < 1500, qPrintable(QString::number(t.elapsed())));
        QVERIFY(reply->rawHeader("x-signalbox-trail").startsWith("oai/slow-head timeout "));
    }

    void aSilentStreamTimesOutBeforeContentAndFallsOver() {
        MockFault f = fault("gappy");
        f.chunkDelayMs = 3000;
        mock_.state().pushFault(f);
        QElapsedTimer t;
        t.start();
        auto reply = call(chat("quick-gaps", true));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        QCOMPARE(reply->rawHeader("x-signalbox-target"), QByteArray("oai/steady"));
        const QByteArray body = reply->readAll();
        QVERIFY(body.contains("data: [DONE]"));
        QVERIFY2(t.elapsed() < 1500, qPrintable(QString::number(t.elapsed())));
    }

    void aStreamCutBeforeContentFallsOver() {
        MockFault f = fault("s1");
        f.cutAfterChunks = 1;  // the role chunk only
        mock_.state().pushFault(f);
        auto reply = call(chat("streams", true));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        QCOMPARE(reply->rawHeader("x-signalbox-target"), QByteArray("anth/s2"));
        const QByteArray body = reply->readAll();
        // Nothing of the first stream reached the client: one role chunk, one [DONE].
        QCOMPARE(body.count(R"("role":"assistant")"), 1);
        QVERIFY(body.endsWith("data: [DONE]\n\n"));
        QVERIFY(reply->rawHeader("x-signalbox-trail").startsWith("oai/s1 bad_response "));
    }

    void anErrorEventBeforeContentFallsOver() {
        MockFault f = fault("c1");
        f.streamError = QStringLiteral("overloaded_error");
        f.cutAfterChunks = 1;  // right after message_start
        mock_.state().pushFault(f);
        auto reply = call(chat("claude-streams", true), "/v1/messages");
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        QCOMPARE(reply->rawHeader("x-signalbox-target"), QByteArray("oai/c2"));
        const QByteArray body = reply->readAll();
        QCOMPARE(body.count("event: message_start"), 1);
        QVERIFY(!body.contains("overloaded"));
        QVERIFY(body.contains("event: message_stop"));
    }

    void aStreamCutAfterContentEndsWithAnErrorEvent() {
        MockFault f = fault("s1");
        f.cutAfterChunks = 3;  // role, then content
        mock_.state().pushFault(f);
        auto reply = call(chat("streams", true));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        const QByteArray body = reply->readAll();
        QVERIFY2(body.contains("stream_interrupted"), body.constData());
        QVERIFY(!body.contains("[DONE]"));
        // Bytes had reached the client: no second target, no duplicate call.
        QCOMPARE(mock_.state().count(QStringLiteral("s2")), 0);
        QCOMPARE(mock_.state().count(QStringLiteral("s1")), 1);
    }

    void aClientThatLeavesCancelsTheUpstreamCall() {
        MockFault f = fault("s1");
        f.chunkDelayMs = 100;
        mock_.state().pushFault(f);
        const int goneBefore = mock_.state().clientsGone.load();
        QNetworkReply* reply = client_.post(chat("streams", true));
        QSignalSpy ready(reply, &QNetworkReply::readyRead);
        QVERIFY(ready.wait(5000));
        reply->abort();
        reply->deleteLater();
        QTRY_COMPARE_WITH_TIMEOUT(mock_.state().clientsGone.load(), goneBefore + 1, 2000);
        // One worker serves in order: once a later request is answered, the cancelled one
        // has had every chance to try another target.
        QCOMPARE(test::ProxyClient::status(call(chat("oai/after-the-leaver")).get()), 200);
        QCOMPARE(mock_.state().count(QStringLiteral("s2")), 0);
    }

    void breakerBenchesThenTriesAgain() {
        MockFault f = fault("flaky");
        f.status = 503;
        f.times = 3;
        mock_.state().pushFault(f);
        for (int i = 0; i < 3; ++i) {
            auto reply = call(chat("oai/flaky"));
            QCOMPARE(test::ProxyClient::status(reply.get()), 503);
        }
        auto health = engine_->health().targetStatus();
        const auto* s = statusOf(health, QStringLiteral("oai/flaky"));
        QVERIFY(s != nullptr);
        QCOMPARE(s->state, CircuitBreaker::State::Open);
        QCOMPARE(s->failures, quint64(3));

        // Open: answered without a call.
        auto benched = call(chat("oai/flaky"));
        QCOMPARE(test::ProxyClient::status(benched.get()), 503);
        QVERIFY(benched->readAll().contains("no_target_available"));
        QCOMPARE(benched->rawHeader("x-signalbox-attempts"), QByteArray("0"));
        QCOMPARE(mock_.state().count(QStringLiteral("flaky")), 3);

        // After the cooldown one trial goes; its success closes the breaker.
        clock_.advance(300);
        auto trial = call(chat("oai/flaky"));
        QCOMPARE(test::ProxyClient::status(trial.get()), 200);
        health = engine_->health().targetStatus();
        QCOMPARE(statusOf(health, QStringLiteral("oai/flaky"))->state,
                 CircuitBreaker::State::Closed);
        QCOMPARE(mock_.state().count(QStringLiteral("flaky")), 4);
    }

    void keysRotateAndARateLimitedKeyRests() {
        for (int i = 0; i < 4; ++i)
            QCOMPARE(test::ProxyClient::status(call(chat("keyed")).get()), 200);
        QCOMPARE(mock_.state().count(QStringLiteral("k"), "sk-rt-aaaa"), 2);
        QCOMPARE(mock_.state().count(QStringLiteral("k"), "sk-rt-bbbb"), 2);

        mock_.state().reset();
        MockFault limited = fault("k");
        limited.key = "sk-rt-aaaa";
        limited.status = 429;
        limited.retryAfter = "30";
        limited.times = -1;
        mock_.state().pushFault(limited);
        for (int i = 0; i < 4; ++i) {
            auto reply = call(chat("keyed"));
            QCOMPARE(test::ProxyClient::status(reply.get()), 200);  // the retry takes the other key
        }
        // Key A was asked once, then rested; B took everything else.
        QCOMPARE(mock_.state().count(QStringLiteral("k"), "sk-rt-aaaa"), 1);
        QCOMPARE(mock_.state().count(QStringLiteral("k"), "sk-rt-bbbb"), 4);
        const auto keys = engine_->health().keyStatus();
        bool seen = false;
        for (const auto& k : keys) {
            if (k.name == QLatin1String("multi key env:SB_RT_KEY_A")) {
                seen = true;
                QVERIFY(k.restingForMs > 25'000);
            }
            QVERIFY(!k.name.contains(QLatin1String("sk-rt")));  // names, never secrets
        }
        QVERIFY(seen);
    }

    void theClientsOwnFallbacksAreTriedAndNotForwarded() {
        auto reply = call(chat("dead/x", false, R"("fallbacks":["oai/fb1"],)"));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        QCOMPARE(reply->rawHeader("x-signalbox-target"), QByteArray("oai/fb1"));
        auto openRouter = call(R"({"models":["dead/y","oai/fb2"],"messages":[]})");
        QCOMPARE(test::ProxyClient::status(openRouter.get()), 200);
        QCOMPARE(openRouter->rawHeader("x-signalbox-target"), QByteArray("oai/fb2"));
        for (const auto& r : mock_.state().requests()) {
            QVERIFY2(!r.body.contains("fallbacks") && !r.body.contains("\"models\""),
                     r.body.constData());
        }
        auto unknown = call(chat("oai/x", false, R"("fallbacks":["nowhere"],)"));
        QCOMPARE(test::ProxyClient::status(unknown.get()), 404);
        QVERIFY(unknown->readAll().contains("fallback model 'nowhere'"));
    }

    void nestedGroupsServeFromTheInnerStrategy() {
        QSet<QByteArray> served;
        for (int i = 0; i < 12; ++i) {
            auto reply = call(chat("nested"));
            QCOMPARE(test::ProxyClient::status(reply.get()), 200);
            served.insert(reply->rawHeader("x-signalbox-target"));
        }
        // dead/n0 is benched after three connect failures; the weighted pair serves.
        QVERIFY(served.contains("anth/w2"));
        QVERIFY(!served.contains("dead/n0"));
        QVERIFY(served.size() <= 2);
    }

    void aTooLongPromptGoesToTheLongContextTarget() {
        MockFault f = fault("short-ctx");
        f.error = QStringLiteral("context_length");
        mock_.state().pushFault(f);
        auto reply = call(chat("long-prompts"));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        QCOMPARE(reply->rawHeader("x-signalbox-target"), QByteArray("anth/long-ctx"));
        // A content-policy refusal has no fallback there: the client hears it at once.
        MockFault policy = fault("short-ctx");
        policy.error = QStringLiteral("content_policy");
        mock_.state().pushFault(policy);
        auto refused = call(chat("long-prompts"));
        QCOMPARE(test::ProxyClient::status(refused.get()), 400);
        QCOMPARE(mock_.state().count(QStringLiteral("long-ctx")), 1);
    }

    // The dry run the Routes panel shows takes the same turns as the proxy: the same
    // targets in the same order with the same outcomes, and the same status at the end.
    void dryRunAgreesWithTheProxy_data() {
        QTest::addColumn<QString>("route");
        QTest::addColumn<QStringList>("failing");  // provider/model=outcome
        using O = SimulatedOutcome;
        const auto at = [](const char* target, O outcome) {
            return QString::fromLatin1(target) + QLatin1Char('=') +
                   QString::number(static_cast<int>(outcome));
        };
        QTest::newRow("retry then next")
            << u"dry-retry"_s << QStringList{at("oai/dr1", O::Overloaded)};
        QTest::newRow("client error")
            << u"dry-client"_s << QStringList{at("oai/dc1", O::BadRequest)};
        QTest::newRow("wrong key") << u"dry-key"_s << QStringList{at("oai/dk1", O::Unauthorized)};
        QTest::newRow("rate limits")
            << u"dry-rate"_s
            << QStringList{at("anth/dl1", O::RateLimited), at("anth/dl2", O::BadResponse)};
        QTest::newRow("context window")
            << u"dry-context"_s
            << QStringList{at("oai/dx1", O::ContextTooLong), at("anth/dx3", O::ServerError)};
        // More tries than the breaker takes: the fourth is passed over, benched.
        QTest::newRow("breaker opens")
            << u"dry-many"_s << QStringList{at("oai/dm1", O::Overloaded)};
        QTest::newRow("all fail") << u"dry-all-fail"_s
                                  << QStringList{at("oai/df1", O::ServerError),
                                                 at("anth/df2", O::Overloaded)};
    }
    void dryRunAgreesWithTheProxy() {
        QFETCH(QString, route);
        QFETCH(QStringList, failing);
        std::map<QString, SimulatedOutcome> outcomes;
        for (const QString& entry : failing) {
            const QString target = entry.section(QLatin1Char('='), 0, 0);
            const auto outcome =
                static_cast<SimulatedOutcome>(entry.section(QLatin1Char('='), 1).toInt());
            outcomes[target] = outcome;
            mock_.state().pushFault(faultFor(target.section(QLatin1Char('/'), 1), outcome));
        }
        const DryRunResult dry = RouteDryRun::run(*engine_->config(), route, outcomes);
        QVERIFY2(dry.error.isEmpty(), qPrintable(dry.error));
        QStringList expected;
        for (const DryRunStep& step : dry.steps)
            expected << step.target + QLatin1Char(' ') + QString::fromLatin1(step.trailOutcome);

        auto reply = call(chat(route.toUtf8().constData()));
        QStringList actual;
        for (const QByteArray& attempt : reply->rawHeader("x-signalbox-trail").split(',')) {
            const QList<QByteArray> words = attempt.trimmed().split(' ');
            actual << QString::fromUtf8(words.value(0) + ' ' + words.value(1));
        }
        QCOMPARE(actual, expected);
        QCOMPARE(test::ProxyClient::status(reply.get()), dry.clientStatus);
        if (dry.clientStatus == 200)
            QCOMPARE(reply->rawHeader("x-signalbox-target"), dry.servedBy.toUtf8());
    }

    void retryOnNarrowsTheTriggers() {
        MockFault f = fault("narrow1");
        f.status = 500;
        mock_.state().pushFault(f);
        auto reply = call(chat("narrow"));
        QCOMPARE(test::ProxyClient::status(reply.get()),
                 500);  // only connect failures move this route on
        QCOMPARE(mock_.state().count(QStringLiteral("narrow2")), 0);
    }
};

QTEST_GUILESS_MAIN(TestProxyRouting)
#include "tst_proxyrouting.moc"
