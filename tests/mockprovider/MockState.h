#pragma once

#include "MockFault.h"

#include <QByteArray>
#include <QList>
#include <QString>

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
    QString model;           // from the body, the Gemini path or the Azure deployment
    QList<QByteArray> keys;  // the API keys it carried, whichever header or query held them
};

// State shared by the mock's worker threads: queued faults, what was received.
class MockState {
public:
    void pushFault(MockFault fault);
    // The first queued fault meant for a request for `model` carrying `keys`.
    // It serves one of its `times`; the others stay queued in their order.
    std::optional<MockFault> takeFault(const QString& model = {},
                                       const QList<QByteArray>& keys = {});
    void clearFaults();
    void record(RecordedRequest r);
    std::vector<RecordedRequest> requests() const;
    // Requests received for `model` carrying `key`; an empty one matches any.
    int count(const QString& model = {}, const QByteArray& key = {}) const;
    // Forgets the faults and the requests.
    void reset();
    void setExpectedKey(QByteArray key);
    QByteArray expectedKey() const;

    int defaultChunkDelayMs = 0;
    std::atomic<int> clientsGone{0};  // streams whose client left before the end

private:
    mutable std::mutex mutex_;
    std::deque<MockFault> faults_;
    std::vector<RecordedRequest> requests_;
    QByteArray expectedKey_;  // empty: any Authorization is accepted
};

}  // namespace signalbox::mock
