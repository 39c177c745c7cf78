#include "proxy/RequestRateSampler.h"

#include <algorithm>

namespace signalbox {

void RequestRateSampler::restart() {
    since_.invalidate();
}

bool RequestRateSampler::sample() {
    const RequestLog::Totals now = log_.totals();
    if (!since_.isValid()) {
        since_.start();
        last_ = now;
        return false;
    }
    // Never divide by less than a tenth of a second: two samples in a row would spike.
    const double seconds = std::max<qint64>(since_.restart(), 100) / 1000.0;
    history_.push_back({double(now.requests - last_.requests) / seconds,
                        double(now.errors - last_.errors) / seconds});
    if (history_.size() > kHistory)
        history_.pop_front();
    last_ = now;
    return true;
}

}  // namespace signalbox
