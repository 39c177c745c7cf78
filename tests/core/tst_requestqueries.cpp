// The request log's queries over a real SQLite file filled through RequestRows: every
// figure is checked against the same figure computed here, in C++, from the records
// that were written, and the hourly rollups against plain SQL over the rows. Costs are
// multiples of 1/1024 so that sums are exact in any order.

#include "BulkRequestLog.h"
#include "ManualClock.h"
#include "store/QueryService.h"
#include "store/RequestQueries.h"
#include "store/RequestRows.h"
#include "store/RequestStore.h"
#include "store/StoreConnection.h"
#include "store/StoreSchema.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSemaphore>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <map>
#include <random>
#include <set>

using namespace signalbox;

namespace {

constexpr qint64 kHourMs = 3'600'000;
constexpr qint64 kDayMs = 86'400'000;
constexpr qint64 kT0 = 20775 * kDayMs;  // midnight UTC, 2026-11-19
// Rows of the bulk log: more than two scan windows.
constexpr qint64 kBulkRows = 2 * RequestQueries::kScanWindowRows + 20'000;

// A record as written, with its tags as a map for the expectations.
struct Written {
    RequestRecord record;
    std::map<QString, QString> tags;
};

QByteArray tagsJson(const std::map<QString, QString>& tags) {
    QJsonObject object;
    for (const auto& [k, v] : tags)
        object.insert(k, v);
    return tags.empty() ? QByteArray() : QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::vector<Written> generate(int count, quint64 seed) {
    std::mt19937_64 rng(seed);
    const auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    const auto chance = [&](int percent) { return pick(100) < percent; };
    const QString targets[] = {QStringLiteral("openai/gpt-a"), QStringLiteral("claude/sonnet"),
                               QStringLiteral("local/llama"), QString()};
    const QString routes[] = {QStringLiteral("smart"), QStringLiteral("fast"),
                              QStringLiteral("cheap")};
    const QString keys[] = {QStringLiteral("vk-1"), QStringLiteral("vk-2"), QString()};
    const int statuses[] = {429, 500, 499, 400};
    std::vector<Written> out;
    for (int i = 0; i < count; ++i) {
        Written w;
        RequestRecord& r = w.record;
        r.id = "sb-" + QByteArray::number(i, 16).rightJustified(16, '0');
        // Whole minutes over three days: many rows share a start, as under load.
        r.startedAt = kT0 + qint64(pick(3 * 24 * 60)) * 60'000;
        r.surface = "openai.chat";
        r.route = routes[pick(3)];
        r.target = targets[pick(10) == 0 ? 3 : pick(3)];
        r.providerKind = r.target.section(QLatin1Char('/'), 0, 0);
        r.virtualKeyId = keys[pick(3)];
        r.status = chance(12) ? statuses[pick(4)] : 200;
        if (r.status != 200)
            r.error = QStringLiteral("failed with %1").arg(r.status);
        r.stream = chance(50);
        r.truncated = r.stream && r.status == 200 && chance(4);
        if (r.truncated)
            r.error = QStringLiteral("upstream cut the stream");
        r.cacheHit = r.status == 200 && chance(10);
        r.latencyMs = chance(3) ? -1 : 1 + pick(5000);
        if (r.stream && r.latencyMs > 0 && chance(90))
            r.ttftMs = 1 + pick(int(r.latencyMs));
        r.finishedAt = r.startedAt + std::max<qint64>(0, r.latencyMs);
        r.calls = 1;
        r.attempts.push_back(Attempt{r.target, {}, "ok", 0, 5, {}, true});
        r.inputTokens = chance(5) ? -1 : pick(4000);
        r.outputTokens = chance(5) ? -1 : pick(1000);
        if (!r.target.startsWith(QLatin1String("local/")) && chance(95))
            r.costUsd = double(1 + pick(5000)) / 1024.0;
        r.costEstimated = chance(5);
        // Hits saved what their first answer cost; a row that is no hit saves nothing,
        // whatever it holds. Not drawn: the rows above stay as they were.
        if (r.cacheHit)
            r.cacheSavedUsd = double(1 + i % 4096) / 1024.0;
        else if (i % 101 == 0)
            r.cacheSavedUsd = 1.0;
        if (chance(70))
            w.tags[QStringLiteral("team")] = QString(QLatin1Char(char('a' + pick(3))));
        if (chance(50))
            w.tags[QStringLiteral("env")] =
                chance(50) ? QStringLiteral("prod") : QStringLiteral("dev");
        r.tags = tagsJson(w.tags);
        out.push_back(std::move(w));
    }
    return out;
}

bool matches(const Written& w, const RequestFilter& f) {
    const RequestRecord& r = w.record;
    if (r.startedAt < f.fromMs || r.startedAt >= f.toMs)
        return false;
    if (!f.route.isEmpty() && r.route != f.route)
        return false;
    if (!f.target.isEmpty() && r.target != f.target)
        return false;
    if (!f.virtualKeyId.isEmpty() && r.virtualKeyId != f.virtualKeyId)
        return false;
    if (f.hasTag()) {
        const auto it = w.tags.find(f.tagKey);
        if (it == w.tags.end() || it->second != f.tagValue)
            return false;
    }
    return true;
}

bool isError(const RequestRecord& r) {
    return r.status >= 400 || r.truncated;
}

template <typename T>
void addTo(T& sums, const RequestRecord& r) {
    sums.requests += 1;
    sums.errors += isError(r) ? 1 : 0;
    sums.cacheHits += r.cacheHit ? 1 : 0;
    sums.inputTokens += std::max<qint64>(0, r.inputTokens);
    sums.outputTokens += std::max<qint64>(0, r.outputTokens);
    sums.costUsd += r.costUsd.value_or(0);
    sums.unpriced += r.costUsd ? 0 : 1;
    sums.costEstimated += r.costEstimated ? 1 : 0;
    sums.cacheSavedUsd += r.cacheHit ? r.cacheSavedUsd.value_or(0) : 0;
}

// The group of a record, or nothing when the grouping leaves it out.
std::optional<QString> groupOf(const Written& w, const RequestGrouping& g) {
    switch (g.kind) {
        case RequestGrouping::Kind::Target:
            return w.record.target;
        case RequestGrouping::Kind::Route:
            return w.record.route;
        case RequestGrouping::Kind::VirtualKey:
            return w.record.virtualKeyId;
        case RequestGrouping::Kind::Tag: {
            const auto it = w.tags.find(g.tagKey);
            return it == w.tags.end() ? std::nullopt : std::optional<QString>(it->second);
        }
    }
    return std::nullopt;
}

qint64 floorTo(qint64 t, qint64 size, qint64 offset) {
    const qint64 shifted = t + offset;
    return (shifted - ((shifted % size) + size) % size) - offset;
}

std::vector<SeriesPoint> expectedSeries(const std::vector<Written>& data, const RequestFilter& f,
                                        const RequestGrouping& g, qint64 size, qint64 offset) {
    std::map<std::pair<qint64, QString>, SeriesPoint> points;
    for (const Written& w : data) {
        const auto group = groupOf(w, g);
        if (!matches(w, f) || !group)
            continue;
        const qint64 bucket = floorTo(w.record.startedAt, size, offset);
        SeriesPoint& p = points[{bucket, *group}];
        p.bucketStartMs = bucket;
        p.group = *group;
        addTo(p, w.record);
    }
    std::vector<SeriesPoint> out;
    for (auto& [key, p] : points)
        out.push_back(p);
    return out;
}

qint64 nearestRank(std::vector<qint64> values, int percent) {
    if (values.empty())
        return -1;
    std::sort(values.begin(), values.end());
    const size_t rank = (size_t(percent) * values.size() + 99) / 100;
    return values[std::max<size_t>(rank, 1) - 1];
}

std::vector<LatencyStats> expectedLatency(const std::vector<Written>& data,
                                          const RequestFilter& f) {
    std::map<QString, std::pair<std::vector<qint64>, std::vector<qint64>>> values;
    for (const Written& w : data) {
        const RequestRecord& r = w.record;
        if (!matches(w, f) || isError(r) || r.cacheHit)
            continue;
        if (r.latencyMs >= 0)
            values[r.target].first.push_back(r.latencyMs);
        if (r.ttftMs >= 0)
            values[r.target].second.push_back(r.ttftMs);
    }
    std::vector<LatencyStats> out;
    for (const auto& [target, v] : values) {
        LatencyStats s;
        s.target = target;
        s.count = qint64(v.first.size());
        s.p50Ms = nearestRank(v.first, 50);
        s.p95Ms = nearestRank(v.first, 95);
        s.p99Ms = nearestRank(v.first, 99);
        s.ttftCount = qint64(v.second.size());
        s.ttftP50Ms = nearestRank(v.second, 50);
        s.ttftP95Ms = nearestRank(v.second, 95);
        if (s.count || s.ttftCount)
            out.push_back(s);
    }
    return out;
}

QString describe(const SeriesPoint& p) {
    return QStringLiteral(
               "[%1 %2: n=%3 err=%4 hit=%5 in=%6 out=%7 cost=%8 unpriced=%9 est=%10 saved=%11]")
        .arg(p.bucketStartMs)
        .arg(p.group)
        .arg(p.requests)
        .arg(p.errors)
        .arg(p.cacheHits)
        .arg(p.inputTokens)
        .arg(p.outputTokens)
        .arg(p.costUsd)
        .arg(p.unpriced)
        .arg(p.costEstimated)
        .arg(p.cacheSavedUsd);
}

QString describe(const LatencyStats& s) {
    return QStringLiteral("[%1: n=%2 %3/%4/%5 ttft n=%6 %7/%8]")
        .arg(s.target)
        .arg(s.count)
        .arg(s.p50Ms)
        .arg(s.p95Ms)
        .arg(s.p99Ms)
        .arg(s.ttftCount)
        .arg(s.ttftP50Ms)
        .arg(s.ttftP95Ms);
}

template <typename T>
QByteArray diff(const std::vector<T>& actual, const std::vector<T>& expected) {
    QString out =
        QStringLiteral("got %1 items, expected %2").arg(actual.size()).arg(expected.size());
    for (size_t i = 0; i < std::max(actual.size(), expected.size()); ++i) {
        if (i < actual.size() && i < expected.size() && actual[i] == expected[i])
            continue;
        out += QStringLiteral("\n  first difference at %1: got %2, expected %3")
                   .arg(i)
                   .arg(i < actual.size() ? describe(actual[i]) : QStringLiteral("nothing"))
                   .arg(i < expected.size() ? describe(expected[i]) : QStringLiteral("nothing"));
        break;
    }
    return out.toUtf8();
}

// The filters every query is checked under.
std::vector<std::pair<const char*, RequestFilter>> filters() {
    RequestFilter all{kT0 - kDayMs, kT0 + 4 * kDayMs, {}, {}, {}, {}, {}};
    std::vector<std::pair<const char*, RequestFilter>> out;
    out.emplace_back("everything", all);
    RequestFilter part = all;
    part.fromMs = kT0 + 7 * kHourMs + 123;  // mid-hour edges
    part.toMs = kT0 + 30 * kHourMs - 77;
    out.emplace_back("part of a day", part);
    RequestFilter f = all;
    f.route = QStringLiteral("fast");
    out.emplace_back("route", f);
    f = all;
    f.target = QStringLiteral("claude/sonnet");
    out.emplace_back("target", f);
    f = all;
    f.virtualKeyId = QStringLiteral("vk-2");
    out.emplace_back("key", f);
    f = part;
    f.tagKey = QStringLiteral("team");
    f.tagValue = QStringLiteral("b");
    out.emplace_back("tag, part", f);
    f = all;
    f.tagKey = QStringLiteral("env");
    f.tagValue = QStringLiteral("prod");
    f.route = QStringLiteral("smart");
    out.emplace_back("tag and route", f);
    return out;
}

// A data dir with signalbox.db created and filled, its writer kept open as the store's.
class LogFile {
public:
    explicit LogFile(const std::vector<Written>& data) : writer_(path(), QStringLiteral("test")) {
        QString error;
        if (!writer_.open() || !StoreSchema::migrate(writer_.db(), &error))
            qFatal("cannot create the log: %s%s", qPrintable(writer_.error()), qPrintable(error));
        add(data);
    }
    void add(const std::vector<Written>& data) {
        RequestRows rows(writer_.db());
        if (!rows.prepare() || !writer_.db().transaction())
            qFatal("cannot write: %s", qPrintable(rows.error()));
        for (const Written& w : data) {
            if (!rows.insert(w.record))
                qFatal("cannot insert: %s", qPrintable(rows.error()));
        }
        if (!rows.flush())
            qFatal("cannot write the rollups: %s", qPrintable(rows.error()));
        writer_.db().commit();
    }
    QString path() const { return dir_.filePath(QStringLiteral("signalbox.db")); }
    QSqlDatabase& db() { return writer_.db(); }

private:
    QTemporaryDir dir_;
    StoreConnection writer_;
};

QSqlQuery exec(QSqlDatabase& db, const QString& sql) {
    QSqlQuery q(db);
    if (!q.exec(sql))
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return q;
}

qint64 scalar(QSqlDatabase& db, const QString& sql) {
    QSqlQuery q = exec(db, sql);
    return q.next() ? q.value(0).toLongLong() : -1;
}

// The hour of `started_at`, as plain SQL.
const QString kHourOf =
    QStringLiteral("(%1 - ((%1 % 3600000) + 3600000) % 3600000)").arg(QStringLiteral("started_at"));

// How many rows of `a` are not in `b` and the other way round, as "n/m".
QString except(QSqlDatabase& db, const QString& a, const QString& b) {
    return QStringLiteral("%1/%2")
        .arg(scalar(db, QStringLiteral("SELECT count(*) FROM (%1 EXCEPT %2)").arg(a, b)))
        .arg(scalar(db, QStringLiteral("SELECT count(*) FROM (%1 EXCEPT %2)").arg(b, a)));
}

using Lists = std::map<QString, std::pair<std::vector<qint64>, std::vector<qint64>>>;

// Per "hour target route": the latencies and TTFTs of two concatenated lists, sorted.
Lists readLists(QSqlDatabase& db, const QString& sql) {
    Lists out;
    QSqlQuery q = exec(db, sql);
    while (q.next()) {
        auto& [latency, ttft] =
            out[QStringLiteral("%1 %2 %3")
                    .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString())];
        for (const QString& v : q.value(3).toString().split(u',', Qt::SkipEmptyParts))
            latency.push_back(v.toLongLong());
        for (const QString& v : q.value(4).toString().split(u',', Qt::SkipEmptyParts))
            ttft.push_back(v.toLongLong());
        std::sort(latency.begin(), latency.end());
        std::sort(ttft.begin(), ttft.end());
    }
    return out;
}

// What the rollups hold that the rows do not say, or the other way round, as plain SQL
// over `requests` and `request_tags` sees it; empty when they agree.
QString rollupDifferences(QSqlDatabase& db) {
    const QString sums = QStringLiteral(
        "count(*), sum(status >= 400 OR truncated = 1), sum(cache_hit), "
        "coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0), total(cost_usd), "
        "count(*) - count(cost_usd), sum(cost_estimated), sum(status < 400 AND truncated = 0 "
        "AND cache_hit = 0 AND latency_ms IS NOT NULL), coalesce(sum(CASE WHEN status < 400 "
        "AND truncated = 0 AND cache_hit = 0 THEN latency_ms END), 0), total(CASE WHEN "
        "cache_hit = 1 THEN cache_saved_usd END)");
    const QString rollupSums = QStringLiteral(
        "requests, errors, cache_hits, input_tokens, output_tokens, cost_usd, unpriced, "
        "cost_estimated, latency_count, latency_ms_sum, cache_saved_usd");
    QStringList out;
    const auto compare = [&](const char* table, const QString& rollup, const QString& rows) {
        const QString d = except(db, rollup, rows);
        if (d != QLatin1String("0/0"))
            out.append(QStringLiteral("%1: %2 rows differ").arg(QLatin1String(table), d));
    };
    compare(
        "request_hourly",
        QStringLiteral("SELECT hour, target, route, %1 FROM request_hourly").arg(rollupSums),
        QStringLiteral("SELECT %1, coalesce(target, ''), route, %2 FROM requests GROUP BY 1, 2, 3")
            .arg(kHourOf, sums));
    compare(
        "request_hourly_keys",
        QStringLiteral("SELECT hour, virtual_key_id, target, route, %1 FROM request_hourly_keys")
            .arg(rollupSums),
        QStringLiteral("SELECT %1, coalesce(virtual_key_id, ''), coalesce(target, ''), route, %2 "
                       "FROM requests GROUP BY 1, 2, 3, 4")
            .arg(kHourOf, sums));
    compare(
        "request_hourly_tags",
        QStringLiteral("SELECT tag_key, hour, tag_value, target, route, %1 FROM "
                       "request_hourly_tags")
            .arg(rollupSums),
        QStringLiteral("SELECT t.key, %1, t.value, coalesce(target, ''), route, %2 FROM "
                       "request_tags t JOIN requests r ON r.id = t.request_id GROUP BY 1, 2, 3, "
                       "4, 5")
            .arg(QString(kHourOf).replace(QLatin1String("started_at"),
                                          QLatin1String("r.started_at")),
                 sums));
    const Lists kept = readLists(
        db, QStringLiteral("SELECT hour, target, route, group_concat(latencies, ''), "
                           "group_concat(ttfts, '') FROM request_latency_hourly GROUP BY 1, 2, 3"));
    const Lists rows = readLists(
        db, QStringLiteral("SELECT %1, coalesce(target, ''), route, group_concat(latency_ms), "
                           "group_concat(ttft_ms) FROM requests WHERE status < 400 AND truncated = "
                           "0 AND cache_hit = 0 AND (latency_ms IS NOT NULL OR ttft_ms IS NOT "
                           "NULL) GROUP BY 1, 2, 3")
                .arg(kHourOf));
    if (kept != rows)
        out.append(QStringLiteral("request_latency_hourly: the values differ"));
    return out.join(QStringLiteral("; "));
}

template <typename Keep>
std::vector<Written> only(const std::vector<Written>& data, Keep keep) {
    std::vector<Written> out;
    std::copy_if(data.begin(), data.end(), std::back_inserter(out), keep);
    return out;
}

RequestTotals expectedTotals(const std::vector<Written>& data, const RequestFilter& f) {
    RequestTotals out;
    for (const Written& w : data) {
        if (matches(w, f))
            addTo(out, w.record);
    }
    return out;
}

}  // namespace

