#pragma once

#include <QtGlobal>

namespace signalbox {

// Time as routing sees it: a monotonic clock for waits, breakers and latencies, and the
// wall clock for the dates in rate-limit headers. Tests inject their own.
class Clock {
public:
    virtual ~Clock() = default;
    virtual qint64 monotonicMs() const = 0;
    virtual qint64 wallMs() const = 0;  // since the Unix epoch

    static const Clock& system();
};

}  // namespace signalbox
