#include "store/SqliteStatement.h"

#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#include <cstring>

namespace signalbox {

SqliteStatement::~SqliteStatement() {
    if (stmt_)
        sqlite3_finalize(stmt_);
}

sqlite3* SqliteStatement::handleOf(const QSqlDatabase& db) {
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    // The QSQLITE driver hands its handle over as a QVariant of type "sqlite3*".
    if (!handle.isValid() || std::strcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.constData());
}

bool SqliteStatement::prepare(sqlite3* db, const char* sql) {
    if (stmt_) {
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
    }
    db_ = db;
    if (!db) {
        error_ = QStringLiteral("not a SQLite connection");
        return false;
    }
    const int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK) {
        errorCode_ = rc & 0xff;
        error_ = QString::fromUtf8(sqlite3_errmsg(db));
        stmt_ = nullptr;
        return false;
    }
    return true;
}

void SqliteStatement::bind(int index, qint64 value) {
    sqlite3_bind_int64(stmt_, index, value);
}

void SqliteStatement::bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
}

void SqliteStatement::bindNull(int index) {
    sqlite3_bind_null(stmt_, index);
}

void SqliteStatement::bindText(int index, const QString& text) {
    if (text.isEmpty()) {
        sqlite3_bind_text(stmt_, index, "", 0, SQLITE_STATIC);  // '' for a null one too
        return;
    }
    sqlite3_bind_text16(stmt_, index, text.constData(), static_cast<int>(text.size() * 2),
                        SQLITE_STATIC);
}

void SqliteStatement::bindUtf8(int index, QByteArrayView text) {
    sqlite3_bind_text(stmt_, index, text.isNull() ? "" : text.data(), static_cast<int>(text.size()),
                      SQLITE_STATIC);
}

void SqliteStatement::bindBlob(int index, QByteArrayView bytes) {
    if (bytes.isNull()) {
        sqlite3_bind_null(stmt_, index);
        return;
    }
    sqlite3_bind_blob64(stmt_, index, bytes.data(), static_cast<sqlite3_uint64>(bytes.size()),
                        SQLITE_STATIC);
}

bool SqliteStatement::run() {
    int rc = sqlite3_step(stmt_);
    while (rc == SQLITE_ROW)
        rc = sqlite3_step(stmt_);
    const bool ok = rc == SQLITE_DONE;
    if (!ok) {
        errorCode_ = rc & 0xff;
        error_ = QString::fromUtf8(sqlite3_errmsg(db_));
    }
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    return ok;
}

int SqliteStatement::changes() const {
    return sqlite3_changes(db_);
}

}  // namespace signalbox
