#include "store/RequestRows.h"

#include "json/JsonScanner.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QStringList>
#include <QVariant>

#include <vector>

namespace signalbox {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("RequestRows", text);
}

QVariant orNull(qint64 value) {
    return value >= 0 ? QVariant(value) : QVariant(QMetaType(QMetaType::LongLong));
}

QVariant textOrNull(const QString& text) {
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

// The rollups are filled from the rows themselves (`r` in requests, `t` in request_tags),
// one row just inserted or an hour of them, so that they count exactly what
// RequestQueries counts over the rows.
const QString kHour =
    QStringLiteral("(r.started_at - ((r.started_at % %1) + %1) % %1)").arg(RequestRows::kHourMs);
// Answered by the model itself: the requests LatencyStats describes.
const QString kAnswered =
    QStringLiteral("(r.status < 400 AND r.truncated = 0 AND r.cache_hit = 0)");

// An hour's sums, and one row's share of each.
struct Sum {
    QString column;
    QString share;
};
const std::vector<Sum>& sums() {
    static const std::vector<Sum> all = {
        {QStringLiteral("requests"), QStringLiteral("1")},
        {QStringLiteral("errors"), QStringLiteral("(r.status >= 400 OR r.truncated = 1)")},
        {QStringLiteral("cache_hits"), QStringLiteral("r.cache_hit")},
        {QStringLiteral("input_tokens"), QStringLiteral("coalesce(r.input_tokens, 0)")},
        {QStringLiteral("output_tokens"), QStringLiteral("coalesce(r.output_tokens, 0)")},
        {QStringLiteral("cost_usd"), QStringLiteral("coalesce(r.cost_usd, 0.0)")},
        {QStringLiteral("unpriced"), QStringLiteral("(r.cost_usd IS NULL)")},
        {QStringLiteral("cost_estimated"), QStringLiteral("r.cost_estimated")},
        {QStringLiteral("latency_count"),
         QStringLiteral("(%1 AND r.latency_ms IS NOT NULL)").arg(kAnswered)},
        {QStringLiteral("latency_ms_sum"),
         QStringLiteral("CASE WHEN %1 THEN coalesce(r.latency_ms, 0) ELSE 0 END").arg(kAnswered)},
    };
    return all;
}

// A rollup table: its key columns and their values from `r` and `t`.
struct Rollup {
    QString table;
    QStringList keys;
    QStringList values;
    bool tagged;  // a row per tag: `t` joins in
};
const std::vector<Rollup>& rollups() {
    static const QString target = QStringLiteral("coalesce(r.target, '')");
    static const std::vector<Rollup> all = {
        {QStringLiteral("request_hourly"),
         {QStringLiteral("hour"), QStringLiteral("target"), QStringLiteral("route")},
         {kHour, target, QStringLiteral("r.route")},
         false},
        {QStringLiteral("request_hourly_keys"),
         {QStringLiteral("hour"), QStringLiteral("virtual_key_id"), QStringLiteral("target"),
          QStringLiteral("route")},
         {kHour, QStringLiteral("coalesce(r.virtual_key_id, '')"), target,
          QStringLiteral("r.route")},
         false},
        {QStringLiteral("request_hourly_tags"),
         {QStringLiteral("tag_key"), QStringLiteral("hour"), QStringLiteral("tag_value"),
          QStringLiteral("target"), QStringLiteral("route")},
         {QStringLiteral("t.key"), kHour, QStringLiteral("t.value"), target,
          QStringLiteral("r.route")},
         true},
    };
    return all;
}

QString rowsOf(const Rollup& rollup) {
    return rollup.tagged ? QStringLiteral(
                               " FROM requests r CROSS JOIN request_tags t ON "
                               "t.started_at = r.started_at AND t.request_id = r.id")
                         : QStringLiteral(" FROM requests r");
}

QString columnsOf(const Rollup& rollup) {
    QStringList columns = rollup.keys;
    for (const Sum& sum : sums())
        columns.append(sum.column);
    return columns.join(QStringLiteral(", "));
}

// Adds the row with the rowid bound to its hour (and, tagged, each of its tags').
QString addSql(const Rollup& rollup) {
    QStringList shares = rollup.values;
    QStringList adds;
    for (const Sum& sum : sums()) {
        shares.append(sum.share);
        adds.append(QStringLiteral("%1 = %1 + excluded.%1").arg(sum.column));
    }
    // The WHERE also keeps SQLite from reading ON CONFLICT as a join's ON.
    return QStringLiteral(
               "INSERT INTO %1 (%2) SELECT %3%4 WHERE r.rowid = ? ON CONFLICT (%5) DO "
               "UPDATE SET %6")
        .arg(rollup.table, columnsOf(rollup), shares.join(QStringLiteral(", ")), rowsOf(rollup),
             rollup.keys.join(QStringLiteral(", ")), adds.join(QStringLiteral(", ")));
}

// Sums the rows started in the bound [from, to) into rollup rows not there yet.
QString rebuildSql(const Rollup& rollup) {
    QStringList shares;
    for (qsizetype i = 0; i < rollup.keys.size(); ++i)
        shares.append(QStringLiteral("%1 AS %2").arg(rollup.values[i], rollup.keys[i]));
    QStringList totals = rollup.keys;
    for (const Sum& sum : sums()) {
        shares.append(QStringLiteral("%1 AS %2").arg(sum.share, sum.column));
        totals.append(QStringLiteral("sum(%1)").arg(sum.column));
    }
    return QStringLiteral(
               "INSERT INTO %1 (%2) SELECT %3 FROM (SELECT %4%5 WHERE r.started_at >= ? "
               "AND r.started_at < ?) GROUP BY %6")
        .arg(rollup.table, columnsOf(rollup), totals.join(QStringLiteral(", ")),
             shares.join(QStringLiteral(", ")), rowsOf(rollup),
             rollup.keys.join(QStringLiteral(", ")));
}

// Part 0 of an hour's latencies (request_latency_hourly) takes values until its text
// reaches this length.
constexpr int kPartBytes = 900;

const QStringList kRollupTables = {
    QStringLiteral("request_hourly"), QStringLiteral("request_hourly_keys"),
    QStringLiteral("request_hourly_tags"), QStringLiteral("request_latency_hourly")};

}  // namespace

