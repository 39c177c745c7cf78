#include "store/StoreConnection.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace signalbox {

namespace {
QAtomicInteger<quint64> connections;
}

StoreConnection::StoreConnection(const QString& path, const QString& role, bool readOnly)
    : path_(path),
      name_(QStringLiteral("signalbox-%1-%2").arg(role).arg(connections.fetchAndAddRelaxed(1))),
      readOnly_(readOnly) {}

StoreConnection::~StoreConnection() {
    if (db_.isValid()) {
        db_.close();
        db_ = QSqlDatabase();
        QSqlDatabase::removeDatabase(name_);
    }
}

bool StoreConnection::open() {
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
        error_ = QCoreApplication::translate(
            "StoreConnection",
            "Qt's SQLite driver is not installed (Debian: libqt6sql6-sqlite); requests "
            "are not logged.");
        return false;
    }
    db_ = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name_);
    db_.setDatabaseName(path_);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs);
    if (readOnly_)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    db_.setConnectOptions(options);
    if (!db_.open()) {
        error_ = db_.lastError().text();
        return false;
    }
    QSqlQuery q(db_);
    const char* const pragmas[] = {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                                   "PRAGMA foreign_keys=ON", "PRAGMA temp_store=MEMORY"};
    for (const char* pragma : pragmas) {
        // A read-only connection cannot switch the journal mode; the writer already did.
        if (!q.exec(QString::fromLatin1(pragma)) && !readOnly_) {
            error_ = q.lastError().text();
            db_.close();
            return false;
        }
    }
    return true;
}

}  // namespace signalbox
