#include "providers/openai/OpenAiRequestDecoder.h"

#include "providers/ToolCallIds.h"
#include "providers/openai/OpenAiWire.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <utility>

namespace signalbox {

namespace {

QString tr(const char* text) {
    return OpenAiWire::tr(text);
}

QString fieldName(const QByteArray& param) {
    return QString::fromUtf8(param);
}

ApiError invalid(const QByteArray& param, const QString& message) {
    ApiError e = ApiError::invalidRequest(message);
    e.param = param;
    return e;
}

ApiError wrongType(const QByteArray& param, const QString& expected) {
    return invalid(param,
                   tr("Invalid type for '%1': expected %2.").arg(fieldName(param), expected));
}

QByteArray at(const QByteArray& param, qsizetype index) {
    return param + '[' + QByteArray::number(index) + ']';
}

std::optional<qint64> integerOf(const Json& value) {
    if (!value.isNumber()) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 v = value.utf8().toLongLong(&ok);
    if (ok) {
        return v;
    }
    const double d = value.toDouble(NAN);
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18) {
        return static_cast<qint64>(d);
    }
    return std::nullopt;
}

// Reads one message at a time; remembers what later messages refer back to.
class Reader {
public:
    Reader(ChatRequest& out, ApiError& error) : out_(out), error_(error) {}

    bool body(const Json& body) {
        if (!body.isObject()) {
            error_ = ApiError::invalidRequest(tr("The request body must be a JSON object."));
            return false;
        }
        std::optional<qint64> maxTokens;
        std::optional<qint64> maxCompletionTokens;
        for (const auto& [name, value] : body.members()) {
            out_.memberOrder.push_back(name);
            if (value.isNull() && isOptionalKnown(name)) {
                continue;  // OpenAI reads null as "not given" for every optional field
            }
            bool ok = true;
            if (name == "model") {
                ok = string(value, name, out_.model);
            } else if (name == "messages") {
                ok = messages(value);
            } else if (name == "tools") {
                ok = tools(value);
            } else if (name == "tool_choice") {
                ok = toolChoice(value);
            } else if (name == "parallel_tool_calls") {
                ok = boolean(value, name, out_.toolChoice.parallelCallsAllowed);
                out_.toolChoice.parallelGiven = true;
            } else if (name == "max_tokens") {
                ok = integer(value, name, maxTokens);
            } else if (name == "max_completion_tokens") {
                ok = integer(value, name, maxCompletionTokens);
            } else if (name == "temperature") {
                ok = number(value, name, out_.temperature);
            } else if (name == "top_p") {
                ok = number(value, name, out_.topP);
            } else if (name == "n") {
                ok = integer(value, name, out_.candidates);
            } else if (name == "seed") {
                ok = integer(value, name, out_.seed);
            } else if (name == "presence_penalty") {
                ok = number(value, name, out_.presencePenalty);
            } else if (name == "frequency_penalty") {
                ok = number(value, name, out_.frequencyPenalty);
            } else if (name == "stop") {
                ok = stop(value);
            } else if (name == "response_format") {
                ok = responseFormat(value);
            } else if (name == "reasoning_effort") {
                ok = string(value, name, out_.reasoningEffort);
                if (out_.reasoningEffort == QLatin1StringView("none")) {
                    out_.thinking = false;
                }
            } else if (name == "stream") {
                ok = boolean(value, name, out_.stream);
            } else if (name == "stream_options") {
                ok = streamOptions(value);
            } else if (name == "user") {
                ok = string(value, name, out_.user);
            } else if (name == "metadata") {
                if (!value.isObject()) {
                    error_ = wrongType(name, tr("an object"));
                    return false;
                }
                out_.metadata = value;
            } else {
                out_.extra.emplace_back(name, value);
            }
            if (!ok) {
                return false;
            }
        }
        if (!body.contains("messages")) {
            error_ = invalid("messages", tr("Missing required parameter: 'messages'."));
            return false;
        }
        out_.maxTokens = maxCompletionTokens ? maxCompletionTokens : maxTokens;
        return true;
    }

private:
    static bool isOptionalKnown(QByteArrayView name) {
        static constexpr const char* kKnown[] = {"tools",
                                                 "tool_choice",
                                                 "parallel_tool_calls",
                                                 "max_tokens",
                                                 "max_completion_tokens",
                                                 "temperature",
                                                 "top_p",
                                                 "n",
                                                 "seed",
                                                 "presence_penalty",
                                                 "frequency_penalty",
                                                 "stop",
                                                 "response_format",
                                                 "reasoning_effort",
                                                 "stream",
                                                 "stream_options",
                                                 "user",
                                                 "metadata"};
        return std::any_of(std::begin(kKnown), std::end(kKnown),
                           [name](const char* known) { return name == known; });
    }

