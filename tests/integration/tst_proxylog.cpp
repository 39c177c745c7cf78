// The request log through the real proxy: each way a request can go (whole, streamed,
// translated, failed over, failed, cut short by the provider, left by its client,
// malformed) leaves one row in a real signalbox.db with every column right, priced from
// the provider's counts against the config's prices. GET /metrics counts the same
// requests, and an OTLP collector on loopback receives their spans.
#include "../core/OtlpCollector.h"
#include "MockProvider.h"
#include "ProxyClient.h"
#include "config/ConfigLoader.h"
#include "engine/Engine.h"
#include "engine/RequestLog.h"
#include "store/RequestStore.h"
#include "telemetry/OtlpExporter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace signalbox;
using namespace Qt::Literals::StringLiterals;
using mock::MockFault;

namespace {
// moc reads this file too; it trips over long raw strings, so the YAML is spelled out.
constexpr char kConfig[] =
    "listen: 127.0.0.1:0\n"
    "server: {workers: 1}\n"
    "store: {log_bodies: true, max_body_bytes: 4096}\n"
    "telemetry: {otlp_endpoint: \"COLLECTOR_URL\"}\n"
    "providers:\n"
    "  oai: {kind: openai, base_url: \"OPENAI_URL\", keys: [env:SB_LOG_KEY]}\n"
    "  anth: {kind: anthropic, base_url: \"ROOT_URL\", keys: [env:SB_LOG_KEY]}\n"
    "pricing:\n"
    "  oai/priced: {input: 2, output: 8, cached_input: 1}\n"
    "  anth/claude-priced: {input: 3, output: 15, cached_input: 0.3, cache_write: 3.75}\n"
    "routes:\n"
    "  failover: {targets: [oai/broken, anth/claude-priced]}\n";

constexpr char kProviderKey[] = "sk-log-provider-secret-0123456789";

QByteArray chat(const char* model, bool stream = false, const QByteArray& extra = {}) {
    return QByteArray(R"({"model":")") + model + R"(",)" + (stream ? R"("stream":true,)" : "") +
           extra + R"("messages":[{"role":"user","content":"hello there"}]})";
}

QByteArray messages(const char* model, bool stream = false, const QByteArray& extra = {}) {
    return QByteArray(R"({"model":")") + model + R"(","max_tokens":64,)" +
           (stream ? R"("stream":true,)" : "") + extra +
           R"("messages":[{"role":"user","content":"hello there"}]})";
}

MockFault fault(const char* model) {
    MockFault f;
    f.model = QString::fromLatin1(model);
    return f;
}

// The JSON objects of an SSE body's data lines, [DONE] aside.
QList<QJsonObject> events(const QByteArray& body) {
    QList<QJsonObject> out;
    for (const QByteArray& line : body.split('\n')) {
        if (line.startsWith("data: ") && line != "data: [DONE]")
            out.append(QJsonDocument::fromJson(line.mid(6)).object());
    }
    return out;
}

double perMillion(qint64 tokens, double price) {
    return static_cast<double>(tokens) * price / 1e6;
}
}  // namespace

class TestProxyLog : public QObject {
    Q_OBJECT
private:
    mock::MockProvider mock_;
    test::Collector collector_;
    QTemporaryDir dir_;
    std::unique_ptr<Engine> engine_;
    test::ProxyClient client_;
    QSqlDatabase db_;

    std::unique_ptr<QNetworkReply> call(const QByteArray& body,
                                        const char* path = "/v1/chat/completions",
                                        const test::ProxyClient::Headers& headers = {}) {
        std::unique_ptr<QNetworkReply> reply(client_.post(body, path, headers));
        if (!test::ProxyClient::finish(reply.get()))
            qWarning("no answer in time");
        return reply;
    }

    // The row of request `id`, once the store has written it; empty when it has none.
    QSqlRecord row(const QByteArray& id) {
        engine_->requestLog().store()->waitUntilWritten(5000);
        QSqlQuery q(db_);
        q.prepare(QStringLiteral("SELECT * FROM requests WHERE id = ?"));
        q.addBindValue(QString::fromLatin1(id));
        if (!q.exec())
            qWarning("%s", qPrintable(q.lastError().text()));
        return q.next() ? q.record() : QSqlRecord();
    }
    bool hasRow(const QByteArray& id) { return !row(id).isEmpty(); }
    QJsonArray trail(const QSqlRecord& r) {
        return QJsonDocument::fromJson(r.value(u"trail"_s).toByteArray()).array();
    }
    QString storedBody(const QByteArray& id, const char* which) {
        QSqlQuery q(db_);
        q.prepare(
            QStringLiteral("SELECT %1 FROM request_bodies WHERE id = ?").arg(QLatin1String(which)));
        q.addBindValue(QString::fromLatin1(id));
        return q.exec() && q.next() ? q.value(0).toString() : QString();
    }
    QByteArray metrics() {
        std::unique_ptr<QNetworkReply> reply(client_.get("/metrics"));
        test::ProxyClient::finish(reply.get());
        return reply->readAll();
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        qputenv("SB_LOG_KEY", kProviderKey);
        QVERIFY(mock_.start());
        QByteArray yaml(kConfig);
        yaml.replace("OPENAI_URL", mock_.openAiBaseUrl().toUtf8());
        yaml.replace("ROOT_URL", mock_.baseUrl().toUtf8());
        yaml.replace("COLLECTOR_URL", collector_.url().toUtf8());
        auto loaded = ConfigLoader::loadString(yaml, QStringLiteral("log.yaml"));
        if (auto* error = std::get_if<ConfigError>(&loaded))
            QFAIL(qPrintable(error->toString()));
        engine_ = std::make_unique<Engine>();
        engine_->setDataDir(dir_.path());
        engine_->setConfig(std::make_shared<Config>(std::get<Config>(std::move(loaded))));
        engine_->startProxy();
        QTRY_COMPARE(engine_->proxyState(), Engine::ProxyState::Running);
        client_.setPort(engine_->proxyPort());
        db_ = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("reader"));
        db_.setDatabaseName(engine_->requestLog().store()->databasePath());
        QVERIFY(db_.open());
    }
    void init() { mock_.state().reset(); }
    void cleanupTestCase() {
        db_.close();
        db_ = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("reader"));
        engine_.reset();
    }

