#pragma once

#include "providers/ContentPart.h"
#include "providers/FinishReason.h"
#include "providers/Usage.h"

#include <QString>

#include <vector>

namespace signalbox {

// The canonical answer of a non-streamed chat call.
struct ChatResponse {
    QString id;                        // the provider's id, kept so clients can quote it
    QString model;                     // as the provider reported it
    qint64 created = 0;                // seconds since the epoch; 0: not reported
    std::vector<ContentPart> content;  // Text, Thinking, RedactedThinking, ToolCall
    FinishReason finish = FinishReason::Unset;
    QString stopSequence;  // which one matched, when the provider says
    Usage usage;
};

}  // namespace signalbox
