#pragma once

#include "store/RequestTotals.h"

#include <QString>
#include <QtGlobal>

namespace signalbox {

// One group's requests within one time bucket: the same sums as a range's totals. Only
// buckets and groups with requests appear; a chart fills the gaps with zeros.
struct SeriesPoint : RequestTotals {
    qint64 bucketStartMs = 0;  // TimeBucket::startOf() of the requests counted here
    QString group;             // see RequestGrouping

    friend bool operator==(const SeriesPoint&, const SeriesPoint&) = default;
};

}  // namespace signalbox
