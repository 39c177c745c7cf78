#pragma once

#include "json/Json.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace signalbox {

// One piece of a message in the canonical model: what every wire format's blocks or
// parts become on the way in, and are made from on the way out.
struct ContentPart {
    enum class Kind {
        Text,
        Image,             // inline base64 data or a URL
        Thinking,          // reasoning text with its signature
        RedactedThinking,  // Anthropic's encrypted reasoning: `data` holds it
        ToolCall,          // the model asks for a tool
        ToolResult,        // the client answers one
    };

    Kind kind = Kind::Text;
    QString text;  // Text; Thinking

    // Thinking: Anthropic's `signature`. Thinking, Text and ToolCall: Gemini's
    // `thoughtSignature` on the part. Opaque; must come back byte for byte.
    QByteArray signature;

    // Image: inline (mediaType + base64 data) or by URL.
    QString mediaType;  // "image/png"
    QByteArray data;    // base64 as sent; RedactedThinking: the encrypted data
    QString url;
    QString detail;  // OpenAI image_url.detail, empty when not given

    // ToolCall and ToolResult.
    QString toolCallId;
    QString toolName;      // ToolResult: filled by decoders when the format names it
    QByteArray arguments;  // ToolCall: JSON text of the arguments object, "{}" when none
    bool isError = false;  // ToolResult
    std::vector<ContentPart> content;  // ToolResult: text and image parts

    Json cacheControl;  // Anthropic `cache_control` on this block; null when none

    static ContentPart textPart(const QString& text) {
        ContentPart p;
        p.text = text;
        return p;
    }
};

}  // namespace signalbox
