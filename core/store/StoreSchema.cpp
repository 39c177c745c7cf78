#include "store/StoreSchema.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

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
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        if (error)
            *error = tr("cannot read the schema version: %1").arg(q.lastError().text());
        return false;
    }
    const int version = q.value(0).toInt();
    q.finish();
    if (version > latestVersion()) {
        if (error) {
            *error = tr("the file was written by a newer Signalbox (schema %1; this one knows "
                        "up to %2). Use that version, or move the file away to start a new log.")
                         .arg(version)
                         .arg(latestVersion());
        }
        return false;
    }
    for (int v = version; v < latestVersion(); ++v) {
        if (!db.transaction()) {
            if (error)
                *error = db.lastError().text();
            return false;
        }
        for (const char* sql : steps()[static_cast<size_t>(v)]) {
            if (!q.exec(QString::fromLatin1(sql))) {
                if (error)
                    *error = tr("schema step %1 failed: %2").arg(v + 1).arg(q.lastError().text());
                db.rollback();
                return false;
            }
        }
        // PRAGMA takes no bound parameters; the value is our own integer.
        if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(v + 1)) || !db.commit()) {
            if (error)
                *error = tr("schema step %1 failed: %2").arg(v + 1).arg(db.lastError().text());
            db.rollback();
            return false;
        }
    }
    return true;
}

}  // namespace signalbox
