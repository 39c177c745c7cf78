#include "store/RequestQueries.h"

#include "store/RequestRows.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <utility>

namespace signalbox {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("RequestQueries", text);
}

QString readError(const QSqlQuery& q) {
    return tr("the log could not be read: %1").arg(q.lastError().text());
}

// SQL text with its bound values in the order of their placeholders. Only structure
// (column names, which filters apply) goes into the text; every value is bound.
struct Sql {
    QString text;
    QVariantList values;

    Sql& add(const QString& part) {
        text += part;
        return *this;
    }
    Sql& add(const QString& part, const QVariant& value) {
        text += part;
        values.append(value);
        return *this;
    }
    Sql& bind(const QVariant& value) {
        values.append(value);
        return *this;
    }
    Sql& add(const Sql& other) {
        text += other.text;
        values.append(other.values);
        return *this;
    }
};

// Where addSource() put the columns a query orders, buckets and groups by.
struct Source {
    QString time = QStringLiteral("r.started_at");  // the column to order and bucket by
    QString id = QStringLiteral("r.id");
    QString group;  // the group's value, when grouped
};

const QString kError = QStringLiteral("(r.status >= 400 OR r.truncated = 1)");

// The rows a query reads: FROM and WHERE over `requests r` matching a RequestFilter.
// With a tag involved the walk starts from request_tags, whose primary key keeps each
// key's rows in time order, and reaches each request through requests_dashboard by
// (started_at, id): a seek into a covering index instead of two into the table.
// `coveringIndex`: read requests_dashboard, which holds every column the sums need.
// `indexedBy` names another index to read `requests` by instead, when no tag is involved.
Source addSource(Sql& sql, const RequestFilter& f, const RequestGrouping* groupBy,
                 bool coveringIndex, const QString& indexedBy = {}) {
    Source s;
    QString requests = coveringIndex ? QStringLiteral("requests r INDEXED BY requests_dashboard")
                                     : QStringLiteral("requests r");
    if (!indexedBy.isEmpty() && !f.hasTag() &&
        !(groupBy && groupBy->kind == RequestGrouping::Kind::Tag))
        requests = QStringLiteral("requests r INDEXED BY ") + indexedBy;
    if (groupBy && groupBy->kind == RequestGrouping::Kind::Tag) {
        s.time = QStringLiteral("g.started_at");
        s.id = QStringLiteral("g.request_id");
        s.group = QStringLiteral("g.value");
        sql.add(QStringLiteral(" FROM request_tags g CROSS JOIN ") + requests +
                QStringLiteral(" ON r.started_at = g.started_at AND r.id = g.request_id"));
        sql.add(QStringLiteral(" WHERE g.key = ?"), groupBy->tagKey);
        if (f.hasTag() && f.tagKey == groupBy->tagKey) {
            sql.add(QStringLiteral(" AND g.value = ?"), f.tagValue);
        } else if (f.hasTag()) {
            sql.add(QStringLiteral(" AND EXISTS (SELECT 1 FROM request_tags f WHERE f.key = ? AND "
                                   "f.started_at = r.started_at AND f.request_id = r.id AND "
                                   "f.value = ?)"),
                    f.tagKey)
                .bind(f.tagValue);
        }
    } else if (f.hasTag()) {
        s.time = QStringLiteral("f.started_at");
        s.id = QStringLiteral("f.request_id");
        sql.add(QStringLiteral(" FROM request_tags f CROSS JOIN ") + requests +
                QStringLiteral(" ON r.started_at = f.started_at AND r.id = f.request_id"));
        sql.add(QStringLiteral(" WHERE f.key = ? AND f.value = ?"), f.tagKey).bind(f.tagValue);
    } else {
        sql.add(QStringLiteral(" FROM ") + requests + QStringLiteral(" WHERE 1"));
    }
    sql.add(QStringLiteral(" AND %1 >= ?").arg(s.time), f.fromMs);
    sql.add(QStringLiteral(" AND %1 < ?").arg(s.time), f.toMs);
    if (!f.route.isEmpty())
        sql.add(QStringLiteral(" AND r.route = ?"), f.route);
    if (!f.target.isEmpty())
        sql.add(QStringLiteral(" AND r.target = ?"), f.target);
    if (!f.virtualKeyId.isEmpty())
        sql.add(QStringLiteral(" AND r.virtual_key_id = ?"), f.virtualKeyId);
    if (groupBy) {
        switch (groupBy->kind) {
            case RequestGrouping::Kind::Target:
                s.group = QStringLiteral("coalesce(r.target, '')");
                break;
            case RequestGrouping::Kind::Route:
                s.group = QStringLiteral("r.route");
                break;
            case RequestGrouping::Kind::VirtualKey:
                s.group = QStringLiteral("coalesce(r.virtual_key_id, '')");
                break;
            case RequestGrouping::Kind::Tag:
                break;
        }
    }
    return s;
}

