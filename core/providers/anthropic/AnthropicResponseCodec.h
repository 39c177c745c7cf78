#pragma once

#include "json/Json.h"
#include "providers/ApiError.h"
#include "providers/ChatResponse.h"

#include <QString>

namespace signalbox {

// A non-streamed Message object, both ways.
class AnthropicResponseCodec {
public:
    // A provider's answer → canonical; false with a BadResponse when it is no message.
    // Blocks the canonical model has no kind for (server tool calls and their results)
    // are left out: the client of another format could not use them.
    static bool decode(const Json& body, ChatResponse& out, ApiError& error);
    // Canonical → the client's Message. Tool call ids carry a Gemini signature folded in.
    static Json encode(const ChatResponse& response);

    // "msg_" and 24 random hex digits, for answers whose provider gave no id.
    static QString newMessageId();
};

}  // namespace signalbox
