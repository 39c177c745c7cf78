#include "dashboard/DashboardScope.h"

#include <QDateTime>

namespace signalbox {

DashboardScope DashboardScope::of(const RequestFilter& filter, int utcOffsetMinutes) {
    DashboardScope scope;
    scope.filter = filter;
    const qint64 span = filter.toMs - filter.fromMs;
    scope.traffic.size = span <= kMinuteBucketsUpToMs ? TimeBucket::Size::Minute
                         : span <= kHourBucketsUpToMs ? TimeBucket::Size::Hour
                                                      : TimeBucket::Size::Day;
    scope.spend.size = span <= kHourlySpendUpToMs ? TimeBucket::Size::Hour : TimeBucket::Size::Day;
    scope.traffic.utcOffsetMinutes = utcOffsetMinutes;
    scope.spend.utcOffsetMinutes = utcOffsetMinutes;
    return scope;
}

int DashboardScope::localOffsetMinutesAt(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms).offsetFromUtc() / 60;
}

std::vector<qint64> DashboardScope::bucketStarts(const RequestFilter& filter,
                                                 const TimeBucket& bucket) {
    std::vector<qint64> starts;
    if (filter.toMs <= filter.fromMs)
        return starts;
    const qint64 last = bucket.startOf(filter.toMs - 1);
    for (qint64 at = bucket.startOf(filter.fromMs); at <= last; at += bucket.sizeMs())
        starts.push_back(at);
    return starts;
}

}  // namespace signalbox
