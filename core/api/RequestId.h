#pragma once

#include <QByteArray>

namespace signalbox {

// A fresh id for x-signalbox-request-id: "sb-" and 16 hex digits. The first 11 are the
// Unix time in milliseconds, the last 5 a process-wide counter that starts at a random
// value: ids sort by time, so the store appends them to the end of its primary-key index
// instead of writing a page at random for each, and within a process two ids are equal
// only if a million were made in one millisecond.
QByteArray newRequestId();
// The same for a given time and counter (tests).
QByteArray requestIdFor(qint64 unixMs, quint32 counter);

}  // namespace signalbox
