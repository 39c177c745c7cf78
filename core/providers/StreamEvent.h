#pragma once

#include "providers/ApiError.h"
#include "providers/ContentPart.h"
#include "providers/FinishReason.h"
#include "providers/Usage.h"

#include <QByteArray>
#include <QString>

namespace signalbox {

// One step of a streamed answer in the canonical model. Decoders turn a provider's
// stream into these; encoders turn them into the client's stream. Content comes as
// blocks numbered from 0 in order of appearance (Anthropic's model): every block opens
// with BlockStart, gets deltas, closes with BlockStop. Blocks may interleave when a
// provider streams several tool calls at once.
struct StreamEvent {
    enum class Type {
        MessageStart,    // id, model, usage (input tokens when known this early)
        BlockStart,      // index, blockKind; ToolCall: toolCallId, toolName; text: a
                         // first piece some formats carry on the start itself
        TextDelta,       // index, text (Text or Thinking block)
        SignatureDelta,  // index, signature (Thinking; Gemini also Text and ToolCall)
        ArgumentsDelta,  // index, arguments: a fragment of the tool call's JSON text
        BlockStop,       // index
        Usage,           // usage: counts so far (may come more than once; last wins)
        Finish,          // finish, stopSequence, usage when known
        Error,           // error: the provider failed mid-stream
    };

    Type type = Type::TextDelta;
    int index = 0;
    ContentPart::Kind blockKind = ContentPart::Kind::Text;
    QString id;     // MessageStart
    QString model;  // MessageStart
    QString toolCallId;
    QString toolName;
    QString text;
    QByteArray signature;
    QByteArray arguments;
    QByteArray data;  // BlockStart of RedactedThinking
    FinishReason finish = FinishReason::Unset;
    QString stopSequence;
    signalbox::Usage usage;
    ApiError error;
};

}  // namespace signalbox
