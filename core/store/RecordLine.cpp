#include "store/RecordLine.h"

#include "json/JsonScanner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <charconv>
#include <cmath>
#include <cstring>

namespace signalbox {

namespace {

// `,"name":` and, for numbers, the value: built on the stack and appended once, as
// appending to a QByteArray piece by piece costs more than the rest of a record.
constexpr qsizetype kMaxName = 32;

char* keyInto(char* p, const char* name) {
    const size_t len = std::strlen(name);
    Q_ASSERT(len <= size_t(kMaxName));
    *p++ = ',';
    *p++ = '"';
    std::memcpy(p, name, len);
    p += len;
    *p++ = '"';
    *p++ = ':';
    return p;
}

void key(QByteArray& out, const char* name) {
    char buf[kMaxName + 8];
    out.append(buf, keyInto(buf, name) - buf);
}

void text(QByteArray& out, const char* name, const QString& value) {
    if (value.isEmpty())
        return;
    key(out, name);
    JsonScanner::appendQuoted(out, value);
}

// Numbers are written without allocating: a record is written on the proxy's threads.
void number(QByteArray& out, const char* name, qint64 value) {
    char buf[kMaxName + 40];
    char* p = keyInto(buf, name);
    p = std::to_chars(p, buf + sizeof buf, value).ptr;
    out.append(buf, p - buf);
}

// Seventeen digits: the number read back is the one written, to the last bit. NaN and
// infinities have no JSON: written, they would lose the whole line; left out, they read
// as unset, which is what SQLite would have made of NaN.
void real(QByteArray& out, const char* name, const std::optional<double>& value) {
    if (!value || !std::isfinite(*value))
        return;
    key(out, name);
    char digits[32];
    const auto end =
        std::to_chars(digits, digits + sizeof digits, *value, std::chars_format::general, 17).ptr;
    out.append(digits, end - digits);
}

// A JSON object the proxy built, embedded as it is.
void object(QByteArray& out, const char* name, const QByteArray& json) {
    if (json.isEmpty())
        return;
    key(out, name);
    out.append(json);
}

void base64(QByteArray& out, const char* name, const QByteArray& value) {
    if (value.isEmpty())
        return;
    key(out, name);
    out.append('"').append(value.toBase64()).append('"');
}

qint64 count(const QJsonObject& o, QLatin1StringView name) {
    return o.value(name).toInteger(-1);
}

// An embedded object as compact JSON; empty when absent or not an object.
QByteArray compactObject(const QJsonValue& value) {
    return value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                            : QByteArray();
}

}  // namespace

void RecordLine::write(const RequestRecord& r, QByteArray& out) {
    out.reserve(out.size() + 1024 + r.requestBody.size() * 4 / 3 + r.responseBody.size() * 4 / 3);
    out.append(R"({"id":)");
    JsonScanner::appendQuotedUtf8(out, r.id);
    number(out, "started_at", r.startedAt);
    number(out, "finished_at", r.finishedAt);
    key(out, "surface");
    JsonScanner::appendQuotedUtf8(out, r.surface);
    text(out, "route", r.route);
    text(out, "target", r.target);
    text(out, "provider_kind", r.providerKind);
    text(out, "model", r.model);
    number(out, "attempts", r.calls);
    number(out, "status", r.status);
    text(out, "error", r.error);
    number(out, "stream", r.stream ? 1 : 0);
    number(out, "truncated", r.truncated ? 1 : 0);
    number(out, "latency_ms", r.latencyMs);
    number(out, "ttft_ms", r.ttftMs);
    number(out, "input_tokens", r.inputTokens);
    number(out, "output_tokens", r.outputTokens);
    number(out, "cached_input_tokens", r.cachedInputTokens);
    number(out, "cache_write_tokens", r.cacheWriteTokens);
    number(out, "reasoning_tokens", r.reasoningTokens);
    real(out, "cost_usd", r.costUsd);
    number(out, "cost_estimated", r.costEstimated ? 1 : 0);
    number(out, "cache_hit", r.cacheHit ? 1 : 0);
    real(out, "cache_saved_usd", r.cacheSavedUsd);
    text(out, "virtual_key_id", r.virtualKeyId);
    object(out, "redactions", r.redactions);
    text(out, "user", r.user);
    object(out, "tags", r.tags);
    key(out, "trail");
    out.append('[');
    for (size_t i = 0; i < r.attempts.size(); ++i) {
        const Attempt& a = r.attempts[i];
        out.append(i == 0 ? "{\"target\":" : ",{\"target\":");
        JsonScanner::appendQuoted(out, a.target);
        text(out, "key", a.key);
        key(out, "outcome");
        JsonScanner::appendQuotedUtf8(out, a.outcome);
        number(out, "start_ms", a.startMs);
        number(out, "duration_ms", a.durationMs);
        text(out, "error", a.error);
        number(out, "called", a.called ? 1 : 0);
        out.append('}');
    }
    out.append(']');
    base64(out, "request_body", r.requestBody);
    base64(out, "response_body", r.responseBody);
    out.append("}\n");
}

namespace {

std::optional<RequestRecord> parse(QByteArrayView line) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    RequestRecord r;
    r.id = o.value(QLatin1String("id")).toString().toLatin1();
    r.startedAt = o.value(QLatin1String("started_at")).toInteger(-1);
    if (r.id.isEmpty() || r.startedAt < 0)
        return std::nullopt;
    r.finishedAt = o.value(QLatin1String("finished_at")).toInteger(r.startedAt);
    r.surface = o.value(QLatin1String("surface")).toString().toLatin1();
    r.route = o.value(QLatin1String("route")).toString();
    r.target = o.value(QLatin1String("target")).toString();
    r.providerKind = o.value(QLatin1String("provider_kind")).toString();
    r.model = o.value(QLatin1String("model")).toString();
    r.calls = static_cast<int>(o.value(QLatin1String("attempts")).toInteger());
    r.status = static_cast<int>(o.value(QLatin1String("status")).toInteger());
    r.error = o.value(QLatin1String("error")).toString();
    r.stream = o.value(QLatin1String("stream")).toInteger() != 0;
    r.truncated = o.value(QLatin1String("truncated")).toInteger() != 0;
    r.latencyMs = count(o, QLatin1String("latency_ms"));
    r.ttftMs = count(o, QLatin1String("ttft_ms"));
    r.inputTokens = count(o, QLatin1String("input_tokens"));
    r.outputTokens = count(o, QLatin1String("output_tokens"));
    r.cachedInputTokens = count(o, QLatin1String("cached_input_tokens"));
    r.cacheWriteTokens = count(o, QLatin1String("cache_write_tokens"));
    r.reasoningTokens = count(o, QLatin1String("reasoning_tokens"));
    const QJsonValue cost = o.value(QLatin1String("cost_usd"));
    if (cost.isDouble())
        r.costUsd = cost.toDouble();
    r.costEstimated = o.value(QLatin1String("cost_estimated")).toInteger() != 0;
    r.cacheHit = o.value(QLatin1String("cache_hit")).toInteger() != 0;
    const QJsonValue saved = o.value(QLatin1String("cache_saved_usd"));
    if (saved.isDouble())
        r.cacheSavedUsd = saved.toDouble();
    r.virtualKeyId = o.value(QLatin1String("virtual_key_id")).toString();
    r.redactions = compactObject(o.value(QLatin1String("redactions")));
    r.user = o.value(QLatin1String("user")).toString();
    r.tags = compactObject(o.value(QLatin1String("tags")));
    for (const QJsonValue& v : o.value(QLatin1String("trail")).toArray()) {
        const QJsonObject a = v.toObject();
        r.attempts.push_back({a.value(QLatin1String("target")).toString(),
                              a.value(QLatin1String("key")).toString(),
                              a.value(QLatin1String("outcome")).toString().toUtf8(),
                              a.value(QLatin1String("start_ms")).toInteger(),
                              a.value(QLatin1String("duration_ms")).toInteger(),
                              a.value(QLatin1String("error")).toString(),
                              a.value(QLatin1String("called")).toInteger(1) != 0});
    }
    r.requestBody =
        QByteArray::fromBase64(o.value(QLatin1String("request_body")).toString().toLatin1());
    r.responseBody =
        QByteArray::fromBase64(o.value(QLatin1String("response_body")).toString().toLatin1());
    return r;
}

}  // namespace

std::optional<RequestRecord> RecordLine::read(QByteArrayView line) {
    if (std::optional<RequestRecord> record = parse(line))
        return record;
    // A write cut short by a full disk leaves the start of a record with no line break,
    // and the next record is appended to it: read that one. Texts are escaped, so `{"id":`
    // only starts a record (or a tags object, which does not parse to the line's end).
    constexpr QByteArrayView start = R"({"id":)";
    for (qsizetype at = line.indexOf(start, 1); at > 0; at = line.indexOf(start, at + 1)) {
        if (std::optional<RequestRecord> record = parse(line.sliced(at)))
            return record;
    }
    return std::nullopt;
}

}  // namespace signalbox
