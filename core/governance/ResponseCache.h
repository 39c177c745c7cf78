#pragma once

#include "governance/CachedAnswer.h"

#include <QByteArray>
#include <QHash>

#include <array>
#include <atomic>
#include <list>
#include <memory>
#include <mutex>

namespace signalbox {

class Clock;

// Whole answers by CacheKey, each for a time to live, within a byte budget. Shared by
// every proxy worker thread: keys spread over shards that lock on their own, each with
// its share of the budget and its own least-recently-used order.
class ResponseCache {
public:
    ResponseCache(const Clock& clock, qint64 maxBytes);

    // The answer kept under `key`, or null when there is none or it has expired (an
    // expired one is dropped). A hit makes the entry the most recently used.
    std::shared_ptr<const CachedAnswer> find(const QByteArray& key);
    // Keeps `answer` for `ttlMs`, replacing what `key` held, and drops the least recently
    // used entries of its shard to make room. An answer bigger than a shard's share of
    // the budget, or a ttl of 0 or less, is not kept (and `key` holds nothing after).
    void insert(const QByteArray& key, std::shared_ptr<const CachedAnswer> answer, qint64 ttlMs);
    // A smaller budget evicts at once.
    void setMaxBytes(qint64 maxBytes);
    // Drops every entry; the counters keep counting.
    void clear();

    qint64 bytes() const { return bytes_.load(std::memory_order_relaxed); }  // estimated
    qint64 entries() const { return entries_.load(std::memory_order_relaxed); }
    qint64 hits() const { return hits_.load(std::memory_order_relaxed); }
    qint64 misses() const { return misses_.load(std::memory_order_relaxed); }
    qint64 evictions() const { return evictions_.load(std::memory_order_relaxed); }

    // What an entry is taken to weigh: its strings and bytes and a fixed overhead.
    static qint64 estimateBytes(const QByteArray& key, const CachedAnswer& answer);

private:
    struct Entry {
        QByteArray key;
        std::shared_ptr<const CachedAnswer> answer;
        qint64 expiresAtMs = 0;
        qint64 bytes = 0;
    };
    struct Shard {
        std::mutex mutex;
        std::list<Entry> order;  // most recently used first
        QHash<QByteArray, std::list<Entry>::iterator> index;
        qint64 bytes = 0;
    };
    static constexpr int kShards = 16;

    Shard& shardOf(const QByteArray& key);
    qint64 shardCap() const { return maxBytes_.load(std::memory_order_relaxed) / kShards; }
    void erase(Shard& shard, std::list<Entry>::iterator it);  // shard locked
    void evictTo(Shard& shard, qint64 cap);                   // shard locked

    const Clock& clock_;
    std::atomic<qint64> maxBytes_;
    std::array<Shard, kShards> shards_;
    std::atomic<qint64> bytes_{0};
    std::atomic<qint64> entries_{0};
    std::atomic<qint64> hits_{0};
    std::atomic<qint64> misses_{0};
    std::atomic<qint64> evictions_{0};
};

}  // namespace signalbox