class TestRequestQueries : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void seriesMatchesTheRecords();
    void totalsMatchTheRecords();
    void topSpendMatchesTheRecords();
    void latencyMatchesTheRecords();
    void percentilesOfKnownDistributions();
    void emptyRangesGiveNothing();
    void keysetPagesHaveNoGapsNorDuplicates();
    void logPageFiltersAndSearch();
    void detailHasEveryColumnAndTheBodies();
    void bulkLogPagesFollowTheKeysetExactly();
    void rareMatchesAreSoughtAWindowAtATime();
    void logPagePlansSeekAnIndex();
    void rollupsHoldWhatTheRowsSay();
    void anyRangeGivesWhatTheRowsGive();
    void wholeHoursComeFromTheRollups();
    void duplicatesAreCountedOnce();
    void busyHourSpreadsItsLatencies();
    void retentionTrimsTheRollups();
    void rebuiltRollupsEqualTheWriters();
    void bulkLogHasTheStoresRollups();
    void dimensionsNameWhatTheHoursHold();
    void serviceDeliversOnTheContextThread();
    void serviceDropsSupersededAndCancelledResults();
    void serviceSaysWhyTheLogCannotBeRead();

private:
    std::vector<Written> data_;
    std::unique_ptr<LogFile> log_;
    // A bigger log, written in bulk: more rows than a scan window holds.
    QTemporaryDir bulkDir_;
    std::unique_ptr<test::BulkRequestLog> bulk_;
    std::unique_ptr<StoreConnection> bulkDb_;
};

