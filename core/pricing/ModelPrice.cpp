#include "pricing/ModelPrice.h"

#include <algorithm>

namespace signalbox {

double ModelPrice::cost(qint64 inputTokens, qint64 cachedInputTokens, qint64 cacheWriteTokens,
                        qint64 outputTokens) const {
    const qint64 prompt = std::max<qint64>(inputTokens, 0);
    const qint64 cached = std::max<qint64>(cachedInputTokens, 0);
    const qint64 written = std::max<qint64>(cacheWriteTokens, 0);
    const qint64 generated = std::max<qint64>(outputTokens, 0);

    double in = input;
    double out = output;
    double cachedIn = cachedInput >= 0 ? cachedInput : input;
    double writeIn = cacheWrite >= 0 ? cacheWrite : input;
    if (longContext && prompt > longContext->threshold) {
        const LongContext& tier = *longContext;
        const double scale = input > 0 ? tier.input / input : 1;
        in = tier.input;
        out = tier.output;
        cachedIn = tier.cachedInput >= 0 ? tier.cachedInput : cachedIn * scale;
        writeIn = tier.cacheWrite >= 0 ? tier.cacheWrite : writeIn * scale;
    }
    // Counts that disagree (cached parts reported, the whole prompt not) still bill what
    // was reported, never a negative rest.
    const qint64 uncached = std::max<qint64>(prompt - cached - written, 0);
    return (static_cast<double>(uncached) * in + static_cast<double>(cached) * cachedIn +
            static_cast<double>(written) * writeIn + static_cast<double>(generated) * out) /
           1e6;
}

}  // namespace signalbox
