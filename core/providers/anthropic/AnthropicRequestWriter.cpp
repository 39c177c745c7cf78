#include "providers/anthropic/AnthropicRequestWriter.h"

#include "providers/ChatFormat.h"
#include "providers/anthropic/AnthropicThinkingPlan.h"

#include <algorithm>

namespace signalbox {

namespace {

enum class Source { Anthropic, Gemini, Other };

Source sourceOf(const ChatRequest& request) {
    if (!request.sourceFormat)
        return Source::Other;
    const QByteArrayView name = request.sourceFormat->name();
    if (name == "anthropic")
        return Source::Anthropic;
    if (name == "gemini")
        return Source::Gemini;
    return Source::Other;
}

// Dropped fields are named as the client knows them; the canonical model follows
// OpenAI's names, so every source but Gemini reads them that way.
struct DropNames {
    const char* candidates;
    const char* seed;
    const char* presencePenalty;
    const char* frequencyPenalty;
    const char* responseFormat;
    const char* reasoningEffort;
    const char* temperature;
    const char* topK;
    const char* messageName;
    const char* imageDetail;
    const char* unsignedThinking;
    const char* textSignature;
};

constexpr DropNames kOpenAiNames{"n",
                                 "seed",
                                 "presence_penalty",
                                 "frequency_penalty",
                                 "response_format",
                                 "reasoning_effort",
                                 "temperature",
                                 "top_k",
                                 "messages[].name",
                                 "messages[].content[].image_url.detail",
                                 "messages[].reasoning_content",
                                 "messages[].extra_content.google.thought_signature"};
constexpr DropNames kGeminiNames{"generationConfig.candidateCount",
                                 "generationConfig.seed",
                                 "generationConfig.presencePenalty",
                                 "generationConfig.frequencyPenalty",
                                 "generationConfig.responseMimeType",
                                 "generationConfig.thinkingConfig",
                                 "generationConfig.temperature",
                                 "generationConfig.topK",
                                 "contents[].name",
                                 "contents[].parts[].mediaResolution",
                                 "contents[].parts[].thought",
                                 "contents[].parts[].thoughtSignature"};

class Writer {
public:
    Writer(const ChatRequest& request, QStringList& dropped)
        : request_(request),
          dropped_(dropped),
          source_(sourceOf(request)),
          names_(source_ == Source::Gemini ? kGeminiNames : kOpenAiNames) {}

    Json write() {
        const bool fromAnthropic = source_ == Source::Anthropic;
        const AnthropicThinkingPlan plan =
            AnthropicThinkingPlan::forRequest(request_, fromAnthropic);

        Json body = Json::object();
        body.set("model", request_.model);
        body.set("max_tokens", plan.maxTokens);
        if (!request_.system.empty())
            body.set("system", system());
        body.set("messages", messages());
        writeTools(body);
        if (!plan.thinking.isNull())
            body.set("thinking", plan.thinking);
        writeOutputConfig(body, plan);
        if (!request_.stop.isEmpty()) {
            Json stops = Json::array();
            for (const QString& s : request_.stop)
                stops.append(s);
            body.set("stop_sequences", std::move(stops));
        }
        writeSampling(body, plan);
        if (!request_.user.isEmpty()) {
            Json metadata = Json::object();
            metadata.set("user_id", request_.user);
            body.set("metadata", std::move(metadata));
        }
        if (request_.stream)
            body.set("stream", true);
        dropUnsupported(plan);
        for (const Json::Member& m : request_.extra) {
            if (!fromAnthropic)
                drop(QString::fromUtf8(m.first));
            else if (m.first != "tools")  // written in its place by writeTools
                body.set(m.first, m.second);
        }
        return fromAnthropic && !request_.memberOrder.empty() ? inClientOrder(body) : body;
    }

private:
    void drop(const QString& name) {
        if (!dropped_.contains(name))
            dropped_.append(name);
    }
    void drop(const char* name) { drop(QString::fromLatin1(name)); }

    bool fromAnthropic() const { return source_ == Source::Anthropic; }

