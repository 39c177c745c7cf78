#include "store/RequestStore.h"

#include "store/RecordLine.h"
#include "store/RequestJournal.h"
#include "store/RequestRows.h"
#include "store/StoreConnection.h"
#include "store/StoreSchema.h"

#include <QCoreApplication>
#include <QDir>
#include <QSqlError>
#include <QSqlQuery>

#include <chrono>

namespace signalbox {

namespace {
// A batch reads at most this much of the journal.
constexpr qint64 kReadBytes = 4 * 1024 * 1024;
// Waits between tries of a database that refused a write: from the first to the last.
constexpr int kFirstRetryMs = 500;
constexpr int kLastRetryMs = 30'000;
// Rows deleted per statement: short transactions keep the readers' view fresh.
constexpr int kDeleteChunk = 5000;
// After writing, the writer lets records gather this long before its next transaction:
// a commit writes every page it touched, so a few large ones cost far less than many
// small ones. The records wait in the journal meanwhile.
constexpr int kGatherMs = 200;
// A worker keeps its record line buffer up to this size for the next record: two bodies
// at the default cap (64 KiB each, base64) fit.
constexpr qsizetype kKeptLineBytes = 256 * 1024;

QString tr(const char* text) {
    return QCoreApplication::translate("RequestStore", text);
}
}  // namespace

RequestStore::RequestStore(const QString& dataDir, const Clock& clock)
    : dataDir_(dataDir),
      databasePath_(QDir(dataDir).filePath(QStringLiteral("signalbox.db"))),
      clock_(clock) {}

RequestStore::~RequestStore() {
    if (thread_.joinable()) {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_one();
        thread_.join();
    }
}

void RequestStore::setFailureHandler(FailureHandler handler) {
    std::lock_guard lock(mutex_);
    onFailure_ = std::move(handler);
}

void RequestStore::configure(const StoreConfig& config) {
    enabled_.store(config.enabled, std::memory_order_relaxed);
    retentionDays_.store(config.retentionDays, std::memory_order_relaxed);
}

void RequestStore::start() {
    if (thread_.joinable())
        return;
    QDir().mkpath(dataDir_);
    journal_ = std::make_unique<RequestJournal>(
        QDir(dataDir_).filePath(QStringLiteral("signalbox.journal")));
    QString error;
    if (journal_->open(&error)) {
        // What a previous run left unwritten waits in the journal: count it as queued.
        qint64 lines = 0;
        for (qint64 at = 0; at < journal_->size(); at += kReadBytes)
            lines += journal_->read(at, kReadBytes).count('\n');
        queued_.store(lines);
        pending_.store(lines > 0);
    } else {
        fail(tr("Requests are not being logged: %1. Check that the data folder %2 is "
                "writable.")
                 .arg(error, QDir::toNativeSeparators(dataDir_)));
    }
    retentionNow_.store(true);
    thread_ = std::thread([this] { run(); });
}

void RequestStore::submit(RequestRecord record) {
    if (!enabled_.load(std::memory_order_relaxed))
        return;
    // One buffer a thread, reused: a record costs no allocation once it has grown.
    thread_local QByteArray line;
    line.resize(0);  // keeps the capacity, unlike clear()
    RecordLine::write(record, line);
    QString error;
    bool appended = false;
    if (journal_) {
        // Counted first: the writer may write the line before this thread goes on.
        queued_.fetch_add(1, std::memory_order_relaxed);
        std::lock_guard lock(queueMutex_);
        const qint64 start = journal_->size();
        appended = journal_->appendLine(line, &error);
        if (!appended)
            queued_.fetch_sub(1, std::memory_order_relaxed);
        if (appended && queueBytes_ + line.size() <= kQueueBytes) {
            queueBytes_ += line.size();
            queue_.push_back({start, start + line.size(), std::move(record)});
        }
    }
    if (line.capacity() > kKeptLineBytes)
        line = QByteArray();  // a record with large kept bodies: not held for the next
    if (!appended) {
        dropped_.fetch_add(1, std::memory_order_relaxed);
        std::lock_guard lock(mutex_);
        if (!dropReported_) {
            dropReported_ = true;
            lastError_ = error.isEmpty() ? tr("the journal is not open") : error;
            pending_.store(true);
            wake_.notify_one();
        }
        return;
    }
    if (!pending_.exchange(true, std::memory_order_acq_rel)) {
        // Taking the lock orders this with the writer's check, so the wake is not lost.
        std::lock_guard lock(mutex_);
        wake_.notify_one();
    }
}

StoreStats RequestStore::stats() const {
    StoreStats s;
    s.enabled = enabled_.load(std::memory_order_relaxed);
    s.queued = queued_.load(std::memory_order_relaxed);
    s.written = written_.load(std::memory_order_relaxed);
    s.dropped = dropped_.load(std::memory_order_relaxed);
    s.unpriced = unpriced_.load(std::memory_order_relaxed);
    s.deleted = deleted_.load(std::memory_order_relaxed);
    std::lock_guard lock(mutex_);
    s.healthy = healthy_ && !dropReported_;
    s.lastError = lastError_;
    return s;
}

bool RequestStore::waitUntilWritten(int timeoutMs) {
    {
        std::lock_guard lock(mutex_);
        pending_.store(true);
        flushNow_ = true;
    }
    wake_.notify_one();
    std::unique_lock lock(mutex_);
    return writtenCv_.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                               [this] { return queued_.load() <= 0; });
}

