#pragma once

#include "store/RequestRows.h"
#include "store/StoreSchema.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <vector>

namespace signalbox::test {

// A request log of a million rows (or any number) written in seconds, for tests of the
// Logs queries at scale. signalbox.db gets the store's own schema (StoreSchema); then
// SQLite makes the rows itself, into a temporary table in memory from a recursive count,
// and copies them to each table with one INSERT ... SELECT, in one transaction, on a
// connection that neither journals nor syncs (a test's file, thrown away after). Binding
// a million rows one by one through Qt Sql took half as long again. The file is left in WAL mode,
// as the store keeps it. The hourly rollups (and virtual_key_spend) are then summed from
// the rows by the store's own code (RequestRows::rebuildRollups), so that the dashboards'
// queries read them as they would a log the store wrote; Rollups::Skip leaves them empty.
//
// Every row is a pure function of its number n (0 the oldest), written twice from the
// same tables below: as C++ (row(n)), from which tests compute what a query must
// answer without reading the file back, and as SQL (write()). write() reads a sample of
// rows back and refuses a file whose rows differ from row(n).
//
// Three rows start in the same millisecond every kSpacingMs, their ids in the opposite
// order of their numbers, so that the keyset order (started_at, id) is not the order of
// insertion and pages end inside runs of rows that share a start.
class BulkRequestLog {
public:
    static constexpr qint64 kSpacingMs = 6000;
    static constexpr qint64 kRowsPerStart = 3;
    static constexpr qint64 kAuditEvery = 4999;    // route "audit", n % 4999 == 17: ~200
    static constexpr qint64 kNeedleEvery = 20011;  // error naming "zephyr", n % .. == 3: ~50
    static constexpr qint64 kApolloEvery = 3001;   // tag project=apollo, n % .. == 11: ~333
    static constexpr qint64 kBodyEvery = 1000;     // bodies kept, n % 1000 == 0

    struct Row {
        qint64 n = 0;
        qint64 startedAt = 0;
        qint64 idNumber = 0;  // the id's 16 hex digits: ids sort as these numbers do
        const char* route = "";
        const char* target = "";  // "": no target was tried
        int status = 200;
        const char* error = "";
        bool stream = false;
        bool truncated = false;
        const char* team = "";     // tag team=..., "" for none
        const char* project = "";  // tag project=..., "" for none
        int virtualKey = 0;        // vk-1 ... vk-4; 0 for none
        qint64 latencyMs = 0;
        qint64 inputTokens = 0;
        qint64 outputTokens = 0;
        bool hasBody = false;

        QString id() const { return idOf(idNumber); }
        bool isError() const { return status >= 400 || truncated; }
    };

    enum class Rollups { Fill, Skip };

    // `count` rows, the newest starting at `newestMs`.
    BulkRequestLog(qint64 count, qint64 newestMs, Rollups rollups = Rollups::Fill)
        : count_(count),
          firstMs_(newestMs - ((count - 1) / kRowsPerStart) * kSpacingMs),
          rollups_(rollups) {}

    qint64 count() const { return count_; }
    qint64 oldestMs() const { return firstMs_; }
    qint64 newestMs() const { return firstMs_ + ((count_ - 1) / kRowsPerStart) * kSpacingMs; }

    static QString idOf(qint64 idNumber) {
        char id[20] = "sb-0000000000000000";
        for (int i = 18; i >= 3 && idNumber > 0; --i, idNumber >>= 4)
            id[i] = "0123456789abcdef"[idNumber & 15];
        return QString::fromLatin1(id, 19);
    }

