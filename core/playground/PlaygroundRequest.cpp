#include "playground/PlaygroundRequest.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace signalbox {

namespace {

// Qt's parse errors, said as what to fix.
QString described(const QJsonParseError& error) {
    switch (error.error) {
        case QJsonParseError::UnterminatedObject:
            return PlaygroundRequest::tr("a comma or } is missing");
        case QJsonParseError::UnterminatedArray:
            return PlaygroundRequest::tr("a comma or ] is missing");
        case QJsonParseError::MissingNameSeparator:
            return PlaygroundRequest::tr("a colon is missing after a member's name");
        case QJsonParseError::MissingValueSeparator:
            return PlaygroundRequest::tr("a comma is missing between two values");
        case QJsonParseError::IllegalValue:
        case QJsonParseError::IllegalNumber:  // what Qt says for `True` too
            return PlaygroundRequest::tr(
                "not a JSON value here (names and strings take double "
                "quotes; true, false and null are lower case)");
        case QJsonParseError::UnterminatedString:
            return PlaygroundRequest::tr("a string is not closed with a double quote");
        case QJsonParseError::TerminationByNumber:
            return PlaygroundRequest::tr("the text ends inside a number");
        case QJsonParseError::IllegalEscapeSequence:
            return PlaygroundRequest::tr("an escape in a string is not valid");
        case QJsonParseError::GarbageAtEnd:
            return PlaygroundRequest::tr("more text follows the JSON value");
        default:
            return error.errorString();
    }
}

}  // namespace

Json PlaygroundRequest::body() const {
    Json body = Json::object();
    body.set("model", model);
    Json all = Json::array();
    if (!system.isEmpty()) {
        Json message = Json::object();
        message.set("role", "system");
        message.set("content", system);
        all.append(std::move(message));
    }
    for (const Json& message : messages)
        all.append(message);
    body.set("messages", std::move(all));
    if (temperature)
        body.set("temperature", *temperature);
    if (topP)
        body.set("top_p", *topP);
    if (maxTokens)
        body.set("max_tokens", *maxTokens);
    if (tools.isArray() && tools.size() > 0)
        body.set("tools", tools);
    if (responseFormat.isObject())
        body.set("response_format", responseFormat);
    return body;
}

std::optional<Json> PlaygroundRequest::parseInput(const QString& text, QString* problem) {
    if (text.trimmed().isEmpty())
        return Json();
    const QByteArray utf8 = text.toUtf8();
    QString scannerError;
    if (std::optional<Json> parsed = Json::parse(utf8, &scannerError))
        return parsed;
    // Qt's parser knows where the text went wrong; ours says it in bytes.
    QJsonParseError error;
    QJsonDocument::fromJson(utf8, &error);
    if (problem == nullptr)
        return std::nullopt;
    if (error.error == QJsonParseError::NoError) {
        *problem = scannerError;
        return std::nullopt;
    }
    const QString before = QString::fromUtf8(utf8.left(error.offset));
    const qsizetype lineStart = before.lastIndexOf(QLatin1Char('\n')) + 1;
    *problem = tr("line %1, column %2: %3.")
                   .arg(before.count(QLatin1Char('\n')) + 1)
                   .arg(before.size() - lineStart + 1)
                   .arg(described(error));
    return std::nullopt;
}

QString PlaygroundRequest::toolsProblem(const Json& tools) {
    if (tools.isNull())
        return {};
    if (!tools.isArray())
        return tr(
            "Must be a JSON list of tools: [{\"type\": \"function\", \"function\": "
            "{\"name\": \"…\", \"parameters\": {…}}}].");
    for (qsizetype i = 0; i < tools.size(); ++i) {
        const Json& tool = tools.at(i);
        if (!tool.isObject())
            return tr("Tool %1 is not a JSON object.").arg(i + 1);
        const QString type = tool["type"].toString();
        if (tool.contains("type") && type != QLatin1String("function"))
            return tr("Tool %1 has type \"%2\"; chat calls take \"function\" tools.")
                .arg(i + 1)
                .arg(type);
        const Json& function = tool["function"];
        if (!function.isObject() || function["name"].toString().isEmpty())
            return tr("Tool %1 needs a name: {\"type\": \"function\", \"function\": {\"name\": "
                      "\"…\"}}.")
                .arg(i + 1);
        if (function.contains("parameters") && !function["parameters"].isObject())
            return tr("The parameters of tool %1 (%2) must be a JSON schema object.")
                .arg(i + 1)
                .arg(function["name"].toString());
    }
    return {};
}

QString PlaygroundRequest::responseFormatProblem(const Json& format) {
    if (format.isNull())
        return {};
    const QString type = format["type"].toString();
    if (!format.isObject() || type.isEmpty())
        return tr(
            "Must be an object with a type: {\"type\": "
            "\"json_object\"} or {\"type\": \"json_schema\", \"json_schema\": {…}}.");
    if (type == QLatin1String("text") || type == QLatin1String("json_object"))
        return {};
    if (type != QLatin1String("json_schema"))
        return tr("Unknown type \"%1\": use text, json_object or json_schema.").arg(type);
    const Json& schema = format["json_schema"];
    if (!schema.isObject() || schema["name"].toString().isEmpty())
        return tr(
            "A json_schema format needs \"json_schema\": {\"name\": \"…\", "
            "\"schema\": {…}}.");
    if (schema.contains("schema") && !schema["schema"].isObject())
        return tr("Its schema must be a JSON object.");
    return {};
}

}  // namespace signalbox
