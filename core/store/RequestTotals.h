#pragma once

#include <QtGlobal>

namespace signalbox {

// Everything in a range added up: the figures above a dashboard's charts.
struct RequestTotals {
    qint64 requests = 0;
    qint64 errors = 0;         // status >= 400 (499: the client left) or a truncated stream
    qint64 cacheHits = 0;      //
    qint64 inputTokens = 0;    // unknown counts add nothing
    qint64 outputTokens = 0;   //
    double costUsd = 0;        // the priced requests only
    qint64 unpriced = 0;       // requests with no cost (the model has no price)
    qint64 costEstimated = 0;  // requests priced from estimated tokens
    double cacheSavedUsd = 0;  // what the cache hits cost when first answered

    // Shares of all requests, 0 when there were none.
    double errorRate() const { return requests ? double(errors) / double(requests) : 0; }
    double cacheHitRate() const { return requests ? double(cacheHits) / double(requests) : 0; }

    friend bool operator==(const RequestTotals&, const RequestTotals&) = default;
};

}  // namespace signalbox
