#pragma once

#include <QString>
#include <QtGlobal>

namespace signalbox {

// Where a page of the log ended: the (started_at, id) of its last row. The next page
// holds the rows strictly older in that order, so rows that arrive meanwhile neither
// shift it nor show up twice.
struct LogCursor {
    qint64 startedAt = 0;
    QString id;

    friend bool operator==(const LogCursor&, const LogCursor&) = default;
};

}  // namespace signalbox
