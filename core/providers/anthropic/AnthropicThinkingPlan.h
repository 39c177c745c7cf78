#pragma once

#include "json/Json.h"
#include "providers/ChatRequest.h"

#include <QByteArray>
#include <QString>

namespace signalbox {

// How a canonical request's reasoning settings become Anthropic's `thinking`,
// `output_config.effort` and `max_tokens`, which constrain each other: a thinking budget
// must be at least 1024 tokens and below max_tokens, and the newest models take only
// adaptive thinking steered by an effort level.
class AnthropicThinkingPlan {
public:
    // max_tokens when the client gave none: 4096 is the most every Claude model accepts
    // (the Claude 3 models stop there), so the default is valid wherever it goes.
    static constexpr qint64 kDefaultMaxTokens = 4096;
    // With adaptive thinking the reasoning shares max_tokens with the answer and its size
    // is the model's choice, so the default leaves room for both.
    static constexpr qint64 kAdaptiveDefaultMaxTokens = 16384;
    static constexpr qint64 kMinimumBudget = 1024;  // documented floor of budget_tokens

    Json thinking;      // the `thinking` object; null: write none
    QByteArray effort;  // output_config.effort; empty: none
    qint64 maxTokens = kDefaultMaxTokens;
    bool turnedOn = false;       // thinking on for a client of another format (sampling limits)
    bool effortDropped = false;  // the client's reasoning settings could not be honoured

    // For a request from an Anthropic client everything is written back as it came.
    static AnthropicThinkingPlan forRequest(const ChatRequest& request, bool fromAnthropic);

    // Whether `model` takes adaptive thinking with an effort level (Claude 4.6 and later,
    // which deprecate or refuse budget_tokens), read from ids such as "claude-opus-4-6",
    // "claude-3-7-sonnet-20250219" or "anthropic.claude-sonnet-4-6".
    static bool takesAdaptiveThinking(const QString& model);
    // The budget an effort level stands for on models that take budget_tokens.
    static qint64 budgetForEffort(const QString& effort);
    // The output_config.effort an effort level stands for; empty when none fits.
    static QByteArray adaptiveEffort(const QString& effort);
};

}  // namespace signalbox
