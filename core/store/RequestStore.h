#pragma once

#include "config/Config.h"
#include "routing/Clock.h"
#include "store/RequestRecord.h"
#include "store/StoreStats.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace signalbox {

class RequestJournal;
class RequestRows;
class StoreConnection;

// The request log on disk: signalbox.db and its journal in the data dir. The proxy hands
// records to submit(), which appends them to the journal, queues them in memory and
// returns; one thread of the store's own writes the queued records in batched
// transactions and deletes rows past their retention. The journal is read back only for
// what the queue does not hold: a previous run's records, and records that came while the
// queue was full. When the database cannot be written (locked, disk full,
// read-only) records wait in the journal and the writer tries again; when the journal
// cannot be written either they are dropped. Either way requests flow, the loss is
// counted in stats(), and the failure is reported once through the failure handler.
class RequestStore {
public:
    // Called on the store's thread with the failure in words, once per failure (and
    // with an empty text when the store works again).
    using FailureHandler = std::function<void(const QString& error)>;

    RequestStore(const QString& dataDir, const Clock& clock = Clock::system());
    // Writes what is in the journal, then stops the thread.
    ~RequestStore();
    RequestStore(const RequestStore&) = delete;
    RequestStore& operator=(const RequestStore&) = delete;

    void setFailureHandler(FailureHandler handler);
    // Opens the journal and starts the writer. Records submitted before are dropped.
    void start();
    void configure(const StoreConfig& config);  // any thread

    // Any thread, never waits for the database.
    void submit(RequestRecord record);

    StoreStats stats() const;
    QString databasePath() const { return databasePath_; }
    void noteUnpriced() { unpriced_.fetch_add(1, std::memory_order_relaxed); }

    // Blocks until every record submitted so far is written or `timeoutMs` passed; true
    // when written. For tests and shutdown, never the proxy.
    bool waitUntilWritten(int timeoutMs);
    // Deletes rows past retention now instead of at the next hourly pass.
    void applyRetentionNow();

    static constexpr int kBatchRecords = 2000;
    // Records wait in memory up to this many journal bytes; past it, in the journal only.
    static constexpr qint64 kQueueBytes = 16 * 1024 * 1024;
    static constexpr qint64 kRetentionPeriodMs = 3600 * 1000;

private:
    void run();
    bool ensureDatabase();
    // A record in the journal's bytes [start, end), held in memory too.
    struct Queued {
        qint64 start = 0;
        qint64 end = 0;
        RequestRecord record;
    };

    // Writes the next batch, from memory where the queue holds the records that follow
    // readOffset_, else from the journal; false when the database refused them.
    bool importBatch(bool& more);
    bool importQueued(bool& more);
    bool importJournal(bool& more);
    // Opens the batch's transaction; false (the connection dropped) when it cannot.
    bool beginBatch();
    // Inserts one record of the batch, counting it in `records`; false (rolled back)
    // when the database, not the record, failed.
    bool insertRecord(const RequestRecord& record, qint64& records);
    // Commits the batch's rows; false (rolled back) when the database refused them.
    bool commitBatch();
    // What follows a committed batch that ended at readOffset_.
    void batchDone(qint64 lines, qint64 records, bool& more);
    void retention();
    void fail(const QString& error);
    void recovered();

    QString dataDir_;
    QString databasePath_;
    const Clock& clock_;
    std::unique_ptr<RequestJournal> journal_;
    std::unique_ptr<StoreConnection> db_;  // the writer thread's alone
    std::unique_ptr<RequestRows> rows_;

    std::atomic<bool> enabled_{true};
    std::atomic<int> retentionDays_{30};
    std::atomic<qint64> queued_{0};
    std::atomic<qint64> written_{0};
    std::atomic<qint64> dropped_{0};
    std::atomic<qint64> unpriced_{0};
    std::atomic<qint64> deleted_{0};
    std::atomic<bool> pending_{false};
    std::atomic<bool> retentionNow_{false};

    mutable std::mutex mutex_;  // guards the fields below and the waits
    std::condition_variable wake_;
    std::condition_variable writtenCv_;
    bool stopping_ = false;
    bool flushNow_ = false;  // waitUntilWritten() or retention asked: skip the gathering
    bool healthy_ = true;
    bool dropReported_ = false;  // a record was dropped since the log last worked
    bool dropSaid_ = false;      // and the failure handler heard of it
    QString lastError_;
    FailureHandler onFailure_;
    qint64 readOffset_ = 0;  // of the journal: everything before is in the database

    // Appending to the journal and queueing happen together under it, so the queue holds
    // records in the journal's order; the writer empties the journal under it too.
    std::mutex queueMutex_;
    std::vector<Queued> queue_;
    qint64 queueBytes_ = 0;
    std::vector<Queued> taken_;  // the writer's: taken from queue_, written from takenAt_
    size_t takenAt_ = 0;

    std::thread thread_;
};

}  // namespace signalbox
