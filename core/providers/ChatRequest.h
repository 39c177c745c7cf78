#pragma once

#include "json/Json.h"
#include "providers/ChatMessage.h"
#include "providers/ToolChoice.h"
#include "providers/ToolDefinition.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace signalbox {

class ChatFormat;

// The canonical chat request: what routing, governance and the store see, whatever
// format the client spoke. A format's decoder fills it from a client body; another
// format's encoder writes it for a provider.
struct ChatRequest {
    const ChatFormat* sourceFormat = nullptr;  // the client's format
    QString model;
    bool stream = false;
    bool includeUsage = false;  // the client asked for usage in the stream

    std::vector<ContentPart> system;  // Text parts, in order
    std::vector<ChatMessage> messages;
    std::vector<ToolDefinition> tools;
    ToolChoice toolChoice;

    std::optional<qint64> maxTokens;
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<qint64> topK;
    std::optional<qint64> seed;
    std::optional<qint64> candidates;  // OpenAI n, Gemini candidateCount
    std::optional<double> presencePenalty;
    std::optional<double> frequencyPenalty;
    QStringList stop;

    // Structured output in OpenAI's shape: {"type":"json_object"} or
    // {"type":"json_schema","json_schema":{"name","schema","strict"}}; null when none.
    Json responseFormat;

    // Reasoning: a token budget (Anthropic thinking.budget_tokens, Gemini thinkingBudget)
    // and/or an effort level ("minimal", "low", "medium", "high"; OpenAI
    // reasoning_effort). thinking = false when the client turned it off explicitly.
    std::optional<qint64> thinkingBudget;
    QString reasoningEffort;
    std::optional<bool> thinking;
    bool includeThoughts = false;  // the client wants reasoning text back

    QString user;   // OpenAI user; Anthropic metadata.user_id
    Json metadata;  // OpenAI metadata object; null when none

    // Top-level fields of the source format that this model has no place for, in the
    // client's order. The source format's encoder writes them back; any other format's
    // encoder lists their names as dropped.
    std::vector<Json::Member> extra;

    // The client's top-level member names in its order, known fields included, so that
    // the source format's own encoder can keep the client's layout. Empty: no preference.
    std::vector<QByteArray> memberOrder;
};

}  // namespace signalbox