// The rollup table (StoreSchema) that holds every dimension a filter and a grouping
// need, if one does: the coarsest, as it has the fewest rows. One tag at most: a filter
// on one tag and a grouping by another need the rows.
enum class Rollup { None, Hourly, Keys, Tags };

Rollup rollupFor(const RequestFilter& f, const RequestGrouping* groupBy) {
    const auto kind = groupBy ? std::optional(groupBy->kind) : std::nullopt;
    const bool byKey = kind == RequestGrouping::Kind::VirtualKey || !f.virtualKeyId.isEmpty();
    if (kind == RequestGrouping::Kind::Tag || f.hasTag()) {
        const bool twoTags =
            kind == RequestGrouping::Kind::Tag && f.hasTag() && f.tagKey != groupBy->tagKey;
        return byKey || twoTags ? Rollup::None : Rollup::Tags;
    }
    return byKey ? Rollup::Keys : Rollup::Hourly;
}

// The whole hours [first, end) of a filter's range, which the rollups answer for; the
// rows answer for the partial hours at either end. Rollups and rows then sum the same
// requests, so the answers equal those from the rows alone (costs up to the rounding of
// their additions, done in another order).
struct WholeHours {
    qint64 first = 0;
    qint64 end = 0;

    bool empty() const { return first >= end; }
};

WholeHours wholeHoursOf(const RequestFilter& f) {
    return {RequestRows::hourOf(f.fromMs + RequestRows::kHourMs - 1), RequestRows::hourOf(f.toMs)};
}

// FROM and WHERE over the rollup `h` for the whole hours, matching the filter. Returns
// the column of the group.
QString addRollupSource(Sql& sql, const RequestFilter& f, const RequestGrouping* groupBy,
                        Rollup rollup, const WholeHours& hours) {
    switch (rollup) {
        case Rollup::None:  // never asked for
        case Rollup::Hourly:
            sql.add(QStringLiteral(" FROM request_hourly h WHERE 1"));
            break;
        case Rollup::Keys:
            sql.add(QStringLiteral(" FROM request_hourly_keys h WHERE 1"));
            break;
        case Rollup::Tags:
            sql.add(QStringLiteral(" FROM request_hourly_tags h WHERE h.tag_key = ?"),
                    groupBy && groupBy->kind == RequestGrouping::Kind::Tag ? groupBy->tagKey
                                                                           : f.tagKey);
            if (f.hasTag())
                sql.add(QStringLiteral(" AND h.tag_value = ?"), f.tagValue);
            break;
    }
    sql.add(QStringLiteral(" AND h.hour >= ?"), hours.first);
    sql.add(QStringLiteral(" AND h.hour < ?"), hours.end);
    if (!f.route.isEmpty())
        sql.add(QStringLiteral(" AND h.route = ?"), f.route);
    if (!f.target.isEmpty())
        sql.add(QStringLiteral(" AND h.target = ?"), f.target);
    if (!f.virtualKeyId.isEmpty())
        sql.add(QStringLiteral(" AND h.virtual_key_id = ?"), f.virtualKeyId);
    if (!groupBy)
        return {};
    switch (groupBy->kind) {
        case RequestGrouping::Kind::Target:
            return QStringLiteral("h.target");
        case RequestGrouping::Kind::Route:
            return QStringLiteral("h.route");
        case RequestGrouping::Kind::VirtualKey:
            return QStringLiteral("h.virtual_key_id");
        case RequestGrouping::Kind::Tag:
            return QStringLiteral("h.tag_value");
    }
    return {};
}

// What each branch of a split query gives after its head, in kSums' order: a rollup
// row's sums, their sums over the rollup's rows of an hour and group, or a row's share.
const QString kHourSums = QStringLiteral(
    "h.requests, h.errors, h.cache_hits, h.input_tokens, h.output_tokens, h.cost_usd, "
    "h.unpriced, h.cost_estimated, h.cache_saved_usd");
const QString kHourGroupSums = QStringLiteral(
    "sum(h.requests) AS requests, sum(h.errors) AS errors, sum(h.cache_hits) AS cache_hits, "
    "sum(h.input_tokens) AS input_tokens, sum(h.output_tokens) AS output_tokens, "
    "total(h.cost_usd) AS cost_usd, sum(h.unpriced) AS unpriced, sum(h.cost_estimated) AS "
    "cost_estimated, total(h.cache_saved_usd) AS cache_saved_usd");
// cache_saved_usd is not in requests_dashboard: SQLite reads the table (a deferred seek)
// only for the cache hits, which CASE lets through.
const QString kRowShares = QStringLiteral(
    "1, (r.status >= 400 OR r.truncated = 1), r.cache_hit, coalesce(r.input_tokens, 0), "
    "coalesce(r.output_tokens, 0), r.cost_usd, r.cost_usd IS NULL, r.cost_estimated, "
    "CASE WHEN r.cache_hit = 1 THEN r.cache_saved_usd END");
