#pragma once

#include <QtGlobal>

#include <optional>

namespace signalbox {

// List prices of one model in USD per million tokens. -1: not priced separately (cached
// input then costs as input; cache writes as input).
struct ModelPrice {
    // Prices of a call whose prompt, cached parts included, is longer than `threshold`
    // tokens: they apply to every token of that call, output too, as providers bill it.
    // A -1 here scales the base price as `input` scales it, which is what every
    // provider with such tiers does.
    struct LongContext {
        qint64 threshold = 0;
        double input = 0;
        double output = 0;
        double cachedInput = -1;
        double cacheWrite = -1;

        friend bool operator==(const LongContext&, const LongContext&) = default;
    };

    double input = 0;
    double output = 0;
    double cachedInput = -1;
    double cacheWrite = -1;
    std::optional<LongContext> longContext;

    // What a call costs, in USD. `inputTokens` is the whole prompt, the cached and cache
    // write parts included (as in Usage); a negative count is unknown and counts as 0.
    double cost(qint64 inputTokens, qint64 cachedInputTokens, qint64 cacheWriteTokens,
                qint64 outputTokens) const;
    // The same for a prompt with nothing cached.
    double cost(qint64 inputTokens, qint64 outputTokens) const {
        return cost(inputTokens, 0, 0, outputTokens);
    }

    friend bool operator==(const ModelPrice&, const ModelPrice&) = default;
};

}  // namespace signalbox
