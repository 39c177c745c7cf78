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

}  // namespace signalbox