    Row row(qint64 n) const {
        Row r;
        r.n = n;
        const qint64 start = n / kRowsPerStart;
        r.startedAt = firstMs_ + start * kSpacingMs;
        r.idNumber = start * kRowsPerStart + (kRowsPerStart - 1 - n % kRowsPerStart);
        r.route = n % kAuditEvery == 17 ? "audit" : choose(kRoutePick, kRoutes, n);
        const Status& s = n % kNeedleEvery == 3 ? kNeedle : choose(kStatusPick, kStatuses, n);
        r.status = s.status;
        r.error = s.error;
        r.target = targetOf(r.route, n);
        if (r.status == 503)
            r.target = "";
        r.stream = kStreamPick.of(n) < 6 && qstrcmp(r.route, "embed") != 0;
        r.truncated = r.stream && r.status == 200 && kCutPick.of(n) == 0;
        if (r.truncated)
            r.error = "upstream cut the stream";
        r.team = choose(kTeamPick, kTeams, n);
        r.project = n % kApolloEvery == 11 ? "apollo" : "";
        const qint64 key = kKeyPick.of(n);
        r.virtualKey = key >= 1 && key <= 4 ? int(key) : 0;
        r.latencyMs = 40 + kLatencyPick.of(n);
        r.inputTokens = kInputPick.of(n);
        r.outputTokens = kOutputPick.of(n);
        r.hasBody = n % kBodyEvery == 0;
        return r;
    }

    // The numbers of the rows `keep` accepts in the Logs order (started_at, then id, both
    // descending), at most `limit` of them.
    std::vector<qint64> newestFirst(const std::function<bool(const Row&)>& keep,
                                    size_t limit = size_t(-1)) const {
        std::vector<qint64> out;
        // Within a start, the lowest number has the highest id.
        for (qint64 start = (count_ - 1) / kRowsPerStart; start >= 0 && out.size() < limit;
             --start) {
            for (qint64 n = start * kRowsPerStart;
                 n < std::min(count_, (start + 1) * kRowsPerStart) && out.size() < limit; ++n) {
                if (keep(row(n)))
                    out.push_back(n);
            }
        }
        return out;
    }

