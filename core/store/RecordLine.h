#pragma once

#include "store/RequestRecord.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace signalbox {

// A record as one line of JSON in the journal, named as the columns are. Written on the
// proxy threads (so by hand, into a buffer that is reused), read back on the store's.
class RecordLine {
public:
    // Appends the record and a line break to `out`.
    static void write(const RequestRecord& record, QByteArray& out);
    // nullopt when the line is not a record. A line that begins with what a write cut
    // short left (a full disk) is read as the record appended after it.
    static std::optional<RequestRecord> read(QByteArrayView line);
};

}  // namespace signalbox
