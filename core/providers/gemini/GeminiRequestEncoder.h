#pragma once

#include "json/Json.h"
#include "providers/ChatRequest.h"

#include <QStringList>

namespace signalbox {

// Canonical request → a generateContent body. The model goes in the URL, not here.
// Fields Gemini has no place for are named in `dropped` as the client knows them.
class GeminiRequestEncoder {
public:
    static Json encode(const ChatRequest& request, QStringList& dropped);
};

}  // namespace signalbox
