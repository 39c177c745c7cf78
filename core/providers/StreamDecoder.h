#pragma once

#include "providers/StreamEvent.h"

#include <QByteArrayView>

#include <vector>

namespace signalbox {

// Reads one provider's streamed answer, as bytes in pieces cut anywhere, into
// canonical events. One per call.
class StreamDecoder {
public:
    virtual ~StreamDecoder() = default;

    // Appends the events completed by `bytes` to `out`. Returns false when the stream
    // cannot be read (not the format's framing or JSON); `out` then ends with an Error.
    virtual bool feed(QByteArrayView bytes, std::vector<StreamEvent>& out) = 0;
    // The provider closed the stream. Appends what the end implies (e.g. the last
    // block stops). Returns whether the stream ended as the format ends a complete
    // answer ([DONE], message_stop, a finish reason); false means it was cut short.
    virtual bool finish(std::vector<StreamEvent>& out) = 0;
};

}  // namespace signalbox
