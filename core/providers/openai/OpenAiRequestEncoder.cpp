#include "providers/openai/OpenAiRequestEncoder.h"

#include "providers/ToolCallIds.h"

#include <algorithm>
#include <map>

namespace signalbox {

namespace {

// Anthropic and Gemini think in token budgets, OpenAI in effort levels. The cut points
// follow what clients commonly ask for: Claude Code's "think" is 4,000 tokens and
// "think hard" 10,000; Gemini's dynamic budget (-1) leaves the choice to the model.
QString effortForBudget(qint64 budget) {
    if (budget < 0) {
        return QStringLiteral("medium");
    }
    if (budget == 0) {
        return {};
    }
    if (budget <= 4096) {
        return QStringLiteral("low");
    }
    if (budget <= 16384) {
        return QStringLiteral("medium");
    }
    return QStringLiteral("high");
}

class Writer {
public:
    Writer(const OpenAiFormatOptions& options, bool sameFormat, QStringList& dropped)
        : options_(options), sameFormat_(sameFormat), dropped_(dropped) {}

    Json request(const ChatRequest& r) {
        Json body = Json::object();
        body.set("model", r.model);
        body.set("messages", messages(r));
        if (!r.tools.empty()) {
            body.set("tools", tools(r.tools));
            writeToolChoice(body, r.toolChoice);
            if (r.toolChoice.parallelGiven || !r.toolChoice.parallelCallsAllowed) {
                optional(body, "parallel_tool_calls", r.toolChoice.parallelCallsAllowed);
            }
        }
        if (r.maxTokens) {
            optional(body, options_.maxTokensField, *r.maxTokens);
        }
        if (r.temperature) {
            optional(body, "temperature", *r.temperature);
        }
        if (r.topP) {
            optional(body, "top_p", *r.topP);
        }
        if (r.topK) {
            drop(QStringLiteral("top_k"));
        }
        if (r.candidates) {
            optional(body, "n", *r.candidates);
        }
        if (r.seed) {
            optional(body, options_.seedField, *r.seed);
        }
        if (r.presencePenalty) {
            optional(body, "presence_penalty", *r.presencePenalty);
        }
        if (r.frequencyPenalty) {
            optional(body, "frequency_penalty", *r.frequencyPenalty);
        }
        if (!r.stop.isEmpty()) {
            Json stop = Json::array();
            for (const QString& s : r.stop) {
                stop.append(s);
            }
            optional(body, "stop", std::move(stop));
        }
        if (!r.responseFormat.isNull()) {
            optional(body, "response_format", r.responseFormat);
        }
        writeReasoning(body, r);
        if (!r.user.isEmpty()) {
            optional(body, "user", r.user);
        }
        if (!r.metadata.isNull()) {
            optional(body, "metadata", r.metadata);
        }
        if (r.stream) {
            body.set("stream", true);
            // Always: the gateway needs the usage for cost, whatever the client asked.
            if (options_.supports("stream_options")) {
                Json streamOptions = Json::object();
                streamOptions.set("include_usage", true);
                body.set("stream_options", std::move(streamOptions));
            }
        } else if (sameFormat_ && contains(r.memberOrder, "stream")) {
            body.set("stream", false);
        }
        for (const auto& [name, value] : r.extra) {
            if (!sameFormat_) {
                drop(QString::fromUtf8(name));
            } else {
                optional(body, name, value);
            }
        }
        return sameFormat_ && !r.memberOrder.empty() ? inClientOrder(body, r.memberOrder) : body;
    }

private:
    static bool contains(const std::vector<QByteArray>& names, QByteArrayView name) {
        return std::find(names.begin(), names.end(), name) != names.end();
    }

    void drop(const QString& name) {
        if (!dropped_.contains(name)) {
            dropped_.append(name);
        }
    }

    // A field the provider may refuse: written, or named as dropped.
    void optional(Json& body, QByteArrayView field, Json value) {
        if (options_.supports(field)) {
            body.set(field, std::move(value));
        } else {
            drop(QString::fromUtf8(field));
        }
    }

    // The client's layout, so that a same-format body comes back as it went in; the
    // token limit and seed keep their place under this provider's name for them.
    Json inClientOrder(const Json& body, const std::vector<QByteArray>& order) const {
        Json out = Json::object();
        for (const QByteArray& name : order) {
            QByteArrayView key = name;
            if (name == "max_tokens" || name == "max_completion_tokens") {
                key = options_.maxTokensField;
            } else if (name == "seed" || name == "random_seed") {
                key = options_.seedField;
            }
            if (body.contains(key) && !out.contains(key)) {
                out.set(key, body[key]);
            }
        }
        for (const auto& [name, value] : body.members()) {
            if (!out.contains(name)) {
                out.set(name, value);
            }
        }
        return out;
    }

