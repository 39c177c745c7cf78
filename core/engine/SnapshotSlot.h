#pragma once

#include "engine/ProxySnapshot.h"

#include <atomic>
#include <memory>

namespace signalbox {

// The one place the current snapshot lives. Workers load it once per request
// without a lock; a reload stores a new one and requests in flight keep theirs.
class SnapshotSlot {
public:
    std::shared_ptr<const ProxySnapshot> load() const {
        return current_.load(std::memory_order_acquire);
    }
    void store(std::shared_ptr<const ProxySnapshot> snapshot) {
        current_.store(std::move(snapshot), std::memory_order_release);
    }

private:
    std::atomic<std::shared_ptr<const ProxySnapshot>> current_;
};

}  // namespace signalbox
