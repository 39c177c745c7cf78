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

namespace signalbox {

class RequestJournal;
class RequestRows;
class StoreConnection;

// The request log on disk: signalbox.db and its journal in the data dir. The proxy hands
// records to submit(), which appends them to the journal and returns; one thread of the
// store's own reads the journal, writes the records in batched transactions and deletes
// rows past their retention. When the database cannot be written (locked, disk full,
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
    void submit(const RequestRecord& record);

    StoreStats stats() const;
    QString databasePath() const { return databasePath_; }
    void noteUnpriced() { unpriced_.fetch_add(1, std::memory_order_relaxed); }

    // Blocks until every record submitted so far is written or `timeoutMs` passed; true
    // when written. For tests and shutdown, never the proxy.
    bool waitUntilWritten(int timeoutMs);
    // Deletes rows past retention now instead of at the next hourly pass.
    void applyRetentionNow();

    static constexpr int kBatchRecords = 2000;
    static constexpr qint64 kRetentionPeriodMs = 3600 * 1000;

private:
    void run();
    bool ensureDatabase();
    // Writes the next batch of journal lines; false when the database refused them.
    bool importBatch(bool& more);
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
    bool healthy_ = true;
    bool dropReported_ = false;  // a record was dropped since the log last worked
    bool dropSaid_ = false;      // and the failure handler heard of it
    QString lastError_;
    FailureHandler onFailure_;
    qint64 readOffset_ = 0;  // of the journal: everything before is in the database
    std::thread thread_;
};

}  // namespace signalbox
