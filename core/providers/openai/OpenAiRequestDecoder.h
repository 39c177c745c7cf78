#pragma once

#include "json/Json.h"
#include "providers/ApiError.h"
#include "providers/ChatRequest.h"

namespace signalbox {

// Reads a client's POST /v1/chat/completions body into the canonical request. What the
// canonical model has no place for at the top level goes to `extra`, in order; what
// cannot be carried at all (audio and file parts, legacy function messages) is refused
// with the field named, as OpenAI names it ("messages[1].content[0].type").
class OpenAiRequestDecoder {
public:
    static bool decode(const Json& body, ChatRequest& out, ApiError& error);
};

}  // namespace signalbox
