#pragma once

#include "routing/Clock.h"
#include "routing/KeyRing.h"
#include "routing/TargetHealth.h"

#include <QHash>
#include <QString>

#include <memory>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

namespace signalbox {

// The health of every target and provider key the proxy has called, for routing (which
// target to skip, which is fastest) and for the UI. Outlives config reloads: a target
// keeps its record under the same provider/model. Thread-safe.
class HealthBoard {
public:
    explicit HealthBoard(const Clock& clock = Clock::system()) : clock_(clock) {}

    const Clock& clock() const { return clock_; }

    // The record of "provider/model", made on first use; stays valid as long as the
    // board. Null once the board holds kMaxEntries targets (models named by clients can
    // be anything): such a target is called without a breaker.
    TargetHealth* target(const QString& label);
    KeyRing& keys(const QString& providerId);

    // Every target and key with a record, by name.
    std::vector<TargetHealth::Status> targetStatus() const;
    std::vector<TargetHealth::Status> keyStatus() const;
    // Every key of every provider that rotates keys, by provider, then reference.
    std::vector<KeyRing::KeyStatus> providerKeyStatus() const;

    static constexpr size_t kMaxEntries = 4096;

private:
    const Clock& clock_;
    mutable std::shared_mutex mutex_;
    std::unordered_map<QString, std::unique_ptr<TargetHealth>> targets_;
    std::unordered_map<QString, std::unique_ptr<KeyRing>> rings_;
};

}  // namespace signalbox