    void wholeAnswerKeepsEveryColumn() {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        auto reply = call(chat("oai/priced", false, R"("user":"alice",)"), "/v1/chat/completions",
                          {{"x-signalbox-tags", "team=search, env=prod"}});
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        const QByteArray body = reply->readAll();
        const QJsonObject usage = QJsonDocument::fromJson(body).object()[u"usage"].toObject();
        const qint64 input = usage[u"prompt_tokens"].toInteger();
        const qint64 output = usage[u"completion_tokens"].toInteger();
        QVERIFY(input > 0 && output > 0);

        const QByteArray id = reply->rawHeader("x-signalbox-request-id");
        const QSqlRecord r = row(id);
        QVERIFY2(!r.isEmpty(), id.constData());
        QVERIFY(r.value(u"started_at"_s).toLongLong() >= before);
        QVERIFY(r.value(u"finished_at"_s).toLongLong() <= after);
        QVERIFY(r.value(u"started_at"_s).toLongLong() <= r.value(u"finished_at"_s).toLongLong());
        QCOMPARE(r.value(u"surface"_s).toString(), QStringLiteral("openai.chat"));
        QCOMPARE(r.value(u"route"_s).toString(), QStringLiteral("oai/priced"));
        QCOMPARE(r.value(u"target"_s).toString(), QStringLiteral("oai/priced"));
        QCOMPARE(r.value(u"provider_kind"_s).toString(), QStringLiteral("openai"));
        QCOMPARE(r.value(u"attempts"_s).toInt(), 1);
        const QJsonArray t = trail(r);
        QCOMPARE(t.size(), 1);
        QCOMPARE(t[0][u"target"].toString(), QStringLiteral("oai/priced"));
        QCOMPARE(t[0][u"outcome"].toString(), QStringLiteral("ok"));
        QCOMPARE(r.value(u"status"_s).toInt(), 200);
        QVERIFY(r.value(u"error"_s).toString().isEmpty());
        QCOMPARE(r.value(u"stream"_s).toInt(), 0);
        QCOMPARE(r.value(u"truncated"_s).toInt(), 0);
        const qint64 latency = r.value(u"latency_ms"_s).toLongLong();
        QVERIFY(latency >= 0 && latency <= after - before);
        QVERIFY(r.value(u"ttft_ms"_s).isNull());  // whole answers have no first token
        QCOMPARE(r.value(u"input_tokens"_s).toLongLong(), input);
        QCOMPARE(r.value(u"output_tokens"_s).toLongLong(), output);
        QCOMPARE(r.value(u"cached_input_tokens"_s).toLongLong(), 0);
        QCOMPARE(r.value(u"reasoning_tokens"_s).toLongLong(), 0);
        QCOMPARE(r.value(u"cost_usd"_s).toDouble(), perMillion(input, 2) + perMillion(output, 8));
        QCOMPARE(r.value(u"cost_estimated"_s).toInt(), 0);
        QCOMPARE(r.value(u"cache_hit"_s).toInt(), 0);
        QVERIFY(r.value(u"virtual_key_id"_s).isNull());
        QCOMPARE(r.value(u"user"_s).toString(), QStringLiteral("alice"));
        const QJsonObject tags = QJsonDocument::fromJson(r.value(u"tags"_s).toByteArray()).object();
        QCOMPARE(tags, (QJsonObject{{QStringLiteral("team"), QStringLiteral("search")},
                                    {QStringLiteral("env"), QStringLiteral("prod")}}));
        QSqlQuery q(db_);
        QVERIFY(q.exec(QStringLiteral("SELECT key, value FROM request_tags WHERE request_id = '") +
                       QString::fromLatin1(id) + QStringLiteral("' ORDER BY key")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString() + q.value(1).toString(), QStringLiteral("envprod"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString() + q.value(1).toString(), QStringLiteral("teamsearch"));
        QVERIFY(storedBody(id, "request").contains(QStringLiteral("hello there")));
        QCOMPARE(storedBody(id, "response").toUtf8(), body);
    }

    void streamAskingForUsageGetsIt() {
        auto reply = call(chat("oai/priced", true, R"("stream_options":{"include_usage":true},)"));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        const QList<QJsonObject> chunks = events(reply->readAll());
        QVERIFY(!chunks.isEmpty());
        const QJsonObject usage = chunks.last()[u"usage"].toObject();
        QVERIFY2(chunks.last()[u"choices"].toArray().isEmpty(), "the usage chunk comes last");
        const QSqlRecord r = row(reply->rawHeader("x-signalbox-request-id"));
        QCOMPARE(r.value(u"stream"_s).toInt(), 1);
        QCOMPARE(r.value(u"input_tokens"_s).toLongLong(), usage[u"prompt_tokens"].toInteger());
        QCOMPARE(r.value(u"output_tokens"_s).toLongLong(), usage[u"completion_tokens"].toInteger());
        QCOMPARE(r.value(u"cost_estimated"_s).toInt(), 0);
        const qint64 ttft = r.value(u"ttft_ms"_s).toLongLong();
        QVERIFY(!r.value(u"ttft_ms"_s).isNull());
        QVERIFY(ttft >= 0 && ttft <= r.value(u"latency_ms"_s).toLongLong());
    }

    void streamNotAskingForUsageIsStillPriced() {
        // The mock reports usage only when asked: what the row holds, the gateway asked for.
        auto asked = call(chat("oai/priced", true, R"("stream_options":{"include_usage":true},)"));
        const QJsonObject usage = events(asked->readAll()).last()[u"usage"].toObject();

        auto reply = call(chat("oai/priced", true));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        const QList<QJsonObject> chunks = events(reply->readAll());
        for (const QJsonObject& chunk : chunks) {
            QVERIFY2(!chunk[u"choices"].toArray().isEmpty(),
                     "the usage chunk the client did not ask for is cut");
        }
        const QJsonObject sent =
            QJsonDocument::fromJson(mock_.state().requests().back().body).object();
        QCOMPARE(sent[u"stream_options"].toObject()[u"include_usage"].toBool(), true);
        const QSqlRecord r = row(reply->rawHeader("x-signalbox-request-id"));
        QCOMPARE(r.value(u"input_tokens"_s).toLongLong(), usage[u"prompt_tokens"].toInteger());
        QCOMPARE(r.value(u"output_tokens"_s).toLongLong(), usage[u"completion_tokens"].toInteger());
        QCOMPARE(r.value(u"cost_estimated"_s).toInt(), 0);
        QCOMPARE(r.value(u"cost_usd"_s).toDouble(),
                 perMillion(usage[u"prompt_tokens"].toInteger(), 2) +
                     perMillion(usage[u"completion_tokens"].toInteger(), 8));
    }

    void translatedStreamCountsTheProviderUsage() {
        // Anthropic client, OpenAI provider: usage read off the translated stream.
        auto reply = call(messages("oai/priced", true), "/v1/messages");
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        qint64 input = -1;
        qint64 output = -1;
        for (const QJsonObject& e : events(reply->readAll())) {
            if (e[u"type"] == QStringLiteral("message_start"))
                input = e[u"message"][u"usage"][u"input_tokens"].toInteger(-1);
            if (e[u"type"] == QStringLiteral("message_delta"))
                output = e[u"usage"][u"output_tokens"].toInteger(-1);
        }
        QVERIFY(output > 0);
        const QSqlRecord r = row(reply->rawHeader("x-signalbox-request-id"));
        QCOMPARE(r.value(u"surface"_s).toString(), QStringLiteral("anthropic.messages"));
        QCOMPARE(r.value(u"provider_kind"_s).toString(), QStringLiteral("openai"));
        QCOMPARE(r.value(u"output_tokens"_s).toLongLong(), output);
        if (input > 0)
            QCOMPARE(r.value(u"input_tokens"_s).toLongLong(), input);
        QVERIFY(r.value(u"input_tokens"_s).toLongLong() > 0);
        QCOMPARE(r.value(u"cost_estimated"_s).toInt(), 0);
        QVERIFY(!r.value(u"ttft_ms"_s).isNull());
    }

    void cachedTokensArePricedAsCached() {
        // moc misreads raw strings that end in a quote: these are spelled out.
        const QByteArray system = "\"system\":[{\"type\":\"text\",\"text\":\"You are terse. " +
                                  QByteArray(400, 'x') +
                                  "\",\"cache_control\":{\"type\":\"ephemeral\"}}],";
        auto reply = call(messages("anth/claude-priced", false, system), "/v1/messages");
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        const QJsonObject usage =
            QJsonDocument::fromJson(reply->readAll()).object()[u"usage"].toObject();
        const qint64 uncached = usage[u"input_tokens"].toInteger();
        const qint64 read = usage[u"cache_read_input_tokens"].toInteger();
        const qint64 written = usage[u"cache_creation_input_tokens"].toInteger();
        const qint64 output = usage[u"output_tokens"].toInteger();
        QVERIFY(read > 0);
        const QSqlRecord r = row(reply->rawHeader("x-signalbox-request-id"));
        QCOMPARE(r.value(u"provider_kind"_s).toString(), QStringLiteral("anthropic"));
        QCOMPARE(r.value(u"input_tokens"_s).toLongLong(), uncached + read + written);
        QCOMPARE(r.value(u"cached_input_tokens"_s).toLongLong(), read);
        QCOMPARE(r.value(u"output_tokens"_s).toLongLong(), output);
        QCOMPARE(r.value(u"cost_usd"_s).toDouble(),
                 perMillion(uncached, 3) + perMillion(read, 0.3) + perMillion(written, 3.75) +
                     perMillion(output, 15));
    }

    void failedOverRowHasTheTrail() {
        MockFault f = fault("broken");
        f.status = 500;
        mock_.state().pushFault(f);
        auto reply = call(chat("failover"));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        const QSqlRecord r = row(reply->rawHeader("x-signalbox-request-id"));
        QCOMPARE(r.value(u"route"_s).toString(), QStringLiteral("failover"));
        QCOMPARE(r.value(u"target"_s).toString(), QStringLiteral("anth/claude-priced"));
        QCOMPARE(r.value(u"provider_kind"_s).toString(), QStringLiteral("anthropic"));
        QCOMPARE(r.value(u"attempts"_s).toInt(), 2);
        const QJsonArray t = trail(r);
        QCOMPARE(t.size(), 2);
        QCOMPARE(t[0][u"target"].toString(), QStringLiteral("oai/broken"));
        QCOMPARE(t[0][u"outcome"].toString(), QStringLiteral("500"));
        QVERIFY(!t[0][u"error"].toString().isEmpty());
        QCOMPARE(t[1][u"outcome"].toString(), QStringLiteral("ok"));
        QCOMPARE(r.value(u"status"_s).toInt(), 200);
        QVERIFY(r.value(u"error"_s).toString().isEmpty());
        QVERIFY(r.value(u"cost_usd"_s).toDouble() > 0);
    }

    void failedRequestCostsNothing() {
        MockFault f;
        f.status = 503;
        f.times = 2;
        mock_.state().pushFault(f);
        auto reply = call(chat("failover"));
        QCOMPARE(test::ProxyClient::status(reply.get()), 503);
        const QSqlRecord r = row(reply->rawHeader("x-signalbox-request-id"));
        QCOMPARE(r.value(u"status"_s).toInt(), 503);
        QVERIFY(!r.value(u"error"_s).toString().isEmpty());
        QCOMPARE(r.value(u"attempts"_s).toInt(), 2);
        QCOMPARE(r.value(u"target"_s).toString(), QStringLiteral("anth/claude-priced"));
        QVERIFY(r.value(u"input_tokens"_s).isNull());
        QVERIFY(r.value(u"output_tokens"_s).isNull());
        QVERIFY(!r.value(u"cost_usd"_s).isNull());
        QCOMPARE(r.value(u"cost_usd"_s).toDouble(), 0.0);
    }

    void malformedRequestIsLogged() {
        auto reply = call("{\"model\": ");
        QCOMPARE(test::ProxyClient::status(reply.get()), 400);
        const QSqlRecord r = row(reply->rawHeader("x-signalbox-request-id"));
        QVERIFY(!r.isEmpty());
        QCOMPARE(r.value(u"status"_s).toInt(), 400);
        QCOMPARE(r.value(u"attempts"_s).toInt(), 0);
        QVERIFY(r.value(u"target"_s).isNull());
        QVERIFY(!r.value(u"error"_s).toString().isEmpty());
        QCOMPARE(r.value(u"cost_usd"_s).toDouble(), 0.0);
    }

    void streamCutByProviderIsTruncatedAndEstimated() {
        MockFault f = fault("priced");
        f.cutAfterChunks = 3;
        mock_.state().pushFault(f);
        auto reply = call(chat("oai/priced", true));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        const QByteArray body = reply->readAll();
        QVERIFY2(body.contains("\"error\""), body.constData());
        const QSqlRecord r = row(reply->rawHeader("x-signalbox-request-id"));
        QCOMPARE(r.value(u"status"_s).toInt(), 200);
        QCOMPARE(r.value(u"truncated"_s).toInt(), 1);
        QVERIFY(r.value(u"error"_s).toString().contains(QStringLiteral("broke off")));
        // No usage came: estimated from the prompt and the events relayed, and marked.
        QCOMPARE(r.value(u"cost_estimated"_s).toInt(), 1);
        QVERIFY(r.value(u"input_tokens"_s).toLongLong() > 0);
        QVERIFY(r.value(u"output_tokens"_s).toLongLong() > 0);
        QVERIFY(r.value(u"cost_usd"_s).toDouble() > 0);
    }

    void clientLeavingMidStreamIsCharged() {
        MockFault f = fault("priced");
        f.chunkDelayMs = 100;
        mock_.state().pushFault(f);
        std::unique_ptr<QNetworkReply> reply(client_.post(chat("oai/priced", true)));
        QSignalSpy ready(reply.get(), &QNetworkReply::readyRead);
        QVERIFY(ready.wait(5000));
        const QByteArray id = reply->rawHeader("x-signalbox-request-id");
        reply->abort();
        QTRY_VERIFY_WITH_TIMEOUT(hasRow(id), 5000);
        const QSqlRecord r = row(id);
        QCOMPARE(r.value(u"status"_s).toInt(), 499);
        QCOMPARE(r.value(u"truncated"_s).toInt(), 1);
        QCOMPARE(r.value(u"stream"_s).toInt(), 1);
        QCOMPARE(r.value(u"cost_estimated"_s).toInt(), 1);
        QVERIFY(r.value(u"input_tokens"_s).toLongLong() > 0);
        QVERIFY(r.value(u"cost_usd"_s).toDouble() > 0);
        QVERIFY(!r.value(u"ttft_ms"_s).isNull());
    }

    void claudeStreamLeftByItsClientIsEstimated() {
        // message_start says 1 output token; the real count never comes.
        MockFault f = fault("claude-priced");
        f.chunkDelayMs = 100;
        mock_.state().pushFault(f);
        std::unique_ptr<QNetworkReply> reply(
            client_.post(messages("anth/claude-priced", true), "/v1/messages"));
        QByteArray seen;
        while (!seen.contains("content_block_delta")) {
            QSignalSpy ready(reply.get(), &QNetworkReply::readyRead);
            QVERIFY(ready.wait(5000));
            seen += reply->readAll();
        }
        QSignalSpy more(reply.get(), &QNetworkReply::readyRead);
        QVERIFY(more.wait(5000));  // a second delta
        const QByteArray id = reply->rawHeader("x-signalbox-request-id");
        reply->abort();
        QTRY_VERIFY_WITH_TIMEOUT(hasRow(id), 5000);
        const QSqlRecord r = row(id);
        QCOMPARE(r.value(u"status"_s).toInt(), 499);
        QCOMPARE(r.value(u"truncated"_s).toInt(), 1);
        QCOMPARE(r.value(u"cost_estimated"_s).toInt(), 1);
        QVERIFY(r.value(u"input_tokens"_s).toLongLong() > 0);
        QVERIFY2(r.value(u"output_tokens"_s).toLongLong() > 1,
                 qPrintable(r.value(u"output_tokens"_s).toString()));
    }

    void clientLeavingBeforeTheAnswerMarksTheAttempt() {
        MockFault f = fault("priced");
        f.delayMs = 2000;
        mock_.state().pushFault(f);
        std::unique_ptr<QNetworkReply> reply(client_.post(chat("oai/priced")));
        QTRY_COMPARE_WITH_TIMEOUT(mock_.state().count(QStringLiteral("priced")), 1, 5000);
        const qint64 before = engine_->requestLog().storeStats().written;
        reply->abort();
        QTRY_VERIFY_WITH_TIMEOUT((engine_->requestLog().store()->waitUntilWritten(100),
                                  engine_->requestLog().storeStats().written > before),
                                 5000);
        QSqlQuery q(db_);
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM requests ORDER BY started_at DESC LIMIT 1")));
        QVERIFY(q.next());
        const QSqlRecord r = row(q.value(0).toByteArray());
        QCOMPARE(r.value(u"status"_s).toInt(), 499);
        QCOMPARE(r.value(u"truncated"_s).toInt(), 0);
        QCOMPARE(trail(r)[0][u"outcome"_s].toString(), QStringLiteral("client_gone"));
        // The provider had the prompt: it is charged, estimated.
        QCOMPARE(r.value(u"cost_estimated"_s).toInt(), 1);
        QVERIFY(r.value(u"input_tokens"_s).toLongLong() > 0);
    }

    void providerErrorEventTruncatesPassThroughStreams_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("error");
        QTest::newRow("openai") << chat("oai/priced", true) << QByteArray("/v1/chat/completions")
                                << QStringLiteral("priced") << QStringLiteral("server_error");
        QTest::newRow("anthropic")
            << messages("anth/claude-priced", true) << QByteArray("/v1/messages")
            << QStringLiteral("claude-priced") << QStringLiteral("overloaded_error");
    }
    void providerErrorEventTruncatesPassThroughStreams() {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, path);
        QFETCH(QString, model);
        QFETCH(QString, error);
        MockFault f;
        f.model = model;
        f.streamError = error;
        f.cutAfterChunks = 5;
        mock_.state().pushFault(f);
        auto reply = call(body, path.constData());
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        const QByteArray sent = reply->readAll();
        QVERIFY2(sent.contains("error"), sent.constData());
        const QSqlRecord r = row(reply->rawHeader("x-signalbox-request-id"));
        QCOMPARE(r.value(u"status"_s).toInt(), 200);
        QCOMPARE(r.value(u"truncated"_s).toInt(), 1);
        QVERIFY(!r.value(u"error"_s).toString().isEmpty());
        QVERIFY(r.value(u"output_tokens"_s).toLongLong() > 0);
    }

