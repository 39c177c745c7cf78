#pragma once

#include "json/Json.h"
#include "providers/ChatRequest.h"

#include <QStringList>

#include <optional>

namespace signalbox {

// models/{model}:countTokens in its generateContentRequest form, which counts the
// system instruction and the tools along with the contents (the bare `contents` form
// counts contents only).
class GeminiCountTokens {
public:
    static Json encodeRequest(const ChatRequest& request, QStringList& dropped);
    // totalTokens of a countTokens answer; nullopt when the answer has none.
    static std::optional<qint64> totalTokens(const Json& response);
};

}  // namespace signalbox
