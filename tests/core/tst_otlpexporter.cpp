// OtlpExporter against a collector on loopback: what arrives is parsed as OTLP/JSON and
// checked span by span (ids, links, times, GenAI attributes); a collector that refuses,
// hangs or is gone costs counted spans and one warning, never a blocked caller.
#include "OtlpCollector.h"
#include "telemetry/OtlpExporter.h"
#include "telemetry/OtlpTraceEncoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <deque>
#include <map>
#include <memory>
#include <set>
#include <vector>

using namespace signalbox;
using test::Collector;

namespace {

constexpr qint64 kStart = 1'795'000'000'000;  // Unix ms

Attempt attempt(const char* target, const char* outcome, bool called, qint64 startMs,
                qint64 durationMs, const char* error = "") {
    Attempt a;
    a.target = QString::fromUtf8(target);
    a.outcome = outcome;
    a.called = called;
    a.startMs = startMs;
    a.durationMs = durationMs;
    a.error = QString::fromUtf8(error);
    return a;
}

// A chat through route "smart": a benched target passed over, a timeout at another
// provider, a 429, then success.
RequestRecord fallbackRecord() {
    RequestRecord r;
    r.id = "sb-00000000000000a1";
    r.startedAt = kStart;
    r.finishedAt = kStart + 2500;
    r.surface = "anthropic.messages";
    r.route = QStringLiteral("smart");
    r.target = QStringLiteral("claude/claude-sonnet-4-6");
    r.providerKind = QStringLiteral("anthropic");
    r.model = QStringLiteral("claude-sonnet-4-6");
    r.attempts = {attempt("gem/gemini-2.5-pro", "benched", false, 0, 0, "cooling down"),
                  attempt("oai/gpt-5", "timeout", true, 1, 1000, "no answer in 1000 ms"),
                  attempt("claude/claude-sonnet-4-6", "429", true, 1001, 99, "rate limited"),
                  attempt("claude/claude-sonnet-4-6", "ok", true, 1200, 1300)};
    r.calls = 3;
    r.status = 200;
    r.stream = true;
    r.latencyMs = 2500;
    r.ttftMs = 1450;
    r.inputTokens = 1200;
    r.outputTokens = 300;
    r.cachedInputTokens = 1000;
    r.costUsd = 0.0123;
    r.virtualKeyId = QStringLiteral("vk-team");
    r.tags = "{\"team\":\"search\"}";
    r.requestBody = "never exported";
    return r;
}

// Embeddings that failed: Gemini answered 503 to the only call.
RequestRecord failedRecord() {
    RequestRecord r;
    r.id = "sb-00000000000000b2";
    r.startedAt = kStart + 10;
    r.finishedAt = kStart + 60;
    r.surface = "openai.embeddings";
    r.route = QStringLiteral("gem/text-embedding-004");
    r.target = QStringLiteral("gem/text-embedding-004");
    r.providerKind = QStringLiteral("gemini");
    r.model = QStringLiteral("text-embedding-004");
    r.attempts = {attempt("gem/text-embedding-004", "503", true, 2, 40, "overloaded")};
    r.calls = 1;
    r.status = 503;
    r.error = QStringLiteral("all targets failed");
    r.latencyMs = 50;
    return r;
}

RequestRecord simpleRecord(int n) {
    RequestRecord r;
    r.id = "sb-" + QByteArray::number(n).rightJustified(16, '0');
    r.startedAt = kStart + n;
    r.finishedAt = kStart + n + 10;
    r.surface = "openai.chat";
    r.route = QStringLiteral("openai/gpt-5");
    r.target = r.route;
    r.providerKind = QStringLiteral("openai");
    r.model = QStringLiteral("gpt-5");
    r.attempts = {attempt("openai/gpt-5", "ok", true, 1, 8)};
    r.calls = 1;
    r.status = 200;
    return r;
}

TelemetryConfig configFor(const QString& endpoint) {
    TelemetryConfig c;
    c.otlpEndpoint = endpoint;
    c.serviceName = QStringLiteral("sb-test");
    return c;
}

// Tests send only when they flush.
OtlpLimits quietLimits() {
    OtlpLimits limits;
    limits.intervalMs = 3'600'000;
    limits.retryDelayMs = 10;
    return limits;
}

// OTLP attributes as a map of key to its typed value object.
std::map<QString, QJsonObject> attributes(const QJsonValue& list) {
    std::map<QString, QJsonObject> out;
    for (const QJsonValue& kv : list.toArray())
        out[kv[u"key"].toString()] = kv[u"value"].toObject();
    return out;
}

QString text(const std::map<QString, QJsonObject>& attrs, const char* key) {
    const auto it = attrs.find(QString::fromLatin1(key));
    return it == attrs.end() ? QStringLiteral("<missing>") : it->second[u"stringValue"].toString();
}

// intValue is a decimal string in OTLP/JSON.
QString integer(const std::map<QString, QJsonObject>& attrs, const char* key) {
    const auto it = attrs.find(QString::fromLatin1(key));
    return it == attrs.end() ? QStringLiteral("<missing>") : it->second[u"intValue"].toString();
}

QString nanos(qint64 ms) {
    return QString::number(ms * 1'000'000);
}

QJsonArray spansOf(const Collector::Request& request) {
    return QJsonDocument::fromJson(request.body)[u"resourceSpans"][0][u"scopeSpans"][0][u"spans"]
        .toArray();
}

}  // namespace