void TestRequestQueries::initTestCase() {
    data_ = generate(3000, 7);
    log_ = std::make_unique<LogFile>(data_);

    QVERIFY(bulkDir_.isValid());
    bulk_ = std::make_unique<test::BulkRequestLog>(kBulkRows, kT0 + 20 * kDayMs);
    const QString path = bulkDir_.filePath(QStringLiteral("signalbox.db"));
    QElapsedTimer took;
    took.start();
    QString error;
    QVERIFY2(bulk_->write(path, &error), qPrintable(error));
    qInfo("%lld rows written in bulk in %lld ms", qint64(kBulkRows), took.elapsed());
    bulkDb_ = std::make_unique<StoreConnection>(path, QStringLiteral("bulk"));
    QVERIFY2(bulkDb_->open(), qPrintable(bulkDb_->error()));
}

void TestRequestQueries::seriesMatchesTheRecords() {
    RequestQueries queries(log_->db());
    const std::vector<RequestGrouping> groupings = {
        RequestGrouping::byTarget(), RequestGrouping::byRoute(), RequestGrouping::byVirtualKey(),
        RequestGrouping::byTag(QStringLiteral("team")),
        RequestGrouping::byTag(QStringLiteral("env"))};
    const std::vector<TimeBucket> buckets = {
        {TimeBucket::Size::Hour, 0},     {TimeBucket::Size::Day, 0},
        {TimeBucket::Size::Day, 120},    {TimeBucket::Size::Day, -300},
        {TimeBucket::Size::Hour, 330},   {TimeBucket::Size::Minute, 0},
        {TimeBucket::Size::Minute, -210}};
    for (const auto& [name, filter] : filters()) {
        for (const RequestGrouping& g : groupings) {
            for (const TimeBucket& b : buckets) {
                const auto result = queries.series(filter, g, b);
                QVERIFY2(result.ok(), qPrintable(result.error));
                const auto expected = expectedSeries(data_, filter, g, b.sizeMs(), b.offsetMs());
                QVERIFY2(!expected.empty(), name);
                QVERIFY2(result.value == expected,
                         qPrintable(QStringLiteral("%1, grouping %2/%3, bucket %4 at %5 min: %6")
                                        .arg(QLatin1String(name))
                                        .arg(int(g.kind))
                                        .arg(g.tagKey)
                                        .arg(b.sizeMs())
                                        .arg(b.utcOffsetMinutes)
                                        .arg(QString::fromUtf8(diff(result.value, expected)))));
                for (const SeriesPoint& p : result.value)
                    QCOMPARE(b.startOf(p.bucketStartMs), p.bucketStartMs);
            }
        }
    }
}

void TestRequestQueries::totalsMatchTheRecords() {
    RequestQueries queries(log_->db());
    for (const auto& [name, filter] : filters()) {
        RequestTotals expected;
        for (const Written& w : data_) {
            if (matches(w, filter))
                addTo(expected, w.record);
        }
        const auto result = queries.totals(filter);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY2(result.value == expected, name);
        QVERIFY(expected.unpriced > 0 || filter.target == QLatin1String("claude/sonnet"));
        QVERIFY(expected.cacheSavedUsd > 0);
        QCOMPARE(result.value.errorRate(), double(expected.errors) / double(expected.requests));
        QCOMPARE(result.value.cacheHitRate(),
                 double(expected.cacheHits) / double(expected.requests));
    }
}

void TestRequestQueries::topSpendMatchesTheRecords() {
    RequestQueries queries(log_->db());
    const std::vector<RequestGrouping> groupings = {
        RequestGrouping::byTarget(), RequestGrouping::byRoute(), RequestGrouping::byVirtualKey(),
        RequestGrouping::byTag(QStringLiteral("team"))};
    for (const auto& [name, filter] : filters()) {
        for (const RequestGrouping& g : groupings) {
            std::map<QString, GroupSpend> groups;
            for (const Written& w : data_) {
                const auto group = groupOf(w, g);
                if (!matches(w, filter) || !group)
                    continue;
                GroupSpend& s = groups[*group];
                s.group = *group;
                s.costUsd += w.record.costUsd.value_or(0);
                s.requests += 1;
                s.unpriced += w.record.costUsd ? 0 : 1;
            }
            std::vector<GroupSpend> expected;
            for (const auto& [group, s] : groups)
                expected.push_back(s);
            std::stable_sort(
                expected.begin(), expected.end(),
                [](const GroupSpend& a, const GroupSpend& b) { return a.costUsd > b.costUsd; });
            expected.resize(std::min<size_t>(expected.size(), 2));
            const auto result = queries.topSpend(filter, g, 2);
            QVERIFY2(result.ok(), qPrintable(result.error));
            QVERIFY2(result.value == expected, name);
        }
    }
}

void TestRequestQueries::latencyMatchesTheRecords() {
    RequestQueries queries(log_->db());
    auto all = filters();
    RequestFilter hour{kT0 + 40 * kHourMs, kT0 + 41 * kHourMs, {}, {}, {}, {}, {}};
    all.emplace_back("one hour", hour);
    hour.target = QStringLiteral("openai/gpt-a");
    all.emplace_back("one hour, one target", hour);
    for (const auto& [name, filter] : all) {
        const auto result = queries.latencyByTarget(filter);
        QVERIFY2(result.ok(), qPrintable(result.error));
        const auto expected = expectedLatency(data_, filter);
        QVERIFY2(!expected.empty(), name);
        QVERIFY2(result.value == expected,
                 qPrintable(QLatin1String(name) + QLatin1String(": ") +
                            QString::fromUtf8(diff(result.value, expected))));
    }
}

void TestRequestQueries::percentilesOfKnownDistributions() {
    // A log spread over ten days, with one hour holding target k/one: latencies 1..200
    // and TTFTs 1..20, plus errors, truncated streams and cache hits far out that must
    // not count. The same target has other rows before, outside the hour.
    std::vector<Written> data;
    const auto add = [&](qint64 at, const QString& target, qint64 latency, qint64 ttft) {
        Written w;
        w.record.id = "sb-k" + QByteArray::number(qint64(data.size()));
        w.record.startedAt = at;
        w.record.finishedAt = at + latency;
        w.record.surface = "openai.chat";
        w.record.route = QStringLiteral("r");
        w.record.target = target;
        w.record.status = 200;
        w.record.latencyMs = latency;
        w.record.ttftMs = ttft;
        w.record.stream = ttft >= 0;
        data.push_back(w);
        return &data.back().record;
    };
    const QString one = QStringLiteral("k/one");
    const qint64 hour = kT0 + 5 * kDayMs;
    for (int i = 200; i >= 1; --i)
        add(hour + i * 1000, one, i, i <= 20 ? i : -1);
    add(hour + 10, one, 100'000, 100'000)->status = 500;
    add(hour + 11, one, 100'000, 100'000)->truncated = true;
    add(hour + 12, one, 0, 0)->cacheHit = true;
    add(hour + 13, one, 0, 0)->status = 499;
    for (int day = 0; day < 10; ++day) {
        add(kT0 + day * kDayMs + 2 * kHourMs, one, 50'000 + day, 9'000);
        add(kT0 + day * kDayMs + 2 * kHourMs + 1, QStringLiteral("k/two"), 7, -1);
    }
    LogFile log(data);
    RequestQueries queries(log.db());

    LatencyStats inHour{one, 200, 100, 190, 198, 20, 10, 19};
    RequestFilter f{hour, hour + kHourMs, {}, {}, {}, {}, {}};
    auto result = queries.latencyByTarget(f);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.value.size(), size_t(1));
    QVERIFY2(result.value[0] == inHour, qPrintable(describe(result.value[0])));

    // The whole span: 210 latencies of k/one (the ten slow ones on top), 30 TTFTs.
    f = RequestFilter{kT0 - kDayMs, kT0 + 11 * kDayMs, {}, {}, {}, {}, {}};
    result = queries.latencyByTarget(f);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.value.size(), size_t(2));
    const LatencyStats all{one, 210, 105, 200, 50'007, 30, 15, 9'000};
    QVERIFY2(result.value[0] == all, qPrintable(describe(result.value[0])));
    const LatencyStats two{QStringLiteral("k/two"), 10, 7, 7, 7, 0, -1, -1};
    QVERIFY2(result.value[1] == two, qPrintable(describe(result.value[1])));

    // One value: every percentile is it.
    const qint64 at = kT0 + 3 * kDayMs + 2 * kHourMs + 1;
    f = RequestFilter{at, at + 1, {}, {}, {}, {}, {}};
    result = queries.latencyByTarget(f);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.value.size(), size_t(1));
    QVERIFY(result.value[0] == (LatencyStats{QStringLiteral("k/two"), 1, 7, 7, 7, 0, -1, -1}));
}

void TestRequestQueries::emptyRangesGiveNothing() {
    RequestQueries queries(log_->db());
    for (const RequestFilter& f :
         {RequestFilter{kT0 + kDayMs, kT0 + kDayMs, {}, {}, {}, {}, {}},
          RequestFilter{kT0 + 10 * kDayMs, kT0 + 11 * kDayMs, {}, {}, {}, {}, {}},
          RequestFilter{kT0, kT0 + 4 * kDayMs, QStringLiteral("no such route"), {}, {}, {}, {}},
          RequestFilter{kT0,
                        kT0 + 4 * kDayMs,
                        {},
                        {},
                        {},
                        QStringLiteral("team"),
                        QStringLiteral("nobody")}}) {
        const auto series = queries.series(f, RequestGrouping::byTarget(), TimeBucket{});
        QVERIFY(series.ok());
        QVERIFY(series.value.empty());
        const auto totals = queries.totals(f);
        QVERIFY(totals.ok());
        QVERIFY(totals.value == RequestTotals{});
        QCOMPARE(totals.value.errorRate(), 0.0);
        QCOMPARE(totals.value.cacheHitRate(), 0.0);
        const auto latency = queries.latencyByTarget(f);
        QVERIFY(latency.ok());
        QVERIFY(latency.value.empty());
        const auto top = queries.topSpend(f, RequestGrouping::byRoute(), 5);
        QVERIFY(top.ok());
        QVERIFY(top.value.empty());
        LogPageQuery page;
        page.filter = f;
        const auto rows = queries.logPage(page);
        QVERIFY(rows.ok());
        QVERIFY(rows.value.rows.empty());
        QVERIFY(!rows.value.next);
    }
}

