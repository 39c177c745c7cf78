#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace signalbox::mock {

// A tool the client offered, reduced to what the mock answers with.
struct MockTool {
    QString name;
    QStringList order;       // parameter names in schema order
    QJsonObject properties;  // parameter name -> JSON schema
};

// What the mock makes of a conversation in any provider's request format: the
// last user text, a tool result or images in the last user turn, and the tool
// to call. The replies answer from this alone, so every format behaves alike.
class MockConversation {
public:
    // `raw` is the request body as sent; it gives the schema order of parameters.
    static MockConversation fromOpenAi(const QJsonObject& request, QByteArrayView raw);
    static MockConversation fromAnthropic(const QJsonObject& request, QByteArrayView raw);
    static MockConversation fromGemini(const QJsonObject& request, QByteArrayView raw);

    const QString& userText() const { return userText_; }
    bool hasToolResult() const { return hasToolResult_; }
    int imageCount() const { return images_; }
    // The tool to call: set when tools were offered, the tool choice allows a
    // call and the last turn is not a tool result.
    const MockTool* toolToCall() const;
    // Tool calls already in the history; numbers the next call's id.
    int priorToolCalls() const { return priorToolCalls_; }

    // "Tool said: …" after a tool result, else the greeting that echoes the user;
    // " [images: N]" when the last user turn carried images. When JSON output
    // was asked for: an object built from the schema as for tool arguments, or
    // {"reply": <that text>} without a schema.
    QString replyText() const;
    // The call's arguments as a JSON object text, members in schema order:
    // strings get the user's text (or an enum's first value), integers and
    // numbers 42, booleans true, anything else null.
    QByteArray toolArguments() const;
    bool wantsJson() const { return json_; }

    // Text split as a tokenizer would: words, each but the first with its space.
    static QStringList words(const QString& text);
    // Text in pieces of `size` characters, never splitting a surrogate pair.
    static QStringList fragments(const QString& text, int size);
    // A stable token estimate for a piece of request JSON.
    static int estimateTokens(const QJsonValue& value);
    // A JSON string literal for `text`.
    static QByteArray quoted(const QString& text);

private:
    QString userText_;
    QString toolResult_;
    bool hasToolResult_ = false;
    int images_ = 0;
    std::vector<MockTool> tools_;
    int chosen_ = -1;  // index into tools_, -1: no call
    bool json_ = false;
    MockTool schema_;  // the JSON output's schema, when one was given

    QString plainText() const;
    QByteArray arguments(const MockTool& schema) const;
    int priorToolCalls_ = 0;
};

}  // namespace signalbox::mock
