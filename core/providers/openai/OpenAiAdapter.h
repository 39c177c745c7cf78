#pragma once

#include "providers/openai/OpenAiCompatibleAdapter.h"

namespace signalbox {

// OpenAI itself (kind "openai"): https://api.openai.com/v1, Bearer keys, chat,
// completions, embeddings and models. It takes max_completion_tokens, which its
// reasoning models require in place of max_tokens.
class OpenAiAdapter : public OpenAiCompatibleAdapter {
public:
    OpenAiAdapter();
};

}  // namespace signalbox