void TestRequestQueries::keysetPagesHaveNoGapsNorDuplicates() {
    RequestQueries queries(log_->db());
    for (const auto& [name, filter] : filters()) {
        std::vector<std::pair<qint64, QString>> expected;
        for (const Written& w : data_) {
            if (matches(w, filter))
                expected.emplace_back(w.record.startedAt, QString::fromLatin1(w.record.id));
        }
        std::sort(expected.rbegin(), expected.rend());
        LogPageQuery page;
        page.filter = filter;
        page.limit = 7;
        std::vector<std::pair<qint64, QString>> seen;
        int pages = 0;
        do {
            const auto result = queries.logPage(page);
            QVERIFY2(result.ok(), qPrintable(result.error));
            QVERIFY(result.value.rows.size() <= 7);
            for (const LogRow& row : result.value.rows)
                seen.emplace_back(row.startedAt, row.id);
            page.after = result.value.next;
            if (++pages == 3) {
                // Rows arriving meanwhile, newer than everything: they shift nothing.
                std::vector<Written> newer = generate(5, 99);
                for (size_t i = 0; i < newer.size(); ++i) {
                    newer[i].record.id = "sb-new" + QByteArray::number(qulonglong(i));
                    newer[i].record.startedAt = filter.toMs - 1;
                }
                if (filter.route.isEmpty() && !filter.hasTag() && filter.target.isEmpty() &&
                    filter.virtualKeyId.isEmpty() && qstrcmp(name, "everything") != 0) {
                    log_->add(newer);
                    for (Written& w : newer)
                        data_.push_back(w);
                }
            }
        } while (page.after);
        QVERIFY2(seen == expected, name);
        QVERIFY(pages > 3);
    }
}

void TestRequestQueries::logPageFiltersAndSearch() {
    RequestQueries queries(log_->db());
    const RequestFilter all{kT0 - kDayMs, kT0 + 4 * kDayMs, {}, {}, {}, {}, {}};
    const auto collect = [&](LogPageQuery page) {
        std::set<QString> ids;
        page.limit = 1000;
        do {
            const auto result = queries.logPage(page);
            if (!result.ok())
                qFatal("%s", qPrintable(result.error));
            for (const LogRow& row : result.value.rows)
                ids.insert(row.id);
            page.after = result.value.next;
        } while (page.after);
        return ids;
    };
    const auto expect = [&](const std::function<bool(const RequestRecord&)>& keep) {
        std::set<QString> ids;
        for (const Written& w : data_) {
            if (matches(w, all) && keep(w.record))
                ids.insert(QString::fromLatin1(w.record.id));
        }
        return ids;
    };
    LogPageQuery page;
    page.filter = all;
    page.outcome = LogPageQuery::Outcome::Error;
    QCOMPARE(collect(page), expect([](const RequestRecord& r) { return isError(r); }));
    page.outcome = LogPageQuery::Outcome::Ok;
    QCOMPARE(collect(page), expect([](const RequestRecord& r) { return !isError(r); }));
    page.outcome = LogPageQuery::Outcome::Any;
    page.status = 429;
    QCOMPARE(collect(page), expect([](const RequestRecord& r) { return r.status == 429; }));
    page.status = 0;
    page.statusClass = 4;
    QCOMPARE(collect(page),
             expect([](const RequestRecord& r) { return r.status >= 400 && r.status < 500; }));
    page.statusClass = 5;
    auto ids = collect(page);
    QVERIFY(!ids.empty());
    QCOMPARE(ids, expect([](const RequestRecord& r) { return r.status >= 500; }));
    page.statusClass = 2;
    page.outcome = LogPageQuery::Outcome::Error;  // 200, cut off
    QCOMPARE(collect(page),
             expect([](const RequestRecord& r) { return r.status == 200 && r.truncated; }));
    page.statusClass = 0;
    page.outcome = LogPageQuery::Outcome::Any;
    page.search = QStringLiteral("CUT THE");  // the error, any case
    ids = collect(page);
    QVERIFY(!ids.empty());
    QCOMPARE(ids, expect([](const RequestRecord& r) { return r.truncated; }));
    page.search = QStringLiteral("sonn");  // part of a target
    QCOMPARE(collect(page), expect([](const RequestRecord& r) {
                 return r.target.contains(QLatin1String("sonn"));
             }));
    page.search = QStringLiteral("sb-00000000000001");  // a prefix of ids
    ids = collect(page);
    QCOMPARE(ids.size(), size_t(256));
    QCOMPARE(ids,
             expect([](const RequestRecord& r) { return r.id.startsWith("sb-00000000000001"); }));
    // LIKE's wildcards are searched for as themselves.
    page.search = QStringLiteral("%");
    QVERIFY(collect(page).empty());
    page.search = QStringLiteral("_");
    QVERIFY(collect(page).empty());
}

void TestRequestQueries::detailHasEveryColumnAndTheBodies() {
    Written w;
    RequestRecord& r = w.record;
    r.id = "sb-detail00000001";
    r.startedAt = kT0 + 123;
    r.finishedAt = kT0 + 999;
    r.surface = "anthropic.messages";
    r.route = QStringLiteral("smart");
    r.target = QStringLiteral("claude/sonnet");
    r.providerKind = QStringLiteral("anthropic");
    r.attempts = {
        Attempt{QStringLiteral("openai/gpt-a"), {}, "429", 0, 12, QStringLiteral("slow"), true},
        Attempt{r.target, {}, "ok", 12, 800, {}, true}};
    r.calls = 2;
    r.status = 200;
    r.stream = true;
    r.latencyMs = 876;
    r.ttftMs = 210;
    r.inputTokens = 1200;
    r.outputTokens = 300;
    r.cachedInputTokens = 1000;
    r.cacheWriteTokens = 100;
    r.reasoningTokens = 40;
    r.costUsd = 0.5;
    r.costEstimated = true;
    r.virtualKeyId = QStringLiteral("vk-9");
    r.user = QStringLiteral("ada");
    r.tags = R"({"team":"a"})";
    r.requestBody = R"({"messages":[]})";
    r.responseBody = "event: message_start\n";
    LogFile log({w});
    RequestQueries queries(log.db());

    const auto result = queries.detail(QStringLiteral("sb-detail00000001"));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(result.value.has_value());
    const RequestDetail& d = *result.value;
    QCOMPARE(d.row.id, QStringLiteral("sb-detail00000001"));
    QCOMPARE(d.row.startedAt, kT0 + 123);
    QCOMPARE(d.row.finishedAt, kT0 + 999);
    QCOMPARE(d.row.surface, QStringLiteral("anthropic.messages"));
    QCOMPARE(d.row.route, r.route);
    QCOMPARE(d.row.target, r.target);
    QCOMPARE(d.row.attempts, 2);
    QCOMPARE(d.row.status, 200);
    QVERIFY(d.row.error.isEmpty());
    QVERIFY(d.row.stream);
    QVERIFY(!d.row.truncated);
    QVERIFY(!d.row.isError());
    QCOMPARE(d.row.latencyMs, qint64(876));
    QCOMPARE(d.row.ttftMs, qint64(210));
    QCOMPARE(d.row.inputTokens, qint64(1200));
    QCOMPARE(d.row.outputTokens, qint64(300));
    QVERIFY(d.row.costUsd == 0.5);
    QVERIFY(d.row.costEstimated);
    QVERIFY(!d.row.cacheHit);
    QCOMPARE(d.row.virtualKeyId, QStringLiteral("vk-9"));
    QCOMPARE(d.row.user, QStringLiteral("ada"));
    QCOMPARE(d.providerKind, QStringLiteral("anthropic"));
    QCOMPARE(d.trail, RequestRows::trailJson(r.attempts));
    QCOMPARE(d.cachedInputTokens, qint64(1000));
    QCOMPARE(d.cacheWriteTokens, qint64(100));
    QCOMPARE(d.reasoningTokens, qint64(40));
    QCOMPARE(d.tags, QByteArray(R"({"team":"a"})"));
    QCOMPARE(d.requestBody, r.requestBody);
    QCOMPARE(d.responseBody, r.responseBody);

    // The list shows the same row.
    LogPageQuery page;
    page.filter = RequestFilter{kT0, kT0 + 1000, {}, {}, {}, {}, {}};
    const auto rows = queries.logPage(page);
    QVERIFY(rows.ok());
    QCOMPARE(rows.value.rows.size(), size_t(1));
    QVERIFY(rows.value.rows[0] == d.row);

    const auto missing = queries.detail(QStringLiteral("sb-nope"));
    QVERIFY(missing.ok());
    QVERIFY(!missing.value.has_value());
}

namespace {

// Reads every page of `page` (its limit as given) and the numbers of the rows in order.
struct Walk {
    std::vector<qint64> numbers;
    int calls = 0;
    int windowEnded = 0;
    QString error;
};

qint64 numberOf(const QString& id) {
    bool ok = false;
    const qint64 number = id.mid(3).toLongLong(&ok, 16);
    return ok ? number : -1;
}

Walk walk(RequestQueries& queries, LogPageQuery page, const test::BulkRequestLog& bulk) {
    Walk out;
    do {
        const auto result = queries.logPage(page);
        ++out.calls;
        if (!result.ok()) {
            out.error = result.error;
            return out;
        }
        for (const LogRow& row : result.value.rows) {
            // Row n has id number 3s + 2 - n % 3 for its start s.
            const qint64 id = numberOf(row.id);
            const qint64 start = id / test::BulkRequestLog::kRowsPerStart;
            out.numbers.push_back(start * test::BulkRequestLog::kRowsPerStart +
                                  (test::BulkRequestLog::kRowsPerStart - 1 -
                                   id % test::BulkRequestLog::kRowsPerStart));
            if (row.startedAt != bulk.row(out.numbers.back()).startedAt)
                out.error = QStringLiteral("%1 has the wrong time").arg(row.id);
        }
        if (result.value.windowEnded) {
            ++out.windowEnded;
            if (!result.value.next)
                out.error = QStringLiteral("a window ended without a cursor");
        }
        page.after = result.value.next;
    } while (page.after && out.error.isEmpty());
    return out;
}

// A line of a plan that reads a table or index from end to end instead of seeking it,
// or sorts every row it reads; empty when there is none.
QString fullScanIn(const QStringList& plan) {
    for (const QString& line : plan) {
        const bool scan =
            line.startsWith(QLatin1String("SCAN ")) && !line.contains(QLatin1String(" USING "));
        if (scan || line.contains(QLatin1String("TEMP B-TREE FOR ORDER BY")))
            return line;
    }
    return {};
}

}  // namespace

