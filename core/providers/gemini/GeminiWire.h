#pragma once

#include "json/Json.h"
#include "providers/FinishReason.h"
#include "providers/Usage.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace signalbox {

// Small pieces of the Gemini v1beta wire format that the request, response and stream
// coders share: finish reasons, usage counts, tool-call ids and model paths.
class GeminiWire {
public:
    // STOP becomes ToolCalls when the candidate asked for functions, as clients expect.
    static FinishReason finishReason(QByteArrayView geminiReason, bool hasToolCalls);
    static QByteArray finishReasonName(FinishReason reason);

    // usageMetadata → canonical counts: input is prompt plus tool-use prompt (cached
    // included), output is candidates plus thoughts.
    static Usage usage(const Json& usageMetadata);
    static Json usageMetadata(const Usage& usage);

    // Gemini may omit functionCall.id. Ids Gemini gave travel as "gemini_<id>" so that only
    // those go back to it; ids made here are "call_<base>_<n>", base from the responseId
    // (or random when there is none), unique per response.
    static QString givenToolCallId(const QString& geminiId);
    static QString toolCallIdBase(const QString& responseId);
    static QString madeToolCallId(const QString& base, int n);
    // The id to send to Gemini for a canonical id: empty unless Gemini issued it.
    static QString geminiToolCallId(const QString& canonicalId);

    // "gemini-2.5-flash" → "models/gemini-2.5-flash"; resource names pass as they are.
    static QString modelPath(const QString& model);
    // The major version in a "gemini-<N>..." model name; 0 when the name has none.
    static int generation(const QString& model);

    // The documented stand-in signature for a Gemini 3 function call that Gemini did not
    // sign (history from another provider or built by hand).
    static constexpr QLatin1StringView kSkipSignature{"skip_thought_signature_validator"};
};

}  // namespace signalbox
