#pragma once

#include "json/Json.h"
#include "playground/BubbleFrame.h"

namespace signalbox {

// One message of the conversation as the Playground holds it (an OpenAI chat message):
// who said it, its text, and the tool calls or the tool result it carries.
class MessageBlock : public BubbleFrame {
    Q_OBJECT
public:
    // `toolName` names the tool whose result a tool message carries.
    explicit MessageBlock(const Json& message, const QString& toolName = {},
                          QWidget* parent = nullptr);

    QString text() const { return text_; }

    // The text a message carries: its string content, or its text parts with images named.
    static QString textOf(const Json& message);

private:
    QString text_;
};

}  // namespace signalbox
