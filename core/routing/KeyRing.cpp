#include "routing/KeyRing.h"

#include <QVarLengthArray>

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

int KeyRing::pick(const std::vector<ProviderKey>& keys, qint64 nowMs, TargetHealth** health) {
    std::lock_guard lock(mutex_);
    const qsizetype n = static_cast<qsizetype>(keys.size());
    QVarLengthArray<Slot*, 8> ring(n);
    QVarLengthArray<bool, 8> open(n);  // may take a call now
    long long total = 0;
    for (qsizetype i = 0; i < n; ++i) {
        ring[i] = &slot(keys[static_cast<size_t>(i)].ref);
        open[i] = ring[i]->health->available(nowMs);
        if (open[i])
            total += keys[static_cast<size_t>(i)].weight;
    }
    const auto weight = [&](qsizetype i) { return keys[static_cast<size_t>(i)].weight; };
    for (;;) {
        // The open key furthest ahead once every open key gains its weight.
        qsizetype best = -1;
        for (qsizetype i = 0; i < n; ++i) {
            if (open[i] &&
                (best < 0 || ring[i]->current + weight(i) > ring[best]->current + weight(best))) {
                best = i;
            }
        }
        if (best < 0)
            return -1;
        // A half-open key's one trial may have gone to another thread meanwhile.
        if (!ring[best]->health->tryAcquire(nowMs)) {
            open[best] = false;
            total -= weight(best);
            continue;
        }
        for (qsizetype i = 0; i < n; ++i) {
            if (open[i])
                ring[i]->current += weight(i);
        }
        ring[best]->current -= total;
        if (health != nullptr)
            *health = ring[best]->health.get();
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

std::vector<KeyRing::KeyStatus> KeyRing::keyStatus(qint64 nowMs) const {
    std::lock_guard lock(mutex_);
    std::vector<KeyStatus> out;
    out.reserve(slots_.size());
    for (const auto& [ref, s] : slots_)
        out.push_back({providerId_, ref, s.health->status(nowMs)});
    return out;
}

}  // namespace signalbox