void TestRequestQueries::bulkLogPagesFollowTheKeysetExactly() {
    RequestQueries queries(bulkDb_->db());
    const test::BulkRequestLog& bulk = *bulk_;
    LogPageQuery page;
    page.filter = RequestFilter{0, std::numeric_limits<qint64>::max(), {}, {}, {}, {}, {}};
    page.limit = 1000;
    // Every row once, newest first; pages end inside runs of rows that share a start.
    const Walk all = walk(queries, page, bulk);
    QVERIFY2(all.error.isEmpty(), qPrintable(all.error));
    QVERIFY(all.numbers == bulk.newestFirst([](const auto&) { return true; }));
    QCOMPARE(all.windowEnded, 0);

    // A page from the middle: exactly the rows after the cursor.
    const std::vector<qint64> order = bulk.newestFirst([](const auto&) { return true; });
    const size_t at = order.size() / 2 + 1;
    const auto cursorRow = bulk.row(order[at - 1]);
    page.limit = 200;
    page.after = LogCursor{cursorRow.startedAt, cursorRow.id()};
    const auto result = queries.logPage(page);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.value.rows.size(), size_t(200));
    for (size_t i = 0; i < 200; ++i)
        QCOMPARE(result.value.rows[i].id, bulk.row(order[at + i]).id());
    QVERIFY(result.value.next);
    QCOMPARE(result.value.next->id, bulk.row(order[at + 199]).id());

    // Filters an index seeks to: each row once, in order.
    page.after.reset();
    page.limit = 500;
    page.filter.route = QStringLiteral("fast");
    Walk w = walk(queries, page, bulk);
    QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
    QVERIFY(w.numbers ==
            bulk.newestFirst([](const auto& r) { return qstrcmp(r.route, "fast") == 0; }));
    page.filter.route.clear();
    page.filter.tagKey = QStringLiteral("team");
    page.filter.tagValue = QStringLiteral("b");
    w = walk(queries, page, bulk);
    QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
    QVERIFY(w.numbers == bulk.newestFirst([](const auto& r) { return qstrcmp(r.team, "b") == 0; }));
}

void TestRequestQueries::rareMatchesAreSoughtAWindowAtATime() {
    RequestQueries queries(bulkDb_->db());
    const test::BulkRequestLog& bulk = *bulk_;
    LogPageQuery page;
    page.filter = RequestFilter{0, std::numeric_limits<qint64>::max(), {}, {}, {}, {}, {}};
    page.limit = 200;
    // A handful of matches spread over the whole log: one call a window, none reading
    // more than a window, each match once and in order.
    page.search = QStringLiteral("ZEPHYR");
    Walk w = walk(queries, page, bulk);
    QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
    const auto zephyr =
        bulk.newestFirst([](const auto& r) { return QByteArray(r.error).contains("zephyr"); });
    QVERIFY(zephyr.size() >= 5);
    QVERIFY(w.numbers == zephyr);
    // A window ends at every kScanWindowRows-th row; the last call finds none.
    const int windows = int(bulk.count() / RequestQueries::kScanWindowRows);
    QCOMPARE(w.windowEnded, windows);
    QCOMPARE(w.calls, windows + 1);

    // Status filters go the same way, and a page fills across windows when it can.
    page.search.clear();
    page.status = 503;
    page.limit = 1000;
    w = walk(queries, page, bulk);
    QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
    QVERIFY(w.numbers == bulk.newestFirst([](const auto& r) { return r.status == 503; }));
    page.status = 0;
    page.statusClass = 2;
    page.filter.route = QStringLiteral("audit");
    w = walk(queries, page, bulk);
    QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
    const auto audit2xx = bulk.newestFirst([](const auto& r) {
        return qstrcmp(r.route, "audit") == 0 && r.status >= 200 && r.status < 300;
    });
    QVERIFY(!audit2xx.empty());
    QVERIFY(w.numbers == audit2xx);
    QCOMPARE(w.calls, windows + 1);
    page.filter.route.clear();
    page.statusClass = 0;
    page.outcome = LogPageQuery::Outcome::Error;
    page.filter.tagKey = QStringLiteral("project");
    page.filter.tagValue = QStringLiteral("apollo");
    w = walk(queries, page, bulk);
    QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
    QVERIFY(w.numbers == bulk.newestFirst([](const auto& r) { return *r.project && r.isError(); }));
}

void TestRequestQueries::logPagePlansSeekAnIndex() {
    RequestQueries queries(bulkDb_->db());
    const test::BulkRequestLog& bulk = *bulk_;
    const auto row = bulk.row(bulk.count() / 2);
    struct Case {
        const char* name;
        std::function<void(LogPageQuery&)> set;
        const char* uses;  // what the page's plan must say
    };
    const std::vector<Case> cases = {
        {"newest", [](LogPageQuery&) {}, "USING INDEX requests_dashboard"},
        {"time range",
         [&](LogPageQuery& q) {
             q.filter.fromMs = bulk.oldestMs() + kDayMs;
             q.filter.toMs = bulk.oldestMs() + 2 * kDayMs;
         },
         "USING INDEX requests_dashboard"},
        {"route", [](LogPageQuery& q) { q.filter.route = QStringLiteral("audit"); },
         "USING INDEX requests_route"},
        {"target", [](LogPageQuery& q) { q.filter.target = QStringLiteral("groq/llama-3.1-8b"); },
         "USING INDEX requests_target"},
        {"virtual key", [](LogPageQuery& q) { q.filter.virtualKeyId = QStringLiteral("vk-2"); },
         "USING INDEX requests_virtual_key"},
        {"tag",
         [](LogPageQuery& q) {
             q.filter.tagKey = QStringLiteral("project");
             q.filter.tagValue = QStringLiteral("apollo");
         },
         "SEARCH f USING PRIMARY KEY (key=?"},
        {"tag and route",
         [](LogPageQuery& q) {
             q.filter.tagKey = QStringLiteral("team");
             q.filter.tagValue = QStringLiteral("a");
             q.filter.route = QStringLiteral("fast");
         },
         "SEARCH f USING PRIMARY KEY (key=?"},
        {"status", [](LogPageQuery& q) { q.status = 429; }, "USING INDEX requests_dashboard"},
        {"status class", [](LogPageQuery& q) { q.statusClass = 5; },
         "USING INDEX requests_dashboard"},
        {"errors", [](LogPageQuery& q) { q.outcome = LogPageQuery::Outcome::Error; },
         "USING INDEX requests_dashboard"},
        {"text", [](LogPageQuery& q) { q.search = QStringLiteral("zephyr"); },
         "USING INDEX requests_dashboard"},
        {"text and route",
         [](LogPageQuery& q) {
             q.search = QStringLiteral("zephyr");
             q.filter.route = QStringLiteral("smart");
         },
         "USING INDEX requests_route"},
    };
    for (const bool analyzed : {false, true}) {
        if (analyzed) {
            // As after `PRAGMA optimize`: the planner then knows how many rows each
            // route, target and key has.
            QSqlQuery q(bulkDb_->db());
            QVERIFY2(q.exec(QStringLiteral("ANALYZE")), qPrintable(q.lastError().text()));
        }
        for (const Case& c : cases) {
            for (const bool deep : {false, true}) {
                LogPageQuery page;
                page.filter =
                    RequestFilter{0, std::numeric_limits<qint64>::max(), {}, {}, {}, {}, {}};
                page.limit = 200;
                c.set(page);
                if (deep)
                    page.after = LogCursor{row.startedAt, row.id()};
                const auto plan = queries.logPagePlan(page);
                QVERIFY2(plan.ok(), qPrintable(plan.error));
                const QString what =
                    QStringLiteral("%1%2%3: %4")
                        .arg(QLatin1String(c.name), deep ? QStringLiteral(", deep") : QString(),
                             analyzed ? QStringLiteral(", analyzed") : QString(),
                             plan.value.join(QLatin1String(" | ")));
                QVERIFY2(!plan.value.isEmpty(), qPrintable(what));
                QVERIFY2(fullScanIn(plan.value).isEmpty(), qPrintable(what));
                // The page's own statement comes last; a window's, when there is one,
                // reads the covering index alone.
                QVERIFY2(plan.value.join(u'\n').contains(QLatin1String(c.uses)), qPrintable(what));
                if (page.scansRows()) {
                    QVERIFY2(plan.value.first().contains(
                                 QLatin1String("USING COVERING INDEX requests_dashboard")),
                             qPrintable(what));
                }
                if (!deep && !analyzed)
                    qInfo("%s", qPrintable(what));
                if (deep && !analyzed) {
                    // For the record only: one page of this query deep in the log.
                    QElapsedTimer took;
                    took.start();
                    const auto result = queries.logPage(page);
                    QVERIFY2(result.ok(), qPrintable(result.error));
                    qInfo("  a page %s deep: %zu rows in %lld ms", c.name, result.value.rows.size(),
                          took.elapsed());
                }
            }
        }
    }
}

