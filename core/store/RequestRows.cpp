#include "store/RequestRows.h"

#include "json/JsonScanner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QVariant>

namespace signalbox {

namespace {

QVariant orNull(qint64 value) {
    return value >= 0 ? QVariant(value) : QVariant(QMetaType(QMetaType::LongLong));
}

QVariant textOrNull(const QString& text) {
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

}  // namespace

RequestRows::RequestRows(QSqlDatabase& db) : request_(db), tag_(db), body_(db) {}

bool RequestRows::prepare() {
    const bool ok =
        request_.prepare(QStringLiteral(
            "INSERT OR IGNORE INTO requests (id, started_at, finished_at, surface, route, "
            "target, provider_kind, attempts, trail, status, error, stream, truncated, "
            "latency_ms, ttft_ms, input_tokens, output_tokens, cached_input_tokens, "
            "cache_write_tokens, reasoning_tokens, cost_usd, cost_estimated, cache_hit, "
            "virtual_key_id, user, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) &&
        tag_.prepare(QStringLiteral("INSERT OR IGNORE INTO request_tags (key, value, started_at, "
                                    "request_id) VALUES (?, ?, ?, ?)")) &&
        body_.prepare(QStringLiteral("INSERT OR IGNORE INTO request_bodies (id, started_at, "
                                     "request, response) VALUES (?, ?, ?, ?)"));
    if (!ok) {
        for (const QSqlQuery* q : {&request_, &tag_, &body_}) {
            if (q->lastError().isValid()) {
                error_ = q->lastError().text();
                break;
            }
        }
    }
    return ok;
}

QByteArray RequestRows::trailJson(const std::vector<Attempt>& attempts) {
    QByteArray out = "[";
    for (const Attempt& a : attempts) {
        if (out.size() > 1)
            out.append(',');
        out.append(R"({"target":)");
        JsonScanner::appendQuoted(out, a.target);
        if (!a.key.isEmpty()) {
            out.append(R"(,"key":)");
            JsonScanner::appendQuoted(out, a.key);
        }
        out.append(R"(,"outcome":)");
        JsonScanner::appendQuotedUtf8(out, a.outcome);
        out.append(R"(,"start_ms":)").append(QByteArray::number(a.startMs));
        out.append(R"(,"duration_ms":)").append(QByteArray::number(a.durationMs));
        if (!a.error.isEmpty()) {
            out.append(R"(,"error":)");
            JsonScanner::appendQuoted(out, a.error);
        }
        out.append(a.called ? R"(,"called":true})" : R"(,"called":false})");
    }
    out.append(']');
    return out;
}

bool RequestRows::insert(const RequestRecord& r) {
    const QString id = QString::fromLatin1(r.id);
    int i = 0;
    const auto bind = [&](const QVariant& v) { request_.bindValue(i++, v); };
    bind(id);
    bind(r.startedAt);
    bind(r.finishedAt);
    bind(QString::fromLatin1(r.surface));
    bind(r.route.isNull() ? QStringLiteral("") : r.route);  // a request unread has none
    bind(textOrNull(r.target));
    bind(textOrNull(r.providerKind));
    bind(r.calls);
    bind(QString::fromUtf8(trailJson(r.attempts)));
    bind(r.status);
    bind(textOrNull(r.error));
    bind(r.stream ? 1 : 0);
    bind(r.truncated ? 1 : 0);
    bind(orNull(r.latencyMs));
    bind(orNull(r.ttftMs));
    bind(orNull(r.inputTokens));
    bind(orNull(r.outputTokens));
    bind(orNull(r.cachedInputTokens));
    bind(orNull(r.cacheWriteTokens));
    bind(orNull(r.reasoningTokens));
    bind(r.costUsd ? QVariant(*r.costUsd) : QVariant(QMetaType(QMetaType::Double)));
    bind(r.costEstimated ? 1 : 0);
    bind(r.cacheHit ? 1 : 0);
    bind(textOrNull(r.virtualKeyId));
    bind(textOrNull(r.user));
    bind(r.tags.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                          : QVariant(QString::fromUtf8(r.tags)));
    recordAtFault_ = false;
    if (!request_.exec()) {
        error_ = request_.lastError().text();
        // SQLite's SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH.
        const QString code = request_.lastError().nativeErrorCode();
        recordAtFault_ = code == QLatin1String("18") || code == QLatin1String("19") ||
                         code == QLatin1String("20");
        return false;
    }
    if (request_.numRowsAffected() == 0)
        return true;  // already there, with its tags and bodies
    if (!r.tags.isEmpty()) {
        const QJsonObject tags = QJsonDocument::fromJson(r.tags).object();
        for (auto it = tags.begin(); it != tags.end(); ++it) {
            tag_.bindValue(0, it.key());
            tag_.bindValue(1, it.value().toString());
            tag_.bindValue(2, r.startedAt);
            tag_.bindValue(3, id);
            if (!tag_.exec()) {
                error_ = tag_.lastError().text();
                return false;
            }
        }
    }
    if (!r.requestBody.isEmpty() || !r.responseBody.isEmpty()) {
        body_.bindValue(0, id);
        body_.bindValue(1, r.startedAt);
        body_.bindValue(2, r.requestBody);
        body_.bindValue(3, r.responseBody);
        if (!body_.exec()) {
            error_ = body_.lastError().text();
            return false;
        }
    }
    return true;
}

}  // namespace signalbox