    bool fail(ApiError error) {
        error_ = std::move(error);
        return false;
    }

    bool string(const Json& value, const QByteArray& param, QString& out) {
        if (!value.isString()) {
            return fail(wrongType(param, tr("a string")));
        }
        out = value.toString();
        return true;
    }

    bool boolean(const Json& value, const QByteArray& param, bool& out) {
        if (!value.isBool()) {
            return fail(wrongType(param, tr("a boolean")));
        }
        out = value.toBool();
        return true;
    }

    bool number(const Json& value, const QByteArray& param, std::optional<double>& out) {
        if (!value.isNumber()) {
            return fail(wrongType(param, tr("a number")));
        }
        out = value.toDouble();
        return true;
    }

    bool integer(const Json& value, const QByteArray& param, std::optional<qint64>& out) {
        out = integerOf(value);
        return out ? true : fail(wrongType(param, tr("an integer")));
    }

    bool stop(const Json& value) {
        if (value.isString()) {
            out_.stop.append(value.toString());
            return true;
        }
        if (!value.isArray()) {
            return fail(wrongType("stop", tr("a string or an array of strings")));
        }
        for (qsizetype i = 0; i < value.size(); ++i) {
            if (!value.at(i).isString()) {
                return fail(wrongType(at("stop", i), tr("a string")));
            }
            out_.stop.append(value.at(i).toString());
        }
        return true;
    }

    bool responseFormat(const Json& value) {
        if (!value.isObject() || !value["type"].isString()) {
            return fail(wrongType("response_format", tr("an object with a 'type'")));
        }
        // {"type":"text"} is the default: nothing for another format to carry.
        if (value["type"].utf8() != "text") {
            out_.responseFormat = value;
        }
        return true;
    }

    bool streamOptions(const Json& value) {
        if (!value.isObject()) {
            return fail(wrongType("stream_options", tr("an object")));
        }
        const Json& include = value["include_usage"];
        if (!include.isNull() &&
            !boolean(include, "stream_options.include_usage", out_.includeUsage)) {
            return false;
        }
        return true;
    }

    bool tools(const Json& value) {
        if (!value.isArray()) {
            return fail(wrongType("tools", tr("an array")));
        }
        for (qsizetype i = 0; i < value.size(); ++i) {
            const Json& tool = value.at(i);
            const QByteArray param = at("tools", i);
            if (!tool.isObject()) {
                return fail(wrongType(param, tr("an object")));
            }
            if (tool["type"].utf8() != "function") {
                return fail(invalid(param + ".type",
                                    tr("Only tools of type 'function' can be translated for "
                                       "this model's provider.")));
            }
            const Json& function = tool["function"];
            if (!function.isObject()) {
                return fail(wrongType(param + ".function", tr("an object")));
            }
            ToolDefinition def;
            if (!string(function["name"], param + ".function.name", def.name)) {
                return false;
            }
            if (!function["description"].isNull() &&
                !string(function["description"], param + ".function.description",
                        def.description)) {
                return false;
            }
            const Json& parameters = function["parameters"];
            if (!parameters.isNull() && !parameters.isObject()) {
                return fail(wrongType(param + ".function.parameters", tr("an object")));
            }
            def.parameters = parameters;
            if (!function["strict"].isNull() &&
                !boolean(function["strict"], param + ".function.strict", def.strict)) {
                return false;
            }
            if (tool["cache_control"].isObject()) {
                def.cacheControl = tool["cache_control"];
            }
            out_.tools.push_back(std::move(def));
        }
        return true;
    }

