#include "http/FreeMemory.h"

#include <QtGlobal>

#include <atomic>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace signalbox {

namespace {
std::atomic<quint64> finished{0};
std::atomic<quint64> finishedAtLastRelease{0};
}  // namespace

void noteExchangeFinished() {
    finished.fetch_add(1, std::memory_order_relaxed);
}

void releaseFreeMemory() {
    const quint64 now = finished.load(std::memory_order_relaxed);
    if (finishedAtLastRelease.exchange(now, std::memory_order_relaxed) == now)
        return;  // nothing was freed since: another worker went idle with this one
#if defined(__GLIBC__)
    // Returns free pages of every arena, not only the top of the main heap.
    malloc_trim(0);
#endif
}

}  // namespace signalbox