// kSums over the branches.
const QString kSplitSums = QStringLiteral(
    "coalesce(sum(requests), 0), coalesce(sum(errors), 0), coalesce(sum(cache_hits), 0), "
    "coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0), total(cost_usd), "
    "coalesce(sum(unpriced), 0), coalesce(sum(cost_estimated), 0), total(cache_saved_usd)");

// The first columns of a branch, from the branch's time and group columns; the first
// branch names them.
using Head = std::function<void(Sql& sql, const QString& time, const QString& group)>;

// The requests a query sums as one UNION ALL: the whole hours from a rollup, the partial
// hours at either end from the rows. False, with nothing added, when no rollup holds what
// the filter and grouping need or the range holds no whole hour: the rows answer alone.
bool addSplitSource(Sql& sql, const RequestFilter& f, const RequestGrouping* groupBy,
                    const Head& head) {
    const Rollup rollup = rollupFor(f, groupBy);
    const WholeHours hours = wholeHoursOf(f);
    if (rollup == Rollup::None || hours.empty())
        return false;
    Sql from;
    const QString group = addRollupSource(from, f, groupBy, rollup, hours);
    // The many rows of the rollups by key and by tag are summed per hour and group first,
    // in the order of their primary key (the group follows the hour there): the outer
    // GROUP BY then sorts a tenth of them. The other rollups are small enough as they are.
    const bool byOwnKey =
        groupBy &&
        ((rollup == Rollup::Keys && groupBy->kind == RequestGrouping::Kind::VirtualKey) ||
         (rollup == Rollup::Tags && groupBy->kind == RequestGrouping::Kind::Tag));
    sql.add(QStringLiteral("SELECT "));
    head(sql, QStringLiteral("h.hour"), group);
    sql.add(byOwnKey ? kHourGroupSums : kHourSums).add(from);
    if (byOwnKey)
        sql.add(QStringLiteral(" GROUP BY h.hour, ") + group);
    for (const auto& [edgeFrom, edgeTo] :
         {std::pair(f.fromMs, hours.first), std::pair(hours.end, f.toMs)}) {
        if (edgeFrom >= edgeTo)
            continue;
        RequestFilter edge = f;
        edge.fromMs = edgeFrom;
        edge.toMs = edgeTo;
        Sql rows;
        const Source s = addSource(rows, edge, groupBy, true);
        sql.add(QStringLiteral(" UNION ALL SELECT "));
        head(sql, s.time, s.group);
        sql.add(kRowShares).add(rows);
    }
    return true;
}

bool run(QSqlQuery& q, const Sql& sql, QString* error) {
    q.setForwardOnly(true);
    if (!q.prepare(sql.text)) {
        *error = readError(q);
        return false;
    }
    for (int i = 0; i < sql.values.size(); ++i)
        q.bindValue(i, sql.values[i]);
    if (!q.exec()) {
        *error = readError(q);
        return false;
    }
    return true;
}

qint64 intOr(const QVariant& v, qint64 otherwise = -1) {
    return v.isNull() ? otherwise : v.toLongLong();
}

// The nearest rank (1-based) of the p-th percentile among n sorted values.
qint64 rankOf(int percent, qint64 n) {
    return std::max<qint64>(1, (percent * n + 99) / 100);
}

// The sums a series point and the totals share, in this order.
const QString kSums = QStringLiteral(
    "count(*), coalesce(sum(r.status >= 400 OR r.truncated = 1), 0), "
    "coalesce(sum(r.cache_hit), 0), coalesce(sum(r.input_tokens), 0), "
    "coalesce(sum(r.output_tokens), 0), total(r.cost_usd), count(*) - count(r.cost_usd), "
    "coalesce(sum(r.cost_estimated), 0), total(CASE WHEN r.cache_hit = 1 THEN "
    "r.cache_saved_usd END)");

template <typename T>
void readSums(const QSqlQuery& q, int first, T& out) {
    out.requests = q.value(first).toLongLong();
    out.errors = q.value(first + 1).toLongLong();
    out.cacheHits = q.value(first + 2).toLongLong();
    out.inputTokens = q.value(first + 3).toLongLong();
    out.outputTokens = q.value(first + 4).toLongLong();
    out.costUsd = q.value(first + 5).toDouble();
    out.unpriced = q.value(first + 6).toLongLong();
    out.costEstimated = q.value(first + 7).toLongLong();
    out.cacheSavedUsd = q.value(first + 8).toDouble();
}

const QString kRowColumns = QStringLiteral(
    "r.id, r.started_at, r.finished_at, r.surface, r.route, r.target, r.attempts, r.status, "
    "r.error, r.stream, r.truncated, r.latency_ms, r.ttft_ms, r.input_tokens, "
    "r.output_tokens, r.cost_usd, r.cost_estimated, r.cache_hit, r.virtual_key_id, r.user");
constexpr int kRowColumnCount = 20;

