#pragma once

#include "json/Json.h"
#include "providers/ChatRequest.h"
#include "providers/openai/OpenAiFormatOptions.h"

#include <QStringList>

namespace signalbox {

// Writes the canonical request as an OpenAI chat completions body for one provider.
// `sameFormat`: the client spoke this format too, so its own extras, cache_control,
// reasoning_content and folded tool call ids go back as it sent them, in its member
// order; otherwise whatever has no place here is named in `dropped`.
class OpenAiRequestEncoder {
public:
    static Json encode(const ChatRequest& request, const OpenAiFormatOptions& options,
                       bool sameFormat, QStringList& dropped);
};

}  // namespace signalbox
