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
            "CREATE INDEX requests_started_at ON requests(started_at)",
            "CREATE INDEX requests_target ON requests(target, started_at)",
            "CREATE INDEX requests_route ON requests(route, started_at)",
            "CREATE INDEX requests_virtual_key ON requests(virtual_key_id, started_at)",
            // The dashboards' sums, read from the index alone in time order (RequestQueries).
            // Led by started_at, so the writer appends to its end; (started_at, id) also
            // orders the Logs table and finds a request from its tag rows.
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