LogRow readRow(const QSqlQuery& q) {
    LogRow row;
    row.id = q.value(0).toString();
    row.startedAt = q.value(1).toLongLong();
    row.finishedAt = q.value(2).toLongLong();
    row.surface = q.value(3).toString();
    row.route = q.value(4).toString();
    row.target = q.value(5).toString();
    row.attempts = q.value(6).toInt();
    row.status = q.value(7).toInt();
    row.error = q.value(8).toString();
    row.stream = q.value(9).toInt() != 0;
    row.truncated = q.value(10).toInt() != 0;
    row.latencyMs = intOr(q.value(11));
    row.ttftMs = intOr(q.value(12));
    row.inputTokens = intOr(q.value(13));
    row.outputTokens = intOr(q.value(14));
    if (!q.value(15).isNull())
        row.costUsd = q.value(15).toDouble();
    row.costEstimated = q.value(16).toInt() != 0;
    row.cacheHit = q.value(17).toInt() != 0;
    row.virtualKeyId = q.value(18).toString();
    row.user = q.value(19).toString();
    return row;
}

// The values of one column per target, for exact percentiles.
struct Distribution {
    std::vector<qint64> values;  // in no order

    qint64 n() const { return qint64(values.size()); }
    // The nearest-rank percentiles for `percents` (ascending); -1 each with no values.
    // Partitions the values instead of sorting them.
    std::vector<qint64> percentiles(std::initializer_list<int> percents) {
        std::vector<qint64> out;
        auto unplaced = values.begin();  // those before are in their final place
        for (int percent : percents) {
            if (values.empty()) {
                out.push_back(-1);
                continue;
            }
            const auto at = values.begin() + (rankOf(percent, n()) - 1);
            if (at >= unplaced) {
                std::nth_element(unplaced, at, values.end());
                unplaced = at + 1;
            }
            out.push_back(*at);
        }
        return out;
    }
};
using ByTarget = std::map<QString, Distribution>;

// Reads the latency and TTFT of the range's answered rows (one scan of the covering
// index, no sort) and keeps them per target. SQLite has no percentile function, and
// letting it sort or number the rows costs several times more than reading them: the
// rows are counted and ranked here. Reading costs ~0.5 us a row, most of it Qt's: long
// ranges read request_latency_hourly instead (readHourValues).
bool readValues(QSqlDatabase& db, const RequestFilter& f, ByTarget& latency, ByTarget& ttft,
                QString* error) {
    Sql sql;
    sql.add(QStringLiteral("SELECT coalesce(r.target, ''), r.latency_ms, r.ttft_ms"));
    addSource(sql, f, nullptr, true);
    sql.add(QStringLiteral(" AND r.status < 400 AND r.truncated = 0 AND r.cache_hit = 0"));
    QSqlQuery q(db);
    if (!run(q, sql, error))
        return false;
    while (q.next()) {
        const QString target = q.value(0).toString();
        if (const QVariant v = q.value(1); !v.isNull())
            latency[target].values.push_back(v.toLongLong());
        if (const QVariant v = q.value(2); !v.isNull())
            ttft[target].values.push_back(v.toLongLong());
    }
    if (q.lastError().isValid()) {
        *error = readError(q);
        return false;
    }
    return true;
}

// Appends the numbers of a list such as "812,95," to `out`.
void appendList(const QByteArray& list, std::vector<qint64>& out) {
    qint64 value = 0;
    bool any = false;
    for (const char c : list) {
        if (c >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
            any = true;
        } else if (any) {
            out.push_back(value);
            value = 0;
            any = false;
        }
    }
    if (any)
        out.push_back(value);
}

// readValues() for the whole hours, from request_latency_hourly: the same values, a few
// rows an hour.
bool readHourValues(QSqlDatabase& db, const RequestFilter& f, const WholeHours& hours,
                    ByTarget& latency, ByTarget& ttft, QString* error) {
    Sql sql;
    // As blobs: ASCII digits need no decoding to UTF-16.
    sql.add(QStringLiteral("SELECT target, CAST(latencies AS BLOB), CAST(ttfts AS BLOB) FROM "
                           "request_latency_hourly WHERE hour >= ?"),
            hours.first);
    sql.add(QStringLiteral(" AND hour < ?"), hours.end);
    if (!f.target.isEmpty())
        sql.add(QStringLiteral(" AND target = ?"), f.target);
    if (!f.route.isEmpty())
        sql.add(QStringLiteral(" AND route = ?"), f.route);
    QSqlQuery q(db);
    if (!run(q, sql, error))
        return false;
    while (q.next()) {
        const QString target = q.value(0).toString();
        if (const QByteArray list = q.value(1).toByteArray(); !list.isEmpty())
            appendList(list, latency[target].values);
        if (const QByteArray list = q.value(2).toByteArray(); !list.isEmpty())
            appendList(list, ttft[target].values);
    }
    if (q.lastError().isValid()) {
        *error = readError(q);
        return false;
    }
    return true;
}

