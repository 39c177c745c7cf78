#pragma once

#include "json/Json.h"
#include "providers/ChatRequest.h"

#include <QStringList>

namespace signalbox {

// Writes a canonical request as a Messages API body for an Anthropic provider. From an
// Anthropic client it comes back as the client wrote it (extras verbatim, in order);
// from other formats it is reshaped into what the API requires (system blocks, one user
// turn for consecutive tool results, tool results first, alternating roles, base64
// images) and what cannot be carried is named in `dropped`.
class AnthropicRequestWriter {
public:
    static Json write(const ChatRequest& request, QStringList& dropped);
    // One custom tool as the `tools` array holds it.
    static Json toolJson(const ToolDefinition& tool);
};

}  // namespace signalbox
