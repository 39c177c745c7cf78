#pragma once

#include "providers/ContentPart.h"

#include <vector>

namespace signalbox {

// One turn of a conversation. Tool results travel in user turns, as Anthropic and
// Gemini carry them; the OpenAI format splits them into role "tool" messages.
// System text is not a turn: it lives in ChatRequest::system.
struct ChatMessage {
    enum class Role { User, Assistant };

    Role role = Role::User;
    std::vector<ContentPart> parts;
    QString name;  // OpenAI's optional participant name
};

}  // namespace signalbox
