#pragma once

#include <QString>
#include <QtGlobal>

namespace signalbox {

// How the request log is doing, for /metrics and the window. A snapshot: counters only
// grow while the process lives.
struct StoreStats {
    bool enabled = false;  // the config asks for a log
    bool healthy = true;   // the last write succeeded (or none was needed)
    qint64 queued = 0;     // records accepted, not yet in the database
    qint64 written = 0;    // records committed
    qint64 dropped = 0;    // records lost: journal unwritable, full, or store off in error
    qint64 unpriced = 0;   // records whose model has no price (cost left NULL)
    qint64 deleted = 0;    // rows removed by retention
    QString lastError;     // the failure in words while unhealthy
};

}  // namespace signalbox