    // Creates `path` and writes every row; false with *error when SQLite refused or a row
    // read back differs from row(n).
    bool write(const QString& path, QString* error) const {
        static QAtomicInteger<int> files;
        const QString name = QStringLiteral("bulk-request-log-%1").arg(files.fetchAndAddRelaxed(1));
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            ok = db.open() && fill(db, error) && check(db, error);
            if (!ok && error && error->isEmpty())
                *error = db.lastError().text();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

private:
    // (n * mul + add) % mod: numbers spread over 0 .. mod - 1. Prime moduli keep the
    // picks of one row independent of each other.
    struct Pick {
        qint64 mul;
        qint64 add;
        qint64 mod;

        qint64 of(qint64 n) const { return (n * mul + add) % mod; }
        QString sql() const {
            return QStringLiteral("((n * %1 + %2) % %3)").arg(mul).arg(add).arg(mod);
        }
    };
    // The first choice whose bound the pick is below.
    template <typename T>
    struct Choice {
        qint64 below;
        T value;
    };
    struct Status {
        int status;
        const char* error;
    };

    static constexpr Pick kRoutePick{7919, 1, 97};
    static constexpr Choice<const char*> kRoutes[] = {
        {44, "smart"}, {73, "fast"}, {89, "cheap"}, {97, "embed"}};
    static constexpr Pick kStatusPick{104729, 7, 1009};
    static constexpr Choice<Status> kStatuses[] = {
        {20, {429, "rate limited by the provider"}},
        {30, {503, "every target failed"}},
        {34, {500, "upstream answered 500"}},
        {38, {400, "invalid request: messages is empty"}},
        {41, {499, "the client left"}},
        {1009, {200, ""}}};
    static constexpr Status kNeedle{429, "quota of project zephyr exhausted"};
    static constexpr Pick kStreamPick{31, 3, 13};  // below 6: a stream
    static constexpr Pick kCutPick{7, 1, 251};     // 0: a stream cut off
    static constexpr Pick kTeamPick{17, 5, 11};
    static constexpr Choice<const char*> kTeams[] = {{2, "a"}, {4, "b"}, {6, "c"}, {11, ""}};
    static constexpr Pick kKeyPick{5, 2, 7};  // 1 to 4: that virtual key
    static constexpr Pick kLatencyPick{7919, 0, 3000};
    static constexpr Pick kInputPick{131, 0, 4000};
    static constexpr Pick kOutputPick{71, 0, 900};
    static constexpr Pick kSmartPick{1, 0, 10};  // below 5: openai, else anthropic

    template <typename T, size_t N>
    static const T& choose(const Pick& pick, const Choice<T> (&choices)[N], qint64 n) {
        const qint64 p = pick.of(n);
        for (const Choice<T>& c : choices) {
            if (p < c.below)
                return c.value;
        }
        return choices[N - 1].value;
    }
    static const char* targetOf(const char* route, qint64 n) {
        if (qstrcmp(route, "audit") == 0)
            return "anthropic/claude-opus-4";
        if (qstrcmp(route, "smart") == 0)
            return kSmartPick.of(n / kRowsPerStart) < 5 ? "openai/gpt-4o"
                                                        : "anthropic/claude-sonnet-4";
        if (qstrcmp(route, "fast") == 0)
            return "groq/llama-3.1-8b";
        if (qstrcmp(route, "cheap") == 0)
            return "deepseek/deepseek-chat";
        return "openai/text-embedding-3-small";
    }

    // The SQL of choose(): a CASE over the choices.
    template <typename T, size_t N, typename Value>
    static QString caseOf(const Pick& pick, const Choice<T> (&choices)[N], Value value) {
        QString sql = QStringLiteral("CASE");
        for (size_t i = 0; i + 1 < N; ++i) {
            sql += QStringLiteral(" WHEN %1 < %2 THEN %3")
                       .arg(pick.sql())
                       .arg(choices[i].below)
                       .arg(value(choices[i].value));
        }
        return sql + QStringLiteral(" ELSE %1 END").arg(value(choices[N - 1].value));
    }
    static QString quoted(const char* text) {
        return QLatin1Char('\'') + QString::fromLatin1(text) + QLatin1Char('\'');
    }

    // The rows as SQL (a WITH clause naming them `rows`), one per n below the first bound
    // value; the second is firstMs_.
    static QString rowsSql() {
        const auto routeOf = [](const char* route) { return quoted(route); };
        const auto statusOf = [](const Status& s) { return QString::number(s.status); };
        const auto errorOf = [](const Status& s) {
            return *s.error ? quoted(s.error) : QStringLiteral("NULL");
        };
        const QString needle = QStringLiteral("n % %1 = 3").arg(kNeedleEvery);
        const QString picks =
            QStringLiteral(
                "SELECT n, ? + (n / %1) * %2 AS started, (n / %1) * %1 + %1 - 1 - n % %1 AS idn, "
                "CASE WHEN n % %3 = 17 THEN 'audit' ELSE %4 END AS route, "
                "CASE WHEN %5 THEN %6 ELSE %7 END AS status, "
                "CASE WHEN %5 THEN '%8' ELSE %9 END AS error, "
                "%10 AS team, CASE WHEN n % %11 = 11 THEN 'apollo' ELSE '' END AS project, "
                "%12 AS keypick, 40 + %13 AS latency, %14 AS input, %15 AS output, "
                "%16 AS streampick, %17 AS cutpick, %18 AS smartpick FROM s")
                .arg(kRowsPerStart)
                .arg(kSpacingMs)
                .arg(kAuditEvery)
                .arg(caseOf(kRoutePick, kRoutes, routeOf), needle)
                .arg(kNeedle.status)
                .arg(caseOf(kStatusPick, kStatuses, statusOf))
                .arg(QString::fromLatin1(kNeedle.error), caseOf(kStatusPick, kStatuses, errorOf),
                     caseOf(kTeamPick, kTeams, routeOf))
                .arg(kApolloEvery)
                .arg(kKeyPick.sql(), kLatencyPick.sql(), kInputPick.sql(), kOutputPick.sql(),
                     kStreamPick.sql(), kCutPick.sql(),
                     QStringLiteral("(((n / %1) * %2 + %3) % %4)")
                         .arg(kRowsPerStart)
                         .arg(kSmartPick.mul)
                         .arg(kSmartPick.add)
                         .arg(kSmartPick.mod));
        const QString withTarget = QStringLiteral(
            "SELECT *, CASE WHEN status = 503 THEN NULL WHEN route = 'audit' THEN "
            "'anthropic/claude-opus-4' WHEN route = 'smart' THEN CASE WHEN smartpick < 5 THEN "
            "'openai/gpt-4o' ELSE 'anthropic/claude-sonnet-4' END WHEN route = 'fast' THEN "
            "'groq/llama-3.1-8b' WHEN route = 'cheap' THEN 'deepseek/deepseek-chat' ELSE "
            "'openai/text-embedding-3-small' END AS target, (streampick < 6 AND route <> 'embed') "
            "AS stream FROM p");
        const QString withCut = QStringLiteral(
            "SELECT *, (stream AND status = 200 AND cutpick = 0) AS truncated, "
            "printf('sb-%016x', idn) AS id FROM t");
        return QStringLiteral(
                   "WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s "
                   "WHERE n + 1 < ?), p AS (%1), t AS (%2), rows AS (%3) ")
            .arg(picks, withTarget, withCut);
    }

    bool exec(QSqlDatabase& db, const QString& sql, const QVariantList& values,
              QString* error) const {
        QSqlQuery q(db);
        if (!q.prepare(sql)) {
            if (error)
                *error = q.lastError().text();
            return false;
        }
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values[i]);
        if (!q.exec()) {
            if (error)
                *error = q.lastError().text();
            return false;
        }
        return true;
    }