// The newest end of a page's range: the filter's end, or just past the cursor's time.
// One term bounds the index range at each end (SQLite takes one and merely checks the
// other), so the cursor narrows the range instead of adding a term that would leave
// every deeper page reading the rows of the pages before it.
qint64 upperOf(const LogPageQuery& query) {
    if (!query.after || query.after->startedAt == std::numeric_limits<qint64>::max())
        return query.filter.toMs;
    return std::min(query.filter.toMs, query.after->startedAt + 1);
}

// The last row of the window a row-scanning page query reads: the kScanWindowRows-th
// row of the range, newest first, from requests_dashboard alone (it is led by
// started_at and id). No row: the range holds fewer, and the page query reads them all.
Sql windowEndSql(const LogPageQuery& query) {
    Sql sql;
    sql.add(QStringLiteral("SELECT r.started_at, r.id FROM requests r INDEXED BY "
                           "requests_dashboard WHERE r.started_at >= ?"),
            query.filter.fromMs);
    sql.add(QStringLiteral(" AND r.started_at < ?"), upperOf(query));
    if (query.after) {
        sql.add(QStringLiteral(" AND (r.started_at < ? OR r.id < ?)"), query.after->startedAt)
            .bind(query.after->id);
    }
    sql.add(QStringLiteral(" ORDER BY r.started_at DESC, r.id DESC LIMIT 1 OFFSET ?"),
            RequestQueries::kScanWindowRows - 1);
    return sql;
}

// A page: up to limit + 1 rows of the query after its cursor and, with `windowEnd`, no
// older than that row.
Sql pageSql(const LogPageQuery& query, const std::optional<LogCursor>& windowEnd, int limit) {
    RequestFilter range = query.filter;
    range.toMs = upperOf(query);
    if (windowEnd)
        range.fromMs = std::max(range.fromMs, windowEnd->startedAt);
    // The index of a column the filter fixes leads to its rows alone. Left to itself,
    // SQLite (once ANALYZE gave it the average rows per route) may walk the time index
    // instead and test every row, which for a rare route reads the whole log.
    QString index;
    if (!range.route.isEmpty())
        index = QStringLiteral("requests_route");
    else if (!range.target.isEmpty())
        index = QStringLiteral("requests_target");
    else if (!range.virtualKeyId.isEmpty())
        index = QStringLiteral("requests_virtual_key");
    Sql sql;
    Sql from;
    const Source s = addSource(from, range, nullptr, false, index);
    sql.add(QStringLiteral("SELECT ") + kRowColumns).add(from);
    if (query.outcome == LogPageQuery::Outcome::Ok)
        sql.add(QStringLiteral(" AND NOT ") + kError);
    else if (query.outcome == LogPageQuery::Outcome::Error)
        sql.add(QStringLiteral(" AND ") + kError);
    if (query.status != 0)
        sql.add(QStringLiteral(" AND r.status = ?"), query.status);
    if (query.statusClass != 0) {
        sql.add(QStringLiteral(" AND r.status >= ?"), query.statusClass * 100)
            .add(QStringLiteral(" AND r.status < ?"), query.statusClass * 100 + 100);
    }
    if (!query.search.isEmpty()) {
        QString pattern = query.search;
        pattern.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
            .replace(QLatin1Char('%'), QStringLiteral("\\%"))
            .replace(QLatin1Char('_'), QStringLiteral("\\_"));
        pattern = QLatin1Char('%') + pattern + QLatin1Char('%');
        sql.add(QStringLiteral(" AND (r.id LIKE ? ESCAPE '\\'"), pattern)
            .add(QStringLiteral(" OR r.route LIKE ? ESCAPE '\\'"), pattern)
            .add(QStringLiteral(" OR r.target LIKE ? ESCAPE '\\'"), pattern)
            .add(QStringLiteral(" OR r.error LIKE ? ESCAPE '\\')"), pattern);
    }
    // Ties on the time are broken by id, in the same order as ORDER BY.
    if (query.after) {
        sql.add(QStringLiteral(" AND (%1 < ? OR %2 < ?)").arg(s.time, s.id), query.after->startedAt)
            .bind(query.after->id);
    }
    if (windowEnd) {
        sql.add(QStringLiteral(" AND (%1 > ? OR %2 >= ?)").arg(s.time, s.id), windowEnd->startedAt)
            .bind(windowEnd->id);
    }
    sql.add(QStringLiteral(" ORDER BY %1 DESC, %2 DESC LIMIT ?").arg(s.time, s.id), limit + 1);
    return sql;
}

}  // namespace

RequestQueries::RequestQueries(QSqlDatabase& db) : db_(db) {}

