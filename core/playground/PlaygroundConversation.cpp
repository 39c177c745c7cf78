#include "playground/PlaygroundConversation.h"

#include <algorithm>

namespace signalbox {

void PlaygroundConversation::addInput(const QString& text) {
    const std::vector<ToolCall> pending = pendingToolCalls();
    Json message = Json::object();
    if (pending.empty()) {
        message.set("role", "user");
        message.set("content", text);
    } else {
        message.set("role", "tool");
        message.set("tool_call_id", pending.front().id);
        message.set("content", text);
    }
    messages_.push_back(std::move(message));
}

bool PlaygroundConversation::addAnswer(const ChatResponse& response, bool complete) {
    QString text;
    Json calls = Json::array();
    for (const ContentPart& part : response.content) {
        if (part.kind == ContentPart::Kind::Text) {
            text += part.text;
        } else if (part.kind == ContentPart::Kind::ToolCall && complete) {
            Json function = Json::object();
            function.set("name", part.toolName);
            function.set("arguments", part.arguments.isEmpty()
                                          ? Json("{}")
                                          : Json(QByteArrayView(part.arguments)));
            Json call = Json::object();
            call.set("id", part.toolCallId);
            call.set("type", "function");
            call.set("function", std::move(function));
            calls.append(std::move(call));
        }
    }
    if (text.isEmpty() && calls.size() == 0)
        return false;
    Json message = Json::object();
    message.set("role", "assistant");
    message.set("content", text.isEmpty() ? Json() : Json(text));
    if (calls.size() > 0)
        message.set("tool_calls", std::move(calls));
    messages_.push_back(std::move(message));
    return true;
}

std::vector<PlaygroundConversation::ToolCall> PlaygroundConversation::pendingToolCalls() const {
    // The last assistant message with calls, and the tool messages after it.
    auto last = std::find_if(messages_.rbegin(), messages_.rend(), [](const Json& m) {
        return m["role"].toString() != QLatin1String("tool");
    });
    if (last == messages_.rend() || (*last)["role"].toString() != QLatin1String("assistant"))
        return {};
    std::vector<ToolCall> pending;
    for (const Json& call : (*last)["tool_calls"].items()) {
        const QString id = call["id"].toString();
        const bool answered = std::any_of(last.base(), messages_.end(), [&](const Json& m) {
            return m["tool_call_id"].toString() == id;
        });
        if (!answered) {
            pending.push_back({id, call["function"]["name"].toString(),
                               call["function"]["arguments"].toString().toUtf8()});
        }
    }
    return pending;
}

QString PlaygroundConversation::toolName(const std::vector<Json>& messages, const QString& callId) {
    for (const Json& message : messages) {
        for (const Json& call : message["tool_calls"].items()) {
            if (call["id"].toString() == callId)
                return call["function"]["name"].toString();
        }
    }
    return {};
}

bool PlaygroundConversation::awaitsAnswer() const {
    if (messages_.empty())
        return false;
    const QString role = messages_.back()["role"].toString();
    if (role == QLatin1String("user"))
        return true;
    return role == QLatin1String("tool") && pendingToolCalls().empty();
}

}  // namespace signalbox
