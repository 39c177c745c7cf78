#pragma once

#include <QtGlobal>

namespace signalbox {

// List prices of one model in USD per million tokens. -1: not priced separately (cached
// input then costs as input; cache writes as input).
struct ModelPrice {
    double input = 0;
    double output = 0;
    double cachedInput = -1;
    double cacheWrite = -1;

    // What a call of this many uncached tokens costs, in USD.
    double cost(qint64 inputTokens, qint64 outputTokens) const {
        return (static_cast<double>(inputTokens) * input +
                static_cast<double>(outputTokens) * output) /
               1e6;
    }

    friend bool operator==(const ModelPrice&, const ModelPrice&) = default;
};

}  // namespace signalbox
