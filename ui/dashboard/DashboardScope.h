#pragma once

#include "store/RequestFilter.h"
#include "store/TimeBucket.h"

#include <vector>

namespace signalbox {

// What one refresh of the dashboard reads: the requests (a RequestFilter) and the steps
// of its two time series, chosen from the range's length so that a chart has tens of
// points, not thousands: traffic by the minute up to three hours, by the hour up to
// eight days, by the day beyond; spend by the hour up to two days, by the day beyond.
// Buckets follow the local time at the range's end (one offset for the whole range).
struct DashboardScope {
    static constexpr qint64 kMinuteBucketsUpToMs = 3 * 3'600'000;
    static constexpr qint64 kHourBucketsUpToMs = 8 * 86'400'000LL;
    static constexpr qint64 kHourlySpendUpToMs = 2 * 86'400'000LL;

    RequestFilter filter;
    TimeBucket traffic;
    TimeBucket spend;

    static DashboardScope of(const RequestFilter& filter, int utcOffsetMinutes);
    // The local offset, in minutes east of UTC, at `ms`.
    static int localOffsetMinutesAt(qint64 ms);
    // The start of every bucket from the one holding the range's start to the one
    // holding its last millisecond; none for an empty range.
    static std::vector<qint64> bucketStarts(const RequestFilter& filter, const TimeBucket& bucket);
};

}  // namespace signalbox
