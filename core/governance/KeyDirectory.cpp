#include "governance/KeyDirectory.h"

#include "governance/KeyMeter.h"
#include "governance/KeySecret.h"
#include "routing/Clock.h"

namespace signalbox {

KeyDirectory::KeyDirectory(const Clock& clock)
    : clock_(clock), maps_(std::make_shared<const Maps>()) {}

KeyDirectory::~KeyDirectory() = default;

std::shared_ptr<const KeyEntry> KeyDirectory::find(QByteArrayView secret) const {
    const auto maps = maps_.load(std::memory_order_acquire);
    const auto found = maps->byHash.find(KeySecret::hash(secret));
    return found != maps->byHash.end() ? found->second : nullptr;
}

std::shared_ptr<const KeyEntry> KeyDirectory::byId(const QString& id) const {
    const auto maps = maps_.load(std::memory_order_acquire);
    const auto found = maps->byId.find(id);
    return found != maps->byId.end() ? found->second : nullptr;
}

std::vector<std::shared_ptr<const KeyEntry>> KeyDirectory::all() const {
    const auto maps = maps_.load(std::memory_order_acquire);
    std::vector<std::shared_ptr<const KeyEntry>> out;
    out.reserve(maps->byId.size());
    for (const auto& [id, entry] : maps->byId)
        out.push_back(entry);
    return out;
}

bool KeyDirectory::anyInForce() const {
    const qint64 now = clock_.wallMs();
    const auto maps = maps_.load(std::memory_order_acquire);
    for (const auto& [id, entry] : maps->byId) {
        if (!entry->key.revoked() && !entry->key.expired(now))
            return true;
    }
    return false;
}

std::shared_ptr<const KeyEntry> KeyDirectory::entryFor(const VirtualKey& key, const Maps& old,
                                                       double spent) const {
    auto entry = std::make_shared<KeyEntry>();
    entry->key = key;
    const auto known = old.byId.find(key.id);
    if (known != old.byId.end()) {
        entry->meter = known->second->meter;
        entry->meter->setLimits(key);
    } else {
        entry->meter = std::make_shared<KeyMeter>(key, clock_);
    }
    // Also for a known key: a changed period restarts its meter from zero, and seeding
    // never lowers what the meter already counted.
    if (spent > 0)
        entry->meter->seedSpend(spent, KeyMeter::periodStartMs(key.period, clock_.wallMs()));
    return entry;
}

void KeyDirectory::replace(const std::vector<VirtualKey>& keys,
                           const std::map<QString, double>& spent) {
    const std::lock_guard lock(writing_);
    const auto old = maps_.load(std::memory_order_acquire);
    auto maps = std::make_shared<Maps>();
    for (const VirtualKey& key : keys) {
        const auto found = spent.find(key.id);
        auto entry = entryFor(key, *old, found != spent.end() ? found->second : 0.0);
        maps->byHash.emplace(key.hash, entry);
        maps->byId.emplace(key.id, std::move(entry));
    }
    maps_.store(std::move(maps), std::memory_order_release);
}

void KeyDirectory::put(const VirtualKey& key) {
    const std::lock_guard lock(writing_);
    const auto old = maps_.load(std::memory_order_acquire);
    auto maps = std::make_shared<Maps>(*old);
    auto entry = entryFor(key, *old, 0.0);
    if (const auto known = old->byId.find(key.id); known != old->byId.end())
        maps->byHash.erase(known->second->key.hash);
    maps->byHash.insert_or_assign(key.hash, entry);
    maps->byId.insert_or_assign(key.id, std::move(entry));
    maps_.store(std::move(maps), std::memory_order_release);
}

}  // namespace signalbox