    void unknownModelHasNoPriceAndIsCounted() {
        auto reply = call(chat("oai/no-such-price"));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        const QSqlRecord r = row(reply->rawHeader("x-signalbox-request-id"));
        QVERIFY(r.value(u"input_tokens"_s).toLongLong() > 0);
        QVERIFY2(r.value(u"cost_usd"_s).isNull(), "an unpriced model costs NULL, never 0");
        QVERIFY(metrics().contains(
            R"(signalbox_unpriced_requests_total{target="oai/no-such-price"} 1)"));
        QVERIFY(engine_->requestLog().storeStats().unpriced >= 1);
    }

    void bodiesAreMaskedAndCapped() {
        const QByteArray secrets = "\"metadata\":{\"note\":\"" + QByteArray(kProviderKey) +
                                   " and sk-proj-ABCDEFGHIJ0123456789KLMN\"},";
        auto reply = call(chat("oai/priced", false, secrets));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        const QByteArray id = reply->rawHeader("x-signalbox-request-id");
        row(id);
        const QString kept = storedBody(id, "request");
        QVERIFY(kept.contains(QStringLiteral("[redacted]")));
        QVERIFY(!kept.contains(QLatin1String(kProviderKey)));
        QVERIFY(!kept.contains(QStringLiteral("ABCDEFGHIJ0123456789KLMN")));

        const QByteArray big = "\"metadata\":{\"note\":\"" + QByteArray(10000, 'y') + "\"},";
        auto large = call(chat("oai/priced", false, big));
        const QByteArray largeId = large->rawHeader("x-signalbox-request-id");
        row(largeId);
        QCOMPARE(storedBody(largeId, "request").size(), 4096);
    }

