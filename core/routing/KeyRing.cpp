#include "routing/KeyRing.h"

#include <algorithm>

namespace signalbox {

KeyRing::Slot& KeyRing::slot(const QString& ref) {
    Slot& s = slots_[ref];
    if (!s.health) {
        s.health =
            std::make_unique<TargetHealth>(QStringLiteral("%1 key %2").arg(providerId_, ref));
    }
    return s;
}

TargetHealth& KeyRing::health(const QString& ref) {
    std::lock_guard lock(mutex_);
    return *slot(ref).health;
}

int KeyRing::pick(const std::vector<ProviderKey>& keys, qint64 nowMs) {
    std::lock_guard lock(mutex_);
    const size_t n = keys.size();
    std::vector<Slot*> ring(n);
    std::vector<bool> open(n);  // may take a call now
    long long total = 0;
    for (size_t i = 0; i < n; ++i) {
        ring[i] = &slot(keys[i].ref);
        open[i] = ring[i]->health->available(nowMs);
        if (open[i])
            total += keys[i].weight;
    }
    for (;;) {
        // The open key furthest ahead once every open key gains its weight.
        size_t best = n;
        for (size_t i = 0; i < n; ++i) {
            if (open[i] && (best == n || ring[i]->current + keys[i].weight >
                                             ring[best]->current + keys[best].weight)) {
                best = i;
            }
        }
        if (best == n)
            return -1;
        // A half-open key's one trial may have gone to another thread meanwhile.
        if (!ring[best]->health->tryAcquire(nowMs)) {
            open[best] = false;
            total -= keys[best].weight;
            continue;
        }
        for (size_t i = 0; i < n; ++i) {
            if (open[i])
                ring[i]->current += keys[i].weight;
        }
        ring[best]->current -= total;
        return static_cast<int>(best);
    }
}

qint64 KeyRing::waitMs(const std::vector<ProviderKey>& keys, qint64 nowMs) {
    std::lock_guard lock(mutex_);
    qint64 soonest = -1;
    for (const ProviderKey& key : keys) {
        const TargetHealth& h = *slot(key.ref).health;
        const qint64 wait = std::max(h.restingForMs(nowMs), h.benchedForMs(nowMs));
        soonest = soonest < 0 ? wait : std::min(soonest, wait);
    }
    return std::max<qint64>(0, soonest);
}

std::vector<TargetHealth::Status> KeyRing::status(qint64 nowMs) const {
    std::lock_guard lock(mutex_);
    std::vector<TargetHealth::Status> out;
    for (const auto& [ref, s] : slots_)
        out.push_back(s.health->status(nowMs));
    return out;
}

}  // namespace signalbox
