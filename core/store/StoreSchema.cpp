#include "store/StoreSchema.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <vector>

namespace signalbox {

namespace {

// One entry a version; never edit a step that shipped, add the next.
const std::vector<std::vector<const char*>>& steps() {
    static const std::vector<std::vector<const char*>> all = {
        // 1: the request log.
        {
            "CREATE TABLE requests ("
            " id TEXT PRIMARY KEY NOT NULL,"     // x-signalbox-request-id
            " started_at INTEGER NOT NULL,"      // Unix ms
            " finished_at INTEGER NOT NULL,"     // Unix ms
            " surface TEXT NOT NULL,"            // openai.chat, anthropic.messages, ...
            " route TEXT NOT NULL,"              // the client's model
            " target TEXT,"                      // provider/model; NULL: none tried
            " provider_kind TEXT,"               //
            " attempts INTEGER NOT NULL,"        // upstream calls made
            " trail TEXT NOT NULL,"              // JSON array, one object per try
            " status INTEGER NOT NULL,"          // to the client; 499: client left
            " error TEXT,"                       //
            " stream INTEGER NOT NULL,"          // 0/1
            " truncated INTEGER NOT NULL,"       // 0/1
            " latency_ms INTEGER,"               //
            " ttft_ms INTEGER,"                  //
            " input_tokens INTEGER,"             // the whole prompt, cached included
            " output_tokens INTEGER,"            // reasoning included
            " cached_input_tokens INTEGER,"      //
            " cache_write_tokens INTEGER,"       //
            " reasoning_tokens INTEGER,"         //
            " cost_usd REAL,"                    // NULL: the model has no price
            " cost_estimated INTEGER NOT NULL,"  // 0/1
            " cache_hit INTEGER NOT NULL,"       // 0/1
            " virtual_key_id TEXT,"              //
            " user TEXT,"                        //
            " tags TEXT"                         // JSON object
            ")",
            "CREATE INDEX requests_target ON requests(target, started_at)",
            "CREATE INDEX requests_route ON requests(route, started_at)",
            "CREATE INDEX requests_virtual_key ON requests(virtual_key_id, started_at)",
            // The dashboards' sums, read from the index alone in time order (RequestQueries).
            // Led by started_at, so the writer appends to its end; (started_at, id) also
            // orders the Logs table, finds a request from its tag rows and serves retention
            // (an index on started_at alone would be redundant).
            "CREATE INDEX requests_dashboard ON requests(started_at, id, target, route,"
            " virtual_key_id, status, truncated, cache_hit, cost_estimated, cost_usd,"
            " input_tokens, output_tokens, latency_ms, ttft_ms)",
            // Tags one row each, for spend per tag without reading every row's JSON.
            "CREATE TABLE request_tags ("
            " key TEXT NOT NULL, value TEXT NOT NULL, started_at INTEGER NOT NULL,"
            " request_id TEXT NOT NULL,"
            " PRIMARY KEY (key, started_at, request_id)) WITHOUT ROWID",
            "CREATE INDEX request_tags_started_at ON request_tags(started_at)",
            // Bodies apart, so that scans of requests stay small.
            "CREATE TABLE request_bodies ("
            " id TEXT PRIMARY KEY NOT NULL, started_at INTEGER NOT NULL,"
            " request BLOB, response BLOB)",
            "CREATE INDEX request_bodies_started_at ON request_bodies(started_at)",
            // Hourly rollups of `requests`, kept by RequestRows in the transaction that
            // inserts the rows and trimmed with them by retention: long ranges are summed
            // from them instead of from every row (RequestQueries). `hour` is the Unix ms
            // of the hour's start (UTC); NULL targets and keys are ''. Per request:
            // errors: status >= 400 or truncated; unpriced: no cost; latency_*: answered
            // requests (status < 400, not truncated, not a cache hit) with a latency.
            // Three grains, each as coarse as the questions it answers allow: per target
            // and route (the dashboard), with the virtual key, with one tag.
            "CREATE TABLE request_hourly ("
            " hour INTEGER NOT NULL, target TEXT NOT NULL, route TEXT NOT NULL,"
            " requests INTEGER NOT NULL, errors INTEGER NOT NULL, cache_hits INTEGER NOT NULL,"
            " input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,"
            " cost_usd REAL NOT NULL, unpriced INTEGER NOT NULL, cost_estimated INTEGER NOT NULL,"
            " latency_count INTEGER NOT NULL, latency_ms_sum INTEGER NOT NULL,"
            " PRIMARY KEY (hour, target, route)) WITHOUT ROWID",
            "CREATE TABLE request_hourly_keys ("
            " hour INTEGER NOT NULL, virtual_key_id TEXT NOT NULL, target TEXT NOT NULL,"
            " route TEXT NOT NULL,"
            " requests INTEGER NOT NULL, errors INTEGER NOT NULL, cache_hits INTEGER NOT NULL,"
            " input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,"
            " cost_usd REAL NOT NULL, unpriced INTEGER NOT NULL, cost_estimated INTEGER NOT NULL,"
            " latency_count INTEGER NOT NULL, latency_ms_sum INTEGER NOT NULL,"
            " PRIMARY KEY (hour, virtual_key_id, target, route)) WITHOUT ROWID",
            "CREATE INDEX request_hourly_keys_key ON request_hourly_keys(virtual_key_id, hour)",
            // A request counts once under each of its tags (request_tags).
            "CREATE TABLE request_hourly_tags ("
            " tag_key TEXT NOT NULL, hour INTEGER NOT NULL, tag_value TEXT NOT NULL,"
            " target TEXT NOT NULL, route TEXT NOT NULL,"
            " requests INTEGER NOT NULL, errors INTEGER NOT NULL, cache_hits INTEGER NOT NULL,"
            " input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,"
            " cost_usd REAL NOT NULL, unpriced INTEGER NOT NULL, cost_estimated INTEGER NOT NULL,"
            " latency_count INTEGER NOT NULL, latency_ms_sum INTEGER NOT NULL,"
            " PRIMARY KEY (tag_key, hour, tag_value, target, route)) WITHOUT ROWID",
            // Percentiles do not add up, so the answered requests' latencies and TTFTs are
            // kept whole, as text ("812,95,"), an hour's per target and route in a row or a
            // few: exact percentiles over a month read thousands of rows, not a million.
            // Part 0 takes the values; once its text passes ~900 bytes (a row then stays
            // within its page) it is renumbered after the last part and a new 0 starts.
            "CREATE TABLE request_latency_hourly ("
            " hour INTEGER NOT NULL, target TEXT NOT NULL, route TEXT NOT NULL,"
            " part INTEGER NOT NULL, latencies TEXT NOT NULL, ttfts TEXT NOT NULL,"
            " PRIMARY KEY (hour, target, route, part)) WITHOUT ROWID",
        },
        // 2: governance: cache savings, redaction counts, virtual keys and their spend.
        {
            "ALTER TABLE requests ADD COLUMN cache_saved_usd REAL",  // a hit: the first cost
            "ALTER TABLE requests ADD COLUMN redactions TEXT",       // JSON object; NULL: none
            // Summed over cache hits, like cost_usd.
            "ALTER TABLE request_hourly ADD COLUMN cache_saved_usd REAL NOT NULL DEFAULT 0",
            "ALTER TABLE request_hourly_keys ADD COLUMN cache_saved_usd REAL NOT NULL DEFAULT 0",
            "ALTER TABLE request_hourly_tags ADD COLUMN cache_saved_usd REAL NOT NULL DEFAULT 0",
            // The secret is never stored: its SHA-256 finds the key, its last four
            // characters tell keys apart. Unix ms; NULL budget, expiry, revocation: none.
            "CREATE TABLE virtual_keys ("
            " id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, hash TEXT NOT NULL UNIQUE,"
            " hint TEXT NOT NULL, routes TEXT NOT NULL, budget_usd REAL,"
            " budget_period TEXT NOT NULL, rpm INTEGER NOT NULL, tpm INTEGER NOT NULL,"
            " created_at INTEGER NOT NULL, expires_at INTEGER, revoked_at INTEGER)",
            // Each key's use per UTC day (`day`: Unix ms of its start), kept by RequestRows
            // with the rows and never trimmed by retention: month and total budgets
            // outlive the rows they count.
            "CREATE TABLE virtual_key_spend ("
            " virtual_key_id TEXT NOT NULL, day INTEGER NOT NULL, requests INTEGER NOT NULL,"
            " cost_usd REAL NOT NULL, input_tokens INTEGER NOT NULL,"
            " output_tokens INTEGER NOT NULL,"
            " PRIMARY KEY (virtual_key_id, day)) WITHOUT ROWID",
            // Rows a version-1 file already holds count too.
            "INSERT INTO virtual_key_spend SELECT virtual_key_id,"
            " started_at - ((started_at % 86400000) + 86400000) % 86400000, count(*),"
            " total(cost_usd), coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0)"
            " FROM requests WHERE virtual_key_id IS NOT NULL AND virtual_key_id <> ''"
            " GROUP BY 1, 2",
            // keys_version goes up with every change to virtual_keys, whoever makes it (the
            // CLI, sqlite3): a running gateway notices with one cheap read.
            "CREATE TABLE store_meta (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL)",
            "INSERT INTO store_meta (name, value) VALUES ('keys_version', 0)",
            "CREATE TRIGGER virtual_keys_inserted AFTER INSERT ON virtual_keys BEGIN"
            " UPDATE store_meta SET value = value + 1 WHERE name = 'keys_version'; END",
            "CREATE TRIGGER virtual_keys_updated AFTER UPDATE ON virtual_keys BEGIN"
            " UPDATE store_meta SET value = value + 1 WHERE name = 'keys_version'; END",
            "CREATE TRIGGER virtual_keys_deleted AFTER DELETE ON virtual_keys BEGIN"
            " UPDATE store_meta SET value = value + 1 WHERE name = 'keys_version'; END",
        },
    };
    return all;
}

QString tr(const char* text) {
    return QCoreApplication::translate("StoreSchema", text);
}

}  // namespace

int StoreSchema::latestVersion() {
    return static_cast<int>(steps().size());
}

bool StoreSchema::migrate(QSqlDatabase& db, QString* error) {
    return migrate(db, error, latestVersion());
}

namespace {

// PRAGMA user_version; -1 with *error when it cannot be read.
int versionOf(QSqlQuery& q, QString* error) {
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        if (error)
            *error = tr("cannot read the schema version: %1").arg(q.lastError().text());
        return -1;
    }
    const int version = q.value(0).toInt();
    q.finish();
    return version;
}

bool tooNew(int version, QString* error) {
    if (version <= StoreSchema::latestVersion())
        return false;
    if (error) {
        *error = tr("the file was written by a newer Signalbox (schema %1; this one knows "
                    "up to %2). Use that version, or move the file away to start a new log.")
                     .arg(version)
                     .arg(StoreSchema::latestVersion());
    }
    return true;
}

}  // namespace