    // The client's layout: its members in its order, then any this writer added.
    Json inClientOrder(const Json& body) const {
        Json ordered = Json::object();
        for (const QByteArray& key : request_.memberOrder) {
            if (body.contains(key) && !ordered.contains(key))
                ordered.set(key, body[key]);
        }
        for (const Json::Member& m : body.members()) {
            if (!ordered.contains(m.first))
                ordered.set(m.first, m.second);
        }
        return ordered;
    }

    // A lone plain text block is written as a string, the shorthand clients use most.
    static Json contentOf(Json blocks) {
        if (blocks.size() == 1 && blocks.at(0).size() == 2 && blocks.at(0)["type"].utf8() == "text")
            return blocks.at(0)["text"];
        return blocks;
    }

    static void addCacheControl(Json& block, const ContentPart& part) {
        if (!part.cacheControl.isNull())
            block.set("cache_control", part.cacheControl);
    }

    Json system() {
        Json blocks = Json::array();
        for (const ContentPart& part : request_.system) {
            Json b = Json::object();
            b.set("type", "text");
            b.set("text", part.text);
            addCacheControl(b, part);
            blocks.append(std::move(b));
        }
        return contentOf(std::move(blocks));
    }

    // data: URLs (how OpenAI clients inline images) become base64 sources, which is the
    // only inline form Anthropic takes; its url source fetches http(s) URLs itself.
    static Json imageSource(const ContentPart& part) {
        Json source = Json::object();
        QString mediaType = part.mediaType;
        QByteArray data = part.data;
        if (data.isEmpty() && part.url.startsWith(QLatin1String("data:"), Qt::CaseInsensitive)) {
            const qsizetype comma = part.url.indexOf(QLatin1Char(','));
            const QString header = part.url.mid(5, comma < 0 ? -1 : comma - 5);
            const QString payload = comma < 0 ? QString() : part.url.mid(comma + 1);
            QStringList params = header.split(QLatin1Char(';'));
            const bool base64 = params.removeAll(QStringLiteral("base64")) > 0;
            if (mediaType.isEmpty())
                mediaType = params.value(0);
            data = base64 ? payload.toLatin1()
                          : QByteArray::fromPercentEncoding(payload.toLatin1()).toBase64();
        }
        if (data.isEmpty()) {
            source.set("type", "url");
            source.set("url", part.url);
            return source;
        }
        if (mediaType.isEmpty())
            mediaType = sniffImageType(data);
        source.set("type", "base64");
        source.set("media_type", mediaType);
        source.set("data", QByteArrayView(data));
        return source;
    }

    // A data: URL may name no type; the API requires one, and the first bytes tell.
    static QString sniffImageType(const QByteArray& base64) {
        const QByteArray head = QByteArray::fromBase64(base64.left(24));
        if (head.startsWith("\x89PNG"))
            return QStringLiteral("image/png");
        if (head.startsWith("\xFF\xD8\xFF"))
            return QStringLiteral("image/jpeg");
        if (head.startsWith("GIF8"))
            return QStringLiteral("image/gif");
        if (head.startsWith("RIFF") && head.mid(8, 4) == "WEBP")
            return QStringLiteral("image/webp");
        return QStringLiteral("image/png");
    }

    Json imageBlock(const ContentPart& part) {
        if (!part.detail.isEmpty())
            drop(names_.imageDetail);
        Json b = Json::object();
        b.set("type", "image");
        b.set("source", imageSource(part));
        addCacheControl(b, part);
        return b;
    }

    Json textBlock(const ContentPart& part) {
        if (!part.signature.isEmpty() && !fromAnthropic())
            drop(names_.textSignature);
        Json b = Json::object();
        b.set("type", "text");
        b.set("text", part.text);
        addCacheControl(b, part);
        return b;
    }

    // Tool arguments travel as JSON text; Anthropic wants the object. Text that is no
    // object (a model's broken output replayed by the client) goes as an empty input.
    static Json toolInput(const QByteArray& arguments) {
        const std::optional<Json> input = Json::parse(arguments);
        return input && input->isObject() ? *input : Json::object();
    }

