#include "providers/gemini/GeminiRequestEncoder.h"

#include "providers/ChatFormat.h"
#include "providers/gemini/GeminiWire.h"

#include <QHash>
#include <QUrl>

#include <optional>
#include <vector>

namespace signalbox {

namespace {

// Collects dropped fields once each, in the terms of the client's own format.
class Dropped {
public:
    Dropped(const ChatRequest& request, QStringList& out)
        : out_(out),
          anthropic_(request.sourceFormat && request.sourceFormat->name() == "anthropic") {}

    void add(const QString& name) {
        if (!out_.contains(name))
            out_.append(name);
    }
    void add(const char* openAiName, const char* anthropicName) {
        add(QString::fromLatin1(anthropic_ ? anthropicName : openAiName));
    }

private:
    QStringList& out_;
    bool anthropic_;
};

Json inlineData(const QString& mimeType, const QByteArray& base64) {
    Json blob = Json::object();
    blob.set("mimeType", mimeType);
    blob.set("data", QByteArrayView(base64));
    Json part = Json::object();
    part.set("inlineData", std::move(blob));
    return part;
}

// "data:[<mime>][;base64],<payload>" → inlineData; nullopt when it is not such a URL.
std::optional<Json> dataUrlPart(const QString& url) {
    const qsizetype comma = url.indexOf(u',');
    if (!url.startsWith(QLatin1StringView("data:")) || comma < 0)
        return std::nullopt;
    const QStringView meta = QStringView(url).sliced(5, comma - 5);
    const QStringView payload = QStringView(url).sliced(comma + 1);
    const bool base64 = meta.endsWith(QLatin1StringView(";base64"));
    const QString mime = meta.split(u';').front().toString();
    const QByteArray data =
        base64 ? payload.toLatin1() : QByteArray::fromPercentEncoding(payload.toUtf8()).toBase64();
    return inlineData(mime.isEmpty() ? QStringLiteral("text/plain") : mime, data);
}

// fileData.mimeType is optional; name it when the URL's extension says what it is.
QString mimeFromPath(const QString& url) {
    const QString path = QUrl(url).path().toLower();
    static const std::pair<const char*, const char*> kTypes[] = {
        {".png", "image/png"},   {".jpg", "image/jpeg"},      {".jpeg", "image/jpeg"},
        {".webp", "image/webp"}, {".heic", "image/heic"},     {".heif", "image/heif"},
        {".gif", "image/gif"},   {".pdf", "application/pdf"},
    };
    for (const auto& [ext, mime] : kTypes) {
        if (path.endsWith(QLatin1StringView(ext)))
            return QString::fromLatin1(mime);
    }
    return {};
}

// Images: inline base64 stays inline; data: URLs become inline; http(s) URLs go as
// fileData, which the Gemini API fetches itself. Anything else cannot be carried.
std::optional<Json> imagePart(const ContentPart& image, Dropped& dropped) {
    if (!image.detail.isEmpty() && image.detail != QLatin1StringView("auto"))
        dropped.add("messages[].content[].image_url.detail", "messages[].content[].detail");
    if (!image.data.isEmpty())
        return inlineData(image.mediaType, image.data);
    if (auto part = dataUrlPart(image.url))
        return part;
    if (image.url.startsWith(QLatin1StringView("https://")) ||
        image.url.startsWith(QLatin1StringView("http://"))) {
        Json file = Json::object();
        const QString mime = image.mediaType.isEmpty() ? mimeFromPath(image.url) : image.mediaType;
        if (!mime.isEmpty())
            file.set("mimeType", mime);
        file.set("fileUri", image.url);
        Json part = Json::object();
        part.set("fileData", std::move(file));
        return part;
    }
    dropped.add("messages[].content[].image_url", "messages[].content[].source");
    return std::nullopt;
}

Json withSignature(Json part, const QByteArray& signature) {
    if (!signature.isEmpty())
        part.set("thoughtSignature", QByteArrayView(signature));
    return part;
}

// functionResponse.response must be an object. A result that is one goes as it is;
// anything else goes under "output" (or "error" for a failed call), the keys the
// FunctionResponse documentation names.
Json functionResponseBody(const ContentPart& result) {
    QString text;
    for (const ContentPart& c : result.content) {
        if (c.kind == ContentPart::Kind::Text)
            text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + c.text;
    }
    const auto parsed = Json::parse(text.toUtf8());
    if (parsed && parsed->isObject() && !result.isError)
        return *parsed;
    Json wrapped = Json::object();
    const bool structured = parsed && (parsed->isObject() || parsed->isArray());
    wrapped.set(result.isError ? "error" : "output", structured ? *parsed : Json(text));
    return wrapped;
}

// Tool results may carry images; the Gemini API takes them inline inside the
// functionResponse (FunctionResponsePart has no fileData there).
Json functionResponseParts(const ContentPart& result, Dropped& dropped) {
    Json parts = Json::array();
    for (const ContentPart& c : result.content) {
        if (c.kind != ContentPart::Kind::Image)
            continue;
        std::optional<Json> part;
        if (!c.data.isEmpty())
            part = inlineData(c.mediaType, c.data);
        else
            part = dataUrlPart(c.url);
        if (part)
            parts.append(std::move(*part));
        else
            dropped.add("messages[].content[].image_url", "messages[].content[].content[].source");
    }
    return parts;
}

Json functionCallArgs(const ContentPart& call, Dropped& dropped) {
    const QByteArray text = call.arguments.trimmed();
    if (text.isEmpty())
        return Json::object();
    const auto parsed = Json::parse(text);
    if (parsed && parsed->isObject())
        return *parsed;
    dropped.add("messages[].tool_calls[].function.arguments", "messages[].content[].input");
    return Json::object();
}

struct Turn {
    std::vector<Json> parts;
    int firstCall = -1;  // index in parts of the first functionCall
    bool callSigned = false;
};

void encodePart(const ContentPart& p, Turn& turn, QHash<QString, QString>& callNames,
                Dropped& dropped) {
    if (!p.cacheControl.isNull())
        dropped.add("cache_control", "cache_control");
    switch (p.kind) {
        case ContentPart::Kind::Text: {
            if (p.text.isEmpty() && p.signature.isEmpty())
                return;
            Json part = Json::object();
            part.set("text", p.text);
            turn.parts.push_back(withSignature(std::move(part), p.signature));
            return;
        }
        case ContentPart::Kind::Image:
            if (auto part = imagePart(p, dropped))
                turn.parts.push_back(std::move(*part));
            return;
        case ContentPart::Kind::Thinking: {
            if (p.text.isEmpty() && p.signature.isEmpty())
                return;
            Json part = Json::object();
            part.set("text", p.text);
            part.set("thought", true);
            turn.parts.push_back(withSignature(std::move(part), p.signature));
            return;
        }
        case ContentPart::Kind::RedactedThinking:
            dropped.add("redacted_thinking", "messages[].content[].redacted_thinking");
            return;
        case ContentPart::Kind::ToolCall: {
            callNames.insert(p.toolCallId, p.toolName);
            Json call = Json::object();
            const QString id = GeminiWire::geminiToolCallId(p.toolCallId);
            if (!id.isEmpty())
                call.set("id", id);
            call.set("name", p.toolName);
            call.set("args", functionCallArgs(p, dropped));
            Json part = Json::object();
            part.set("functionCall", std::move(call));
            if (turn.firstCall < 0)
                turn.firstCall = int(turn.parts.size());
            turn.callSigned = turn.callSigned || !p.signature.isEmpty();
            turn.parts.push_back(withSignature(std::move(part), p.signature));
            return;
        }
        case ContentPart::Kind::ToolResult: {
            Json response = Json::object();
            const QString id = GeminiWire::geminiToolCallId(p.toolCallId);
            if (!id.isEmpty())
                response.set("id", id);
            response.set("name", p.toolName.isEmpty() ? callNames.value(p.toolCallId) : p.toolName);
            response.set("response", functionResponseBody(p));
            Json media = functionResponseParts(p, dropped);
            if (media.size() > 0)
                response.set("parts", std::move(media));
            Json part = Json::object();
            part.set("functionResponse", std::move(response));
            turn.parts.push_back(std::move(part));
            return;
        }
    }
}

Json contents(const ChatRequest& request, Dropped& dropped) {
    // Gemini 3 refuses a step whose function calls come back unsigned.
    const bool needsSignedCalls = GeminiWire::generation(request.model) >= 3;
    QHash<QString, QString> callNames;
    Json out = Json::array();
    for (const ChatMessage& m : request.messages) {
        if (!m.name.isEmpty())
            dropped.add("messages[].name", "messages[].name");
        Turn turn;
        for (const ContentPart& p : m.parts)
            encodePart(p, turn, callNames, dropped);
        if (turn.parts.empty())
            continue;  // Gemini refuses a content without parts
        if (needsSignedCalls && turn.firstCall >= 0 && !turn.callSigned &&
            m.role == ChatMessage::Role::Assistant)
            turn.parts[size_t(turn.firstCall)].set("thoughtSignature",
                                                   Json(QString(GeminiWire::kSkipSignature)));
        Json parts = Json::array();
        for (Json& part : turn.parts)
            parts.append(std::move(part));
        Json content = Json::object();
        content.set("role", m.role == ChatMessage::Role::Assistant ? "model" : "user");
        content.set("parts", std::move(parts));
        out.append(std::move(content));
    }
    return out;
}

Json tools(const ChatRequest& request, Dropped& dropped) {
    Json declarations = Json::array();
    for (const ToolDefinition& t : request.tools) {
        if (!t.cacheControl.isNull())
            dropped.add("cache_control", "cache_control");
        Json f = Json::object();
        f.set("name", t.name);
        if (!t.description.isEmpty())
            f.set("description", t.description);
        // parametersJsonSchema takes JSON Schema as clients write it ($defs, anyOf,
        // additionalProperties); `parameters` takes only an OpenAPI subset and refuses
        // the rest.
        if (!t.parameters.isNull())
            f.set("parametersJsonSchema", t.parameters);
        declarations.append(std::move(f));
    }
    Json tool = Json::object();
    tool.set("functionDeclarations", std::move(declarations));
    Json out = Json::array();
    out.append(std::move(tool));
    return out;
}

Json toolConfig(const ChatRequest& request, Dropped& dropped) {
    const ToolChoice& choice = request.toolChoice;
    if (choice.parallelGiven && !choice.parallelCallsAllowed)
        dropped.add("parallel_tool_calls", "tool_choice.disable_parallel_tool_use");
    bool strict = false;
    for (const ToolDefinition& t : request.tools)
        strict = strict || t.strict;
    // VALIDATED is AUTO with constrained decoding of the calls: what OpenAI's strict
    // tools promise.
    const char* mode = nullptr;
    switch (choice.mode) {
        case ToolChoice::Mode::Unset:
            mode = strict ? "VALIDATED" : nullptr;
            break;
        case ToolChoice::Mode::Auto:
            mode = strict ? "VALIDATED" : "AUTO";
            break;
        case ToolChoice::Mode::None:
            mode = "NONE";
            break;
        case ToolChoice::Mode::Required:
        case ToolChoice::Mode::Tool:
            mode = "ANY";
            break;
    }
    if (!mode)
        return {};
    Json config = Json::object();
    config.set("mode", mode);
    if (choice.mode == ToolChoice::Mode::Tool) {
        Json names = Json::array();
        names.append(choice.name);
        config.set("allowedFunctionNames", std::move(names));
    }
    Json out = Json::object();
    out.set("functionCallingConfig", std::move(config));
    return out;
}

// reasoning_effort → Gemini 3's thinkingLevel, or a thinkingBudget for 2.x models,
// which refuse thinkingLevel. The budgets fit every 2.5 model's documented range.
void effortConfig(const QString& effort, int generation, Json& thinking) {
    struct Level {
        const char* effort;
        const char* level;
        int budget;
    };
    static constexpr Level kLevels[] = {
        {"minimal", "MINIMAL", 512}, {"low", "LOW", 1024},     {"medium", "MEDIUM", 8192},
        {"high", "HIGH", 24576},     {"xhigh", "HIGH", 24576},
    };
    for (const Level& l : kLevels) {
        if (effort != QLatin1StringView(l.effort))
            continue;
        if (generation >= 3 || generation == 0)
            thinking.set("thinkingLevel", l.level);
        else
            thinking.set("thinkingBudget", l.budget);
        return;
    }
}

Json thinkingConfig(const ChatRequest& request, Dropped& dropped) {
    Json thinking = Json::object();
    const QString effort = request.reasoningEffort.trimmed().toLower();
    const bool off = request.thinking == false || effort == QLatin1StringView("none");
    if (request.includeThoughts && !off)
        thinking.set("includeThoughts", true);
    if (off) {
        thinking.set("thinkingBudget", 0);
    } else if (request.thinkingBudget) {
        // Gemini refuses a budget and a level together; the budget is the exact ask.
        thinking.set("thinkingBudget", *request.thinkingBudget);
        if (!effort.isEmpty())
            dropped.add("reasoning_effort", "output_config.effort");
    } else if (!effort.isEmpty()) {
        effortConfig(effort, GeminiWire::generation(request.model), thinking);
        if (!thinking.contains("thinkingLevel") && !thinking.contains("thinkingBudget"))
            dropped.add("reasoning_effort", "output_config.effort");
    }
    return thinking;
}

Json generationConfig(const ChatRequest& request, Dropped& dropped) {
    Json config = Json::object();
    if (!request.stop.isEmpty()) {
        Json stops = Json::array();
        for (const QString& s : request.stop)
            stops.append(s);
        config.set("stopSequences", std::move(stops));
    }
    const QByteArray formatType = request.responseFormat["type"].utf8();
    if (formatType == "json_object") {
        config.set("responseMimeType", "application/json");
    } else if (formatType == "json_schema") {
        config.set("responseMimeType", "application/json");
        // responseJsonSchema takes JSON Schema as is; responseSchema only an OpenAPI subset.
        const Json& schema = request.responseFormat["json_schema"]["schema"];
        if (!schema.isNull())
            config.set("responseJsonSchema", schema);
    } else if (!request.responseFormat.isNull() && formatType != "text") {
        dropped.add("response_format", "output_config.format");
    }
    if (request.candidates) {
        // One candidate is all the canonical answer carries; more would be paid for
        // and thrown away.
        if (*request.candidates == 1)
            config.set("candidateCount", 1);
        else
            dropped.add("n", "n");
    }
    if (request.maxTokens)
        config.set("maxOutputTokens", *request.maxTokens);
    if (request.temperature)
        config.set("temperature", *request.temperature);
    if (request.topP)
        config.set("topP", *request.topP);
    if (request.topK)
        config.set("topK", *request.topK);
    if (request.seed)
        config.set("seed", *request.seed);
    if (request.presencePenalty)
        config.set("presencePenalty", *request.presencePenalty);
    if (request.frequencyPenalty)
        config.set("frequencyPenalty", *request.frequencyPenalty);
    Json thinking = thinkingConfig(request, dropped);
    if (thinking.size() > 0)
        config.set("thinkingConfig", std::move(thinking));
    return config;
}

}  // namespace

Json GeminiRequestEncoder::encode(const ChatRequest& request, QStringList& dropped) {
    Dropped d(request, dropped);
    Json body = Json::object();

    Json system = Json::array();
    for (const ContentPart& p : request.system) {
        if (!p.cacheControl.isNull())
            d.add("cache_control", "cache_control");
        if (p.kind != ContentPart::Kind::Text || p.text.isEmpty())
            continue;
        Json part = Json::object();
        part.set("text", p.text);
        system.append(std::move(part));
    }
    if (system.size() > 0) {
        Json instruction = Json::object();
        instruction.set("parts", std::move(system));
        body.set("systemInstruction", std::move(instruction));
    }

    body.set("contents", contents(request, d));
    if (!request.tools.empty()) {
        body.set("tools", tools(request, d));
        Json config = toolConfig(request, d);
        if (config.isObject())
            body.set("toolConfig", std::move(config));
    } else if (request.toolChoice.parallelGiven && !request.toolChoice.parallelCallsAllowed) {
        d.add("parallel_tool_calls", "tool_choice.disable_parallel_tool_use");
    }
    Json config = generationConfig(request, d);
    if (config.size() > 0)
        body.set("generationConfig", std::move(config));

    if (!request.user.isEmpty())
        d.add("user", "metadata.user_id");
    if (!request.metadata.isNull())
        d.add("metadata", "metadata");
    // Top-level fields only the client's own format knows: written back when that
    // format is Gemini, named as dropped otherwise.
    const bool sameFormat = request.sourceFormat && request.sourceFormat->name() == "gemini";
    for (const Json::Member& m : request.extra) {
        if (sameFormat)
            body.set(m.first, m.second);
        else
            d.add(QString::fromUtf8(m.first));
    }
    return body;
}

}  // namespace signalbox
