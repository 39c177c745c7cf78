#pragma once

#include "providers/ChatResponse.h"
#include "providers/StreamEvent.h"

#include <vector>

namespace signalbox {

// A whole answer told as the events of a stream, for a client that asked to stream
// when the answer came whole (a provider that ignored `stream`, a cache hit).
class ResponseEvents {
public:
    static std::vector<StreamEvent> fromResponse(const ChatResponse& response);
};

}  // namespace signalbox
