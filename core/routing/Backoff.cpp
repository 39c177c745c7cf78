#include "routing/Backoff.h"

#include <algorithm>
#include <cmath>

namespace signalbox {

int backoffDelayMs(int retry, int baseMs, int maxMs, double random01) {
    if (baseMs <= 0 || maxMs <= 0)
        return 0;
    const double step =
        std::min(static_cast<double>(maxMs),
                 static_cast<double>(baseMs) * std::ldexp(1.0, std::min(retry, 30)));
    const double r = std::clamp(random01, 0.0, 1.0);
    return static_cast<int>(step / 2 + r * (step / 2));
}

}  // namespace signalbox
