#include "routing/Clock.h"

#include <QDateTime>

#include <chrono>

namespace signalbox {

namespace {
class SystemClock final : public Clock {
public:
    qint64 monotonicMs() const override {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }
    qint64 wallMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};
}  // namespace

const Clock& Clock::system() {
    static const SystemClock clock;
    return clock;
}

}  // namespace signalbox