    bool toolChoice(const Json& value) {
        using Mode = ToolChoice::Mode;
        if (value.isString()) {
            const QByteArray& mode = value.utf8();
            if (mode == "auto") {
                out_.toolChoice.mode = Mode::Auto;
            } else if (mode == "none") {
                out_.toolChoice.mode = Mode::None;
            } else if (mode == "required") {
                out_.toolChoice.mode = Mode::Required;
            } else {
                return fail(
                    invalid("tool_choice", tr("Invalid value for 'tool_choice': expected 'none', "
                                              "'auto', 'required' or a named function.")));
            }
            return true;
        }
        if (!value.isObject()) {
            return fail(wrongType("tool_choice", tr("a string or an object")));
        }
        if (value["type"].utf8() != "function") {
            return fail(invalid("tool_choice.type",
                                tr("Only a tool_choice of 'none', 'auto', 'required' or one "
                                   "named function can be translated for this model's "
                                   "provider.")));
        }
        if (!string(value["function"]["name"], "tool_choice.function.name", out_.toolChoice.name)) {
            return false;
        }
        out_.toolChoice.mode = Mode::Tool;
        return true;
    }

    bool messages(const Json& value) {
        if (!value.isArray()) {
            return fail(wrongType("messages", tr("an array")));
        }
        if (value.size() == 0) {
            return fail(invalid("messages", tr("'messages' must not be empty.")));
        }
        for (qsizetype i = 0; i < value.size(); ++i) {
            if (!message(value.at(i), at("messages", i))) {
                return false;
            }
        }
        return true;
    }

    bool message(const Json& m, const QByteArray& param) {
        if (!m.isObject()) {
            return fail(wrongType(param, tr("an object")));
        }
        const Json& roleValue = m["role"];
        if (!roleValue.isString()) {
            return fail(wrongType(param + ".role", tr("a string")));
        }
        const QByteArray& role = roleValue.utf8();
        const bool wasToolTurn = std::exchange(lastWasTool_, false);
        QString name;
        if (!m["name"].isNull() && !string(m["name"], param + ".name", name)) {
            return false;
        }

        if (role == "system" || role == "developer") {
            return textContent(m["content"], param + ".content", out_.system);
        }

        if (role == "user") {
            std::vector<ContentPart> parts;
            if (!userContent(m["content"], param + ".content", parts)) {
                return false;
            }
            if (wasToolTurn) {
                // Text after tool results belongs to the same user turn, as Anthropic and
                // Gemini carry it; encoding back splits it again.
                ChatMessage& turn = out_.messages.back();
                std::move(parts.begin(), parts.end(), std::back_inserter(turn.parts));
                turn.name = name;
                return true;
            }
            out_.messages.push_back({ChatMessage::Role::User, std::move(parts), name});
            return true;
        }

        if (role == "assistant") {
            return assistant(m, param, name);
        }

        if (role == "tool") {
            ContentPart result;
            result.kind = ContentPart::Kind::ToolResult;
            QString id;
            if (!string(m["tool_call_id"], param + ".tool_call_id", id)) {
                return false;
            }
            QByteArray signature;  // the call carries it; the result only points back
            result.toolCallId = ToolCallIds::unfold(id, &signature);
            const auto known = toolNames_.find(result.toolCallId);
            if (known != toolNames_.end()) {
                result.toolName = known->second;
            }
            if (!m["content"].isString() || !m["content"].utf8().isEmpty()) {
                if (!textContent(m["content"], param + ".content", result.content)) {
                    return false;
                }
            }
            if (!wasToolTurn) {
                out_.messages.push_back({ChatMessage::Role::User, {}, {}});
            }
            out_.messages.back().parts.push_back(std::move(result));
            lastWasTool_ = true;
            return true;
        }

        if (role == "function") {
            return fail(invalid(param + ".role",
                                tr("Legacy 'function' messages cannot be translated for this "
                                   "model's provider; use 'tools' and role 'tool'.")));
        }
        return fail(
            invalid(param + ".role", tr("Invalid value for '%1': expected 'system', 'developer', "
                                        "'user', 'assistant' or 'tool'.")
                                         .arg(fieldName(param + ".role"))));
    }