    // Appends the block `part` becomes, or nothing when Anthropic cannot take it.
    void appendBlock(Json& blocks, const ContentPart& part) {
        Json b = Json::object();
        switch (part.kind) {
            case ContentPart::Kind::Text:
                blocks.append(textBlock(part));
                return;
            case ContentPart::Kind::Image:
                blocks.append(imageBlock(part));
                return;
            case ContentPart::Kind::Thinking:
                // Anthropic verifies thinking it gets back by its signature and refuses
                // unsigned blocks (other providers' reasoning text).
                if (part.signature.isEmpty() && !fromAnthropic()) {
                    drop(names_.unsignedThinking);
                    return;
                }
                b.set("type", "thinking");
                b.set("thinking", part.text);
                if (!part.signature.isEmpty())
                    b.set("signature", QByteArrayView(part.signature));
                break;
            case ContentPart::Kind::RedactedThinking:
                b.set("type", "redacted_thinking");
                b.set("data", QByteArrayView(part.data));
                break;
            case ContentPart::Kind::ToolCall:
                b.set("type", "tool_use");
                b.set("id", part.toolCallId);
                b.set("name", part.toolName);
                b.set("input", toolInput(part.arguments));
                break;
            case ContentPart::Kind::ToolResult: {
                b.set("type", "tool_result");
                b.set("tool_use_id", part.toolCallId);
                if (!part.content.empty()) {
                    Json inner = Json::array();
                    for (const ContentPart& p : part.content)
                        appendBlock(inner, p);
                    b.set("content", contentOf(std::move(inner)));
                }
                if (part.isError)
                    b.set("is_error", true);
                break;
            }
        }
        addCacheControl(b, part);
        blocks.append(std::move(b));
    }

    Json messages() {
        struct Turn {
            ChatMessage::Role role;
            std::vector<Json> blocks;
        };
        std::vector<Turn> turns;
        for (const ChatMessage& message : request_.messages) {
            if (!message.name.isEmpty())
                drop(names_.messageName);
            Json blocks = Json::array();
            for (const ContentPart& part : message.parts)
                appendBlock(blocks, part);
            if (fromAnthropic()) {
                turns.push_back({message.role, blocks.items()});
                continue;
            }
            if (blocks.size() == 0)
                continue;  // e.g. an assistant turn whose only part could not be carried
            // Consecutive turns of one role merge, as tool results arrive one message each
            // from OpenAI clients and the API wants one user turn answering all calls.
            if (turns.empty() || turns.back().role != message.role)
                turns.push_back({message.role, {}});
            std::vector<Json>& into = turns.back().blocks;
            into.insert(into.end(), blocks.items().begin(), blocks.items().end());
        }
        Json out = Json::array();
        for (Turn& turn : turns) {
            if (!fromAnthropic() && turn.role == ChatMessage::Role::User) {
                // Tool results must open the user turn that answers the calls.
                std::stable_partition(turn.blocks.begin(), turn.blocks.end(), [](const Json& b) {
                    return b["type"].utf8() == "tool_result";
                });
            }
            Json blocks = Json::array();
            for (Json& b : turn.blocks)
                blocks.append(std::move(b));
            Json m = Json::object();
            m.set("role", turn.role == ChatMessage::Role::User ? "user" : "assistant");
            m.set("content", contentOf(std::move(blocks)));
            out.append(std::move(m));
        }
        return out;
    }

    const Json* extra(QByteArrayView key) const {
        for (const Json::Member& m : request_.extra) {
            if (m.first == key)
                return &m.second;
        }
        return nullptr;
    }