QueryResult<std::vector<SeriesPoint>> RequestQueries::series(const RequestFilter& filter,
                                                             const RequestGrouping& groupBy,
                                                             const TimeBucket& bucket) {
    // Integer arithmetic throughout: the bound values are integers.
    const auto head = [&bucket](Sql& branch, const QString& time, const QString& group) {
        branch
            .add(QStringLiteral("((%1 + ?) / ?) * ? - ? AS bucket, %2 AS grp, ").arg(time, group),
                 bucket.offsetMs())
            .bind(bucket.sizeMs())
            .bind(bucket.sizeMs())
            .bind(bucket.offsetMs());
    };
    Sql sql;
    Sql split;
    // An hour of the rollups falls in one bucket only when buckets start on the hour.
    const bool hourly = bucket.offsetMs() % RequestRows::kHourMs == 0 &&
                        bucket.sizeMs() % RequestRows::kHourMs == 0;
    if (hourly && addSplitSource(split, filter, &groupBy, head)) {
        sql.add(QStringLiteral("SELECT bucket, grp, ") + kSplitSums + QStringLiteral(" FROM ("))
            .add(split)
            .add(QStringLiteral(") GROUP BY bucket, grp ORDER BY bucket, grp"));
    } else {
        sql.add(QStringLiteral("SELECT "));
        Sql from;
        const Source s = addSource(from, filter, &groupBy, true);
        head(sql, s.time, s.group);
        sql.add(kSums).add(from).add(QStringLiteral(" GROUP BY bucket, grp ORDER BY bucket, grp"));
    }
    QSqlQuery q(db_);
    QueryResult<std::vector<SeriesPoint>> result;
    if (!run(q, sql, &result.error))
        return result;
    while (q.next()) {
        SeriesPoint& p = result.value.emplace_back();
        p.bucketStartMs = q.value(0).toLongLong();
        p.group = q.value(1).toString();
        readSums(q, 2, p);
    }
    if (q.lastError().isValid())
        return QueryResult<std::vector<SeriesPoint>>::failure(readError(q));
    return result;
}

QueryResult<RequestTotals> RequestQueries::totals(const RequestFilter& filter) {
    Sql sql;
    Sql split;
    if (addSplitSource(split, filter, nullptr, [](Sql&, const QString&, const QString&) {})) {
        sql.add(QStringLiteral("SELECT ") + kSplitSums + QStringLiteral(" FROM ("))
            .add(split)
            .add(QStringLiteral(")"));
    } else {
        sql.add(QStringLiteral("SELECT ") + kSums);
        addSource(sql, filter, nullptr, true);
    }
    QSqlQuery q(db_);
    QueryResult<RequestTotals> result;
    if (!run(q, sql, &result.error))
        return result;
    if (q.next())
        readSums(q, 0, result.value);
    if (q.lastError().isValid())
        return QueryResult<RequestTotals>::failure(readError(q));
    return result;
}

QueryResult<std::vector<GroupSpend>> RequestQueries::topSpend(const RequestFilter& filter,
                                                              const RequestGrouping& groupBy,
                                                              int limit) {
    Sql sql;
    Sql split;
    const auto head = [](Sql& branch, const QString&, const QString& group) {
        branch.add(QStringLiteral("%1 AS grp, ").arg(group));
    };
    if (addSplitSource(split, filter, &groupBy, head)) {
        sql.add(QStringLiteral("SELECT grp, total(cost_usd) AS spent, coalesce(sum(requests), 0), "
                               "coalesce(sum(unpriced), 0) FROM ("))
            .add(split)
            .add(QStringLiteral(")"));
    } else {
        Sql from;
        const Source s = addSource(from, filter, &groupBy, true);
        sql.add(QStringLiteral("SELECT %1 AS grp, total(r.cost_usd) AS spent, count(*), "
                               "count(*) - count(r.cost_usd)")
                    .arg(s.group))
            .add(from);
    }
    sql.add(QStringLiteral(" GROUP BY grp ORDER BY spent DESC, grp LIMIT ?"), std::max(0, limit));
    QSqlQuery q(db_);
    QueryResult<std::vector<GroupSpend>> result;
    if (!run(q, sql, &result.error))
        return result;
    while (q.next()) {
        GroupSpend& g = result.value.emplace_back();
        g.group = q.value(0).toString();
        g.costUsd = q.value(1).toDouble();
        g.requests = q.value(2).toLongLong();
        g.unpriced = q.value(3).toLongLong();
    }
    if (q.lastError().isValid())
        return QueryResult<std::vector<GroupSpend>>::failure(readError(q));
    return result;
}

