#include "store/StoreConnection.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace signalbox {

namespace {
QAtomicInteger<quint64> connections;
constexpr int kBusyRetryMs = 10;

// SQLITE_BUSY, with or without an extended code.
bool isBusy(const QSqlError& error) {
    return (error.nativeErrorCode().toInt() & 0xff) == 5;
}
}  // namespace

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
    QElapsedTimer waited;
    waited.start();
    for (const char* pragma : pragmas) {
        bool ok = q.exec(QString::fromLatin1(pragma));
        // Switching a new file to WAL needs it alone, and SQLite says "locked" at once
        // instead of waiting out the busy timeout: when several connections open a new
        // file together (the writer, the CLI), each tries again until that timeout.
        while (!ok && !readOnly_ && isBusy(q.lastError()) && waited.elapsed() < kBusyTimeoutMs) {
            QThread::msleep(kBusyRetryMs);
            ok = q.exec(QString::fromLatin1(pragma));
        }
        // A read-only connection cannot switch the journal mode; the writer already did.
        if (!ok && !readOnly_) {
            error_ =
                QStringLiteral("%1: %2").arg(QString::fromLatin1(pragma), q.lastError().text());
            db_.close();
            return false;
        }
    }
    return true;
}

}  // namespace signalbox