    bool assistant(const Json& m, const QByteArray& param, const QString& name) {
        ChatMessage turn;
        turn.role = ChatMessage::Role::Assistant;
        turn.name = name;
        // DeepSeek sends reasoning back as reasoning_content, OpenRouter as reasoning.
        for (const char* field : {"reasoning_content", "reasoning"}) {
            const Json& reasoning = m[field];
            if (reasoning.isString() && !reasoning.utf8().isEmpty()) {
                ContentPart thinking;
                thinking.kind = ContentPart::Kind::Thinking;
                thinking.text = reasoning.toString();
                turn.parts.push_back(std::move(thinking));
                break;
            }
        }
        const Json& content = m["content"];
        if (content.isString()) {
            if (!content.utf8().isEmpty()) {
                turn.parts.push_back(ContentPart::textPart(content.toString()));
            }
        } else if (content.isArray()) {
            for (qsizetype i = 0; i < content.size(); ++i) {
                const Json& part = content.at(i);
                const QByteArray partParam = at(param + ".content", i);
                const QByteArray& type = part["type"].utf8();
                QString text;
                if (type == "text") {
                    if (!string(part["text"], partParam + ".text", text)) {
                        return false;
                    }
                } else if (type == "refusal") {
                    if (!string(part["refusal"], partParam + ".refusal", text)) {
                        return false;
                    }
                } else {
                    return fail(invalid(partParam + ".type",
                                        tr("Assistant content parts must be of type 'text' or "
                                           "'refusal'.")));
                }
                turn.parts.push_back(ContentPart::textPart(text));
            }
        } else if (!content.isNull()) {
            return fail(wrongType(param + ".content", tr("a string, an array or null")));
        }
        if (m["refusal"].isString()) {
            turn.parts.push_back(ContentPart::textPart(m["refusal"].toString()));
        }
        if (!m["function_call"].isNull()) {
            return fail(invalid(param + ".function_call",
                                tr("Legacy 'function_call' cannot be translated for this "
                                   "model's provider; use 'tool_calls'.")));
        }
        const Json& calls = m["tool_calls"];
        if (!calls.isNull() && !calls.isArray()) {
            return fail(wrongType(param + ".tool_calls", tr("an array")));
        }
        for (qsizetype i = 0; i < calls.size(); ++i) {
            const Json& call = calls.at(i);
            const QByteArray callParam = at(param + ".tool_calls", i);
            if (!call.isObject()) {
                return fail(wrongType(callParam, tr("an object")));
            }
            if (!call["type"].isNull() && call["type"].utf8() != "function") {
                return fail(invalid(callParam + ".type",
                                    tr("Only tool calls of type 'function' can be translated "
                                       "for this model's provider.")));
            }
            ContentPart part;
            part.kind = ContentPart::Kind::ToolCall;
            QString id;
            if (!string(call["id"], callParam + ".id", id)) {
                return false;
            }
            part.toolCallId = ToolCallIds::unfold(id, &part.signature);
            const Json& function = call["function"];
            if (!function.isObject()) {
                return fail(wrongType(callParam + ".function", tr("an object")));
            }
            if (!string(function["name"], callParam + ".function.name", part.toolName)) {
                return false;
            }
            const Json& arguments = function["arguments"];
            if (arguments.isString()) {
                // Kept as sent, valid JSON or not: each encoder decides what it can send.
                part.arguments = arguments.utf8();
            } else if (!arguments.isNull()) {
                return fail(wrongType(callParam + ".function.arguments", tr("a string")));
            }
            if (part.arguments.isEmpty()) {
                part.arguments = "{}";
            }
            toolNames_[part.toolCallId] = part.toolName;
            turn.parts.push_back(std::move(part));
        }
        out_.messages.push_back(std::move(turn));
        return true;
    }

