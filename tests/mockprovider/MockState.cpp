#include "MockState.h"

#include <algorithm>

namespace signalbox::mock {

void MockState::pushFault(MockFault fault) {
    std::lock_guard lock(mutex_);
    faults_.push_back(std::move(fault));
}

std::optional<MockFault> MockState::takeFault(const QString& model, const QList<QByteArray>& keys) {
    std::lock_guard lock(mutex_);
    const auto it = std::find_if(faults_.begin(), faults_.end(),
                                 [&](const MockFault& f) { return f.matches(model, keys); });
    if (it == faults_.end()) {
        return std::nullopt;
    }
    MockFault f = *it;
    if (it->times > 0 && --it->times == 0) {
        faults_.erase(it);
    }
    return f;
}

void MockState::clearFaults() {
    std::lock_guard lock(mutex_);
    faults_.clear();
}

void MockState::record(RecordedRequest r) {
    std::lock_guard lock(mutex_);
    requests_.push_back(std::move(r));
}

std::vector<RecordedRequest> MockState::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

int MockState::count(const QString& model, const QByteArray& key) const {
    std::lock_guard lock(mutex_);
    return static_cast<int>(
        std::count_if(requests_.begin(), requests_.end(), [&](const RecordedRequest& r) {
            return (model.isEmpty() || r.model == model) && (key.isEmpty() || r.keys.contains(key));
        }));
}

void MockState::reset() {
    std::lock_guard lock(mutex_);
    faults_.clear();
    requests_.clear();
}

void MockState::setExpectedKey(QByteArray key) {
    std::lock_guard lock(mutex_);
    expectedKey_ = std::move(key);
}

QByteArray MockState::expectedKey() const {
    std::lock_guard lock(mutex_);
    return expectedKey_;
}

}  // namespace signalbox::mock
