#pragma once

#include "json/Json.h"

#include <QString>

namespace signalbox {

// A function the model may call. `parameters` is the JSON Schema of its arguments,
// members in the client's order.
struct ToolDefinition {
    QString name;
    QString description;
    Json parameters;      // null when the tool takes no arguments
    bool strict = false;  // OpenAI structured-outputs flag
    Json cacheControl;    // Anthropic `cache_control`; null when none
};

// How the model must use the tools.
struct ToolChoice {
    enum class Mode { Unset, Auto, None, Required, Tool };
    Mode mode = Mode::Unset;
    QString name;                      // Mode::Tool
    bool parallelCallsAllowed = true;  // false: OpenAI parallel_tool_calls:false,
                                       // Anthropic disable_parallel_tool_use:true
    bool parallelGiven = false;        // whether the client said anything about it
};

}  // namespace signalbox