    // System, developer and tool messages: a string or text parts.
    bool textContent(const Json& content, const QByteArray& param, std::vector<ContentPart>& out) {
        if (content.isString()) {
            out.push_back(ContentPart::textPart(content.toString()));
            return true;
        }
        if (!content.isArray()) {
            return fail(wrongType(param, tr("a string or an array of text parts")));
        }
        for (qsizetype i = 0; i < content.size(); ++i) {
            const Json& part = content.at(i);
            const QByteArray partParam = at(param, i);
            if (!part.isObject() || part["type"].utf8() != "text") {
                return fail(invalid(partParam + ".type",
                                    tr("Only content parts of type 'text' are allowed here.")));
            }
            ContentPart text;
            if (!string(part["text"], partParam + ".text", text.text)) {
                return false;
            }
            if (part["cache_control"].isObject()) {
                text.cacheControl = part["cache_control"];
            }
            out.push_back(std::move(text));
        }
        return true;
    }

    bool userContent(const Json& content, const QByteArray& param, std::vector<ContentPart>& out) {
        if (content.isString()) {
            out.push_back(ContentPart::textPart(content.toString()));
            return true;
        }
        if (!content.isArray()) {
            return fail(wrongType(param, tr("a string or an array of content parts")));
        }
        for (qsizetype i = 0; i < content.size(); ++i) {
            const Json& part = content.at(i);
            const QByteArray partParam = at(param, i);
            if (!part.isObject()) {
                return fail(wrongType(partParam, tr("an object")));
            }
            const QByteArray& type = part["type"].utf8();
            ContentPart p;
            if (type == "text") {
                if (!string(part["text"], partParam + ".text", p.text)) {
                    return false;
                }
            } else if (type == "image_url") {
                if (!image(part["image_url"], partParam + ".image_url", p)) {
                    return false;
                }
            } else if (type == "input_audio" || type == "file") {
                return fail(invalid(partParam + ".type",
                                    tr("Content parts of type '%1' can only go to OpenAI-format "
                                       "providers; this model's provider speaks another format.")
                                        .arg(QString::fromUtf8(type))));
            } else {
                return fail(invalid(partParam + ".type",
                                    tr("Invalid content part type '%1': expected 'text', "
                                       "'image_url', 'input_audio' or 'file'.")
                                        .arg(QString::fromUtf8(type))));
            }
            if (part["cache_control"].isObject()) {
                p.cacheControl = part["cache_control"];
            }
            out.push_back(std::move(p));
        }
        return true;
    }

    bool image(const Json& value, const QByteArray& param, ContentPart& p) {
        p.kind = ContentPart::Kind::Image;
        const Json& urlValue = value.isObject() ? value["url"] : value;
        QString url;
        if (!string(urlValue, value.isObject() ? param + ".url" : param, url)) {
            return false;
        }
        if (value.isObject() && !value["detail"].isNull() &&
            !string(value["detail"], param + ".detail", p.detail)) {
            return false;
        }
        if (!url.startsWith(QLatin1StringView("data:"))) {
            p.url = url;
            return true;
        }
        // data:image/png;base64,AAAA → the media type and the base64 as sent.
        const qsizetype comma = url.indexOf(QLatin1Char(','));
        const QStringView header = QStringView(url).sliced(5, comma < 0 ? 0 : comma - 5);
        if (comma < 0 || !header.endsWith(QLatin1StringView(";base64"))) {
            return fail(invalid(param + ".url", tr("Image data URLs must be base64: "
                                                   "'data:<media type>;base64,<data>'.")));
        }
        p.mediaType = header.chopped(7).toString();
        p.data = QStringView(url).sliced(comma + 1).toLatin1();
        return true;
    }

    ChatRequest& out_;
    ApiError& error_;
    bool lastWasTool_ = false;
    std::map<QString, QString> toolNames_;  // tool call id → function name
};

}  // namespace

bool OpenAiRequestDecoder::decode(const Json& body, ChatRequest& out, ApiError& error) {
    return Reader(out, error).body(body);
}

}  // namespace signalbox
