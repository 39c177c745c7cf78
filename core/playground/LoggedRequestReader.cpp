#include "playground/LoggedRequestReader.h"

#include "providers/anthropic/AnthropicFormat.h"
#include "providers/openai/OpenAiChatFormat.h"

namespace signalbox {

namespace {

// The text of a system message, or nothing when it holds more than text.
std::optional<QString> systemText(const Json& message) {
    const QString role = message["role"].toString();
    if (role != QLatin1String("system") && role != QLatin1String("developer"))
        return std::nullopt;
    const Json& content = message["content"];
    if (content.isString())
        return content.toString();
    if (!content.isArray())
        return std::nullopt;
    QStringList parts;
    for (const Json& part : content.items()) {
        if (part["type"].toString() != QLatin1String("text"))
            return std::nullopt;
        parts << part["text"].toString();
    }
    return parts.join(QLatin1Char('\n'));
}

// Shared, as the proxy's are: a decoded request points back at its format.
const AnthropicFormat& anthropicFormat() {
    static const AnthropicFormat format;
    return format;
}

const OpenAiChatFormat& openAiFormat() {
    static const OpenAiChatFormat format;
    return format;
}

// A whole number a JSON field holds.
std::optional<qint64> integer(const Json& value) {
    if (!value.isNumber())
        return std::nullopt;
    bool ok = false;
    const qint64 n = value.utf8().toLongLong(&ok);
    return ok ? std::optional<qint64>(n) : std::nullopt;
}

}  // namespace

LoggedRequestReader::Result LoggedRequestReader::read(const QString& surface, const QString& route,
                                                      const QByteArray& body) {
    Result result;
    const bool anthropic = surface == QLatin1String("anthropic.messages");
    if (!anthropic && surface != QLatin1String("openai.chat")) {
        result.problem =
            surface == QLatin1String("openai.embeddings")
                ? tr("This is an embeddings request; the Playground sends chat calls only.")
                : tr("This request came in on %1; the Playground sends chat calls only "
                     "(OpenAI chat completions or Anthropic messages).")
                      .arg(surface.isEmpty() ? tr("an unknown API") : surface);
        return result;
    }
    if (body.isEmpty()) {
        result.problem =
            tr("Its body was not kept (store.log_bodies is off), so there is "
               "nothing to open.");
        return result;
    }
    std::optional<Json> json = Json::parse(body);
    if (!json || !json->isObject()) {
        result.problem =
            tr("Its kept body is not whole JSON, so it cannot be opened. Bodies "
               "longer than store.max_body_bytes are cut when kept.");
        return result;
    }
    if (!anthropic)
        return readOpenAi(*json, route);

    // Translated as the proxy translates it for an OpenAI-format provider.
    ChatRequest request;
    ApiError error;
    if (!anthropicFormat().decodeRequest(*json, request, error)) {
        result.problem =
            tr("It cannot be read as an Anthropic Messages request: %1").arg(error.message);
        return result;
    }
    QStringList dropped;
    const Json translated = openAiFormat().encodeRequest(request, dropped);
    result = readOpenAi(translated, route);
    for (const QString& field : dropped) {
        if (!result.notRestored.contains(field))
            result.notRestored << field;
    }
    return result;
}

LoggedRequestReader::Result LoggedRequestReader::readOpenAi(const Json& body,
                                                            const QString& route) {
    Result result;
    PlaygroundRequest request;
    request.model = body["model"].toString();
    if (request.model.isEmpty())
        request.model = route;
    if (!body["messages"].isArray()) {
        result.problem = tr("It has no messages to open.");
        return result;
    }
    QStringList system;
    bool leading = true;
    for (const Json& message : body["messages"].items()) {
        const std::optional<QString> text = leading ? systemText(message) : std::nullopt;
        if (text) {
            system << *text;
            continue;
        }
        leading = false;
        request.messages.push_back(message);
    }
    request.system = system.join(QStringLiteral("\n\n"));

    for (const auto& [name, value] : body.members()) {
        if (name == "model" || name == "messages" || name == "stream" || name == "stream_options" ||
            value.isNull())
            continue;
        bool kept = true;
        if (name == "temperature" && value.isNumber())
            request.temperature = value.toDouble();
        else if (name == "top_p" && value.isNumber())
            request.topP = value.toDouble();
        else if ((name == "max_tokens" || name == "max_completion_tokens") && integer(value))
            request.maxTokens = integer(value);
        else if (name == "tools")
            request.tools = value;
        else if (name == "response_format")
            request.responseFormat = value;
        else
            kept = false;
        if (!kept)
            result.notRestored << QString::fromUtf8(name);
    }
    result.request = std::move(request);
    return result;
}

}  // namespace signalbox
