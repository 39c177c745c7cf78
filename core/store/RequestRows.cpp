#include "store/RequestRows.h"

#include "json/JsonScanner.h"
#include "store/KeySpend.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <cmath>
#include <vector>

namespace signalbox {

namespace {

// The rollups count exactly what RequestQueries counts over the rows. The writer adds up
// each record's share in C++ (shareOf) as it inserts the row; retention sums an hour
// again from the rows left (`r` in requests, `t` in request_tags) in SQL, with the
// shares below: the two must say the same.
const QString kHour =
    QStringLiteral("(r.started_at - ((r.started_at % %1) + %1) % %1)").arg(RequestRows::kHourMs);
// Answered by the model itself: the requests LatencyStats describes (answered()).
const QString kAnswered =
    QStringLiteral("(r.status < 400 AND r.truncated = 0 AND r.cache_hit = 0)");

bool answered(const RequestRecord& r) {
    return r.status < 400 && !r.truncated && !r.cacheHit;
}

// What cache hits saved; other rows save nothing, whatever they hold.
const QString kCacheSaved =
    QStringLiteral("CASE WHEN r.cache_hit = 1 THEN coalesce(r.cache_saved_usd, 0.0) ELSE 0.0 END");

// A cost as the row keeps it: NaN is NULL in SQLite.
double costOf(const std::optional<double>& usd) {
    return usd && !std::isnan(*usd) ? *usd : 0.0;
}

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
        {QStringLiteral("cache_saved_usd"), kCacheSaved},
    };
    return all;
}

// An hour's sums in C++, in the order of sums().
struct Share {
    qint64 requests = 0;
    qint64 errors = 0;
    qint64 cacheHits = 0;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    double costUsd = 0.0;
    qint64 unpriced = 0;
    qint64 costEstimated = 0;
    qint64 latencyCount = 0;
    qint64 latencyMsSum = 0;
    double cacheSavedUsd = 0.0;

    Share& operator+=(const Share& o) {
        requests += o.requests;
        errors += o.errors;
        cacheHits += o.cacheHits;
        inputTokens += o.inputTokens;
        outputTokens += o.outputTokens;
        costUsd += o.costUsd;
        unpriced += o.unpriced;
        costEstimated += o.costEstimated;
        latencyCount += o.latencyCount;
        latencyMsSum += o.latencyMsSum;
        cacheSavedUsd += o.cacheSavedUsd;
        return *this;
    }
};

// A record's share: what sums() computes from its row as insert() writes it (negative
// counts are NULL there, and so is a NaN cost in SQLite).
Share shareOf(const RequestRecord& r) {
    Share s;
    s.requests = 1;
    s.errors = r.status >= 400 || r.truncated ? 1 : 0;
    s.cacheHits = r.cacheHit ? 1 : 0;
    s.inputTokens = std::max<qint64>(r.inputTokens, 0);
    s.outputTokens = std::max<qint64>(r.outputTokens, 0);
    const bool priced = r.costUsd && !std::isnan(*r.costUsd);
    s.costUsd = costOf(r.costUsd);
    s.unpriced = priced ? 0 : 1;
    s.costEstimated = r.costEstimated ? 1 : 0;
    if (answered(r) && r.latencyMs >= 0) {
        s.latencyCount = 1;
        s.latencyMsSum = r.latencyMs;
    }
    s.cacheSavedUsd = r.cacheHit ? costOf(r.cacheSavedUsd) : 0.0;
    return s;
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

// Adds the bound sums (keys first, then sums() in order) to a rollup row.
QString addSql(const Rollup& rollup) {
    QStringList adds;
    for (const Sum& sum : sums())
        adds.append(QStringLiteral("%1 = %1 + excluded.%1").arg(sum.column));
    QStringList marks;
    for (qsizetype i = 0; i < rollup.keys.size() + qsizetype(sums().size()); ++i)
        marks.append(QStringLiteral("?"));
    return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (%4) DO UPDATE SET %5")
        .arg(rollup.table, columnsOf(rollup), marks.join(QStringLiteral(", ")),
             rollup.keys.join(QStringLiteral(", ")), adds.join(QStringLiteral(", ")));
}

// Text to bind, '' for a null one (which would bind as NULL): rollup columns are NOT NULL.
QString keyText(const QString& text) {
    return text.isNull() ? QStringLiteral("") : text;
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

// A rollup row's key: hour, target and route, with the virtual key or one tag in the
// finer grains ('' where unused).
struct RollupKey {
    qint64 hour = 0;
    QString target;
    QString route;
    QString virtualKeyId;
    QString tagKey;
    QString tagValue;
    bool operator==(const RollupKey&) const = default;
};

size_t qHash(const RollupKey& k, size_t seed = 0) {
    return qHashMulti(seed, k.hour, k.target, k.route, k.virtualKeyId, k.tagKey, k.tagValue);
}

// Binds the key's columns of `rollup` (by name) and the sums, in the order of addSql().
bool addSums(QSqlQuery& q, const Rollup& rollup, const QHash<RollupKey, Share>& pending) {
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        const RollupKey& k = it.key();
        const Share& s = it.value();
        int i = 0;
        for (const QString& column : rollup.keys) {
            if (column == QLatin1String("hour"))
                q.bindValue(i++, k.hour);
            else if (column == QLatin1String("target"))
                q.bindValue(i++, k.target);
            else if (column == QLatin1String("route"))
                q.bindValue(i++, k.route);
            else if (column == QLatin1String("virtual_key_id"))
                q.bindValue(i++, k.virtualKeyId);
            else if (column == QLatin1String("tag_key"))
                q.bindValue(i++, k.tagKey);
            else
                q.bindValue(i++, k.tagValue);
        }
        for (const QVariant& v :
             {QVariant(s.requests), QVariant(s.errors), QVariant(s.cacheHits),
              QVariant(s.inputTokens), QVariant(s.outputTokens), QVariant(s.costUsd),
              QVariant(s.unpriced), QVariant(s.costEstimated), QVariant(s.latencyCount),
              QVariant(s.latencyMsSum), QVariant(s.cacheSavedUsd)})
            q.bindValue(i++, v);
        if (!q.exec())
            return false;
    }
    return true;
}

}  // namespace