    void writeToolChoice(Json& body, const ToolChoice& choice) {
        switch (choice.mode) {
            case ToolChoice::Mode::Unset:
                return;
            case ToolChoice::Mode::Auto:
                body.set("tool_choice", "auto");
                return;
            case ToolChoice::Mode::None:
                body.set("tool_choice", "none");
                return;
            case ToolChoice::Mode::Required:
                body.set("tool_choice", "required");
                return;
            case ToolChoice::Mode::Tool: {
                Json function = Json::object();
                function.set("name", choice.name);
                Json named = Json::object();
                named.set("type", "function");
                named.set("function", std::move(function));
                body.set("tool_choice", std::move(named));
                return;
            }
        }
    }

    void writeReasoning(Json& body, const ChatRequest& r) {
        QString effort = r.reasoningEffort;
        bool fromBudget = false;
        if (effort.isEmpty() && r.thinking != false && r.thinkingBudget) {
            effort = effortForBudget(*r.thinkingBudget);
            fromBudget = true;
        }
        if (effort.isEmpty()) {
            return;
        }
        if (options_.supports("reasoning_effort")) {
            body.set("reasoning_effort", effort);
        } else {
            drop(fromBudget ? QStringLiteral("thinking") : QStringLiteral("reasoning_effort"));
        }
    }

    Json tools(const std::vector<ToolDefinition>& tools) {
        Json out = Json::array();
        for (const ToolDefinition& t : tools) {
            Json function = Json::object();
            function.set("name", t.name);
            if (!t.description.isEmpty()) {
                function.set("description", t.description);
            }
            if (!t.parameters.isNull()) {
                function.set("parameters", t.parameters);
            }
            if (t.strict) {
                function.set("strict", true);
            }
            Json tool = Json::object();
            tool.set("type", "function");
            tool.set("function", std::move(function));
            cacheControl(tool, t.cacheControl);
            out.append(std::move(tool));
        }
        return out;
    }

    // Only a same-format client's own cache_control goes back; OpenAI caches by itself.
    void cacheControl(Json& into, const Json& cacheControl) {
        if (cacheControl.isNull()) {
            return;
        }
        if (sameFormat_) {
            into.set("cache_control", cacheControl);
        } else {
            drop(QStringLiteral("cache_control"));
        }
    }

    Json textPart(const ContentPart& p) {
        Json part = Json::object();
        part.set("type", "text");
        part.set("text", p.text);
        cacheControl(part, p.cacheControl);
        return part;
    }

    // One text part without cache_control is a plain string, as clients mostly send it.
    Json textContent(const std::vector<const ContentPart*>& parts) {
        if (parts.size() == 1 && (parts.front()->cacheControl.isNull() || !sameFormat_)) {
            if (!parts.front()->cacheControl.isNull()) {
                drop(QStringLiteral("cache_control"));
            }
            return parts.front()->text;
        }
        Json out = Json::array();
        for (const ContentPart* p : parts) {
            out.append(textPart(*p));
        }
        return out;
    }

    Json messages(const ChatRequest& r) {
        Json out = Json::array();
        if (!r.system.empty()) {
            std::vector<const ContentPart*> parts;
            for (const ContentPart& p : r.system) {
                parts.push_back(&p);
            }
            Json system = Json::object();
            system.set("role", "system");
            system.set("content", textContent(parts));
            out.append(std::move(system));
        }
        // Tool results answer calls by id; a same-format client's ids carry a signature.
        std::map<QString, QByteArray> signatures;
        for (const ChatMessage& m : r.messages) {
            if (m.role == ChatMessage::Role::Assistant) {
                for (const ContentPart& p : m.parts) {
                    if (p.kind == ContentPart::Kind::ToolCall) {
                        signatures[p.toolCallId] = p.signature;
                    }
                }
                out.append(assistant(m));
            } else {
                user(m, signatures, out);
            }
        }
        return out;
    }

    void name(Json& message, const QString& name) {
        if (name.isEmpty()) {
            return;
        }
        if (options_.supports("messages[].name")) {
            message.set("name", name);
        } else {
            drop(QStringLiteral("messages[].name"));
        }
    }

    QString callId(const QString& id, const QByteArray& signature) const {
        return sameFormat_ ? ToolCallIds::fold(id, signature) : id;
    }

