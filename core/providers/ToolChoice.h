#pragma once

#include <QString>

namespace signalbox {

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
