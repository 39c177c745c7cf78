#pragma once

#include "store/RequestRecord.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <shared_mutex>

namespace signalbox {

// An append-only file of finished requests, one JSON line each, that stands between the
// proxy and the database. Appending is one write(2) to the page cache from the proxy
// thread, before the answer's last byte goes out: a response the client saw complete
// has its record on disk even if the process is killed the next instant, and the proxy
// never waits on SQLite. The store's thread reads the file behind the writers and
// empties it once everything in it is committed.
class RequestJournal {
public:
    explicit RequestJournal(QString path);
    ~RequestJournal();
    RequestJournal(const RequestJournal&) = delete;
    RequestJournal& operator=(const RequestJournal&) = delete;

    // Opens (creating) the file; false with *error when it cannot. May be tried again.
    bool open(QString* error);
    bool isOpen() const { return fd_.load(std::memory_order_acquire) >= 0; }
    const QString& path() const { return path_; }

    // Any thread. False when the record could not be written (disk full, over the size
    // cap, an I/O error): *error then says why.
    bool append(const RequestRecord& record, QString* error);
    // The same for a line RecordLine::write() made, its '\n' included.
    bool appendLine(QByteArrayView line, QString* error);

    // The store's thread: up to `max` bytes from `offset`.
    QByteArray read(qint64 offset, qint64 max) const;
    qint64 size() const { return size_.load(std::memory_order_acquire); }
    // Empties the file when everything up to `consumed` is in the database and nothing
    // was appended since. True when it did.
    bool truncateIfAt(qint64 consumed);

    // Past this size records are refused rather than fill the disk while the database
    // is unwritable.
    static constexpr qint64 kMaxBytes = 256LL * 1024 * 1024;

private:
    QString path_;
    std::atomic<int> fd_{-1};
    std::atomic<qint64> size_{0};
    mutable std::shared_mutex truncating_;  // appends share it; emptying takes it alone
};

}  // namespace signalbox