    void writeTools(Json& body) {
        const Json* verbatim = fromAnthropic() ? extra("tools") : nullptr;
        if (verbatim) {
            body.set("tools", *verbatim);
        } else if (!request_.tools.empty()) {
            Json tools = Json::array();
            for (const ToolDefinition& tool : request_.tools)
                tools.append(AnthropicRequestWriter::toolJson(tool));
            body.set("tools", std::move(tools));
        }
        const ToolChoice& choice = request_.toolChoice;
        // Clients of other formats say "none" or "auto" without tools; Anthropic has no
        // use for a choice among no tools.
        if (!fromAnthropic() && body["tools"].isNull())
            return;
        const bool sayParallel =
            choice.parallelGiven && (fromAnthropic() || !choice.parallelCallsAllowed);
        if (choice.mode == ToolChoice::Mode::Unset && !sayParallel)
            return;
        Json c = Json::object();
        switch (choice.mode) {
            case ToolChoice::Mode::Unset:
            case ToolChoice::Mode::Auto:
                c.set("type", "auto");
                break;
            case ToolChoice::Mode::Required:
                c.set("type", "any");
                break;
            case ToolChoice::Mode::None:
                c.set("type", "none");
                break;
            case ToolChoice::Mode::Tool:
                c.set("type", "tool");
                c.set("name", choice.name);
                break;
        }
        if (sayParallel && choice.mode != ToolChoice::Mode::None)
            c.set("disable_parallel_tool_use", !choice.parallelCallsAllowed);
        body.set("tool_choice", std::move(c));
    }

    void writeOutputConfig(Json& body, const AnthropicThinkingPlan& plan) {
        Json config = Json::object();
        if (!plan.effort.isEmpty())
            config.set("effort", QByteArrayView(plan.effort));
        const Json& format = request_.responseFormat;
        if (format["type"].utf8() == "json_schema") {
            Json f = Json::object();
            f.set("type", "json_schema");
            f.set("schema", format["json_schema"]["schema"]);
            config.set("format", std::move(f));
        }
        if (config.size() > 0)
            body.set("output_config", std::move(config));
    }

    void writeSampling(Json& body, const AnthropicThinkingPlan& plan) {
        // With thinking on, the API takes temperature 1 only, top_p of 0.95 and above,
        // and no top_k; when this gateway turned thinking on, the client's values yield.
        if (request_.temperature) {
            // Anthropic's range ends at 1 where OpenAI's ends at 2.
            const double t = fromAnthropic() ? *request_.temperature
                                             : std::clamp(*request_.temperature, 0.0, 1.0);
            if (plan.turnedOn && t != 1.0)
                drop(names_.temperature);
            else
                body.set("temperature", t);
        }
        if (request_.topP) {
            if (plan.turnedOn && *request_.topP < 0.95)
                drop(fromAnthropic()
                         ? "top_p"
                         : (source_ == Source::Gemini ? "generationConfig.topP" : "top_p"));
            else
                body.set("top_p", *request_.topP);
        }
        if (request_.topK) {
            if (plan.turnedOn)
                drop(names_.topK);
            else
                body.set("top_k", *request_.topK);
        }
    }

    void dropUnsupported(const AnthropicThinkingPlan& plan) {
        if (request_.candidates && *request_.candidates != 1)
            drop(names_.candidates);
        if (request_.seed)
            drop(names_.seed);
        if (request_.presencePenalty)
            drop(names_.presencePenalty);
        if (request_.frequencyPenalty)
            drop(names_.frequencyPenalty);
        if (!request_.responseFormat.isNull() &&
            request_.responseFormat["type"].utf8() != "json_schema" &&
            request_.responseFormat["type"].utf8() != "text")
            drop(names_.responseFormat);
        if (plan.effortDropped)
            drop(names_.reasoningEffort);
        if (!request_.metadata.isNull())
            drop("metadata");
    }

    const ChatRequest& request_;
    QStringList& dropped_;
    Source source_;
    const DropNames& names_;
};

}  // namespace

Json AnthropicRequestWriter::toolJson(const ToolDefinition& tool) {
    Json t = Json::object();
    t.set("name", tool.name);
    if (!tool.description.isEmpty())
        t.set("description", tool.description);
    if (tool.parameters.isObject()) {
        t.set("input_schema", tool.parameters);
    } else {
        // A tool without arguments still needs an object schema.
        Json schema = Json::object();
        schema.set("type", "object");
        schema.set("properties", Json::object());
        t.set("input_schema", std::move(schema));
    }
    if (!tool.cacheControl.isNull())
        t.set("cache_control", tool.cacheControl);
    if (tool.strict)
        t.set("strict", true);
    return t;
}

Json AnthropicRequestWriter::write(const ChatRequest& request, QStringList& dropped) {
    return Writer(request, dropped).write();
}

}  // namespace signalbox