    void metricsCountWhatWasLogged() {
        const QByteArray before = metrics();
        for (int i = 0; i < 3; ++i)
            QCOMPARE(test::ProxyClient::status(call(chat("oai/metered")).get()), 200);
        std::unique_ptr<QNetworkReply> reply(client_.get("/metrics"));
        QVERIFY(test::ProxyClient::finish(reply.get()));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(),
                 QStringLiteral("text/plain; version=0.0.4; charset=utf-8"));
        const QByteArray text = reply->readAll();
        QVERIFY(!before.contains(R"(target="oai/metered")"));
        QVERIFY2(text.contains(R"(signalbox_requests_total{target="oai/metered",code="200"} 3)"),
                 text.constData());
        QVERIFY(
            text.contains(R"(signalbox_request_duration_seconds_count{target="oai/metered"} 3)"));
        QVERIFY(text.contains("signalbox_store_queue_depth "));
        QVERIFY(text.contains("signalbox_store_dropped_records_total 0"));
    }

    void tracesReachTheCollector() {
        auto reply = call(chat("oai/traced"));
        QCOMPARE(test::ProxyClient::status(reply.get()), 200);
        const QString id = QString::fromLatin1(reply->rawHeader("x-signalbox-request-id"));
        QSignalSpy flushed(&engine_->requestLog().otlp(), &OtlpExporter::flushed);
        engine_->requestLog().otlp().flush();
        QVERIFY(flushed.wait(5000));
        bool found = false;
        for (const test::Collector::Request& request : collector_.requests) {
            QCOMPARE(request.path, QByteArray("/v1/traces"));
            const QJsonArray resources =
                QJsonDocument::fromJson(request.body).object()[u"resourceSpans"].toArray();
            for (const QJsonValue& resource : resources) {
                for (const QJsonValue& scope : resource[u"scopeSpans"].toArray()) {
                    for (const QJsonValue& span : scope[u"spans"].toArray()) {
                        QMap<QString, QJsonValue> attributes;
                        for (const QJsonValue& a : span[u"attributes"].toArray())
                            attributes.insert(a[u"key"].toString(), a[u"value"]);
                        if (attributes.value(QStringLiteral("signalbox.request_id"))[u"stringValue"]
                                .toString() != id) {
                            continue;
                        }
                        found = true;
                        QCOMPARE(
                            attributes.value(QStringLiteral("gen_ai.request.model"))[u"stringValue"]
                                .toString(),
                            QStringLiteral("oai/traced"));
                    }
                }
            }
        }
        QVERIFY2(found, "the request's span reached the collector");
    }
};

QTEST_MAIN(TestProxyLog)
#include "tst_proxylog.moc"
