#pragma once

namespace signalbox {

// How long to wait before retry number `retry` (0 for the first): exponential from
// `baseMs`, capped at `maxMs`, with "equal jitter": half of the step is fixed, the other
// half scaled by `random01` (in [0, 1)), so that callers who failed together spread out
// yet none retries at once.
int backoffDelayMs(int retry, int baseMs, int maxMs, double random01);

}  // namespace signalbox
