#pragma once

#include "engine/ProviderKey.h"
#include "routing/TargetHealth.h"

#include <QString>

#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace signalbox {

// Spreads one provider's calls over its keys by weight (smooth weighted round-robin:
// weights 3 and 1 go a a b a, never a a a b), passing over keys that rest after a rate
// limit or whose breaker is open. Shared by every worker thread.
class KeyRing {
public:
    explicit KeyRing(QString providerId) : providerId_(std::move(providerId)) {}

    // The index in `keys` of the key for the next call, or -1 when every key rests or is
    // benched. The chosen key's health is acquired (see TargetHealth::tryAcquire) and,
    // when `health` is given, stored there.
    int pick(const std::vector<ProviderKey>& keys, qint64 nowMs, TargetHealth** health = nullptr);
    // How long until one of `keys` may take a call again; 0 when one may now.
    qint64 waitMs(const std::vector<ProviderKey>& keys, qint64 nowMs);
    // The health of the key `ref`; stays valid as long as the ring.
    TargetHealth& health(const QString& ref);

    std::vector<TargetHealth::Status> status(qint64 nowMs) const;

    // One key as the UI lists it: named by its provider and reference, never by the
    // secret.
    struct KeyStatus {
        QString providerId;
        QString ref;  // "env:OPENAI_API_KEY", "keychain:openai-2"
        TargetHealth::Status health;
    };
    // Every key the ring has seen, by reference. A copy: safe while workers call.
    std::vector<KeyStatus> keyStatus(qint64 nowMs) const;

private:
    struct Slot {
        std::unique_ptr<TargetHealth> health;
        long long current = 0;  // the round-robin's running weight
    };
    Slot& slot(const QString& ref);  // with mutex_ held

    const QString providerId_;
    mutable std::mutex mutex_;
    std::map<QString, Slot> slots_;  // by key reference
};

}  // namespace signalbox