class TestOtlpExporter : public QObject {
    Q_OBJECT

private slots:
    void exportsOneServerSpanAndAClientSpanPerCall() {
        Collector collector;
        OtlpExporter exporter(quietLimits());
        TelemetryConfig config = configFor(collector.url());
        config.otlpHeaders[QStringLiteral("x-collector-token")] = QStringLiteral("t0ken");
        exporter.reconfigure(config);
        QVERIFY(exporter.enabled());
        QSignalSpy flushed(&exporter, &OtlpExporter::flushed);

        const RequestRecord fallback = fallbackRecord();
        const RequestRecord failed = failedRecord();
        exporter.submit(fallback);
        exporter.submit(failed);
        exporter.flush();
        QTRY_COMPARE(flushed.count(), 1);
        QCOMPARE(exporter.exported(), 6);
        QCOMPARE(exporter.dropped(), 0);
        QCOMPARE(exporter.failed(), 0);

        QCOMPARE(collector.requests.size(), size_t(1));
        const Collector::Request& request = collector.requests[0];
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path, QByteArray("/v1/traces"));
        QCOMPARE(request.headers.at("content-type"), QByteArray("application/json"));
        QCOMPARE(request.headers.at("x-collector-token"), QByteArray("t0ken"));
        QVERIFY(!request.body.contains("never exported"));

        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray resourceSpans = doc[u"resourceSpans"].toArray();
        QCOMPARE(resourceSpans.size(), 1);
        const auto resource = attributes(resourceSpans[0][u"resource"][u"attributes"]);
        QCOMPARE(text(resource, "service.name"), QStringLiteral("sb-test"));
        QVERIFY(resource.count(QStringLiteral("service.version")) == 1);
        QCOMPARE(resourceSpans[0][u"scopeSpans"][0][u"scope"][u"name"].toString(),
                 QStringLiteral("signalbox"));
        const QJsonArray spans = spansOf(request);
        QCOMPARE(spans.size(), 6);  // 1 + 3 calls, 1 + 1 call

        static const QRegularExpression traceHex(QStringLiteral("^[0-9a-f]{32}$"));
        static const QRegularExpression spanHex(QStringLiteral("^[0-9a-f]{16}$"));
        std::set<QString> spanIds;
        for (const QJsonValue& span : spans) {
            QVERIFY(traceHex.match(span[u"traceId"].toString()).hasMatch());
            QVERIFY(spanHex.match(span[u"spanId"].toString()).hasMatch());
            spanIds.insert(span[u"spanId"].toString());
        }
        QCOMPARE(spanIds.size(), size_t(6));

