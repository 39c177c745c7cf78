#pragma once

namespace signalbox {

// Gives the C library's free memory back to the system once traffic stops. After a
// thousand streams end, glibc's per-thread arenas hold tens of megabytes that are free
// but still resident: the proxy's memory would stay at its peak, not fall back to idle.
// Called by a worker that has been idle for a moment (never under steady traffic); does
// nothing when no exchange finished since the last time. Any thread.
void releaseFreeMemory();
// How many exchanges have finished in the process: the worker counts, the release reads.
void noteExchangeFinished();

}  // namespace signalbox
