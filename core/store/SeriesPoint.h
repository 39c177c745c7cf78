#pragma once

#include <QString>
#include <QtGlobal>

namespace signalbox {

// One group's requests within one time bucket. Only buckets and groups with requests
// appear; a chart fills the gaps with zeros.
struct SeriesPoint {
    qint64 bucketStartMs = 0;  // TimeBucket::startOf() of the requests counted here
    QString group;             // see RequestGrouping
    qint64 requests = 0;
    qint64 errors = 0;         // status >= 400 (499: the client left) or a truncated stream
    qint64 cacheHits = 0;      //
    qint64 inputTokens = 0;    // unknown counts add nothing
    qint64 outputTokens = 0;   //
    double costUsd = 0;        // the priced requests only
    qint64 unpriced = 0;       // requests with no cost (the model has no price)
    qint64 costEstimated = 0;  // requests priced from estimated tokens

    friend bool operator==(const SeriesPoint&, const SeriesPoint&) = default;
};

}  // namespace signalbox
