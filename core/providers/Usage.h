#pragma once

#include <QtGlobal>

namespace signalbox {

// Token counts in one meaning for every format. `inputTokens` counts the whole prompt,
// cached parts included (OpenAI's prompt_tokens; Anthropic's input_tokens plus its two
// cache counts); `outputTokens` counts everything generated, reasoning included
// (OpenAI's completion_tokens; Gemini's candidates plus thoughts). -1: not reported.
struct Usage {
    qint64 inputTokens = -1;
    qint64 outputTokens = -1;
    qint64 cacheReadTokens = 0;   // part of inputTokens served from the provider's cache
    qint64 cacheWriteTokens = 0;  // part of inputTokens written to it (Anthropic)
    qint64 reasoningTokens = 0;   // part of outputTokens spent thinking

    bool known() const { return inputTokens >= 0 || outputTokens >= 0; }

    // Takes what `later` counted: streams report counts cumulatively and in parts
    // (Anthropic's message_start has the input, message_delta the output), so the larger
    // of each count is the latest.
    void merge(const Usage& later) {
        inputTokens = qMax(inputTokens, later.inputTokens);
        outputTokens = qMax(outputTokens, later.outputTokens);
        cacheReadTokens = qMax(cacheReadTokens, later.cacheReadTokens);
        cacheWriteTokens = qMax(cacheWriteTokens, later.cacheWriteTokens);
        reasoningTokens = qMax(reasoningTokens, later.reasoningTokens);
    }
};

}  // namespace signalbox
