#pragma once

#include "store/RequestRecord.h"

#include <QtGlobal>

#include <atomic>
#include <deque>
#include <mutex>
#include <vector>

namespace signalbox {

// Finished requests waiting for trace export, and the tally of what became of their
// spans. Proxy workers push, the export thread takes; both only hold a short lock, so a
// worker never waits on the network. Bounded: a full queue refuses and counts the loss.
class OtlpQueue {
public:
    explicit OtlpQueue(int capacityRecords) : capacity_(capacityRecords) {}

    // False when full: the record's spans count as dropped. Bodies are left behind.
    // `sizeAfter` is the queue's length once the record is in.
    bool push(const RequestRecord& record, qsizetype* sizeAfter = nullptr);
    // The oldest records, as many as fit in `maxSpans` spans (at least one if any).
    std::vector<RequestRecord> take(int maxSpans);
    // Forgets what waits (export turned off): neither exported nor dropped.
    void clear();

    // Records ever accepted and ever taken or cleared: a flush waits for taken() to
    // reach what pushed() was when it was asked.
    qint64 pushed() const;
    qint64 taken() const;
    qsizetype size() const;

    void addExported(qint64 spans) { exported_.fetch_add(spans, std::memory_order_relaxed); }
    void addDropped(qint64 spans) { dropped_.fetch_add(spans, std::memory_order_relaxed); }
    void addFailed() { failed_.fetch_add(1, std::memory_order_relaxed); }
    qint64 exported() const { return exported_.load(std::memory_order_relaxed); }
    qint64 dropped() const { return dropped_.load(std::memory_order_relaxed); }
    qint64 failed() const { return failed_.load(std::memory_order_relaxed); }

private:
    mutable std::mutex mutex_;
    std::deque<RequestRecord> records_;
    qsizetype capacity_;
    qint64 pushed_ = 0;
    qint64 taken_ = 0;
    std::atomic<qint64> exported_{0};
    std::atomic<qint64> dropped_{0};
    std::atomic<qint64> failed_{0};
};

}  // namespace signalbox