void TestRequestQueries::serviceDeliversOnTheContextThread() {
    QueryService service(log_->path());
    const RequestFilter f{kT0 - kDayMs, kT0 + 4 * kDayMs, {}, {}, {}, {}, {}};
    RequestQueries direct(log_->db());
    const RequestTotals expected = direct.totals(f).value;

    // A context on this (the GUI's) thread.
    QObject here;
    std::optional<RequestTotals> got;
    QThread* ranOn = nullptr;
    service.totals(QStringLiteral("totals"), &here, f, [&](QueryResult<RequestTotals> r) {
        QVERIFY2(r.ok(), qPrintable(r.error));
        got = r.value;
        ranOn = QThread::currentThread();
    });
    QVERIFY(!got);  // never inline: the caller does not wait
    QTRY_VERIFY(got.has_value());
    QVERIFY(*got == expected);
    QCOMPARE(ranOn, QThread::currentThread());

    // A context on a thread of its own; every kind of question.
    QThread other;
    other.start();
    QObject there;
    there.moveToThread(&other);
    std::atomic<int> delivered = 0;
    std::atomic<bool> wrongThread = false;
    const auto check = [&] {
        if (QThread::currentThread() != &other)
            wrongThread = true;
        ++delivered;
    };
    service.series({}, &there, f, RequestGrouping::byRoute(), TimeBucket{},
                   [&](QueryResult<std::vector<SeriesPoint>> r) {
                       if (r.ok() && !r.value.empty())
                           check();
                   });
    service.latencyByTarget({}, &there, f, [&](QueryResult<std::vector<LatencyStats>> r) {
        if (r.ok() && !r.value.empty())
            check();
    });
    service.topSpend({}, &there, f, RequestGrouping::byVirtualKey(), 3,
                     [&](QueryResult<std::vector<GroupSpend>> r) {
                         if (r.ok() && r.value.size() == 3)
                             check();
                     });
    LogPageQuery page;
    page.filter = f;
    service.logPage({}, &there, page, [&](QueryResult<LogPage> r) {
        if (r.ok() && r.value.rows.size() == 100)
            check();
    });
    service.detail({}, &there, QString::fromLatin1(data_[5].record.id),
                   [&](QueryResult<std::optional<RequestDetail>> r) {
                       if (r.ok() && r.value)
                           check();
                   });
    QTRY_COMPARE(delivered.load(), 5);
    QVERIFY(!wrongThread);
    other.quit();
    other.wait();
}

