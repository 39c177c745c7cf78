#pragma once

#include "json/Json.h"
#include "providers/FinishReason.h"
#include "providers/Usage.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace signalbox {

// The pieces of OpenAI's chat completions wire format that requests, whole answers and
// streams share: finish reasons, usage objects, ids and the translation context.
class OpenAiWire {
public:
    static FinishReason finishFromWire(QByteArrayView reason);
    // OpenAI clients learn that tools must run from "tool_calls" alone, so an answer
    // that carries tool calls says so even when its provider called it a plain stop.
    static QByteArray finishToWire(FinishReason finish, bool hasToolCalls);

    // A `usage` object → canonical; a missing or non-object usage reads as unknown.
    static Usage usageFromWire(const Json& usage);
    static Json usageToWire(const Usage& usage);
    // Later counts replace earlier ones field by field, so a start that knew only the
    // input and an end that knows only the output add up.
    static void mergeUsage(Usage& into, const Usage& later);

    // "chatcmpl-" and random hex, for answers whose provider gave no id.
    static QString newCompletionId();
    // Messages for people, in the "OpenAiChatFormat" translation context.
    static QString tr(const char* text);
};

}  // namespace signalbox
