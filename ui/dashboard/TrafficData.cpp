#include "dashboard/TrafficData.h"

#include "dashboard/DashboardScope.h"

namespace signalbox {

TrafficData TrafficData::from(const std::vector<SeriesPoint>& points, const RequestFilter& filter,
                              const TimeBucket& bucket) {
    TrafficData data;
    data.bucket = bucket;
    data.buckets = DashboardScope::bucketStarts(filter, bucket);
    data.requests.assign(data.buckets.size(), 0);
    data.errors.assign(data.buckets.size(), 0);
    if (data.buckets.empty())
        return data;
    const qint64 first = data.buckets.front();
    for (const SeriesPoint& p : points) {
        const qint64 at = (p.bucketStartMs - first) / bucket.sizeMs();
        if (at < 0 || at >= qint64(data.buckets.size()))
            continue;
        data.requests[size_t(at)] += p.requests;
        data.errors[size_t(at)] += p.errors;
    }
    return data;
}

}  // namespace signalbox
