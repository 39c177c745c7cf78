#pragma once

#include <QByteArray>
#include <QString>

namespace signalbox {

// Gemini signs its tool calls (thoughtSignature) and refuses a conversation whose
// calls come back unsigned. OpenAI and Anthropic clients have no field for it, but
// they echo tool call ids verbatim, so a translated call carries the signature inside
// the id: "<id>__sbsig_<base64url(signature)>". The id stays within Anthropic's
// [a-zA-Z0-9_-] pattern.
class ToolCallIds {
public:
    static QString fold(const QString& id, const QByteArray& signature);
    // Splits a folded id; an id without a signature comes back as it is.
    static QString unfold(const QString& id, QByteArray* signature);
};

}  // namespace signalbox
