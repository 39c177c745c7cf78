#pragma once

#include <QByteArray>

namespace signalbox {

// A fresh id for x-signalbox-request-id: "sb-" and 16 hex digits, unique per
// process run without a lock (a per-thread random stream).
QByteArray newRequestId();

}  // namespace signalbox
