#include "routing/HealthBoard.h"

#include <algorithm>
#include <mutex>
#include <tuple>

namespace signalbox {

TargetHealth* HealthBoard::target(const QString& label) {
    {
        std::shared_lock lock(mutex_);
        if (const auto it = targets_.find(label); it != targets_.end())
            return it->second.get();
    }
    std::unique_lock lock(mutex_);
    auto& slot = targets_[label];
    if (!slot) {
        if (targets_.size() > kMaxEntries) {
            targets_.erase(label);
            return nullptr;
        }
        slot = std::make_unique<TargetHealth>(label);
    }
    return slot.get();
}

KeyRing& HealthBoard::keys(const QString& providerId) {
    {
        std::shared_lock lock(mutex_);
        if (const auto it = rings_.find(providerId); it != rings_.end())
            return *it->second;
    }
    std::unique_lock lock(mutex_);
    auto& slot = rings_[providerId];
    if (!slot)
        slot = std::make_unique<KeyRing>(providerId);
    return *slot;
}

std::vector<TargetHealth::Status> HealthBoard::targetStatus() const {
    const qint64 now = clock_.monotonicMs();
    std::vector<TargetHealth::Status> out;
    {
        std::shared_lock lock(mutex_);
        for (const auto& [label, health] : targets_)
            out.push_back(health->status(now));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
}

std::vector<TargetHealth::Status> HealthBoard::keyStatus() const {
    const qint64 now = clock_.monotonicMs();
    std::vector<TargetHealth::Status> out;
    {
        std::shared_lock lock(mutex_);
        for (const auto& [id, ring] : rings_) {
            for (TargetHealth::Status& s : ring->status(now))
                out.push_back(std::move(s));
        }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
}

std::vector<KeyRing::KeyStatus> HealthBoard::providerKeyStatus() const {
    const qint64 now = clock_.monotonicMs();
    std::vector<KeyRing::KeyStatus> out;
    {
        std::shared_lock lock(mutex_);
        for (const auto& [id, ring] : rings_) {
            for (KeyRing::KeyStatus& s : ring->keyStatus(now))
                out.push_back(std::move(s));
        }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return std::tie(a.providerId, a.ref) < std::tie(b.providerId, b.ref);
    });
    return out;
}

}  // namespace signalbox