// The shares of the rows inserted since the last flush, per rollup row.
struct RequestRows::Pending {
    QHash<RollupKey, Share> hourly;
    QHash<RollupKey, Share> keys;
    QHash<RollupKey, Share> tagged;
    // Per hour, target and route: the answered rows' latencies and TTFTs as
    // request_latency_hourly holds them ("812," or ""), in the order inserted.
    QHash<RollupKey, std::vector<std::pair<QString, QString>>> latencies;
    // Per virtual key and UTC day (virtual_key_spend).
    QHash<std::pair<QString, qint64>, KeySpend> spend;

    bool empty() const {
        return hourly.empty() && keys.empty() && tagged.empty() && latencies.empty() &&
               spend.empty();
    }
    void clear() {
        hourly.clear();
        keys.clear();
        tagged.clear();
        latencies.clear();
        spend.clear();
    }
};

RequestRows::RequestRows(QSqlDatabase& db)
    : connection_(db.connectionName()),
      handle_(SqliteStatement::handleOf(db)),
      hourly_(db),
      keys_(db),
      tagged_(db),
      readPart_(db),
      writePart_(db),
      appendPart_(db),
      spend_(db),
      pending_(std::make_unique<Pending>()) {}

RequestRows::~RequestRows() = default;

qint64 RequestRows::hourOf(qint64 ms) {
    const qint64 into = ((ms % kHourMs) + kHourMs) % kHourMs;
    return ms - into;
}

qint64 RequestRows::dayOf(qint64 ms) {
    const qint64 into = ((ms % kDayMs) + kDayMs) % kDayMs;
    return ms - into;
}

bool RequestRows::failed(const QSqlQuery& q) {
    error_ = q.lastError().text();
    return false;
}

