#pragma once

#include "json/Json.h"
#include "providers/ApiError.h"
#include "providers/ChatRequest.h"

namespace signalbox {

// Reads a client's Messages API body (POST /v1/messages) into the canonical request.
// Top-level fields the canonical model has no place for go to `extra` in the client's
// order; blocks it cannot carry (documents, server-tool blocks, Files API sources) are
// refused by name rather than lost.
class AnthropicRequestReader {
public:
    // False with an InvalidRequest whose `param` is the offending field, dotted as
    // Anthropic's own messages write it ("messages.1.content.0.source").
    static bool read(const Json& body, ChatRequest& out, ApiError& error);
};

}  // namespace signalbox
