#pragma once

#include "json/Json.h"
#include "providers/ApiError.h"
#include "providers/ChatResponse.h"

namespace signalbox {

// Whole (non-streamed) chat.completion answers, both ways. Only choice 0 is carried:
// the canonical answer has one candidate, and n > 1 is rare enough behind a gateway
// that translating it is not worth a second answer shape.
class OpenAiResponseCodec {
public:
    static bool decode(const Json& body, ChatResponse& out, ApiError& error);
    static Json encode(const ChatResponse& response);
};

}  // namespace signalbox