    bool fill(QSqlDatabase& db, QString* error) const {
        // A test file: nothing to recover after a crash, so neither journal nor sync.
        for (const char* pragma : {"PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF",
                                   "PRAGMA cache_size=-131072", "PRAGMA locking_mode=EXCLUSIVE"}) {
            if (!exec(db, QString::fromLatin1(pragma), {}, error))
                return false;
        }
        if (!StoreSchema::migrate(db, error))
            return false;
        // The trail as RequestRows::trailJson writes it: one try, its outcome and error.
        const QString requests = QStringLiteral(
            "INSERT INTO requests (id, started_at, finished_at, surface, route, target, "
            "provider_kind, attempts, trail, status, error, stream, truncated, latency_ms, "
            "ttft_ms, input_tokens, output_tokens, cost_usd, cost_estimated, cache_hit, "
            "virtual_key_id, tags) SELECT id, started, started + latency, 'openai.chat', route, "
            "target, substr(target, 1, instr(target, '/') - 1), 1, "
            "json_array(json_object('target', coalesce(target, 'openai/gpt-4o'), 'outcome', "
            "CASE WHEN error IS NULL THEN 'ok' ELSE CAST(status AS TEXT) END, 'start_ms', 0, "
            "'duration_ms', latency, 'error', error, 'called', json('true'))), status, "
            "CASE WHEN truncated THEN 'upstream cut the stream' ELSE error END, stream, "
            "truncated, latency, CASE WHEN stream THEN latency / 4 END, input, output, "
            "(input + 4 * output) / 1048576.0, 0, 0, "
            "CASE WHEN keypick BETWEEN 1 AND 4 THEN 'vk-' || keypick END, "
            "CASE WHEN team <> '' AND project <> '' THEN json_object('team', team, 'project', "
            "project) WHEN team <> '' THEN json_object('team', team) WHEN project <> '' THEN "
            "json_object('project', project) END FROM r");
        // Tags one row each, as RequestRows keeps them; bodies for a few.
        const QString tags = QStringLiteral(
            "INSERT INTO request_tags (key, value, started_at, request_id) SELECT 'team', team, "
            "started, id FROM r WHERE team <> '' UNION ALL SELECT 'project', project, started, "
            "id FROM r WHERE project <> ''");
        const QString bodies =
            QStringLiteral(
                "INSERT INTO request_bodies (id, started_at, request, response) SELECT id, "
                "started, "
                "CAST('{\"model\":\"' || route || '\",\"messages\":[{\"role\":\"user\",\"content\":"
                "\"row ' || n || '\"}]}' AS BLOB), CAST('{\"choices\":[]}' AS BLOB) FROM r WHERE "
                "n % %1 = 0")
                .arg(kBodyEvery);
        if (!exec(db, QStringLiteral("BEGIN"), {}, error))
            return false;
        // The rows are made once, into memory, and copied to each table from there.
        if (!exec(db,
                  QStringLiteral("CREATE TEMP TABLE r AS ") + rowsSql() +
                      QStringLiteral("SELECT * FROM rows"),
                  {count_, firstMs_}, error))
            return false;
        for (const QString& insert : {requests, tags, bodies}) {
            if (!exec(db, insert, {}, error))
                return false;
        }
        if (!exec(db, QStringLiteral("DROP TABLE temp.r"), {}, error))
            return false;
        if (!exec(db, QStringLiteral("COMMIT"), {}, error))
            return false;
        if (rollups_ == Rollups::Fill) {
            RequestRows rows(db);
            if (!rows.rebuildRollups(firstMs_, newestMs() + 1)) {
                if (error)
                    *error = rows.error();
                return false;
            }
            // As schema step 2 sums what a file already holds.
            if (!exec(db,
                      QStringLiteral(
                          "INSERT INTO virtual_key_spend SELECT virtual_key_id, started_at - "
                          "((started_at % 86400000) + 86400000) % 86400000, count(*), "
                          "total(cost_usd), coalesce(sum(input_tokens), 0), "
                          "coalesce(sum(output_tokens), 0) FROM requests WHERE virtual_key_id IS "
                          "NOT NULL AND virtual_key_id <> '' GROUP BY 1, 2"),
                      {}, error))
                return false;
        }
        // As the store keeps it.
        return exec(db, QStringLiteral("PRAGMA locking_mode=NORMAL"), {}, error) &&
               exec(db, QStringLiteral("PRAGMA journal_mode=WAL"), {}, error);
    }

