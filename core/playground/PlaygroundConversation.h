#pragma once

#include "json/Json.h"
#include "providers/ChatResponse.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace signalbox {

// The turns of one Playground conversation as OpenAI chat messages: what the user said,
// what the model answered (text and tool calls) and the tool results the user typed in
// reply. Each compare column holds one; the system prompt lives in PlaygroundRequest.
class PlaygroundConversation {
public:
    struct ToolCall {
        QString id;
        QString name;
        QByteArray arguments;  // JSON text
    };

    const std::vector<Json>& messages() const { return messages_; }
    void setMessages(std::vector<Json> messages) { messages_ = std::move(messages); }
    void clear() { messages_.clear(); }
    bool isEmpty() const { return messages_.empty(); }

    // The user's input where the conversation needs it: the result of the first tool call
    // still waiting for one, else a user message.
    void addInput(const QString& text);
    // The model's answer: its text and, when `complete`, its tool calls (a stopped answer
    // may hold half a call's arguments). Reasoning stays out: chat messages carry none
    // back. False when nothing was kept.
    bool addAnswer(const ChatResponse& response, bool complete);
    // The last answer's tool calls that have no result yet, in order.
    std::vector<ToolCall> pendingToolCalls() const;
    // Whether the model is to speak next: the last message is the user's or a tool's.
    bool awaitsAnswer() const;
    // The name of the tool a call of an answer (by id) asked for; empty if none did.
    static QString toolName(const std::vector<Json>& messages, const QString& callId);

private:
    std::vector<Json> messages_;
};

}  // namespace signalbox
