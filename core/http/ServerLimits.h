#pragma once

#include <QtGlobal>

namespace signalbox {

// What the inbound server tolerates from a client before it answers with an error.
struct ServerLimits {
    int maxHeaderBytes = 64 * 1024;
    qint64 maxBodyBytes = 32 * 1024 * 1024;
    int headerTimeoutMs = 10'000;
    int idleTimeoutMs = 60'000;
};

}  // namespace signalbox
