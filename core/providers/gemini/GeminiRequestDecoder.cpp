#include "providers/gemini/GeminiRequestDecoder.h"

#include "providers/gemini/GeminiWire.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>

namespace signalbox {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("GeminiFormat", text);
}

ApiError invalid(const QString& message, QByteArray param) {
    ApiError e = ApiError::invalidRequest(message);
    e.param = std::move(param);
    return e;
}

// Calls without ids are answered by name, in order; this pairs them up.
struct CallIds {
    QString base = QStringLiteral("req");
    int made = 0;
    QHash<QString, QList<QString>> pendingByName;

    QString forCall(const Json& call) {
        const QString given = call["id"].toString();
        if (!given.isEmpty())
            return GeminiWire::givenToolCallId(given);
        QString id = GeminiWire::madeToolCallId(base, made++);
        pendingByName[call["name"].toString()].append(id);
        return id;
    }
    QString forResponse(const Json& response) {
        const QString given = response["id"].toString();
        if (!given.isEmpty())
            return GeminiWire::givenToolCallId(given);
        QList<QString>& pending = pendingByName[response["name"].toString()];
        return pending.isEmpty() ? QString() : pending.takeFirst();
    }
};

// The reverse of the encoder's wrapping: a lone "output" or "error" is the result itself.
void readFunctionResponse(const Json& response, ContentPart& out) {
    const Json* value = &response;
    if (response.size() == 1 && (response.contains("output") || response.contains("error"))) {
        out.isError = response.contains("error");
        value = &response.members().front().second;
    }
    ContentPart text;
    text.text = value->isString() ? value->toString() : QString::fromUtf8(value->serialize());
    out.content.push_back(std::move(text));
}

bool readPart(const Json& part, CallIds& ids, ContentPart& out) {
    out.signature = part["thoughtSignature"].utf8();
    if (part.contains("text")) {
        out.kind = part["thought"].toBool() ? ContentPart::Kind::Thinking : ContentPart::Kind::Text;
        out.text = part["text"].toString();
        return true;
    }
    if (part["inlineData"].isObject()) {
        out.kind = ContentPart::Kind::Image;
        out.mediaType = part["inlineData"]["mimeType"].toString();
        out.data = part["inlineData"]["data"].utf8();
        return true;
    }
    if (part["fileData"].isObject()) {
        out.kind = ContentPart::Kind::Image;
        out.mediaType = part["fileData"]["mimeType"].toString();
        out.url = part["fileData"]["fileUri"].toString();
        return true;
    }
    if (part["functionCall"].isObject()) {
        const Json& call = part["functionCall"];
        out.kind = ContentPart::Kind::ToolCall;
        out.toolCallId = ids.forCall(call);
        out.toolName = call["name"].toString();
        out.arguments = call["args"].isObject() ? call["args"].serialize() : QByteArray("{}");
        return true;
    }
    if (part["functionResponse"].isObject()) {
        const Json& response = part["functionResponse"];
        out.kind = ContentPart::Kind::ToolResult;
        out.toolCallId = ids.forResponse(response);
        out.toolName = response["name"].toString();
        readFunctionResponse(response["response"], out);
        for (const Json& media : response["parts"].items()) {
            ContentPart image;
            image.kind = ContentPart::Kind::Image;
            image.mediaType = media["inlineData"]["mimeType"].toString();
            image.data = media["inlineData"]["data"].utf8();
            out.content.push_back(std::move(image));
        }
        return true;
    }
    return false;
}

bool readContents(const Json& contents, ChatRequest& out, ApiError& error) {
    if (!contents.isArray()) {
        error = invalid(tr("contents must be an array."), "contents");
        return false;
    }
    CallIds ids;
    for (const Json& content : contents.items()) {
        ChatMessage m;
        m.role = content["role"].utf8() == "model" ? ChatMessage::Role::Assistant
                                                   : ChatMessage::Role::User;
        for (const Json& part : content["parts"].items()) {
            ContentPart p;
            if (!readPart(part, ids, p)) {
                error = invalid(tr("A part of contents holds nothing Signalbox can carry."),
                                "contents[].parts[]");
                return false;
            }
            m.parts.push_back(std::move(p));
        }
        out.messages.push_back(std::move(m));
    }
    return true;
}

