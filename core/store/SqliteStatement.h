#pragma once

#include <QByteArrayView>
#include <QSqlDatabase>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace signalbox {

// One prepared statement on the SQLite handle under a Qt Sql connection, for the
// writer's per-row inserts: binding through QSqlQuery costs a QVariant and a formatted
// parameter name per value, which made those binds dearer than SQLite's own work. The
// connection, its pragmas and its transactions stay Qt Sql's. Values are bound without
// a copy: what is bound must outlive the next step().
class SqliteStatement {
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    // The SQLite handle of a connection of Qt's QSQLITE driver; null for another driver.
    static sqlite3* handleOf(const QSqlDatabase& db);

    // False with error() set when SQLite refuses the text.
    bool prepare(sqlite3* db, const char* sql);

    // Parameters count from 1, as in SQLite.
    void bind(int index, qint64 value);
    void bind(int index, double value);
    void bindNull(int index);
    // UTF-16 text; an empty one binds as '' (use bindNull for NULL).
    void bindText(int index, const QString& text);
    void bindUtf8(int index, QByteArrayView text);
    void bindBlob(int index, QByteArrayView bytes);

    // Runs it to the end and resets it for the next binds; false with error() and
    // errorCode() set when SQLite failed.
    bool run();
    // Rows the last run() inserted, updated or deleted.
    int changes() const;
    const QString& error() const { return error_; }
    // SQLite's primary result code of the last failure (SQLITE_CONSTRAINT, ...).
    int errorCode() const { return errorCode_; }

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
    QString error_;
    int errorCode_ = 0;
};

}  // namespace signalbox
