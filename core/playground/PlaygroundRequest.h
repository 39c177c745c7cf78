#pragma once

#include "json/Json.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

namespace signalbox {

// What the Playground sends: a model or route, a system prompt, the conversation and the
// parameters the user set, as one OpenAI chat-completions body. Unset parameters are
// left out, so the provider's defaults apply. JSON the user typed (tools, response
// format) keeps its member order: a schema's property order steers the model.
struct PlaygroundRequest {
    Q_DECLARE_TR_FUNCTIONS(PlaygroundRequest)
public:
    QString model;
    QString system;              // empty: no system message
    std::vector<Json> messages;  // OpenAI message objects, the system prompt not among them
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<qint64> maxTokens;
    Json tools;           // an array of tool objects; null: none
    Json responseFormat;  // an object; null: none

    // The body, members in the order the OpenAI reference lists them. Not streamed:
    // PlaygroundCall asks for the stream itself, an exported call says so on its own.
    Json body() const;

    // JSON as the user typed it, or what is wrong with it in words ("line 3, column 5:
    // …"). Empty or blank text is null, which means "none".
    static std::optional<Json> parseInput(const QString& text, QString* problem);
    // What keeps a value from being the `tools` of a chat call, in words that stand under
    // the field ("Must be a JSON list…"); empty if nothing.
    static QString toolsProblem(const Json& tools);
    // Likewise for `response_format`.
    static QString responseFormatProblem(const Json& format);
};

}  // namespace signalbox
