#include "telemetry/OtlpTraceEncoder.h"

#include "json/Json.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <algorithm>

namespace signalbox {

namespace {

// OTLP/JSON enum values are integers (opentelemetry-proto trace.proto).
constexpr int kSpanKindServer = 2;
constexpr int kSpanKindClient = 3;
constexpr int kStatusError = 2;

// fixed64 nanoseconds travel as decimal strings in proto3 JSON.
QByteArray nanos(qint64 unixMs) {
    return QByteArray::number(unixMs * 1'000'000);
}

Json value(const char* type, Json v) {
    Json out = Json::object();
    out.set(type, std::move(v));
    return out;
}

class Attributes {
public:
    void text(const char* key, const QString& v) { add(key, value("stringValue", v)); }
    void text(const char* key, QByteArrayView v) { add(key, value("stringValue", v)); }
    // int64 is a decimal string in proto3 JSON.
    void integer(const char* key, qint64 v) {
        add(key, value("intValue", QByteArrayView(QByteArray::number(v))));
    }
    void real(const char* key, double v) { add(key, value("doubleValue", v)); }
    void boolean(const char* key, bool v) { add(key, value("boolValue", v)); }
    void textIfAny(const char* key, const QString& v) {
        if (!v.isEmpty())
            text(key, v);
    }
    void countIfKnown(const char* key, qint64 v) {
        if (v >= 0)
            integer(key, v);
    }
    Json take() { return std::move(list_); }

private:
    void add(const char* key, Json v) {
        Json kv = Json::object();
        kv.set("key", key);
        kv.set("value", std::move(v));
        list_.append(std::move(kv));
    }
    Json list_ = Json::array();
};

Json status(const QString& message) {
    Json s = Json::object();
    s.set("code", kStatusError);
    if (!message.isEmpty())
        s.set("message", message);
    return s;
}

Json span(const QByteArray& traceId, const QByteArray& spanId, const QByteArray& parentId,
          const QString& name, int kind, qint64 startMs, qint64 endMs) {
    Json s = Json::object();
    s.set("traceId", QByteArrayView(traceId));
    s.set("spanId", QByteArrayView(spanId));
    if (!parentId.isEmpty())
        s.set("parentSpanId", QByteArrayView(parentId));
    s.set("name", name);
    s.set("kind", kind);
    s.set("startTimeUnixNano", QByteArrayView(nanos(startMs)));
    s.set("endTimeUnixNano", QByteArrayView(nanos(std::max(startMs, endMs))));
    return s;
}

QString providerId(const QString& target) {
    return target.section(QLatin1Char('/'), 0, 0);
}

void appendSpans(Json& spans, const RequestRecord& r) {
    // Ids need a key; a record without a request id gets a random one of its own.
    const QByteArray key =
        r.id.isEmpty() ? QByteArray::number(QRandomGenerator::global()->generate64(), 16) : r.id;
    const QByteArray traceId = OtlpTraceEncoder::traceId(key);
    const QByteArray serverId = OtlpTraceEncoder::spanId(key, 0);
    const QString op = OtlpTraceEncoder::operationName(r.surface);
    const QString servedBy = providerId(r.target);
    const qint64 endMs = r.finishedAt > 0   ? r.finishedAt
                         : r.latencyMs >= 0 ? r.startedAt + r.latencyMs
                                            : r.startedAt;

    Json server = span(traceId, serverId, {}, op + QLatin1Char(' ') + r.route, kSpanKindServer,
                       r.startedAt, endMs);
    Attributes a;
    a.text("gen_ai.operation.name", op);
    a.textIfAny("gen_ai.request.model", r.route);
    if (!r.target.isEmpty()) {
        a.text("gen_ai.provider.name", OtlpTraceEncoder::providerName(
                                           r.providerKind.isEmpty() ? servedBy : r.providerKind));
        a.textIfAny("gen_ai.response.model", r.model);
    }
    if (r.status > 0)
        a.integer("http.response.status_code", r.status);
    if (r.status >= 400)
        a.text("error.type", QString::number(r.status));
    else if (r.truncated)
        a.text("error.type", QStringLiteral("truncated"));
    a.text("signalbox.request_id", QByteArrayView(r.id));
    a.text("signalbox.surface", QByteArrayView(r.surface));
    a.textIfAny("signalbox.route", r.route);
    a.textIfAny("signalbox.target", r.target);
    a.integer("signalbox.attempts", r.calls);
    a.boolean("signalbox.stream", r.stream);
    a.boolean("signalbox.truncated", r.truncated);
    a.boolean("signalbox.cache_hit", r.cacheHit);
    if (r.costUsd)
        a.real("signalbox.cost_usd", *r.costUsd);
    a.boolean("signalbox.cost_estimated", r.costEstimated);
    a.countIfKnown("signalbox.ttft_ms", r.ttftMs);
    a.textIfAny("signalbox.virtual_key_id", r.virtualKeyId);
    if (!r.tags.isEmpty())
        a.text("signalbox.tags", QByteArrayView(r.tags));
    server.set("attributes", a.take());

    // Targets passed over took no time and reached no provider: events, not spans.
    Json events = Json::array();
    for (const Attempt& at : r.attempts) {
        if (at.called)
            continue;
        Attributes e;
        e.text("signalbox.target", at.target);
        e.text("signalbox.reason", QByteArrayView(at.outcome));
        e.textIfAny("signalbox.error", at.error);
        Json event = Json::object();
        event.set("timeUnixNano", QByteArrayView(nanos(r.startedAt + at.startMs)));
        event.set("name", "signalbox.target_skipped");
        event.set("attributes", e.take());
        events.append(std::move(event));
    }
    if (events.size() > 0)
        server.set("events", std::move(events));
    // A server span is in error for what the gateway failed at, not for a client's
    // 4xx (HTTP semantic conventions); error.type still names it.
    if (r.status >= 500 || r.truncated)
        server.set("status", status(r.error));
    spans.append(std::move(server));

    const auto last = std::find_if(r.attempts.rbegin(), r.attempts.rend(),
                                   [](const Attempt& at) { return at.called; });
    int call = 0;
    for (size_t i = 0; i < r.attempts.size(); ++i) {
        const Attempt& at = r.attempts[i];
        if (!at.called)
            continue;
        ++call;
        const QString id = providerId(at.target);
        const QString model = at.target.section(QLatin1Char('/'), 1);
        const qint64 startMs = r.startedAt + at.startMs;
        Json client =
            span(traceId, OtlpTraceEncoder::spanId(key, call), serverId,
                 op + QLatin1Char(' ') + model, kSpanKindClient, startMs, startMs + at.durationMs);
        // The record knows the kind of the provider that served it alone; another
        // provider of the chain is named by its id.
        const QString kind = id == servedBy && !r.providerKind.isEmpty() ? r.providerKind : id;
        Attributes c;
        c.text("gen_ai.operation.name", op);
        c.text("gen_ai.provider.name", OtlpTraceEncoder::providerName(kind));
        c.text("gen_ai.request.model", model);
        // The usage of a request is that of its last call.
        if (&at == &*last && at.target == r.target) {
            c.textIfAny("gen_ai.response.model", r.model);
            c.countIfKnown("gen_ai.usage.input_tokens", r.inputTokens);
            c.countIfKnown("gen_ai.usage.output_tokens", r.outputTokens);
            c.countIfKnown("gen_ai.usage.cache_read.input_tokens", r.cachedInputTokens);
            c.countIfKnown("gen_ai.usage.cache_creation.input_tokens", r.cacheWriteTokens);
        }
        if (at.outcome != "ok")
            c.text("error.type", QByteArrayView(at.outcome));
        c.text("signalbox.target", at.target);
        c.text("signalbox.provider_id", id);
        c.text("signalbox.outcome", QByteArrayView(at.outcome));
        c.integer("signalbox.attempt", static_cast<qint64>(i) + 1);
        c.textIfAny("signalbox.key", at.key);
        client.set("attributes", c.take());
        if (at.outcome != "ok")
            client.set("status", status(at.error));
        spans.append(std::move(client));
    }
}

}  // namespace

QByteArray OtlpTraceEncoder::encode(const std::vector<RequestRecord>& records,
                                    const QString& serviceName) {
    Attributes resourceAttributes;
    resourceAttributes.text("service.name", serviceName);
    resourceAttributes.text("service.version", QByteArrayView(SIGNALBOX_VERSION));
    Json resource = Json::object();
    resource.set("attributes", resourceAttributes.take());

    Json scope = Json::object();
    scope.set("name", "signalbox");
    scope.set("version", SIGNALBOX_VERSION);

    Json spans = Json::array();
    for (const RequestRecord& r : records)
        appendSpans(spans, r);

    Json scopeSpans = Json::object();
    scopeSpans.set("scope", std::move(scope));
    scopeSpans.set("spans", std::move(spans));
    Json scopeList = Json::array();
    scopeList.append(std::move(scopeSpans));

    Json resourceSpans = Json::object();
    resourceSpans.set("resource", std::move(resource));
    resourceSpans.set("scopeSpans", std::move(scopeList));
    Json resourceList = Json::array();
    resourceList.append(std::move(resourceSpans));

    Json request = Json::object();
    request.set("resourceSpans", std::move(resourceList));
    return request.serialize();
}

int OtlpTraceEncoder::spanCount(const RequestRecord& record) {
    int n = 1;
    for (const Attempt& a : record.attempts)
        n += a.called ? 1 : 0;
    return n;
}

QByteArray OtlpTraceEncoder::traceId(const QByteArray& requestId) {
    return QCryptographicHash::hash(requestId, QCryptographicHash::Sha256).left(16).toHex();
}

QByteArray OtlpTraceEncoder::spanId(const QByteArray& requestId, int call) {
    QByteArray input = requestId;
    input.append('/').append(QByteArray::number(call));
    return QCryptographicHash::hash(input, QCryptographicHash::Sha256).left(8).toHex();
}

QString OtlpTraceEncoder::providerName(const QString& kind) {
    // Kinds whose well-known gen_ai.provider.name differs from the kind's own name
    // (semantic-conventions registry, gen-ai attributes).
    static const std::pair<QLatin1String, QLatin1String> kRenamed[] = {
        {QLatin1String("gemini"), QLatin1String("gcp.gemini")},
        {QLatin1String("mistral"), QLatin1String("mistral_ai")},
        {QLatin1String("xai"), QLatin1String("x_ai")},
        {QLatin1String("azure-openai"), QLatin1String("azure.ai.openai")},
    };
    for (const auto& [from, to] : kRenamed) {
        if (kind == from)
            return to;
    }
    return kind;
}

QString OtlpTraceEncoder::operationName(const QByteArray& surface) {
    if (surface == "openai.chat" || surface == "anthropic.messages" || surface.isEmpty())
        return QStringLiteral("chat");
    if (surface == "openai.completions")
        return QStringLiteral("text_completion");
    if (surface == "openai.embeddings")
        return QStringLiteral("embeddings");
    // No well-known value applies (count_tokens): the surface's own operation.
    return QString::fromUtf8(surface.mid(surface.indexOf('.') + 1));
}

}  // namespace signalbox