void TestRequestQueries::serviceDropsSupersededAndCancelledResults() {
    QueryService service(log_->path());
    QObject context;
    QSemaphore started;
    QSemaphore release;
    QSemaphore done;  // waited on without handling events, so nothing is delivered meanwhile
    std::atomic<int> finished = 0;
    std::vector<int> delivered;
    const auto blocked = [&](int value) {
        return [&, value](RequestQueries&) {
            started.release();
            release.acquire();
            ++finished;
            done.release();
            return QueryResult<int>{value, {}};
        };
    };
    const auto record = [&](QueryResult<int> r) { delivered.push_back(r.value); };

    // 1 and 2 take both pool threads; 3 supersedes 1 on its channel.
    const auto first = service.run<int>(QStringLiteral("chart"), &context, blocked(1), record);
    const auto second = service.run<int>(QStringLiteral("other"), &context, blocked(2), record);
    QVERIFY(started.tryAcquire(2, 10'000));  // both running, not merely queued
    QVERIFY(service.isPending(first));
    const auto third = service.run<int>(QStringLiteral("chart"), &context, blocked(3), record);
    QVERIFY(!service.isPending(first));
    QVERIFY(service.isPending(third));
    // 4 is cancelled while it waits for a thread: it never runs.
    const auto fourth = service.run<int>(QStringLiteral("x"), &context, blocked(4), record);
    service.cancel(fourth);
    release.release(3);
    QTRY_COMPARE(finished.load(), 3);
    QTRY_COMPARE(delivered.size(), size_t(2));
    std::sort(delivered.begin(), delivered.end());
    QCOMPARE(delivered, (std::vector<int>{2, 3}));
    QVERIFY(!service.isPending(second));
    QVERIFY(!service.isPending(third));

    // An answer already posted is dropped when superseded before it is handled.
    delivered.clear();
    done.acquire(3);
    release.release(1);
    const auto fifth = service.run<int>(QStringLiteral("chart"), &context, blocked(5), record);
    QVERIFY(done.tryAcquire(1, 10'000));
    // No event was handled since, so 5's answer, posted or about to be, waits: dropped.
    release.release(1);
    service.run<int>(QStringLiteral("chart"), &context, blocked(6), record);
    QVERIFY(!service.isPending(fifth));
    QTRY_COMPARE(delivered, std::vector<int>{6});

    // A context destroyed first gets nothing, and nothing breaks.
    auto doomed = std::make_unique<QObject>();
    started.tryAcquire(started.available());
    bool called = false;
    const auto gone = service.run<int>(QStringLiteral("gone"), doomed.get(), blocked(7),
                                       [&](QueryResult<int>) { called = true; });
    QVERIFY(started.tryAcquire(1, 10'000));  // running: it finishes after its context died
    doomed.reset();
    QVERIFY(!service.isPending(gone));
    release.release(1);
    QVERIFY(done.tryAcquire(2, 10'000));  // 6's and 7's
    QCoreApplication::processEvents();
    QVERIFY(!called);
}

void TestRequestQueries::serviceSaysWhyTheLogCannotBeRead() {
    QTemporaryDir empty;
    QueryService service(empty.filePath(QStringLiteral("missing/signalbox.db")));
    QObject context;
    std::optional<QueryResult<RequestTotals>> got;
    service.totals({}, &context, RequestFilter{0, 1, {}, {}, {}, {}, {}},
                   [&](QueryResult<RequestTotals> r) { got = std::move(r); });
    QTRY_VERIFY(got.has_value());
    QVERIFY(!got->ok());
    QVERIFY2(got->error.startsWith(QLatin1String("the log could not be read: ")),
             qPrintable(got->error));

    // A file with no log in it: the query's own failure, in the same words.
    QFile junk(empty.filePath(QStringLiteral("junk.db")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.close();
    QueryService onJunk(junk.fileName());
    got.reset();
    onJunk.totals({}, &context, RequestFilter{0, 1, {}, {}, {}, {}, {}},
                  [&](QueryResult<RequestTotals> r) { got = std::move(r); });
    QTRY_VERIFY(got.has_value());
    QVERIFY(!got->ok());
    QVERIFY2(got->error.startsWith(QLatin1String("the log could not be read: ")),
             qPrintable(got->error));
}

void TestRequestQueries::rollupsHoldWhatTheRowsSay() {
    QCOMPARE(rollupDifferences(log_->db()), QString());
    // Every rollup has rows, and coarser ones have fewer.
    const qint64 hourly = scalar(log_->db(), QStringLiteral("SELECT count(*) FROM request_hourly"));
    const qint64 keyed =
        scalar(log_->db(), QStringLiteral("SELECT count(*) FROM request_hourly_keys"));
    QVERIFY(hourly > 0);
    QVERIFY(keyed > hourly);
    QVERIFY(scalar(log_->db(), QStringLiteral("SELECT count(*) FROM request_hourly_tags")) > 0);
    QVERIFY(scalar(log_->db(), QStringLiteral("SELECT count(*) FROM request_latency_hourly")) > 0);
}

void TestRequestQueries::anyRangeGivesWhatTheRowsGive() {
    // Random ranges, a few aligned to the hour, some under an hour, some empty: the whole
    // hours come from the rollups, the rest from the rows; each figure must be the rows'.
    RequestQueries queries(log_->db());
    std::mt19937_64 rng(23);
    const auto at = [&](qint64 from, qint64 to) {
        return std::uniform_int_distribution<qint64>(from, to)(rng);
    };
    const std::vector<RequestGrouping> groupings = {
        RequestGrouping::byTarget(), RequestGrouping::byRoute(), RequestGrouping::byVirtualKey(),
        RequestGrouping::byTag(QStringLiteral("team"))};
    for (int i = 0; i < 60; ++i) {
        RequestFilter f{at(kT0 - kHourMs, kT0 + 3 * kDayMs), 0, {}, {}, {}, {}, {}};
        f.toMs = f.fromMs + at(0, i % 3 == 0 ? 2 * kHourMs : kDayMs);
        if (i % 5 == 0) {
            f.fromMs = RequestRows::hourOf(f.fromMs);
            f.toMs = RequestRows::hourOf(f.toMs);
        }
        if (i % 4 == 1)
            f.route = QStringLiteral("smart");
        if (i % 4 == 2)
            f.virtualKeyId = QStringLiteral("vk-1");
        if (i % 4 == 3) {
            f.tagKey = QStringLiteral("team");
            f.tagValue = QStringLiteral("a");
        }
        const QString name = QStringLiteral("range %1 [%2, %3) route %4 key %5 tag %6")
                                 .arg(i)
                                 .arg(f.fromMs - kT0)
                                 .arg(f.toMs - kT0)
                                 .arg(f.route, f.virtualKeyId, f.tagKey);
        const auto totals = queries.totals(f);
        QVERIFY2(totals.ok(), qPrintable(totals.error));
        QVERIFY2(totals.value == expectedTotals(data_, f), qPrintable(name));
        const auto latency = queries.latencyByTarget(f);
        QVERIFY2(latency.ok(), qPrintable(latency.error));
        QVERIFY2(
            latency.value == expectedLatency(data_, f),
            qPrintable(name + QString::fromUtf8(diff(latency.value, expectedLatency(data_, f)))));
        for (const RequestGrouping& g : groupings) {
            for (const TimeBucket& b :
                 {TimeBucket{TimeBucket::Size::Hour, 0}, TimeBucket{TimeBucket::Size::Day, -180}}) {
                const auto series = queries.series(f, g, b);
                QVERIFY2(series.ok(), qPrintable(series.error));
                const auto expected = expectedSeries(data_, f, g, b.sizeMs(), b.offsetMs());
                QVERIFY2(series.value == expected,
                         qPrintable(name + QString::fromUtf8(diff(series.value, expected))));
            }
            const auto top = queries.topSpend(f, g, 100);
            QVERIFY2(top.ok(), qPrintable(top.error));
            std::map<QString, qint64> requests;
            for (const Written& w : data_) {
                if (const auto group = groupOf(w, g); group && matches(w, f))
                    ++requests[*group];
            }
            QCOMPARE(top.value.size(), requests.size());
            for (const GroupSpend& spend : top.value)
                QCOMPARE(spend.requests, requests[spend.group]);
        }
    }
}

void TestRequestQueries::wholeHoursComeFromTheRollups() {
    // Rows of one whole hour, and of the first half of another, deleted behind the
    // rollups' back: what the rollups answer still counts the whole hour; the half hour is
    // at the range's end, which the rows answer for, so nothing counts it. A question the
    // rollups cannot answer counts neither.
    const std::vector<Written> data = generate(3000, 11);
    LogFile log(data);
    const qint64 whole = kT0 + 30 * kHourMs;
    const qint64 half = kT0 + 50 * kHourMs;
    const auto inWhole = [&](const Written& w) {
        return w.record.startedAt >= whole && w.record.startedAt < whole + kHourMs;
    };
    const auto inHalf = [&](const Written& w) {
        return w.record.startedAt >= half && w.record.startedAt < half + kHourMs / 2;
    };
    for (const char* table : {"requests", "request_tags"}) {
        QSqlQuery q(log.db());
        QVERIFY(q.prepare(QStringLiteral("DELETE FROM %1 WHERE (started_at >= ? AND started_at < "
                                         "?) OR (started_at >= ? AND started_at < ?)")
                              .arg(QLatin1String(table))));
        q.addBindValue(whole);
        q.addBindValue(whole + kHourMs);
        q.addBindValue(half);
        q.addBindValue(half + kHourMs / 2);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QVERIFY(q.numRowsAffected() > 0);
    }
    const auto fromRollups = only(data, [&](const Written& w) { return !inHalf(w); });
    const auto fromRows = only(data, [&](const Written& w) { return !inHalf(w) && !inWhole(w); });
    QVERIFY(fromRollups.size() > fromRows.size());
    QVERIFY(fromRollups.size() < data.size());

    RequestQueries queries(log.db());
    const RequestFilter all{kT0 + 123, half + kHourMs * 3 / 4, {}, {}, {}, {}, {}};
    // The rollups answer: no filter, a route, a key, a tag, a tag grouped by itself.
    std::vector<std::pair<RequestFilter, RequestGrouping>> rollupBacked;
    rollupBacked.emplace_back(all, RequestGrouping::byTarget());
    RequestFilter f = all;
    f.route = QStringLiteral("cheap");
    rollupBacked.emplace_back(f, RequestGrouping::byVirtualKey());
    f = all;
    f.virtualKeyId = QStringLiteral("vk-2");
    rollupBacked.emplace_back(f, RequestGrouping::byRoute());
    f = all;
    f.tagKey = QStringLiteral("team");
    f.tagValue = QStringLiteral("c");
    rollupBacked.emplace_back(f, RequestGrouping::byTarget());
    rollupBacked.emplace_back(f, RequestGrouping::byTag(QStringLiteral("team")));
    for (const auto& [filter, g] : rollupBacked) {
        const TimeBucket day{TimeBucket::Size::Day, 60};
        QVERIFY(queries.series(filter, g, day).value ==
                expectedSeries(fromRollups, filter, g, day.sizeMs(), day.offsetMs()));
        QVERIFY(queries.totals(filter).value == expectedTotals(fromRollups, filter));
        const auto top = queries.topSpend(filter, g, 1);
        QCOMPARE(top.value.size(), size_t(1));
    }
    QVERIFY(queries.latencyByTarget(all).value == expectedLatency(fromRollups, all));
    f = all;
    f.target = QStringLiteral("openai/gpt-a");
    f.route = QStringLiteral("fast");
    QVERIFY(queries.latencyByTarget(f).value == expectedLatency(fromRollups, f));

    // The rows answer: a key with a tag, a tag grouped by another, buckets off the hour,
    // percentiles for a key.
    f = all;
    f.virtualKeyId = QStringLiteral("vk-1");
    f.tagKey = QStringLiteral("env");
    f.tagValue = QStringLiteral("prod");
    QVERIFY(queries.totals(f).value == expectedTotals(fromRows, f));
    f = all;
    f.tagKey = QStringLiteral("env");
    f.tagValue = QStringLiteral("dev");
    const RequestGrouping byTeam = RequestGrouping::byTag(QStringLiteral("team"));
    const TimeBucket hour{TimeBucket::Size::Hour, 0};
    QVERIFY(queries.series(f, byTeam, hour).value ==
            expectedSeries(fromRows, f, byTeam, hour.sizeMs(), hour.offsetMs()));
    const TimeBucket halfHour{TimeBucket::Size::Day, 330};
    QVERIFY(queries.series(all, RequestGrouping::byTarget(), halfHour).value ==
            expectedSeries(fromRows, all, RequestGrouping::byTarget(), halfHour.sizeMs(),
                           halfHour.offsetMs()));
    f = all;
    f.virtualKeyId = QStringLiteral("vk-1");
    QVERIFY(queries.latencyByTarget(f).value == expectedLatency(fromRows, f));
}

void TestRequestQueries::duplicatesAreCountedOnce() {
    std::vector<Written> data = generate(1000, 13);
    LogFile log(data);
    // Again in a batch of its own, with other figures that must not replace the first,
    // and a record twice in one batch.
    std::vector<Written> again = data;
    for (Written& w : again) {
        w.record.status = 500;
        w.record.costUsd = 1.0;
        w.record.latencyMs = 7;
    }
    log.add(again);
    std::vector<Written> twice = generate(2, 17);
    for (size_t i = 0; i < twice.size(); ++i)
        twice[i].record.id = "sb-twice" + QByteArray::number(qulonglong(i));
    twice.push_back(twice[0]);
    log.add(twice);
    data.push_back(twice[0]);
    data.push_back(twice[1]);

    QCOMPARE(scalar(log.db(), QStringLiteral("SELECT count(*) FROM requests")), qint64(1002));
    QCOMPARE(rollupDifferences(log.db()), QString());
    RequestQueries queries(log.db());
    const RequestFilter all{kT0 - kDayMs, kT0 + 4 * kDayMs, {}, {}, {}, {}, {}};
    QVERIFY(queries.totals(all).value == expectedTotals(data, all));
    QCOMPARE(queries.totals(all).value.requests, qint64(1002));
    QVERIFY(queries.latencyByTarget(all).value == expectedLatency(data, all));
    const TimeBucket day{TimeBucket::Size::Day, 0};
    const RequestGrouping byTeam = RequestGrouping::byTag(QStringLiteral("team"));
    QVERIFY(queries.series(all, byTeam, day).value ==
            expectedSeries(data, all, byTeam, day.sizeMs(), day.offsetMs()));
}

void TestRequestQueries::busyHourSpreadsItsLatencies() {
    // 3,000 answered requests of one target and route in one hour fill many parts of
    // request_latency_hourly, over three batches each with a writer of its own (which
    // finds the part to fill again); percentiles are still over every value.
    std::vector<Written> data = generate(3000, 19);
    std::mt19937_64 rng(29);
    const qint64 hour = kT0 + 20 * kHourMs;
    for (Written& w : data) {
        RequestRecord& r = w.record;
        r.startedAt = hour + std::uniform_int_distribution<qint64>(0, kHourMs - 1)(rng);
        r.target = QStringLiteral("openai/gpt-a");
        r.route = QStringLiteral("smart");
        r.status = 200;
        r.truncated = false;
        r.cacheHit = false;
        r.latencyMs = std::uniform_int_distribution<qint64>(1, 120'000)(rng);
        r.ttftMs = r.stream ? r.latencyMs / 3 : -1;
    }
    LogFile log({});
    for (size_t from = 0; from < data.size(); from += 1000)
        log.add(std::vector<Written>(data.begin() + qsizetype(from),
                                     data.begin() + qsizetype(from + 1000)));
    QVERIFY(scalar(log.db(), QStringLiteral("SELECT max(part) FROM request_latency_hourly")) >= 10);
    QVERIFY(scalar(log.db(), QStringLiteral("SELECT max(length(latencies) + length(ttfts)) FROM "
                                            "request_latency_hourly")) < 1000);
    QCOMPARE(rollupDifferences(log.db()), QString());
    RequestQueries queries(log.db());
    for (const RequestFilter& f :
         {RequestFilter{hour, hour + kHourMs, {}, {}, {}, {}, {}},
          RequestFilter{hour - kHourMs, hour + 2 * kHourMs, {}, {}, {}, {}, {}},
          RequestFilter{hour + 1, hour + kHourMs, {}, {}, {}, {}, {}}}) {
        const auto result = queries.latencyByTarget(f);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY2(result.value == expectedLatency(data, f),
                 diff(result.value, expectedLatency(data, f)).constData());
    }
}

void TestRequestQueries::retentionTrimsTheRollups() {
    // The store's own retention, by its clock, with the cutoff inside an hour: whole hours
    // before it leave the rollups, and the hour it falls in is summed again from the rows
    // left, so that every answer still equals the rows'.
    QTemporaryDir dir;
    test::ManualClock clock;
    RequestStore store(dir.path(), clock);
    StoreConfig config;
    config.retentionDays = 0;
    store.configure(config);
    store.start();
    const qint64 cutoff = clock.wall - 2 * kDayMs;
    const qint64 cutoffHour = RequestRows::hourOf(cutoff);
    QVERIFY(cutoff - cutoffHour >= 60'000);  // the test's point
    std::vector<Written> data = generate(2000, 31);
    std::mt19937_64 rng(37);
    for (size_t i = 0; i < data.size(); ++i) {
        qint64& at = data[i].record.startedAt;
        at = clock.wall - std::uniform_int_distribution<qint64>(1, 4 * kDayMs)(rng);
        // Some on either side of the cutoff within its hour.
        if (i < 20)
            at = i % 2 ? cutoffHour + qint64(i) : cutoff + qint64(i);
        store.submit(data[i].record);
    }
    QVERIFY(store.waitUntilWritten(10'000));
    const auto kept = only(data, [&](const Written& w) { return w.record.startedAt >= cutoff; });
    QVERIFY(kept.size() > 500 && kept.size() < 1500);

    config.retentionDays = 2;
    store.configure(config);
    store.applyRetentionNow();
    StoreConnection reader(store.databasePath(), QStringLiteral("test-reader"), true);
    QVERIFY(reader.open());
    QTRY_COMPARE(scalar(reader.db(), QStringLiteral("SELECT count(*) FROM requests")),
                 qint64(kept.size()));
    QTRY_COMPARE(rollupDifferences(reader.db()), QString());
    for (const char* table : {"request_hourly", "request_hourly_keys", "request_hourly_tags",
                              "request_latency_hourly"}) {
        QCOMPARE(scalar(reader.db(),
                        QStringLiteral("SELECT min(hour) FROM %1").arg(QLatin1String(table))),
                 cutoffHour);
    }
    RequestQueries queries(reader.db());
    const RequestFilter all{clock.wall - 5 * kDayMs, clock.wall, {}, {}, {}, {}, {}};
    QVERIFY(queries.totals(all).value == expectedTotals(kept, all));
    QVERIFY(queries.latencyByTarget(all).value == expectedLatency(kept, all));
    const TimeBucket hour{TimeBucket::Size::Hour, 0};
    QVERIFY(
        queries.series(all, RequestGrouping::byVirtualKey(), hour).value ==
        expectedSeries(kept, all, RequestGrouping::byVirtualKey(), hour.sizeMs(), hour.offsetMs()));
}

void TestRequestQueries::rebuiltRollupsEqualTheWriters() {
    // The rollups summed again from the rows, whole or in part, hold what the writer
    // left: the same sums to the last bit (costs are multiples of 1/1024), the same
    // latencies, in parts that stay within a page.
    std::vector<Written> data = generate(3000, 41);
    // A busy hour too, whose latencies fill many parts.
    for (size_t i = 0; i < 1500; ++i) {
        RequestRecord& r = data[i].record;
        r.startedAt = kT0 + 10 * kHourMs + qint64(i) * 2000;
        r.target = QStringLiteral("openai/gpt-a");
        r.route = QStringLiteral("smart");
        r.status = 200;
        r.truncated = false;
        r.cacheHit = false;
        r.latencyMs = 1000 + qint64(i);
    }
    LogFile log(data);
    const QString sums = QStringLiteral(
        "SELECT 'h', hour, target, route, '', '', requests, errors, cache_hits, input_tokens, "
        "output_tokens, cost_usd, unpriced, cost_estimated, latency_count, latency_ms_sum, "
        "cache_saved_usd FROM request_hourly UNION ALL SELECT 'k', hour, target, route, "
        "virtual_key_id, '', requests, errors, cache_hits, input_tokens, output_tokens, cost_usd, "
        "unpriced, cost_estimated, latency_count, latency_ms_sum, cache_saved_usd FROM "
        "request_hourly_keys UNION ALL SELECT 't', hour, target, route, tag_key, tag_value, "
        "requests, errors, cache_hits, input_tokens, output_tokens, cost_usd, unpriced, "
        "cost_estimated, latency_count, latency_ms_sum, cache_saved_usd FROM "
        "request_hourly_tags");
    // One SELECT, for EXCEPT to take it whole.
    const QString rollups = QStringLiteral("SELECT * FROM (%1)").arg(sums);
    exec(log.db(), QStringLiteral("CREATE TEMP TABLE written AS ") + sums);
    const qint64 parts =
        scalar(log.db(), QStringLiteral("SELECT count(*) FROM request_latency_hourly"));
    QVERIFY(scalar(log.db(), QStringLiteral("SELECT max(part) FROM request_latency_hourly")) >= 5);

    RequestRows rows(log.db());
    // Part of the log, its ends inside hours: those hours are summed whole again.
    QVERIFY2(rows.rebuildRollups(kT0 + 10 * kHourMs + 5, kT0 + 30 * kHourMs + 7),
             qPrintable(rows.error()));
    QCOMPARE(rollupDifferences(log.db()), QString());
    QCOMPARE(except(log.db(), QStringLiteral("SELECT * FROM temp.written"), rollups),
             QStringLiteral("0/0"));
    // Rollups emptied behind the writer's back, then rebuilt over the whole log.
    for (const char* table :
         {"request_hourly", "request_hourly_keys", "request_hourly_tags", "request_latency_hourly"})
        exec(log.db(), QStringLiteral("DELETE FROM %1").arg(QLatin1String(table)));
    QVERIFY2(rows.rebuildRollups(kT0 - kDayMs, kT0 + 4 * kDayMs), qPrintable(rows.error()));
    QCOMPARE(rollupDifferences(log.db()), QString());
    QCOMPARE(except(log.db(), QStringLiteral("SELECT * FROM temp.written"), rollups),
             QStringLiteral("0/0"));
    QVERIFY(scalar(log.db(), QStringLiteral("SELECT max(length(latencies) + length(ttfts)) FROM "
                                            "request_latency_hourly")) < 1000);
    // Parts split at the same length: as many as the writer made, give or take one a key
    // (where they split depends on the order of the values).
    const qint64 rebuilt =
        scalar(log.db(), QStringLiteral("SELECT count(*) FROM request_latency_hourly"));
    QVERIFY2(qAbs(rebuilt - parts) <= 2,
             qPrintable(QStringLiteral("%1 parts, the writer made %2").arg(rebuilt).arg(parts)));
    RequestQueries queries(log.db());
    const RequestFilter all{kT0 - kDayMs, kT0 + 4 * kDayMs, {}, {}, {}, {}, {}};
    QVERIFY(queries.latencyByTarget(all).value == expectedLatency(data, all));
    QVERIFY(queries.totals(all).value == expectedTotals(data, all));
    // An empty range rebuilds nothing.
    QVERIFY(rows.rebuildRollups(kT0, kT0));
    QCOMPARE(rollupDifferences(log.db()), QString());
}

void TestRequestQueries::bulkLogHasTheStoresRollups() {
    QCOMPARE(rollupDifferences(bulkDb_->db()), QString());
    QVERIFY(scalar(bulkDb_->db(), QStringLiteral("SELECT count(*) FROM request_hourly")) > 0);
    QVERIFY(scalar(bulkDb_->db(), QStringLiteral("SELECT count(*) FROM request_hourly_tags")) > 0);
    QCOMPARE(scalar(bulkDb_->db(), QStringLiteral("SELECT sum(requests) FROM virtual_key_spend")),
             scalar(bulkDb_->db(), QStringLiteral("SELECT count(*) FROM requests WHERE "
                                                  "virtual_key_id IS NOT NULL")));
    // The dashboards' answers from the rollups equal those from the rows.
    RequestQueries queries(bulkDb_->db());
    RequestFilter month{bulk_->oldestMs(), bulk_->newestMs() + 1, {}, {}, {}, {}, {}};
    RequestFilter offHour = month;
    offHour.fromMs += 1;  // no whole hour at the start: the edge rows answer
    const auto totals = queries.totals(month);
    QVERIFY2(totals.ok(), qPrintable(totals.error));
    QCOMPARE(totals.value.requests, bulk_->count());
    qint64 errors = 0;
    for (qint64 n = 0; n < bulk_->count(); ++n)
        errors += bulk_->row(n).isError() ? 1 : 0;
    QCOMPARE(totals.value.errors, errors);
}

void TestRequestQueries::dimensionsNameWhatTheHoursHold() {
    RequestQueries queries(log_->db());
    const auto expect = [this](qint64 from, qint64 to) {
        // Every hour the range touches counts whole; tag values only those of the last.
        const qint64 first = RequestRows::hourOf(from);
        const qint64 end = RequestRows::hourOf(to - 1) + kHourMs;
        const qint64 recent = std::max(first, end - RequestDimensions::kTagValueHours * kHourMs);
        std::set<QString> routes, targets, keys, tagKeys;
        std::set<std::pair<QString, QString>> tags;
        for (const Written& w : data_) {
            const RequestRecord& r = w.record;
            if (r.startedAt < first || r.startedAt >= end)
                continue;
            routes.insert(r.route);
            if (!r.target.isEmpty())
                targets.insert(r.target);
            if (!r.virtualKeyId.isEmpty())
                keys.insert(r.virtualKeyId);
            for (const auto& [k, v] : w.tags) {
                tagKeys.insert(k);
                if (r.startedAt >= recent)
                    tags.emplace(k, v);
            }
        }
        RequestDimensions d;
        d.routes = QStringList(routes.begin(), routes.end());
        d.targets = QStringList(targets.begin(), targets.end());
        d.virtualKeys = QStringList(keys.begin(), keys.end());
        d.tagKeys = QStringList(tagKeys.begin(), tagKeys.end());
        d.tags.assign(tags.begin(), tags.end());
        return d;
    };
    const qint64 hour = kT0 + 40 * kHourMs;
    for (const auto& [from, to] :
         {std::pair(kT0 - kDayMs, kT0 + 4 * kDayMs), std::pair(hour + 1, hour + 2),
          std::pair(hour, hour + kHourMs), std::pair(hour - 5 * 60'000, hour + 90 * 60'000)}) {
        const auto result = queries.dimensions(from, to);
        QVERIFY2(result.ok(), qPrintable(result.error));
        const RequestDimensions expected = expect(from, to);
        QVERIFY(!expected.tags.empty());
        QCOMPARE(result.value.routes, expected.routes);
        QCOMPARE(result.value.targets, expected.targets);
        QCOMPARE(result.value.virtualKeys, expected.virtualKeys);
        QCOMPARE(result.value.tagKeys, expected.tagKeys);
        QVERIFY(result.value == expected);
        QCOMPARE(queries.tagKeys(from, to).value, expected.tagKeys);
    }
    // The whole log has team=a..c and env=dev|prod: cut after three.
    const auto cut = queries.dimensions(kT0 - kDayMs, kT0 + 4 * kDayMs, 3);
    QVERIFY(cut.value.tagsCut);
    QCOMPARE(cut.value.tags.size(), size_t(3));
    QCOMPARE(cut.value.tags[0], std::pair(QStringLiteral("env"), QStringLiteral("dev")));
    // Nothing before the log and for an empty range.
    const auto before = queries.dimensions(kT0 - 3 * kDayMs, kT0 - 2 * kDayMs);
    QVERIFY(before.ok());
    QVERIFY(before.value == RequestDimensions{});
    QVERIFY(queries.dimensions(hour, hour).value == RequestDimensions{});
    QVERIFY(queries.tagKeys(kT0 - 3 * kDayMs, kT0 - 2 * kDayMs).value.isEmpty());
}

QTEST_GUILESS_MAIN(TestRequestQueries)
#include "tst_requestqueries.moc"
