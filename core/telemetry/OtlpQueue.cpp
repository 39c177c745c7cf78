#include "telemetry/OtlpQueue.h"

#include "telemetry/OtlpTraceEncoder.h"

namespace signalbox {

bool OtlpQueue::push(const RequestRecord& record, qsizetype* sizeAfter) {
    {
        const std::lock_guard lock(mutex_);
        if (records_.size() < static_cast<size_t>(capacity_)) {
            // Strings are shared, not copied; the bodies are never exported.
            RequestRecord& copy = records_.emplace_back(record);
            copy.requestBody = {};
            copy.responseBody = {};
            ++pushed_;
            if (sizeAfter != nullptr)
                *sizeAfter = static_cast<qsizetype>(records_.size());
            return true;
        }
    }
    addDropped(OtlpTraceEncoder::spanCount(record));
    if (sizeAfter != nullptr)
        *sizeAfter = capacity_;
    return false;
}

std::vector<RequestRecord> OtlpQueue::take(int maxSpans) {
    std::vector<RequestRecord> out;
    const std::lock_guard lock(mutex_);
    int spans = 0;
    while (!records_.empty()) {
        const int next = OtlpTraceEncoder::spanCount(records_.front());
        if (!out.empty() && spans + next > maxSpans)
            break;
        spans += next;
        out.push_back(std::move(records_.front()));
        records_.pop_front();
        ++taken_;
    }
    return out;
}

void OtlpQueue::clear() {
    const std::lock_guard lock(mutex_);
    taken_ += static_cast<qint64>(records_.size());
    records_.clear();
}

qint64 OtlpQueue::pushed() const {
    const std::lock_guard lock(mutex_);
    return pushed_;
}

qint64 OtlpQueue::taken() const {
    const std::lock_guard lock(mutex_);
    return taken_;
}

qsizetype OtlpQueue::size() const {
    const std::lock_guard lock(mutex_);
    return static_cast<qsizetype>(records_.size());
}

}  // namespace signalbox
