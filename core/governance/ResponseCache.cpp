#include "governance/ResponseCache.h"

#include "routing/Clock.h"

namespace signalbox {

namespace {

// Bookkeeping per entry and per part (list node, hash slot, shared block, the structs
// themselves), so that many tiny answers still weigh something.
constexpr qint64 kEntryOverhead = 256 + sizeof(CachedAnswer);
constexpr qint64 kPartOverhead = sizeof(ContentPart);

qint64 stringBytes(const QString& s) {
    return s.size() * qint64(sizeof(QChar));
}

qint64 partBytes(const ContentPart& part) {
    qint64 n = kPartOverhead + stringBytes(part.text) + part.signature.size() +
               stringBytes(part.mediaType) + part.data.size() + stringBytes(part.url) +
               stringBytes(part.detail) + stringBytes(part.toolCallId) +
               stringBytes(part.toolName) + part.arguments.size();
    for (const ContentPart& inner : part.content)
        n += partBytes(inner);
    return n;
}

}  // namespace

ResponseCache::ResponseCache(const Clock& clock, qint64 maxBytes)
    : clock_(clock), maxBytes_(maxBytes) {}

qint64 ResponseCache::estimateBytes(const QByteArray& key, const CachedAnswer& answer) {
    const ChatResponse& r = answer.response;
    qint64 n = kEntryOverhead + 2 * key.size() + stringBytes(answer.target) + stringBytes(r.id) +
               stringBytes(r.model) + stringBytes(r.stopSequence);
    for (const ContentPart& part : r.content)
        n += partBytes(part);
    return n;
}

std::shared_ptr<const CachedAnswer> ResponseCache::find(const QByteArray& key) {
    Shard& shard = shardOf(key);
    std::lock_guard lock(shard.mutex);
    const auto found = shard.index.constFind(key);
    if (found == shard.index.constEnd()) {
        misses_.fetch_add(1, std::memory_order_relaxed);
        return nullptr;
    }
    const auto it = *found;
    if (clock_.monotonicMs() >= it->expiresAtMs) {
        erase(shard, it);
        misses_.fetch_add(1, std::memory_order_relaxed);
        return nullptr;
    }
    shard.order.splice(shard.order.begin(), shard.order, it);
    hits_.fetch_add(1, std::memory_order_relaxed);
    return it->answer;
}

void ResponseCache::insert(const QByteArray& key, std::shared_ptr<const CachedAnswer> answer,
                           qint64 ttlMs) {
    Shard& shard = shardOf(key);
    const qint64 size = answer ? estimateBytes(key, *answer) : 0;
    const qint64 now = clock_.monotonicMs();
    std::lock_guard lock(shard.mutex);
    const auto old = shard.index.constFind(key);
    if (old != shard.index.constEnd())
        erase(shard, *old);
    const qint64 cap = shardCap();
    if (!answer || ttlMs <= 0 || size > cap)
        return;
    evictTo(shard, cap - size);
    shard.order.push_front(Entry{key, std::move(answer), now + ttlMs, size});
    shard.index.insert(key, shard.order.begin());
    shard.bytes += size;
    bytes_.fetch_add(size, std::memory_order_relaxed);
    entries_.fetch_add(1, std::memory_order_relaxed);
}

void ResponseCache::setMaxBytes(qint64 maxBytes) {
    maxBytes_.store(maxBytes, std::memory_order_relaxed);
    const qint64 cap = shardCap();
    for (Shard& shard : shards_) {
        std::lock_guard lock(shard.mutex);
        evictTo(shard, cap);
    }
}

void ResponseCache::clear() {
    for (Shard& shard : shards_) {
        std::lock_guard lock(shard.mutex);
        while (!shard.order.empty())
            erase(shard, shard.order.begin());
    }
}

ResponseCache::Shard& ResponseCache::shardOf(const QByteArray& key) {
    return shards_[qHash(key) % kShards];
}

void ResponseCache::erase(Shard& shard, std::list<Entry>::iterator it) {
    shard.bytes -= it->bytes;
    bytes_.fetch_sub(it->bytes, std::memory_order_relaxed);
    entries_.fetch_sub(1, std::memory_order_relaxed);
    shard.index.remove(it->key);
    shard.order.erase(it);
}

void ResponseCache::evictTo(Shard& shard, qint64 cap) {
    while (!shard.order.empty() && shard.bytes > cap) {
        erase(shard, std::prev(shard.order.end()));
        evictions_.fetch_add(1, std::memory_order_relaxed);
    }
}

}  // namespace signalbox