void RequestStore::applyRetentionNow() {
    {
        std::lock_guard lock(mutex_);
        retentionNow_.store(true);
        flushNow_ = true;
    }
    wake_.notify_one();
}

void RequestStore::fail(const QString& error) {
    FailureHandler handler;
    {
        std::lock_guard lock(mutex_);
        lastError_ = error;
        if (!healthy_)
            return;  // said once already
        healthy_ = false;
        handler = onFailure_;
    }
    qWarning("signalbox: %s", qPrintable(error));
    if (handler)
        handler(error);
}

void RequestStore::recovered() {
    FailureHandler handler;
    {
        std::lock_guard lock(mutex_);
        if (healthy_ && !dropReported_)
            return;
        healthy_ = true;
        dropReported_ = false;
        dropSaid_ = false;
        lastError_.clear();
        handler = onFailure_;
    }
    qInfo("signalbox: the request log works again (%s)", qPrintable(databasePath_));
    if (handler)
        handler(QString());
}

bool RequestStore::ensureDatabase() {
    if (db_ && db_->isOpen())
        return true;
    rows_.reset();
    db_ = std::make_unique<StoreConnection>(databasePath_, QStringLiteral("writer"));
    QString error;
    if (!db_->open()) {
        error = db_->error();
    } else if (!StoreSchema::migrate(db_->db(), &error)) {
    } else {
        rows_ = std::make_unique<RequestRows>(db_->db());
        if (rows_->prepare())
            return true;
        error = rows_->error();
    }
    rows_.reset();
    db_.reset();
    fail(tr("The request log %1 cannot be written: %2. Requests still flow; their records "
            "wait in the journal and are written when the database can take them.")
             .arg(QDir::toNativeSeparators(databasePath_), error));
    return false;
}

bool RequestStore::importBatch(bool& more) {
    more = false;
    if (takenAt_ >= taken_.size()) {
        taken_.clear();
        takenAt_ = 0;
        std::lock_guard lock(queueMutex_);
        taken_.swap(queue_);
        queueBytes_ = 0;
    }
    // Records that a read of the journal wrote already.
    while (takenAt_ < taken_.size() && taken_[takenAt_].end <= readOffset_)
        ++takenAt_;
    if (takenAt_ < taken_.size() && taken_[takenAt_].start == readOffset_)
        return importQueued(more);
    return importJournal(more);
}

