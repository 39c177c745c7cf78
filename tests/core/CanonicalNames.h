#pragma once

#include "providers/ContentPart.h"
#include "providers/FinishReason.h"

#include <QByteArray>

namespace signalbox::test {

// Short stable names of canonical values, so that format tests describe parts and
// events as readable text and compare whole sequences at once.
inline QByteArray kindName(ContentPart::Kind kind) {
    switch (kind) {
        case ContentPart::Kind::Text:
            return "text";
        case ContentPart::Kind::Image:
            return "image";
        case ContentPart::Kind::Thinking:
            return "thinking";
        case ContentPart::Kind::RedactedThinking:
            return "redacted";
        case ContentPart::Kind::ToolCall:
            return "tool";
        case ContentPart::Kind::ToolResult:
            return "result";
    }
    return "?";
}

inline QByteArray finishName(FinishReason finish) {
    switch (finish) {
        case FinishReason::Unset:
            return "unset";
        case FinishReason::Stop:
            return "stop";
        case FinishReason::StopSequence:
            return "stop_sequence";
        case FinishReason::Length:
            return "length";
        case FinishReason::ToolCalls:
            return "tool_calls";
        case FinishReason::ContentFilter:
            return "content_filter";
        case FinishReason::Refusal:
            return "refusal";
        case FinishReason::PauseTurn:
            return "pause_turn";
        case FinishReason::Other:
            return "other";
    }
    return "?";
}

}  // namespace signalbox::test