    // Reads back the first, last and every 997th row and compares them with row(n).
    bool check(QSqlDatabase& db, QString* error) const {
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "SELECT started_at, route, coalesce(target, ''), status, coalesce(error, ''), stream, "
            "truncated, coalesce(json_extract(tags, '$.team'), ''), "
            "coalesce(json_extract(tags, '$.project'), ''), coalesce(virtual_key_id, ''), "
            "latency_ms, input_tokens, output_tokens, "
            "(SELECT count(*) FROM request_bodies b WHERE b.id = r.id), "
            "(SELECT count(*) FROM request_tags g WHERE g.request_id = r.id AND "
            "g.started_at = r.started_at) FROM requests r WHERE id = ?"));
        std::vector<qint64> sample;
        for (qint64 n = 0; n < count_; n += n < 3000 || n > count_ - 3000 ? 1 : 997)
            sample.push_back(n);
        for (const qint64 n : sample) {
            const Row r = row(n);
            q.bindValue(0, r.id());
            if (!q.exec() || !q.next()) {
                if (error)
                    *error = QStringLiteral("row %1 (%2) was not written").arg(n).arg(r.id());
                return false;
            }
            const QStringList got = {
                q.value(0).toString(),  q.value(1).toString(),  q.value(2).toString(),
                q.value(3).toString(),  q.value(4).toString(),  q.value(5).toString(),
                q.value(6).toString(),  q.value(7).toString(),  q.value(8).toString(),
                q.value(9).toString(),  q.value(10).toString(), q.value(11).toString(),
                q.value(12).toString(), q.value(13).toString(), q.value(14).toString()};
            const QStringList expected = {
                QString::number(r.startedAt),
                QString::fromLatin1(r.route),
                QString::fromLatin1(r.target),
                QString::number(r.status),
                QString::fromLatin1(r.error),
                QString::number(r.stream ? 1 : 0),
                QString::number(r.truncated ? 1 : 0),
                QString::fromLatin1(r.team),
                QString::fromLatin1(r.project),
                r.virtualKey ? QStringLiteral("vk-%1").arg(r.virtualKey) : QString(),
                QString::number(r.latencyMs),
                QString::number(r.inputTokens),
                QString::number(r.outputTokens),
                QString::number(r.hasBody ? 1 : 0),
                QString::number((*r.team ? 1 : 0) + (*r.project ? 1 : 0))};
            if (got != expected) {
                if (error) {
                    *error = QStringLiteral("row %1 differs from row(n): %2 instead of %3")
                                 .arg(n)
                                 .arg(got.join(u'|'), expected.join(u'|'));
                }
                return false;
            }
            q.finish();
        }
        return true;
    }

    qint64 count_;
    qint64 firstMs_;
    Rollups rollups_;
};

}  // namespace signalbox::test