RequestRows::RequestRows(QSqlDatabase& db)
    : connection_(db.connectionName()),
      request_(db),
      tag_(db),
      body_(db),
      hourly_(db),
      keys_(db),
      tagged_(db),
      latency_(db),
      fullPart_(db) {}

qint64 RequestRows::hourOf(qint64 ms) {
    const qint64 into = ((ms % kHourMs) + kHourMs) % kHourMs;
    return ms - into;
}

bool RequestRows::failed(const QSqlQuery& q) {
    error_ = q.lastError().text();
    return false;
}

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
                                     "request, response) VALUES (?, ?, ?, ?)")) &&
        hourly_.prepare(addSql(rollups()[0])) && keys_.prepare(addSql(rollups()[1])) &&
        tagged_.prepare(addSql(rollups()[2])) &&
        latency_.prepare(
            QStringLiteral(
                "INSERT INTO request_latency_hourly (hour, target, route, part, latencies, ttfts) "
                "SELECT %1, coalesce(r.target, ''), r.route, 0, coalesce(r.latency_ms || ',', ''), "
                "coalesce(r.ttft_ms || ',', '') FROM requests r WHERE r.rowid = ? ON CONFLICT "
                "(hour, target, route, part) DO UPDATE SET latencies = latencies || "
                "excluded.latencies, ttfts = ttfts || excluded.ttfts WHERE length(latencies) + "
                "length(ttfts) < %2")
                .arg(kHour, QString::number(kPartBytes))) &&
        fullPart_.prepare(
            QStringLiteral(
                "UPDATE request_latency_hourly SET part = (SELECT max(m.part) + 1 FROM "
                "request_latency_hourly m WHERE m.hour = request_latency_hourly.hour AND m.target "
                "= request_latency_hourly.target AND m.route = request_latency_hourly.route) WHERE "
                "part = 0 AND (hour, target, route) = (SELECT %1, coalesce(r.target, ''), r.route "
                "FROM requests r WHERE r.rowid = ?)")
                .arg(kHour));
    if (!ok) {
        for (const QSqlQuery* q :
             {&request_, &tag_, &body_, &hourly_, &keys_, &tagged_, &latency_, &fullPart_}) {
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
        return true;  // already there, with its tags, bodies and share of the rollups
    const QVariant rowid = request_.lastInsertId();
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
    if (!addToRollups(r, rowid))
        return false;
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

bool RequestRows::addToRollups(const RequestRecord& r, const QVariant& rowid) {
    for (QSqlQuery* q : {&hourly_, &keys_, &tagged_}) {
        if (q == &tagged_ && r.tags.isEmpty())
            continue;
        q->bindValue(0, rowid);
        if (!q->exec())
            return failed(*q);
    }
    const bool answered = r.status < 400 && !r.truncated && !r.cacheHit;
    if (answered && (r.latencyMs >= 0 || r.ttftMs >= 0))
        return addLatency(rowid);
    return true;
}

bool RequestRows::addLatency(const QVariant& rowid) {
    const auto append = [&](bool* added) {
        latency_.bindValue(0, rowid);
        if (!latency_.exec())
            return failed(latency_);
        *added = latency_.numRowsAffected() > 0;
        return true;
    };
    bool added = false;
    if (!append(&added))
        return false;
    if (added)
        return true;
    // Part 0 is full: it becomes the last part, and the values start a new part 0.
    fullPart_.bindValue(0, rowid);
    if (!fullPart_.exec())
        return failed(fullPart_);
    if (!append(&added))
        return false;
    if (!added)
        error_ = tr("the latencies of request row %1 were not added").arg(rowid.toLongLong());
    return added;
}

bool RequestRows::trimRollups(qint64 cutoffMs) {
    const qint64 hour = hourOf(cutoffMs);
    // The hour holding the cutoff lost some of its rows: it is summed again.
    const bool partial = cutoffMs > hour;
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    if (!db.transaction()) {
        error_ = db.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    const auto run = [&](const QString& sql, const QVariantList& values) {
        if (!q.prepare(sql))
            return false;
        for (qsizetype i = 0; i < values.size(); ++i)
            q.bindValue(int(i), values[i]);
        return q.exec();
    };
    bool ok = true;
    for (const QString& table : kRollupTables) {
        ok = ok && run(QStringLiteral("DELETE FROM %1 WHERE hour < ?").arg(table),
                       {partial ? hour + kHourMs : hour});
    }
    if (partial) {
        for (const Rollup& rollup : rollups())
            ok = ok && run(rebuildSql(rollup), {hour, hour + kHourMs});
        ok = ok &&
             run(QStringLiteral(
                     "INSERT INTO request_latency_hourly (hour, target, route, part, latencies, "
                     "ttfts) SELECT hour, target, route, 0, coalesce(group_concat(l, ''), ''), "
                     "coalesce(group_concat(t, ''), '') FROM (SELECT %1 AS hour, "
                     "coalesce(r.target, '') AS target, r.route AS route, r.latency_ms || ',' AS "
                     "l, r.ttft_ms || ',' AS t FROM requests r WHERE r.started_at >= ? AND "
                     "r.started_at < ? AND %2 AND (r.latency_ms IS NOT NULL OR r.ttft_ms IS NOT "
                     "NULL)) GROUP BY hour, target, route")
                     .arg(kHour, kAnswered),
                 {hour, hour + kHourMs});
    }
    if (!ok) {
        error_ = q.lastError().text();
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        error_ = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

}  // namespace signalbox