bool StoreSchema::migrate(QSqlDatabase& db, QString* error, int upToVersion) {
    upToVersion = std::min(upToVersion, latestVersion());
    QSqlQuery q(db);
    int version = versionOf(q, error);
    if (version < 0 || tooNew(version, error))
        return false;
    while (version < upToVersion) {
        // BEGIN IMMEDIATE takes the write lock (waiting out the busy timeout) before the
        // version is read again: another connection opening the same new file (the
        // writer thread, the CLI) may have run this step meanwhile.
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
            if (error)
                *error = tr("schema step %1 failed: %2").arg(version + 1).arg(q.lastError().text());
            return false;
        }
        const auto rollback = [&] { QSqlQuery(db).exec(QStringLiteral("ROLLBACK")); };
        version = versionOf(q, error);
        if (version < 0 || tooNew(version, error)) {
            rollback();
            return false;
        }
        if (version >= upToVersion) {
            rollback();
            break;
        }
        for (const char* sql : steps()[static_cast<size_t>(version)]) {
            if (!q.exec(QString::fromLatin1(sql))) {
                if (error) {
                    *error =
                        tr("schema step %1 failed: %2").arg(version + 1).arg(q.lastError().text());
                }
                rollback();
                return false;
            }
        }
        // PRAGMA takes no bound parameters; the value is our own integer.
        if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1)) ||
            !q.exec(QStringLiteral("COMMIT"))) {
            if (error)
                *error = tr("schema step %1 failed: %2").arg(version + 1).arg(q.lastError().text());
            rollback();
            return false;
        }
        ++version;
    }
    return true;
}

}  // namespace signalbox
