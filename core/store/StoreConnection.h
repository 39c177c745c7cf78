#pragma once

#include <QSqlDatabase>
#include <QString>

namespace signalbox {

// One SQLite connection to signalbox.db, for the thread that opened it alone (Qt Sql
// connections are per thread): WAL journal, a busy timeout, NORMAL sync (durable
// against a crash of the process; WAL keeps the file consistent on power loss).
// Removed from Qt's registry when destroyed.
class StoreConnection {
public:
    // `role` names the connection in Qt's registry, made unique per instance.
    StoreConnection(const QString& path, const QString& role, bool readOnly = false);
    ~StoreConnection();
    StoreConnection(const StoreConnection&) = delete;
    StoreConnection& operator=(const StoreConnection&) = delete;

    // Opens the file and sets the pragmas; false with error() set when it cannot.
    bool open();
    bool isOpen() const { return db_.isOpen(); }
    QSqlDatabase& db() { return db_; }
    const QString& error() const { return error_; }
    const QString& path() const { return path_; }

    static constexpr int kBusyTimeoutMs = 5000;

private:
    QString path_;
    QString name_;
    bool readOnly_;
    QSqlDatabase db_;
    QString error_;
};

}  // namespace signalbox