void readTools(const Json& tools, ChatRequest& out) {
    for (const Json& tool : tools.items()) {
        for (const Json& f : tool["functionDeclarations"].items()) {
            ToolDefinition t;
            t.name = f["name"].toString();
            t.description = f["description"].toString();
            t.parameters =
                f.contains("parametersJsonSchema") ? f["parametersJsonSchema"] : f["parameters"];
            out.tools.push_back(std::move(t));
        }
    }
}

void readToolConfig(const Json& config, ChatRequest& out) {
    const Json& calling = config["functionCallingConfig"];
    const QByteArray mode = calling["mode"].utf8();
    const Json& allowed = calling["allowedFunctionNames"];
    if (mode == "AUTO") {
        out.toolChoice.mode = ToolChoice::Mode::Auto;
    } else if (mode == "NONE") {
        out.toolChoice.mode = ToolChoice::Mode::None;
    } else if (mode == "ANY" && allowed.size() == 1) {
        out.toolChoice.mode = ToolChoice::Mode::Tool;
        out.toolChoice.name = allowed.at(0).toString();
    } else if (mode == "ANY") {
        out.toolChoice.mode = ToolChoice::Mode::Required;
    } else if (mode == "VALIDATED") {
        out.toolChoice.mode = ToolChoice::Mode::Auto;
        for (ToolDefinition& t : out.tools)
            t.strict = true;
    }
}

void readGenerationConfig(const Json& config, ChatRequest& out) {
    for (const Json& s : config["stopSequences"].items())
        out.stop.append(s.toString());
    if (config["responseMimeType"].utf8() == "application/json") {
        const Json& schema = config.contains("responseJsonSchema") ? config["responseJsonSchema"]
                                                                   : config["responseSchema"];
        Json format = Json::object();
        if (schema.isNull()) {
            format.set("type", "json_object");
        } else {
            format.set("type", "json_schema");
            Json named = Json::object();
            named.set("name", "response");
            named.set("schema", schema);
            format.set("json_schema", std::move(named));
        }
        out.responseFormat = std::move(format);
    }
    auto integer = [&config](QByteArrayView key) -> std::optional<qint64> {
        if (!config[key].isNumber())
            return std::nullopt;
        return config[key].toInt();
    };
    auto real = [&config](QByteArrayView key) -> std::optional<double> {
        if (!config[key].isNumber())
            return std::nullopt;
        return config[key].toDouble();
    };
    out.candidates = integer("candidateCount");
    out.maxTokens = integer("maxOutputTokens");
    out.temperature = real("temperature");
    out.topP = real("topP");
    out.topK = integer("topK");
    out.seed = integer("seed");
    out.presencePenalty = real("presencePenalty");
    out.frequencyPenalty = real("frequencyPenalty");
    const Json& thinking = config["thinkingConfig"];
    out.includeThoughts = thinking["includeThoughts"].toBool();
    if (thinking["thinkingBudget"].isNumber()) {
        out.thinkingBudget = thinking["thinkingBudget"].toInt();
        if (*out.thinkingBudget == 0) {
            out.thinking = false;
            out.thinkingBudget.reset();
        }
    }
    if (thinking["thinkingLevel"].isString())
        out.reasoningEffort = thinking["thinkingLevel"].toString().toLower();
}

}  // namespace

bool GeminiRequestDecoder::decode(const Json& body, ChatRequest& out, ApiError& error) {
    if (!body.isObject()) {
        error = invalid(tr("The request body must be a JSON object."), {});
        return false;
    }
    for (const Json::Member& m : body.members()) {
        if (m.first == "contents") {
            if (!readContents(m.second, out, error))
                return false;
        } else if (m.first == "systemInstruction") {
            for (const Json& part : m.second["parts"].items())
                out.system.push_back(ContentPart::textPart(part["text"].toString()));
        } else if (m.first == "tools") {
            readTools(m.second, out);
        } else if (m.first == "toolConfig") {
            readToolConfig(m.second, out);
        } else if (m.first == "generationConfig") {
            readGenerationConfig(m.second, out);
        } else {
            out.extra.push_back(m);
        }
    }
    // toolConfig may come before tools; VALIDATED marks tools strict once both are read.
    if (body["toolConfig"]["functionCallingConfig"]["mode"].utf8() == "VALIDATED") {
        for (ToolDefinition& t : out.tools)
            t.strict = true;
    }
    if (!body.contains("contents")) {
        error = invalid(tr("contents is required."), "contents");
        return false;
    }
    return true;
}

}  // namespace signalbox
