#pragma once

#include <QSqlDatabase>
#include <QString>

namespace signalbox {

// The tables of signalbox.db and the steps that bring an older file up to date. The
// file's PRAGMA user_version says which steps it has had; each step runs in its own
// transaction, so a crash leaves the file at one version or the next.
//
// `requests` is a contract users query with SQL (the README documents it): columns may
// be added, the ones there keep their names and meaning.
class StoreSchema {
public:
    static int latestVersion();
    // Brings `db` to latestVersion(). False with *error when a step fails or the file
    // comes from a newer Signalbox.
    // Safe when several connections open a new file at once: a step runs only once.
    static bool migrate(QSqlDatabase& db, QString* error);
    // Stops at `upToVersion`: for tests that need a file as an older Signalbox left it.
    static bool migrate(QSqlDatabase& db, QString* error, int upToVersion);
};

}  // namespace signalbox