QueryResult<std::vector<LatencyStats>> RequestQueries::latencyByTarget(
    const RequestFilter& filter) {
    QueryResult<std::vector<LatencyStats>> result;
    ByTarget latency;
    ByTarget ttft;
    // request_latency_hourly holds target and route only.
    const WholeHours hours = wholeHoursOf(filter);
    if (filter.virtualKeyId.isEmpty() && !filter.hasTag() && !hours.empty()) {
        RequestFilter before = filter;
        before.toMs = hours.first;
        RequestFilter after = filter;
        after.fromMs = hours.end;
        if (!readHourValues(db_, filter, hours, latency, ttft, &result.error) ||
            (before.fromMs < before.toMs &&
             !readValues(db_, before, latency, ttft, &result.error)) ||
            (after.fromMs < after.toMs && !readValues(db_, after, latency, ttft, &result.error)))
            return result;
    } else if (!readValues(db_, filter, latency, ttft, &result.error)) {
        return result;
    }
    std::map<QString, LatencyStats> byTarget;
    for (auto& [target, d] : latency) {
        LatencyStats& s = byTarget[target];
        s.count = d.n();
        const auto p = d.percentiles({50, 95, 99});
        s.p50Ms = p[0];
        s.p95Ms = p[1];
        s.p99Ms = p[2];
    }
    for (auto& [target, d] : ttft) {
        LatencyStats& s = byTarget[target];
        s.ttftCount = d.n();
        const auto p = d.percentiles({50, 95});
        s.ttftP50Ms = p[0];
        s.ttftP95Ms = p[1];
    }
    for (auto& [target, s] : byTarget) {
        s.target = target;
        result.value.push_back(std::move(s));
    }
    return result;
}

QueryResult<LogPage> RequestQueries::logPage(const LogPageQuery& query) {
    const int limit = std::clamp(query.limit, 1, 1000);
    QueryResult<LogPage> result;
    std::optional<LogCursor> windowEnd;
    if (query.scansRows()) {
        QSqlQuery w(db_);
        if (!run(w, windowEndSql(query), &result.error))
            return result;
        if (w.next())
            windowEnd = LogCursor{w.value(0).toLongLong(), w.value(1).toString()};
        if (w.lastError().isValid())
            return QueryResult<LogPage>::failure(readError(w));
    }
    QSqlQuery q(db_);
    if (!run(q, pageSql(query, windowEnd, limit), &result.error))
        return result;
    while (q.next())
        result.value.rows.push_back(readRow(q));
    if (q.lastError().isValid())
        return QueryResult<LogPage>::failure(readError(q));
    // One row more than asked says whether another page follows.
    if (result.value.rows.size() > size_t(limit)) {
        result.value.rows.pop_back();
        const LogRow& last = result.value.rows.back();
        result.value.next = LogCursor{last.startedAt, last.id};
    } else if (windowEnd) {
        // The window held fewer matches than a page; older rows are still to be read.
        result.value.next = windowEnd;
        result.value.windowEnded = true;
    }
    return result;
}

QueryResult<QStringList> RequestQueries::logPagePlan(const LogPageQuery& query) {
    std::vector<Sql> statements;
    std::optional<LogCursor> windowEnd;
    if (query.scansRows()) {
        statements.push_back(windowEndSql(query));
        windowEnd = LogCursor{query.filter.fromMs, QString()};
    }
    statements.push_back(pageSql(query, windowEnd, std::clamp(query.limit, 1, 1000)));
    QueryResult<QStringList> result;
    for (const Sql& statement : statements) {
        Sql explain = statement;
        explain.text = QStringLiteral("EXPLAIN QUERY PLAN ") + statement.text;
        QSqlQuery q(db_);
        if (!run(q, explain, &result.error))
            return result;
        while (q.next())
            result.value.append(q.value(3).toString());  // id, parent, notused, detail
        if (q.lastError().isValid())
            return QueryResult<QStringList>::failure(readError(q));
    }
    return result;
}

namespace {

// The whole hours [fromMs, toMs) touches, as the rollups' `hour` bounds.
WholeHours touchedHours(qint64 fromMs, qint64 toMs) {
    if (toMs <= fromMs)
        return {};
    return {RequestRows::hourOf(fromMs), RequestRows::hourOf(toMs - 1) + RequestRows::kHourMs};
}

// Every tag key the rollups hold, without reading their rows: each step seeks the next.
const QString kTagKeys = QStringLiteral(
    "WITH RECURSIVE k(key) AS (SELECT min(tag_key) FROM request_hourly_tags UNION ALL "
    "SELECT (SELECT min(tag_key) FROM request_hourly_tags WHERE tag_key > k.key) FROM k "
    "WHERE k.key IS NOT NULL) ");

// The first column of every row of `sql`, appended to `out`.
bool readList(QSqlDatabase& db, const Sql& sql, QStringList& out, QString* error) {
    QSqlQuery q(db);
    if (!run(q, sql, error))
        return false;
    while (q.next())
        out.append(q.value(0).toString());
    if (q.lastError().isValid()) {
        *error = readError(q);
        return false;
    }
    return true;
}

}  // namespace

