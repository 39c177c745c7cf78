#pragma once

#include "providers/StreamEvent.h"

#include <QByteArray>

namespace signalbox {

// Writes canonical events as one client format's stream. One per call. An encoder may
// hold an event back until it has what the format needs (OpenAI's usage chunk comes
// after the finish; Anthropic's message_delta carries both).
class StreamEncoder {
public:
    virtual ~StreamEncoder() = default;

    // Appends the bytes for `event` (possibly none yet) to `out`.
    virtual void encode(const StreamEvent& event, QByteArray& out) = 0;
    // The stream is complete: appends what is still held and the format's end.
    virtual void finish(QByteArray& out) = 0;
    // The stream broke after bytes went out: appends an error in the format's stream
    // shape and nothing that would read as a clean end.
    virtual void fail(const ApiError& error, QByteArray& out) = 0;
};

}  // namespace signalbox
