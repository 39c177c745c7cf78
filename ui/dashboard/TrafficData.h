#pragma once

#include "store/RequestFilter.h"
#include "store/SeriesPoint.h"
#include "store/TimeBucket.h"

#include <vector>

namespace signalbox {

// Requests and errors per bucket over the whole range, zeros where there were none:
// the traffic chart's two lines. Built from a series of any grouping (its groups are
// added up), off the GUI thread.
struct TrafficData {
    TimeBucket bucket;
    std::vector<qint64> buckets;  // starts
    std::vector<qint64> requests;
    std::vector<qint64> errors;

    static TrafficData from(const std::vector<SeriesPoint>& points, const RequestFilter& filter,
                            const TimeBucket& bucket);
};

}  // namespace signalbox