    // Tool results first, as OpenAI wants each right after its call, then the rest.
    void user(const ChatMessage& m, const std::map<QString, QByteArray>& signatures, Json& out) {
        std::vector<const ContentPart*> rest;
        for (const ContentPart& p : m.parts) {
            if (p.kind == ContentPart::Kind::ToolResult) {
                const auto signature = signatures.find(p.toolCallId);
                Json tool = Json::object();
                tool.set("role", "tool");
                tool.set("tool_call_id",
                         callId(p.toolCallId,
                                signature == signatures.end() ? QByteArray() : signature->second));
                tool.set("content", toolResultContent(p));
                out.append(std::move(tool));
            } else if (p.kind == ContentPart::Kind::Text || p.kind == ContentPart::Kind::Image) {
                rest.push_back(&p);
            }
        }
        const bool onlyToolResults = rest.empty() && !m.parts.empty();
        if (onlyToolResults) {
            return;
        }
        Json message = Json::object();
        message.set("role", "user");
        bool allText = true;
        for (const ContentPart* p : rest) {
            allText = allText && p->kind == ContentPart::Kind::Text;
        }
        if (rest.empty()) {
            message.set("content", "");
        } else if (allText && rest.size() == 1) {
            message.set("content", textContent(rest));
        } else {
            Json content = Json::array();
            for (const ContentPart* p : rest) {
                content.append(p->kind == ContentPart::Kind::Text ? textPart(*p) : image(*p));
            }
            message.set("content", std::move(content));
        }
        name(message, m.name);
        out.append(std::move(message));
    }

    Json image(const ContentPart& p) {
        Json imageUrl = Json::object();
        imageUrl.set("url", p.url.isEmpty()
                                ? QStringLiteral("data:") + p.mediaType +
                                      QStringLiteral(";base64,") + QString::fromLatin1(p.data)
                                : p.url);
        if (!p.detail.isEmpty()) {
            imageUrl.set("detail", p.detail);
        }
        Json part = Json::object();
        part.set("type", "image_url");
        part.set("image_url", std::move(imageUrl));
        cacheControl(part, p.cacheControl);
        return part;
    }

    // Tool messages take text only.
    Json toolResultContent(const ContentPart& result) {
        if (result.isError) {
            drop(QStringLiteral("is_error"));
        }
        std::vector<const ContentPart*> texts;
        for (const ContentPart& c : result.content) {
            if (c.kind == ContentPart::Kind::Text) {
                texts.push_back(&c);
            } else {
                drop(QStringLiteral("tool_result.content.image"));
            }
        }
        return texts.empty() ? Json("") : textContent(texts);
    }

    Json assistant(const ChatMessage& m) {
        std::vector<const ContentPart*> texts;
        QString reasoning;
        Json calls = Json::array();
        for (const ContentPart& p : m.parts) {
            switch (p.kind) {
                case ContentPart::Kind::Text:
                    texts.push_back(&p);
                    break;
                case ContentPart::Kind::Thinking:
                    if (sameFormat_) {
                        reasoning += p.text;
                    } else {
                        drop(QStringLiteral("thinking"));
                    }
                    break;
                case ContentPart::Kind::RedactedThinking:
                    drop(QStringLiteral("redacted_thinking"));
                    break;
                case ContentPart::Kind::ToolCall: {
                    Json function = Json::object();
                    function.set("name", p.toolName);
                    function.set(
                        "arguments",
                        QByteArrayView(p.arguments.isEmpty() ? QByteArray("{}") : p.arguments));
                    Json call = Json::object();
                    call.set("id", callId(p.toolCallId, p.signature));
                    call.set("type", "function");
                    call.set("function", std::move(function));
                    calls.append(std::move(call));
                    break;
                }
                case ContentPart::Kind::Image:
                case ContentPart::Kind::ToolResult:
                    break;  // not something an assistant says
            }
        }
        Json message = Json::object();
        message.set("role", "assistant");
        if (texts.empty()) {
            message.set("content", calls.size() > 0 ? Json() : Json(""));
        } else {
            message.set("content", textContent(texts));
        }
        if (!reasoning.isEmpty()) {
            message.set("reasoning_content", reasoning);
        }
        name(message, m.name);
        if (calls.size() > 0) {
            message.set("tool_calls", std::move(calls));
        }
        return message;
    }

    const OpenAiFormatOptions& options_;
    const bool sameFormat_;
    QStringList& dropped_;
};

}  // namespace

Json OpenAiRequestEncoder::encode(const ChatRequest& request, const OpenAiFormatOptions& options,
                                  bool sameFormat, QStringList& dropped) {
    return Writer(options, sameFormat, dropped).request(request);
}

}  // namespace signalbox