        // The request's own span.
        const QJsonObject server = spans[0].toObject();
        const QString traceId = QString::fromLatin1(OtlpTraceEncoder::traceId(fallback.id));
        QCOMPARE(server[u"traceId"].toString(), traceId);
        QVERIFY(!server.contains(u"parentSpanId"));
        QCOMPARE(server[u"name"].toString(), QStringLiteral("chat smart"));
        QCOMPARE(server[u"kind"].toInt(), 2);  // SPAN_KIND_SERVER
        QCOMPARE(server[u"startTimeUnixNano"].toString(), nanos(kStart));
        QCOMPARE(server[u"endTimeUnixNano"].toString(), nanos(kStart + 2500));
        QVERIFY(!server.contains(u"status"));  // UNSET: it succeeded
        const auto s = attributes(server[u"attributes"]);
        QCOMPARE(text(s, "gen_ai.operation.name"), QStringLiteral("chat"));
        QCOMPARE(text(s, "gen_ai.provider.name"), QStringLiteral("anthropic"));
        QCOMPARE(text(s, "gen_ai.request.model"), QStringLiteral("smart"));
        QCOMPARE(text(s, "gen_ai.response.model"), QStringLiteral("claude-sonnet-4-6"));
        QCOMPARE(integer(s, "http.response.status_code"), QStringLiteral("200"));
        QVERIFY(s.count(QStringLiteral("error.type")) == 0);
        QCOMPARE(text(s, "signalbox.request_id"), QStringLiteral("sb-00000000000000a1"));
        QCOMPARE(text(s, "signalbox.route"), QStringLiteral("smart"));
        QCOMPARE(text(s, "signalbox.target"), QStringLiteral("claude/claude-sonnet-4-6"));
        QCOMPARE(integer(s, "signalbox.attempts"), QStringLiteral("3"));
        QCOMPARE(s.at(QStringLiteral("signalbox.cost_usd"))[u"doubleValue"].toDouble(), 0.0123);
        QCOMPARE(s.at(QStringLiteral("signalbox.cost_estimated"))[u"boolValue"].toBool(true),
                 false);
        QCOMPARE(s.at(QStringLiteral("signalbox.truncated"))[u"boolValue"].toBool(true), false);
        QCOMPARE(s.at(QStringLiteral("signalbox.cache_hit"))[u"boolValue"].toBool(true), false);
        QCOMPARE(s.at(QStringLiteral("signalbox.stream"))[u"boolValue"].toBool(false), true);
        QCOMPARE(integer(s, "signalbox.ttft_ms"), QStringLiteral("1450"));
        QCOMPARE(text(s, "signalbox.virtual_key_id"), QStringLiteral("vk-team"));
        QCOMPARE(text(s, "signalbox.tags"), QStringLiteral("{\"team\":\"search\"}"));
        // Usage belongs to the call that produced it, not to the gateway's span as well.
        QVERIFY(s.count(QStringLiteral("gen_ai.usage.input_tokens")) == 0);

