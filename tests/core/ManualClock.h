#pragma once

#include "routing/Clock.h"

namespace signalbox::test {

// A clock that moves only when a test moves it.
class ManualClock final : public Clock {
public:
    qint64 monotonicMs() const override { return monotonic; }
    qint64 wallMs() const override { return wall; }
    void advance(qint64 ms) {
        monotonic += ms;
        wall += ms;
    }

    qint64 monotonic = 1'000'000;
    qint64 wall = 1'795'000'000'000;  // 2026-11-19T...Z
};

}  // namespace signalbox::test