bool RequestStore::importQueued(bool& more) {
    if (!beginBatch())
        return false;
    qint64 lines = 0;
    qint64 records = 0;
    qint64 offset = readOffset_;
    size_t at = takenAt_;
    // The batch ends where the queue skips journal bytes (a record that came while the
    // queue was full): those are read from the journal.
    while (at < taken_.size() && lines < kBatchRecords && taken_[at].start == offset) {
        if (!insertRecord(taken_[at].record, records))
            return false;
        ++lines;
        offset = taken_[at].end;
        ++at;
    }
    if (!commitBatch())
        return false;
    readOffset_ = offset;
    takenAt_ = at;
    batchDone(lines, records, more);
    return true;
}

bool RequestStore::importJournal(bool& more) {
    qint64 want = kReadBytes;
    QByteArray data = journal_->read(readOffset_, want);
    qsizetype end = data.lastIndexOf('\n');
    while (end < 0 && data.size() == want) {
        // One record longer than a read (large kept bodies): read on to its end.
        want *= 4;
        data = journal_->read(readOffset_, want);
        end = data.lastIndexOf('\n');
    }
    if (end < 0)
        return true;
    if (!beginBatch())
        return false;
    qint64 lines = 0;
    qint64 records = 0;
    qsizetype from = 0;
    while (from <= end && lines < kBatchRecords) {
        const qsizetype eol = data.indexOf('\n', from);
        ++lines;
        if (const std::optional<RequestRecord> record =
                RecordLine::read(QByteArrayView(data).sliced(from, eol - from))) {
            if (!insertRecord(*record, records))
                return false;
        }
        from = eol + 1;
    }
    if (!commitBatch())
        return false;
    readOffset_ += from;
    batchDone(lines, records, more);
    return true;
}

bool RequestStore::beginBatch() {
    QSqlDatabase& db = db_->db();
    if (db.transaction())
        return true;
    fail(tr("The request log %1 cannot be written: %2.")
             .arg(QDir::toNativeSeparators(databasePath_), db.lastError().text()));
    rows_.reset();
    db_.reset();
    return false;
}

bool RequestStore::insertRecord(const RequestRecord& record, qint64& records) {
    if (rows_->insert(record)) {
        ++records;
        return true;
    }
    if (rows_->recordAtFault()) {
        // One bad record must not hold back the journal behind it.
        dropped_.fetch_add(1, std::memory_order_relaxed);
        qWarning("signalbox: request %s not logged: %s", record.id.constData(),
                 qPrintable(rows_->error()));
        return true;
    }
    const QString error = rows_->error();
    db_->db().rollback();
    rows_->discard();
    fail(tr("The request log %1 cannot be written: %2. Requests still flow; "
            "their records wait in the journal.")
             .arg(QDir::toNativeSeparators(databasePath_), error));
    rows_.reset();
    db_.reset();
    return false;
}

bool RequestStore::commitBatch() {
    QSqlDatabase& db = db_->db();
    // The hourly rollups take the batch's rows in one statement per hour and grain.
    const bool flushed = rows_->flush();
    if (flushed && db.commit())
        return true;
    const QString error = flushed ? db.lastError().text() : rows_->error();
    db.rollback();
    rows_->discard();
    fail(tr("The request log %1 cannot be written: %2.")
             .arg(QDir::toNativeSeparators(databasePath_), error));
    rows_.reset();
    db_.reset();
    return false;
}

void RequestStore::batchDone(qint64 lines, qint64 records, bool& more) {
    written_.fetch_add(records, std::memory_order_relaxed);
    queued_.fetch_sub(lines, std::memory_order_relaxed);
    more = readOffset_ < journal_->size();
    if (!more) {
        // Nothing is appended meanwhile: appending takes this lock too.
        std::lock_guard lock(queueMutex_);
        if (journal_->truncateIfAt(readOffset_)) {
            // Every record held in memory is written: their offsets end with the bytes.
            readOffset_ = 0;
            queue_.clear();
            queueBytes_ = 0;
            taken_.clear();
            takenAt_ = 0;
        }
    }
    recovered();
}

