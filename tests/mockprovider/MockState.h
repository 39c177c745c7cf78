#pragma once

#include "MockFault.h"

#include <QByteArray>
#include <QList>

#include <atomic>

#include <deque>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace signalbox::mock {

// A request the mock received, for assertions.
struct RecordedRequest {
    QByteArray method;
    QByteArray path;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

// State shared by the mock's worker threads: queued faults, what was received.
class MockState {
public:
    void pushFault(MockFault fault) {
        std::lock_guard lock(mutex_);
        faults_.push_back(std::move(fault));
    }
    std::optional<MockFault> takeFault() {
        std::lock_guard lock(mutex_);
        if (faults_.empty())
            return std::nullopt;
        MockFault f = std::move(faults_.front());
        faults_.pop_front();
        return f;
    }
    void record(RecordedRequest r) {
        std::lock_guard lock(mutex_);
        requests_.push_back(std::move(r));
    }
    std::vector<RecordedRequest> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }
    void reset() {
        std::lock_guard lock(mutex_);
        faults_.clear();
        requests_.clear();
    }
    void setExpectedKey(QByteArray key) {
        std::lock_guard lock(mutex_);
        expectedKey_ = std::move(key);
    }
    QByteArray expectedKey() const {
        std::lock_guard lock(mutex_);
        return expectedKey_;
    }
    int defaultChunkDelayMs = 0;
    std::atomic<int> clientsGone{0};  // streams whose client left before the end

private:
    mutable std::mutex mutex_;
    std::deque<MockFault> faults_;
    std::vector<RecordedRequest> requests_;
    QByteArray expectedKey_;  // empty: any Authorization is accepted
};

}  // namespace signalbox::mock
