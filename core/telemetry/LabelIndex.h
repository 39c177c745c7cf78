#pragma once

#include <vector>

namespace signalbox {

// Numbers the values of one label (status codes, attempt outcomes) in order of first
// sight, so that a series keeps its counters in a fixed array and the hot path never
// allocates. The last slot is "other": values beyond it fold there. Not thread-safe:
// the owner reads under a shared lock and adds under an exclusive one.
template <typename Key>
class LabelIndex {
public:
    static constexpr int kSlots = 32;
    static constexpr int kOther = kSlots - 1;

    LabelIndex() { keys_.reserve(kOther); }

    // The slot of `key`; -1 when unseen and there is still room for it.
    int find(const Key& key) const {
        for (size_t i = 0; i < keys_.size(); ++i) {
            if (keys_[i] == key)
                return static_cast<int>(i);
        }
        return keys_.size() == static_cast<size_t>(kOther) ? kOther : -1;
    }

    int add(const Key& key) {
        const int slot = find(key);
        if (slot >= 0)
            return slot;
        keys_.push_back(key);
        return static_cast<int>(keys_.size()) - 1;
    }

    // Values by slot; slots past the end (and kOther) have none.
    const std::vector<Key>& keys() const { return keys_; }

private:
    std::vector<Key> keys_;
};

}  // namespace signalbox