void RequestStore::retention() {
    const int days = retentionDays_.load(std::memory_order_relaxed);
    if (days <= 0 || !db_)
        return;
    const qint64 cutoff = clock_.wallMs() - qint64(days) * 24 * 3600 * 1000;
    const char* const statements[] = {
        "DELETE FROM requests WHERE rowid IN (SELECT rowid FROM requests WHERE started_at < ? "
        "LIMIT ?)",
        "DELETE FROM request_tags WHERE (key, started_at, request_id) IN (SELECT key, "
        "started_at, request_id FROM request_tags WHERE started_at < ? LIMIT ?)",
        "DELETE FROM request_bodies WHERE rowid IN (SELECT rowid FROM request_bodies WHERE "
        "started_at < ? LIMIT ?)"};
    QSqlQuery q(db_->db());
    for (size_t i = 0; i < std::size(statements); ++i) {
        if (!q.prepare(QString::fromLatin1(statements[i])))
            return;
        int removed = kDeleteChunk;
        while (removed == kDeleteChunk) {
            q.bindValue(0, cutoff);
            q.bindValue(1, kDeleteChunk);
            if (!q.exec()) {
                qWarning("signalbox: retention could not delete old rows: %s",
                         qPrintable(q.lastError().text()));
                return;
            }
            removed = q.numRowsAffected();
            if (i == 0)
                deleted_.fetch_add(removed, std::memory_order_relaxed);
        }
    }
    // The hourly rollups lose the same rows: whole hours go, the one the cutoff falls in
    // is summed again from its rows left.
    if (rows_ && !rows_->trimRollups(cutoff)) {
        qWarning("signalbox: retention could not trim the hourly rollups: %s",
                 qPrintable(rows_->error()));
    }
}

void RequestStore::run() {
    int retryMs = kFirstRetryMs;
    qint64 nextRetention = 0;
    bool broken = false;
    bool lastPass = false;  // stopping: one more pass writes what it can, then the thread ends
    QString dropError;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            const auto wait = std::chrono::milliseconds(broken ? retryMs : 1000);
            wake_.wait_for(lock, wait, [this, broken] {
                return stopping_ || (!broken && (pending_.load() || retentionNow_.load()));
            });
            if (stopping_ && (broken || queued_.load() <= 0 || lastPass))
                break;
            lastPass = stopping_;
            if (dropReported_ && !dropSaid_) {
                dropSaid_ = true;
                dropError = lastError_;
            }
        }
        if (!dropError.isEmpty()) {
            fail(tr("Requests are not being logged: %1. Free space in the data folder or "
                    "make it writable; requests still flow.")
                     .arg(std::exchange(dropError, QString())));
        }
        pending_.store(false, std::memory_order_release);
        if (!journal_->isOpen()) {
            // The data folder could not be written at start: try again, on the same backoff.
            QString error;
            // Under the lock appends take: their start offsets must see the file's size.
            std::unique_lock queueLock(queueMutex_);
            const bool opened = journal_->open(&error);
            queueLock.unlock();
            if (opened) {
                recovered();
            } else {
                broken = true;
                retryMs = std::min(retryMs * 2, kLastRetryMs);
                writtenCv_.notify_all();
                continue;
            }
        }
        if (!ensureDatabase()) {
            broken = true;
            retryMs = std::min(retryMs * 2, kLastRetryMs);
            writtenCv_.notify_all();
            continue;
        }
        bool more = true;
        broken = false;
        while (more) {
            if (!importBatch(more)) {
                broken = true;
                retryMs = std::min(retryMs * 2, kLastRetryMs);
                break;
            }
        }
        if (!broken)
            retryMs = kFirstRetryMs;
        writtenCv_.notify_all();
        const qint64 now = clock_.monotonicMs();
        if (!broken && (retentionNow_.exchange(false) || now >= nextRetention)) {
            retention();
            nextRetention = now + kRetentionPeriodMs;
            writtenCv_.notify_all();
        }
        if (!broken) {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, std::chrono::milliseconds(kGatherMs),
                           [this] { return stopping_ || flushNow_; });
            flushNow_ = false;
        }
    }
}

}  // namespace signalbox
