#pragma once

#include "json/Json.h"
#include "providers/ApiError.h"
#include "providers/ChatRequest.h"

namespace signalbox {

// A generateContent body → canonical: the reverse of GeminiRequestEncoder, for a Gemini
// client surface and for round-trip tests. The model is in the URL, so it stays empty.
class GeminiRequestDecoder {
public:
    static bool decode(const Json& body, ChatRequest& out, ApiError& error);
};

}  // namespace signalbox