        // The target passed over is an event, at its time.
        const QJsonArray events = server[u"events"].toArray();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0][u"name"].toString(), QStringLiteral("signalbox.target_skipped"));
        QCOMPARE(events[0][u"timeUnixNano"].toString(), nanos(kStart));
        const auto skipped = attributes(events[0][u"attributes"]);
        QCOMPARE(text(skipped, "signalbox.target"), QStringLiteral("gem/gemini-2.5-pro"));
        QCOMPARE(text(skipped, "signalbox.reason"), QStringLiteral("benched"));
        QCOMPARE(text(skipped, "signalbox.error"), QStringLiteral("cooling down"));

        // One CLIENT child per call, in order, timed from the request's start.
        const QString serverId = server[u"spanId"].toString();
        struct Expected {
            const char* name;
            const char* provider;
            const char* model;
            qint64 startMs;
            qint64 endMs;
            const char* errorType;  // nullptr: succeeded
            const char* message;
        };
        const Expected expected[] = {
            {"chat gpt-5", "oai", "gpt-5", 1, 1001, "timeout", "no answer in 1000 ms"},
            {"chat claude-sonnet-4-6", "anthropic", "claude-sonnet-4-6", 1001, 1100, "429",
             "rate limited"},
            {"chat claude-sonnet-4-6", "anthropic", "claude-sonnet-4-6", 1200, 2500, nullptr,
             nullptr},
        };
        for (int i = 0; i < 3; ++i) {
            const QJsonObject client = spans[1 + i].toObject();
            const Expected& e = expected[i];
            QCOMPARE(client[u"traceId"].toString(), traceId);
            QCOMPARE(client[u"parentSpanId"].toString(), serverId);
            QCOMPARE(client[u"spanId"].toString(),
                     QString::fromLatin1(OtlpTraceEncoder::spanId(fallback.id, i + 1)));
            QCOMPARE(client[u"kind"].toInt(), 3);  // SPAN_KIND_CLIENT
            QCOMPARE(client[u"name"].toString(), QString::fromLatin1(e.name));
            QCOMPARE(client[u"startTimeUnixNano"].toString(), nanos(kStart + e.startMs));
            QCOMPARE(client[u"endTimeUnixNano"].toString(), nanos(kStart + e.endMs));
            const auto c = attributes(client[u"attributes"]);
            QCOMPARE(text(c, "gen_ai.operation.name"), QStringLiteral("chat"));
            QCOMPARE(text(c, "gen_ai.provider.name"), QString::fromLatin1(e.provider));
            QCOMPARE(text(c, "gen_ai.request.model"), QString::fromLatin1(e.model));
            if (e.errorType != nullptr) {
                QCOMPARE(text(c, "error.type"), QString::fromLatin1(e.errorType));
                QCOMPARE(client[u"status"][u"code"].toInt(), 2);  // STATUS_CODE_ERROR
                QCOMPARE(client[u"status"][u"message"].toString(), QString::fromLatin1(e.message));
                QVERIFY(c.count(QStringLiteral("gen_ai.usage.input_tokens")) == 0);
            } else {
                QVERIFY(c.count(QStringLiteral("error.type")) == 0);
                QVERIFY(!client.contains(u"status"));
                QCOMPARE(text(c, "gen_ai.response.model"), QStringLiteral("claude-sonnet-4-6"));
                QCOMPARE(integer(c, "gen_ai.usage.input_tokens"), QStringLiteral("1200"));
                QCOMPARE(integer(c, "gen_ai.usage.output_tokens"), QStringLiteral("300"));
                QCOMPARE(integer(c, "gen_ai.usage.cache_read.input_tokens"),
                         QStringLiteral("1000"));
                QVERIFY(c.count(QStringLiteral("gen_ai.usage.cache_creation.input_tokens")) == 0);
            }
        }

        // The failed embeddings request: the gateway's span is in error.
        const QJsonObject failedServer = spans[4].toObject();
        QCOMPARE(failedServer[u"traceId"].toString(),
                 QString::fromLatin1(OtlpTraceEncoder::traceId(failed.id)));
        QVERIFY(failedServer[u"traceId"].toString() != traceId);
        QCOMPARE(failedServer[u"name"].toString(),
                 QStringLiteral("embeddings gem/text-embedding-004"));
        QCOMPARE(failedServer[u"status"][u"code"].toInt(), 2);
        QCOMPARE(failedServer[u"status"][u"message"].toString(),
                 QStringLiteral("all targets failed"));
        const auto f = attributes(failedServer[u"attributes"]);
        QCOMPARE(text(f, "gen_ai.operation.name"), QStringLiteral("embeddings"));
        QCOMPARE(text(f, "gen_ai.provider.name"), QStringLiteral("gcp.gemini"));
        QCOMPARE(text(f, "error.type"), QStringLiteral("503"));
        QCOMPARE(integer(f, "http.response.status_code"), QStringLiteral("503"));
        QVERIFY(f.count(QStringLiteral("signalbox.cost_usd")) == 0);
        const QJsonObject failedCall = spans[5].toObject();
        QCOMPARE(failedCall[u"parentSpanId"].toString(), failedServer[u"spanId"].toString());
        QCOMPARE(failedCall[u"name"].toString(), QStringLiteral("embeddings text-embedding-004"));
        QCOMPARE(text(attributes(failedCall[u"attributes"]), "error.type"), QStringLiteral("503"));
    }

    void aClientErrorLeavesTheServerSpanUnset() {
        RequestRecord r = simpleRecord(1);
        r.status = 400;
        r.attempts = {attempt("openai/gpt-5", "400", true, 1, 8, "bad request")};
        const QJsonArray spans = QJsonDocument::fromJson(OtlpTraceEncoder::encode(
            {r}, QStringLiteral("x")))[u"resourceSpans"][0][u"scopeSpans"][0][u"spans"]
                                     .toArray();
        QCOMPARE(spans.size(), 2);
        QVERIFY(!spans[0].toObject().contains(u"status"));
        QCOMPARE(text(attributes(spans[0][u"attributes"]), "error.type"), QStringLiteral("400"));
        QCOMPARE(spans[1][u"status"][u"code"].toInt(), 2);
    }

    void retriesOnceAfterA503() {
        Collector collector;
        collector.script.push_back({503, "{}"});
        OtlpExporter exporter(quietLimits());
        exporter.reconfigure(configFor(collector.url()));
        QSignalSpy flushed(&exporter, &OtlpExporter::flushed);
        exporter.submit(simpleRecord(1));
        exporter.flush();
        QTRY_COMPARE(flushed.count(), 1);
        QCOMPARE(collector.requests.size(), size_t(2));
        QCOMPARE(collector.requests[0].body, collector.requests[1].body);
        QCOMPARE(exporter.exported(), 2);
        QCOMPARE(exporter.failed(), 0);
        QCOMPARE(exporter.dropped(), 0);
    }

    void aRefusedBatchIsNotRetried() {
        Collector collector;
        collector.script.push_back({400, "{\"message\":\"bad data\"}"});
        OtlpExporter exporter(quietLimits());
        exporter.reconfigure(configFor(collector.url()));
        QSignalSpy flushed(&exporter, &OtlpExporter::flushed);
        QTest::ignoreMessage(
            QtWarningMsg,
            QRegularExpression(QStringLiteral("failed: HTTP 400 .*bad data.*reported once")));
        exporter.submit(simpleRecord(1));
        exporter.flush();
        QTRY_COMPARE(flushed.count(), 1);
        QCOMPARE(collector.requests.size(), size_t(1));
        QCOMPARE(exporter.failed(), 1);
        QCOMPARE(exporter.dropped(), 2);
        QCOMPARE(exporter.exported(), 0);
    }

    void aDeadCollectorCountsFailuresAndWarnsOnce() {
        quint16 deadPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            deadPort = probe.serverPort();
        }
        const QString endpoint = QStringLiteral("http://127.0.0.1:%1/v1/traces").arg(deadPort);
        OtlpExporter exporter(quietLimits());
        exporter.reconfigure(configFor(endpoint));
        QSignalSpy flushed(&exporter, &OtlpExporter::flushed);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("^OpenTelemetry trace export to ") +
                                                QRegularExpression::escape(endpoint) +
                                                QStringLiteral(" failed: .*refused")));
        QTest::failOnWarning(QRegularExpression(QStringLiteral("OpenTelemetry")));

        exporter.submit(simpleRecord(1));
        exporter.flush();
        QTRY_COMPARE(flushed.count(), 1);
        QCOMPARE(exporter.failed(), 1);
        QCOMPARE(exporter.dropped(), 2);
        QCOMPARE(exporter.exported(), 0);

        // The second failure is counted, not reported again.
        exporter.submit(simpleRecord(2));
        exporter.submit(simpleRecord(3));
        exporter.flush();
        QTRY_COMPARE(flushed.count(), 2);
        QCOMPARE(exporter.failed(), 2);
        QCOMPARE(exporter.dropped(), 6);
    }

    void aHangingCollectorTimesOutWithoutBlockingSubmit() {
        Collector collector;
        collector.hang = true;
        OtlpLimits limits = quietLimits();
        limits.timeoutMs = 200;
        OtlpExporter exporter(limits);
        exporter.reconfigure(configFor(collector.url()));
        QSignalSpy flushed(&exporter, &OtlpExporter::flushed);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("failed: no answer within 200 ms")));

        exporter.submit(simpleRecord(1));
        exporter.flush();
        QTRY_COMPARE(collector.requests.size(), size_t(1));
        // The export thread waits on the collector; callers do not.
        for (int i = 2; i <= 50; ++i)
            exporter.submit(simpleRecord(i));
        QCOMPARE(flushed.count(), 0);
        QCOMPARE(exporter.dropped(), 0);

        QTRY_COMPARE(exporter.failed(), 1);
        QCOMPARE(collector.requests.size(), size_t(2));  // the one retry
        QCOMPARE(exporter.dropped(), 2);
        QTRY_COMPARE(flushed.count(), 1);
    }

    void aFullQueueDropsAndCounts() {
        Collector collector;
        OtlpLimits limits = quietLimits();
        limits.queueRecords = 4;
        limits.batchSpans = 1000;  // no early wake-up: only flush() sends
        OtlpExporter exporter(limits);
        exporter.reconfigure(configFor(collector.url()));
        QSignalSpy flushed(&exporter, &OtlpExporter::flushed);
        for (int i = 1; i <= 10; ++i)
            exporter.submit(simpleRecord(i));
        QCOMPARE(exporter.dropped(), 6 * 2);
        exporter.flush();
        QTRY_COMPARE(flushed.count(), 1);
        QCOMPARE(collector.requests.size(), size_t(1));
        const QJsonArray spans = spansOf(collector.requests[0]);
        QCOMPARE(spans.size(), 4 * 2);
        // The oldest were kept.
        QCOMPARE(text(attributes(spans[0][u"attributes"]), "signalbox.request_id"),
                 QStringLiteral("sb-0000000000000001"));
        QCOMPARE(exporter.exported(), 8);
        QCOMPARE(exporter.dropped(), 12);
    }

    void aBacklogGoesOutInBatches() {
        Collector collector;
        OtlpLimits limits = quietLimits();
        limits.batchSpans = 4;
        OtlpExporter exporter(limits);
        // A bare collector address gets OTLP's default path.
        exporter.reconfigure(configFor(collector.url("")));
        QSignalSpy flushed(&exporter, &OtlpExporter::flushed);
        for (int i = 1; i <= 5; ++i)
            exporter.submit(simpleRecord(i));
        exporter.flush();
        QTRY_COMPARE(flushed.count(), 1);
        QCOMPARE(exporter.exported(), 10);
        QCOMPARE(collector.requests.size(), size_t(3));
        qsizetype total = 0;
        for (const Collector::Request& r : collector.requests) {
            QCOMPARE(r.path, QByteArray("/v1/traces"));
            QVERIFY(spansOf(r).size() <= 4);
            total += spansOf(r).size();
        }
        QCOMPARE(total, qsizetype(10));
    }

    void aPartialSuccessCountsTheRefusedSpans() {
        Collector collector;
        collector.script.push_back(
            {200,
             "{\"partialSuccess\":{\"rejectedSpans\":\"1\",\"errorMessage\":\"span too old\"}}"});
        OtlpExporter exporter(quietLimits());
        exporter.reconfigure(configFor(collector.url()));
        QSignalSpy flushed(&exporter, &OtlpExporter::flushed);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("refused 1 span.*span too old")));
        exporter.submit(simpleRecord(1));
        exporter.flush();
        QTRY_COMPARE(flushed.count(), 1);
        QCOMPARE(collector.requests.size(), size_t(1));
        QCOMPARE(exporter.exported(), 1);
        QCOMPARE(exporter.dropped(), 1);
        QCOMPARE(exporter.failed(), 0);
    }

    void offWhileTheEndpointIsEmpty() {
        Collector collector;
        OtlpExporter exporter(quietLimits());
        QSignalSpy flushed(&exporter, &OtlpExporter::flushed);
        QVERIFY(!exporter.enabled());
        exporter.submit(simpleRecord(1));
        exporter.flush();
        QTRY_COMPARE(flushed.count(), 1);

        exporter.reconfigure(configFor(collector.url()));
        exporter.submit(simpleRecord(2));  // waits in the queue ...
        exporter.reconfigure(configFor(QString()));
        QVERIFY(!exporter.enabled());
        exporter.submit(simpleRecord(3));  // ... and is forgotten with this one
        exporter.flush();
        QTRY_COMPARE(flushed.count(), 2);

        exporter.reconfigure(configFor(collector.url()));
        exporter.submit(simpleRecord(4));
        exporter.flush();
        QTRY_COMPARE(flushed.count(), 3);
        QCOMPARE(collector.requests.size(), size_t(1));
        const QJsonArray spans = spansOf(collector.requests[0]);
        QCOMPARE(spans.size(), 2);
        QCOMPARE(text(attributes(spans[0][u"attributes"]), "signalbox.request_id"),
                 QStringLiteral("sb-0000000000000004"));
        QCOMPARE(exporter.exported(), 2);
        QCOMPARE(exporter.dropped(), 0);
    }

    void idsFollowTheRequestId() {
        QCOMPARE(OtlpTraceEncoder::traceId("sb-00000000000000a1"),
                 OtlpTraceEncoder::traceId("sb-00000000000000a1"));
        QVERIFY(OtlpTraceEncoder::traceId("sb-00000000000000a1") !=
                OtlpTraceEncoder::traceId("sb-00000000000000a2"));
        QVERIFY(OtlpTraceEncoder::spanId("sb-00000000000000a1", 0) !=
                OtlpTraceEncoder::spanId("sb-00000000000000a1", 1));
        QCOMPARE(OtlpTraceEncoder::operationName("openai.completions"),
                 QStringLiteral("text_completion"));
        QCOMPARE(OtlpTraceEncoder::operationName("anthropic.count_tokens"),
                 QStringLiteral("count_tokens"));
        QCOMPARE(OtlpTraceEncoder::providerName(QStringLiteral("mistral")),
                 QStringLiteral("mistral_ai"));
        QCOMPARE(OtlpTraceEncoder::providerName(QStringLiteral("groq")), QStringLiteral("groq"));
    }
};

QTEST_GUILESS_MAIN(TestOtlpExporter)
#include "tst_otlpexporter.moc"