bool RequestRows::prepare() {
    if (!request_.prepare(
            handle_,
            "INSERT OR IGNORE INTO requests (id, started_at, finished_at, surface, route, "
            "target, provider_kind, attempts, trail, status, error, stream, truncated, "
            "latency_ms, ttft_ms, input_tokens, output_tokens, cached_input_tokens, "
            "cache_write_tokens, reasoning_tokens, cost_usd, cost_estimated, cache_hit, "
            "cache_saved_usd, virtual_key_id, redactions, user, tags) VALUES (?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        error_ = request_.error();
        return false;
    }
    if (!tag_.prepare(handle_,
                      "INSERT OR IGNORE INTO request_tags (key, value, started_at, request_id) "
                      "VALUES (?, ?, ?, ?)")) {
        error_ = tag_.error();
        return false;
    }
    if (!body_.prepare(handle_,
                       "INSERT OR IGNORE INTO request_bodies (id, started_at, request, response) "
                       "VALUES (?, ?, ?, ?)")) {
        error_ = body_.error();
        return false;
    }
    const bool ok =
        hourly_.prepare(addSql(rollups()[0])) && keys_.prepare(addSql(rollups()[1])) &&
        tagged_.prepare(addSql(rollups()[2])) &&
        readPart_.prepare(QStringLiteral(
            "SELECT latencies, ttfts FROM request_latency_hourly WHERE hour = ? AND target = ? "
            "AND route = ? AND part = 0")) &&
        writePart_.prepare(QStringLiteral(
            "INSERT INTO request_latency_hourly (hour, target, route, part, latencies, ttfts) "
            "VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT (hour, target, route, part) DO UPDATE SET "
            "latencies = excluded.latencies, ttfts = excluded.ttfts")) &&
        appendPart_.prepare(QStringLiteral(
            "INSERT INTO request_latency_hourly (hour, target, route, part, latencies, ttfts) "
            "VALUES (?, ?, ?, (SELECT coalesce(max(part), 0) + 1 FROM request_latency_hourly "
            "WHERE hour = ? AND target = ? AND route = ?), ?, ?)")) &&
        spend_.prepare(QStringLiteral(
            "INSERT INTO virtual_key_spend (virtual_key_id, day, requests, cost_usd, "
            "input_tokens, output_tokens) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (virtual_key_id, "
            "day) DO UPDATE SET requests = requests + excluded.requests, cost_usd = cost_usd + "
            "excluded.cost_usd, input_tokens = input_tokens + excluded.input_tokens, "
            "output_tokens = output_tokens + excluded.output_tokens"));
    if (!ok) {
        for (const QSqlQuery* q :
             {&hourly_, &keys_, &tagged_, &readPart_, &writePart_, &appendPart_, &spend_}) {
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
    // Bound without copies: everything bound lives until run().
    const QByteArray trail = trailJson(r.attempts);
    const auto text = [this](int i, const QString& value) {
        if (value.isEmpty())
            request_.bindNull(i);
        else
            request_.bindText(i, value);
    };
    const auto count = [this](int i, qint64 value) {
        if (value >= 0)
            request_.bind(i, value);
        else
            request_.bindNull(i);
    };
    const auto real = [this](int i, const std::optional<double>& value) {
        if (value)
            request_.bind(i, *value);
        else
            request_.bindNull(i);
    };
    request_.bindUtf8(1, r.id);
    request_.bind(2, r.startedAt);
    request_.bind(3, r.finishedAt);
    request_.bindUtf8(4, r.surface);
    request_.bindText(5, r.route);  // '' for a request unread, which has none
    text(6, r.target);
    text(7, r.providerKind);
    request_.bind(8, qint64(r.calls));
    request_.bindUtf8(9, trail);
    request_.bind(10, qint64(r.status));
    text(11, r.error);
    request_.bind(12, qint64(r.stream ? 1 : 0));
    request_.bind(13, qint64(r.truncated ? 1 : 0));
    count(14, r.latencyMs);
    count(15, r.ttftMs);
    count(16, r.inputTokens);
    count(17, r.outputTokens);
    count(18, r.cachedInputTokens);
    count(19, r.cacheWriteTokens);
    count(20, r.reasoningTokens);
    real(21, r.costUsd);
    request_.bind(22, qint64(r.costEstimated ? 1 : 0));
    request_.bind(23, qint64(r.cacheHit ? 1 : 0));
    real(24, r.cacheSavedUsd);
    text(25, r.virtualKeyId);
    // "{}" masked nothing too.
    if (r.redactions.isEmpty() || r.redactions == "{}")
        request_.bindNull(26);
    else
        request_.bindUtf8(26, r.redactions);
    text(27, r.user);
    if (r.tags.isEmpty())
        request_.bindNull(28);
    else
        request_.bindUtf8(28, r.tags);
    recordAtFault_ = false;
    if (!request_.run()) {
        error_ = request_.error();
        // SQLite's SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH.
        const int code = request_.errorCode();
        recordAtFault_ = code == 18 || code == 19 || code == 20;
        return false;
    }
    if (request_.changes() == 0)
        return true;  // already there, with its tags, bodies and share of the rollups
    const Share share = shareOf(r);
    RollupKey key;
    key.hour = hourOf(r.startedAt);
    key.target = keyText(r.target);
    key.route = keyText(r.route);
    if (!r.tags.isEmpty()) {
        const QJsonObject tags = QJsonDocument::fromJson(r.tags).object();
        for (auto it = tags.begin(); it != tags.end(); ++it) {
            const QString name = it.key();
            const QString value = it.value().toString();
            tag_.bindText(1, name);
            tag_.bindText(2, value);
            tag_.bind(3, r.startedAt);
            tag_.bindUtf8(4, r.id);
            if (!tag_.run()) {
                error_ = tag_.error();
                return false;
            }
            // The row counts under the tags it has in request_tags.
            if (tag_.changes() > 0) {
                RollupKey tagged = key;
                tagged.tagKey = name;
                tagged.tagValue = value;
                pending_->tagged[tagged] += share;
            }
        }
    }
    pending_->hourly[key] += share;
    RollupKey keyed = key;
    keyed.virtualKeyId = keyText(r.virtualKeyId);
    pending_->keys[keyed] += share;
    if (!r.virtualKeyId.isEmpty()) {
        KeySpend& spend = pending_->spend[{r.virtualKeyId, dayOf(r.startedAt)}];
        spend.requests += 1;
        spend.costUsd += share.costUsd;
        spend.inputTokens += share.inputTokens;
        spend.outputTokens += share.outputTokens;
    }
    if (answered(r) && (r.latencyMs >= 0 || r.ttftMs >= 0)) {
        const auto part = [](qint64 ms) {
            return ms >= 0 ? QString::number(ms) + QLatin1Char(',') : QStringLiteral("");
        };
        pending_->latencies[key].emplace_back(part(r.latencyMs), part(r.ttftMs));
    }
    if (!r.requestBody.isEmpty() || !r.responseBody.isEmpty()) {
        body_.bindUtf8(1, r.id);
        body_.bind(2, r.startedAt);
        body_.bindBlob(3, r.requestBody);
        body_.bindBlob(4, r.responseBody);
        if (!body_.run()) {
            error_ = body_.error();
            return false;
        }
    }
    return true;
}

bool RequestRows::flush() {
    if (!addSums(hourly_, rollups()[0], pending_->hourly))
        return failed(hourly_);
    if (!addSums(keys_, rollups()[1], pending_->keys))
        return failed(keys_);
    if (!addSums(tagged_, rollups()[2], pending_->tagged))
        return failed(tagged_);
    if (!flushLatencies())
        return false;
    for (auto it = pending_->spend.cbegin(); it != pending_->spend.cend(); ++it) {
        int i = 0;
        for (const QVariant& v :
             {QVariant(it.key().first), QVariant(it.key().second), QVariant(it.value().requests),
              QVariant(it.value().costUsd), QVariant(it.value().inputTokens),
              QVariant(it.value().outputTokens)})
            spend_.bindValue(i++, v);
        if (!spend_.exec())
            return failed(spend_);
    }
    pending_->clear();
    return true;
}

void RequestRows::discard() {
    pending_->clear();
}

// Part 0 takes each row's values while its text is shorter than kPartBytes; a row that
// finds it full moves it after the last part and starts a new part 0. Done here per hour,
// target and route for the rows pending, it leaves the parts a row at a time would.
bool RequestRows::flushLatencies() {
    for (auto it = pending_->latencies.cbegin(); it != pending_->latencies.cend(); ++it) {
        const RollupKey& key = it.key();
        const auto bindKey = [&](QSqlQuery& q, int from = 0) {
            q.bindValue(from, key.hour);
            q.bindValue(from + 1, key.target);
            q.bindValue(from + 2, key.route);
        };
        bindKey(readPart_);
        if (!readPart_.exec())
            return failed(readPart_);
        bool open = readPart_.next();
        QString latencies = open ? readPart_.value(0).toString() : QString();
        QString ttfts = open ? readPart_.value(1).toString() : QString();
        readPart_.finish();
        for (const auto& [latency, ttft] : it.value()) {
            if (open && latencies.size() + ttfts.size() >= kPartBytes) {
                bindKey(appendPart_);
                bindKey(appendPart_, 3);
                appendPart_.bindValue(6, keyText(latencies));
                appendPart_.bindValue(7, keyText(ttfts));
                if (!appendPart_.exec())
                    return failed(appendPart_);
                latencies.clear();
                ttfts.clear();
            }
            latencies += latency;
            ttfts += ttft;
            open = true;
        }
        bindKey(writePart_);
        writePart_.bindValue(3, keyText(latencies));
        writePart_.bindValue(4, keyText(ttfts));
        if (!writePart_.exec())
            return failed(writePart_);
    }
    return true;
}

bool RequestRows::rebuildRollups(qint64 fromMs, qint64 toMs) {
    const qint64 first = hourOf(fromMs);
    const qint64 end = toMs > fromMs ? hourOf(toMs - 1) + kHourMs : first;
    if (first >= end)
        return true;
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    if (!db.transaction()) {
        error_ = db.lastError().text();
        return false;
    }
    QString failure;
    // Runs `q` (prepared) with these values; false with `failure` set when it fails.
    const auto exec = [&failure](QSqlQuery& q, const QVariantList& values) {
        for (qsizetype i = 0; i < values.size(); ++i)
            q.bindValue(int(i), values[i]);
        if (q.exec())
            return true;
        failure = q.lastError().text();
        return false;
    };
    const auto prepare = [&failure](QSqlQuery& q, const QString& sql) {
        if (q.prepare(sql))
            return true;
        failure = q.lastError().text();
        return false;
    };
    bool ok = true;
    for (const QString& table : kRollupTables) {
        QSqlQuery clear(db);
        ok = ok &&
             prepare(clear,
                     QStringLiteral("DELETE FROM %1 WHERE hour >= ? AND hour < ?").arg(table)) &&
             exec(clear, {first, end});
    }
    // An hour at a time: each statement sorts an hour's rows, not the whole range's.
    for (const Rollup& rollup : rollups()) {
        QSqlQuery sum(db);
        ok = ok && prepare(sum, rebuildSql(rollup));
        for (qint64 hour = first; ok && hour < end; hour += kHourMs)
            ok = exec(sum, {hour, hour + kHourMs});
    }
    // The latencies go into parts as flushLatencies() fills them from nothing: each full
    // part is numbered after the last, and part 0 keeps the rest. One open part per key.
    struct Open {
        QString latencies;
        QString ttfts;
        int parts = 0;
    };
    QHash<RollupKey, Open> open;
    QSqlQuery part(db);
    ok = ok && prepare(part, QStringLiteral("INSERT INTO request_latency_hourly (hour, target, "
                                            "route, part, latencies, ttfts) VALUES (?, ?, ?, ?, "
                                            "?, ?)"));
    const auto write = [&](const RollupKey& key, int number, const Open& values) {
        return exec(part, {key.hour, key.target, key.route, number, keyText(values.latencies),
                           keyText(values.ttfts)});
    };
    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    ok = ok &&
         prepare(rows, QStringLiteral(
                           "SELECT r.started_at, coalesce(r.target, ''), r.route, r.latency_ms, "
                           "r.ttft_ms FROM requests r WHERE r.started_at >= ? AND r.started_at < ? "
                           "AND %1 AND (r.latency_ms IS NOT NULL OR r.ttft_ms IS NOT NULL)")
                           .arg(kAnswered)) &&
         exec(rows, {first, end});
    while (ok && rows.next()) {
        RollupKey key;
        key.hour = hourOf(rows.value(0).toLongLong());
        key.target = rows.value(1).toString();
        key.route = rows.value(2).toString();
        Open& o = open[key];
        if (o.latencies.size() + o.ttfts.size() >= kPartBytes) {
            ok = write(key, ++o.parts, o);
            o.latencies.clear();
            o.ttfts.clear();
        }
        if (const QVariant v = rows.value(3); !v.isNull())
            o.latencies += QString::number(v.toLongLong()) + QLatin1Char(',');
        if (const QVariant v = rows.value(4); !v.isNull())
            o.ttfts += QString::number(v.toLongLong()) + QLatin1Char(',');
    }
    if (ok && rows.lastError().isValid()) {
        failure = rows.lastError().text();
        ok = false;
    }
    for (auto it = open.cbegin(); ok && it != open.cend(); ++it)
        ok = write(it.key(), 0, it.value());
    if (!ok) {
        error_ = failure;
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