QueryResult<RequestDimensions> RequestQueries::dimensions(qint64 fromMs, qint64 toMs, int maxTags) {
    QueryResult<RequestDimensions> result;
    const WholeHours hours = touchedHours(fromMs, toMs);
    if (hours.empty())
        return result;
    const auto distinct = [&](const QString& column, const QString& table, QStringList& out) {
        Sql sql;
        sql.add(QStringLiteral("SELECT DISTINCT %1 FROM %2 WHERE hour >= ?").arg(column, table),
                hours.first)
            .add(QStringLiteral(" AND hour < ? AND %1 <> '' ORDER BY 1").arg(column), hours.end);
        return readList(db_, sql, out, &result.error);
    };
    RequestDimensions& d = result.value;
    if (!distinct(QStringLiteral("route"), QStringLiteral("request_hourly"), d.routes) ||
        !distinct(QStringLiteral("target"), QStringLiteral("request_hourly"), d.targets))
        return QueryResult<RequestDimensions>::failure(result.error);
    // Keys by request_hourly_keys_key: a seek per key the log has seen, not a read of every
    // key's every hour.
    Sql keySql;
    keySql
        .add(
            QStringLiteral(
                "WITH RECURSIVE k(key) AS (SELECT min(virtual_key_id) FROM request_hourly_keys "
                "WHERE "
                "virtual_key_id > '' UNION ALL SELECT (SELECT min(virtual_key_id) FROM "
                "request_hourly_keys WHERE virtual_key_id > k.key) FROM k WHERE k.key IS NOT NULL) "
                "SELECT key FROM k WHERE key IS NOT NULL AND EXISTS (SELECT 1 FROM "
                "request_hourly_keys h WHERE h.virtual_key_id = k.key AND h.hour >= ?"),
            hours.first)
        .add(QStringLiteral(" AND h.hour < ?)"), hours.end);
    if (!readList(db_, keySql, d.virtualKeys, &result.error))
        return QueryResult<RequestDimensions>::failure(result.error);
    const QueryResult<QStringList> keys = tagKeys(fromMs, toMs);
    if (!keys.ok())
        return QueryResult<RequestDimensions>::failure(keys.error);
    d.tagKeys = keys.value;
    // The values of the last hours only: every value of a month of tags is a long read.
    const qint64 recent =
        std::max(hours.first, hours.end - RequestDimensions::kTagValueHours * RequestRows::kHourMs);
    Sql sql;
    sql.add(kTagKeys)
        .add(QStringLiteral("SELECT DISTINCT t.tag_key, t.tag_value FROM k CROSS JOIN "
                            "request_hourly_tags t ON t.tag_key = k.key WHERE t.hour >= ?"),
             recent)
        .add(QStringLiteral(" AND t.hour < ? ORDER BY 1, 2 LIMIT ?"), hours.end)
        .bind(std::max(0, maxTags) + 1);
    QSqlQuery q(db_);
    if (!run(q, sql, &result.error))
        return QueryResult<RequestDimensions>::failure(result.error);
    while (q.next()) {
        if (qsizetype(d.tags.size()) == std::max(0, maxTags)) {
            d.tagsCut = true;
            break;
        }
        d.tags.emplace_back(q.value(0).toString(), q.value(1).toString());
    }
    if (q.lastError().isValid())
        return QueryResult<RequestDimensions>::failure(readError(q));
    return result;
}

QueryResult<QStringList> RequestQueries::tagKeys(qint64 fromMs, qint64 toMs) {
    QueryResult<QStringList> result;
    const WholeHours hours = touchedHours(fromMs, toMs);
    if (hours.empty())
        return result;
    Sql sql;
    sql.add(kTagKeys)
        .add(QStringLiteral("SELECT key FROM k WHERE key IS NOT NULL AND EXISTS (SELECT 1 FROM "
                            "request_hourly_tags t WHERE t.tag_key = k.key AND t.hour >= ?"),
             hours.first)
        .add(QStringLiteral(" AND t.hour < ?) ORDER BY key"), hours.end);
    if (!readList(db_, sql, result.value, &result.error))
        return QueryResult<QStringList>::failure(result.error);
    return result;
}

QueryResult<std::optional<RequestDetail>> RequestQueries::detail(const QString& id) {
    Sql sql;
    sql.add(
        QStringLiteral("SELECT ") + kRowColumns +
            QStringLiteral(", r.provider_kind, r.trail, r.cached_input_tokens, "
                           "r.cache_write_tokens, r.reasoning_tokens, r.tags, b.request, "
                           "b.response FROM requests r LEFT JOIN request_bodies b ON b.id = r.id "
                           "WHERE r.id = ?"),
        id);
    QSqlQuery q(db_);
    QueryResult<std::optional<RequestDetail>> result;
    if (!run(q, sql, &result.error))
        return result;
    if (q.next()) {
        RequestDetail d;
        d.row = readRow(q);
        int i = kRowColumnCount;
        d.providerKind = q.value(i++).toString();
        d.trail = q.value(i++).toString().toUtf8();
        d.cachedInputTokens = intOr(q.value(i++));
        d.cacheWriteTokens = intOr(q.value(i++));
        d.reasoningTokens = intOr(q.value(i++));
        d.tags = q.value(i++).toString().toUtf8();
        d.requestBody = q.value(i++).toByteArray();
        d.responseBody = q.value(i++).toByteArray();
        result.value = std::move(d);
    }
    if (q.lastError().isValid())
        return QueryResult<std::optional<RequestDetail>>::failure(readError(q));
    return result;
}

}  // namespace signalbox
