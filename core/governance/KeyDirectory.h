#pragma once

#include "governance/VirtualKey.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace signalbox {

class Clock;
class KeyMeter;

// A virtual key as the proxy sees it: its settings as of the last change, and the live
// meter of its limits and spend, which outlives edits of the settings.
struct KeyEntry {
    VirtualKey key;
    std::shared_ptr<KeyMeter> meter;
};

// Every virtual key, for the proxy threads: looked up by the hash of the presented secret
// without a lock (the set is an immutable map swapped whole on a change; changes are
// rare). Revoked and expired keys stay in it, so that a refusal can say why.
class KeyDirectory {
public:
    explicit KeyDirectory(const Clock& clock);
    ~KeyDirectory();

    std::shared_ptr<const KeyEntry> find(QByteArrayView secret) const;
    std::shared_ptr<const KeyEntry> byId(const QString& id) const;
    std::vector<std::shared_ptr<const KeyEntry>> all() const;
    // Any key that may be used now.
    bool anyInForce() const;

    // The keys as the store has them. Keys already known keep their meters (with the new
    // limits); every meter takes `spent`, what the store recorded of the key in its
    // budget's current period, by id, where it had counted less (a new key, a new period).
    void replace(const std::vector<VirtualKey>& keys, const std::map<QString, double>& spent);
    // One key created or changed here.
    void put(const VirtualKey& key);

private:
    struct Maps {
        std::unordered_map<QByteArray, std::shared_ptr<const KeyEntry>> byHash;
        std::map<QString, std::shared_ptr<const KeyEntry>> byId;
    };

    std::shared_ptr<const KeyEntry> entryFor(const VirtualKey& key, const Maps& old,
                                             double spent) const;

    const Clock& clock_;
    std::atomic<std::shared_ptr<const Maps>> maps_;
    std::mutex writing_;  // one change at a time
};

}  // namespace signalbox
