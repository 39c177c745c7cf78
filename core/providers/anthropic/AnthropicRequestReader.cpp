#include "providers/anthropic/AnthropicRequestReader.h"

#include "providers/ToolCallIds.h"
#include "providers/anthropic/AnthropicRequestWriter.h"

#include <QCoreApplication>

#include <limits>

namespace signalbox {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("AnthropicFormat", text);
}

QByteArray child(const QByteArray& path, QByteArrayView key) {
    return path.isEmpty() ? key.toByteArray() : path + '.' + key.toByteArray();
}

QByteArray child(const QByteArray& path, qsizetype index) {
    return path + '.' + QByteArray::number(index);
}

// Validates as it reads; the first refusal wins and stops the read.
class Reader {
public:
    explicit Reader(ApiError& error) : error_(error) {}

    bool refuse(const QByteArray& path, const QString& message) {
        error_ = ApiError::invalidRequest(
            path.isEmpty() ? message : QString::fromUtf8(path) + QStringLiteral(": ") + message);
        error_.param = path;
        return false;
    }

    bool has(const Json& object, QByteArrayView key, const QByteArray& path) {
        return object.contains(key) || refuse(child(path, key), tr("Field required"));
    }

    bool string(const Json& value, const QByteArray& path, QString& out) {
        if (!value.isString())
            return refuse(path, tr("Input should be a valid string"));
        out = value.toString();
        return true;
    }

    bool integer(const Json& value, const QByteArray& path, qint64& out) {
        constexpr qint64 kInvalid = std::numeric_limits<qint64>::min();
        const qint64 v = value.isNumber() ? value.toInt(kInvalid) : kInvalid;
        if (v == kInvalid)
            return refuse(path, tr("Input should be a valid integer"));
        if (v < 0)
            return refuse(path, tr("Input should be greater than or equal to 0"));
        out = v;
        return true;
    }

    bool number(const Json& value, const QByteArray& path, double& out) {
        if (!value.isNumber())
            return refuse(path, tr("Input should be a valid number"));
        out = value.toDouble();
        return true;
    }

    bool boolean(const Json& value, const QByteArray& path, bool& out) {
        if (!value.isBool())
            return refuse(path, tr("Input should be a valid boolean"));
        out = value.toBool();
        return true;
    }

    bool object(const Json& value, const QByteArray& path) {
        return value.isObject() || refuse(path, tr("Input should be a valid dictionary"));
    }

    bool list(const Json& value, const QByteArray& path) {
        return value.isArray() || refuse(path, tr("Input should be a valid list"));
    }

    bool cacheControl(const Json& block, const QByteArray& path, Json& out) {
        const Json& value = block["cache_control"];
        if (value.isNull())
            return true;
        if (!object(value, child(path, "cache_control")))
            return false;
        out = value;
        return true;
    }

    bool imageSource(const Json& source, const QByteArray& path, ContentPart& part) {
        if (!object(source, path) || !has(source, "type", path))
            return false;
        const QByteArray type = source["type"].utf8();
        if (type == "base64") {
            QString mediaType;
            QString data;
            if (!has(source, "media_type", path) ||
                !string(source["media_type"], child(path, "media_type"), mediaType) ||
                !has(source, "data", path) || !string(source["data"], child(path, "data"), data))
                return false;
            part.mediaType = mediaType;
            part.data = data.toLatin1();
            return true;
        }
        if (type == "url")
            return has(source, "url", path) && string(source["url"], child(path, "url"), part.url);
        return refuse(child(path, "type"),
                      tr("image sources of type '%1' cannot be translated; Signalbox takes "
                         "'base64' and 'url'")
                          .arg(QString::fromUtf8(type)));
    }

    bool block(const Json& b, const QByteArray& path, bool inToolResult, ContentPart& part) {
        if (!object(b, path) || !has(b, "type", path))
            return false;
        const QByteArray type = b["type"].utf8();
        if (!cacheControl(b, path, part.cacheControl))
            return false;
        if (type == "text") {
            part.kind = ContentPart::Kind::Text;
            return has(b, "text", path) && string(b["text"], child(path, "text"), part.text);
        }
        if (type == "image") {
            part.kind = ContentPart::Kind::Image;
            return has(b, "source", path) && imageSource(b["source"], child(path, "source"), part);
        }
        if (!inToolResult) {
            if (type == "thinking") {
                part.kind = ContentPart::Kind::Thinking;
                QString signature;
                if (!has(b, "thinking", path) ||
                    !string(b["thinking"], child(path, "thinking"), part.text))
                    return false;
                if (b.contains("signature") &&
                    !string(b["signature"], child(path, "signature"), signature))
                    return false;
                part.signature = signature.toUtf8();
                return true;
            }
            if (type == "redacted_thinking") {
                part.kind = ContentPart::Kind::RedactedThinking;
                QString data;
                if (!has(b, "data", path) || !string(b["data"], child(path, "data"), data))
                    return false;
                part.data = data.toUtf8();
                return true;
            }
            if (type == "tool_use")
                return toolUse(b, path, part);
            if (type == "tool_result")
                return toolResult(b, path, part);
        }
        return refuse(child(path, "type"),
                      inToolResult
                          ? tr("blocks of type '%1' cannot be translated inside a tool result; "
                               "Signalbox takes 'text' and 'image' there")
                                .arg(QString::fromUtf8(type))
                          : tr("blocks of type '%1' cannot be translated; Signalbox takes "
                               "'text', 'image', 'thinking', 'redacted_thinking', 'tool_use' "
                               "and 'tool_result'")
                                .arg(QString::fromUtf8(type)));
    }

    bool toolUse(const Json& b, const QByteArray& path, ContentPart& part) {
        part.kind = ContentPart::Kind::ToolCall;
        QString id;
        if (!has(b, "id", path) || !string(b["id"], child(path, "id"), id) ||
            !has(b, "name", path) || !string(b["name"], child(path, "name"), part.toolName))
            return false;
        // Ids this gateway handed out may carry a Gemini signature; take it back out.
        part.toolCallId = ToolCallIds::unfold(id, &part.signature);
        const Json& input = b["input"];
        if (input.isNull()) {
            part.arguments = "{}";
            return true;
        }
        if (!object(input, child(path, "input")))
            return false;
        part.arguments = input.serialize();
        return true;
    }

    bool toolResult(const Json& b, const QByteArray& path, ContentPart& part) {
        part.kind = ContentPart::Kind::ToolResult;
        QString id;
        if (!has(b, "tool_use_id", path) ||
            !string(b["tool_use_id"], child(path, "tool_use_id"), id))
            return false;
        QByteArray signature;
        part.toolCallId = ToolCallIds::unfold(id, &signature);
        if (b.contains("is_error") && !b["is_error"].isNull() &&
            !boolean(b["is_error"], child(path, "is_error"), part.isError))
            return false;
        const Json& content = b["content"];
        if (content.isNull())
            return true;
        return blocks(content, child(path, "content"), true, part.content);
    }

    // A string is shorthand for one text block.
    bool blocks(const Json& content, const QByteArray& path, bool inToolResult,
                std::vector<ContentPart>& out) {
        if (content.isString()) {
            out.push_back(ContentPart::textPart(content.toString()));
            return true;
        }
        if (!content.isArray())
            return refuse(path, tr("Input should be a valid string or a list of content blocks"));
        for (qsizetype i = 0; i < content.size(); ++i) {
            ContentPart part;
            if (!block(content.at(i), child(path, i), inToolResult, part))
                return false;
            out.push_back(std::move(part));
        }
        return true;
    }

    bool system(const Json& value, ChatRequest& out) {
        const QByteArray path = "system";
        if (value.isString()) {
            out.system.push_back(ContentPart::textPart(value.toString()));
            return true;
        }
        if (!value.isArray())
            return refuse(path, tr("Input should be a valid string or a list of text blocks"));
        for (qsizetype i = 0; i < value.size(); ++i) {
            const Json& b = value.at(i);
            const QByteArray at = child(path, i);
            ContentPart part;
            if (!object(b, at) || !has(b, "type", at))
                return false;
            if (b["type"].utf8() != "text")
                return refuse(child(at, "type"), tr("system blocks must be of type 'text'"));
            if (!block(b, at, true, part))
                return false;
            out.system.push_back(std::move(part));
        }
        return true;
    }

    bool messages(const Json& value, ChatRequest& out) {
        const QByteArray path = "messages";
        if (!list(value, path))
            return false;
        if (value.size() == 0)
            return refuse(path, tr("at least one message is required"));
        for (qsizetype i = 0; i < value.size(); ++i) {
            const Json& m = value.at(i);
            const QByteArray at = child(path, i);
            if (!object(m, at) || !has(m, "role", at) || !has(m, "content", at))
                return false;
            ChatMessage message;
            const QByteArray role = m["role"].utf8();
            if (role == "user")
                message.role = ChatMessage::Role::User;
            else if (role == "assistant")
                message.role = ChatMessage::Role::Assistant;
            else
                return refuse(child(at, "role"), tr("Input should be 'user' or 'assistant'"));
            if (!blocks(m["content"], child(at, "content"), false, message.parts))
                return false;
            out.messages.push_back(std::move(message));
        }
        return true;
    }

    // Custom tools become canonical tools. When any tool would not come back the same
    // from them (a server tool such as web_search, or a member the canonical tool has
    // no place for), the whole list also goes to `extra`, so that Anthropic gets it back
    // verbatim and other formats report `tools` as dropped.
    bool tools(const Json& value, ChatRequest& out) {
        const QByteArray path = "tools";
        if (!list(value, path))
            return false;
        bool verbatim = false;
        for (qsizetype i = 0; i < value.size(); ++i) {
            const Json& t = value.at(i);
            const QByteArray at = child(path, i);
            if (!object(t, at))
                return false;
            const Json& type = t["type"];
            if (!type.isNull() && type.utf8() != "custom") {
                verbatim = true;
                continue;
            }
            ToolDefinition tool;
            if (!has(t, "name", at) || !string(t["name"], child(at, "name"), tool.name) ||
                !has(t, "input_schema", at) ||
                !object(t["input_schema"], child(at, "input_schema")))
                return false;
            if (t.contains("description") && !t["description"].isNull() &&
                !string(t["description"], child(at, "description"), tool.description))
                return false;
            if (t.contains("strict") && !boolean(t["strict"], child(at, "strict"), tool.strict))
                return false;
            if (!cacheControl(t, at, tool.cacheControl))
                return false;
            tool.parameters = t["input_schema"];
            verbatim = verbatim || !(AnthropicRequestWriter::toolJson(tool) == t);
            out.tools.push_back(std::move(tool));
        }
        if (verbatim)
            out.extra.emplace_back("tools", value);
        return true;
    }

    bool toolChoice(const Json& value, ChatRequest& out) {
        const QByteArray path = "tool_choice";
        if (!object(value, path) || !has(value, "type", path))
            return false;
        ToolChoice& choice = out.toolChoice;
        const QByteArray type = value["type"].utf8();
        if (type == "auto") {
            choice.mode = ToolChoice::Mode::Auto;
        } else if (type == "any") {
            choice.mode = ToolChoice::Mode::Required;
        } else if (type == "none") {
            choice.mode = ToolChoice::Mode::None;
        } else if (type == "tool") {
            choice.mode = ToolChoice::Mode::Tool;
            if (!has(value, "name", path) ||
                !string(value["name"], child(path, "name"), choice.name))
                return false;
        } else {
            return refuse(child(path, "type"),
                          tr("Input should be 'auto', 'any', 'tool' or 'none'"));
        }
        if (value.contains("disable_parallel_tool_use")) {
            bool disable = false;
            if (!boolean(value["disable_parallel_tool_use"],
                         child(path, "disable_parallel_tool_use"), disable))
                return false;
            choice.parallelCallsAllowed = !disable;
            choice.parallelGiven = true;
        }
        return true;
    }

    bool thinking(const Json& value, ChatRequest& out) {
        const QByteArray path = "thinking";
        if (!object(value, path) || !has(value, "type", path))
            return false;
        const QByteArray type = value["type"].utf8();
        if (type == "disabled") {
            out.thinking = false;
            return true;
        }
        if (type == "enabled") {
            qint64 budget = 0;
            if (!has(value, "budget_tokens", path) ||
                !integer(value["budget_tokens"], child(path, "budget_tokens"), budget))
                return false;
            out.thinkingBudget = budget;
        } else if (type != "adaptive") {
            return refuse(child(path, "type"),
                          tr("Input should be 'enabled', 'disabled' or 'adaptive'"));
        }
        out.thinking = true;
        QString display;
        if (value.contains("display") && !value["display"].isNull() &&
            !string(value["display"], child(path, "display"), display))
            return false;
        out.includeThoughts = display != QLatin1String("omitted");
        return true;
    }

    bool stopSequences(const Json& value, ChatRequest& out) {
        const QByteArray path = "stop_sequences";
        if (!list(value, path))
            return false;
        for (qsizetype i = 0; i < value.size(); ++i) {
            QString stop;
            if (!string(value.at(i), child(path, i), stop))
                return false;
            out.stop.append(stop);
        }
        return true;
    }

private:
    ApiError& error_;
};

// metadata carries only user_id today; anything else keeps the object whole in `extra`.
bool takesMetadata(const Json& value, ChatRequest& out) {
    if (!value.isObject() || value.size() != 1 || !value["user_id"].isString())
        return false;
    out.user = value["user_id"].toString();
    return true;
}

// output_config {effort, format:{type:"json_schema", schema}} maps onto the canonical
// effort and structured output; any other shape stays whole in `extra`.
bool takesOutputConfig(const Json& value, ChatRequest& out) {
    if (!value.isObject())
        return false;
    for (const Json::Member& m : value.members()) {
        if (m.first != "effort" && m.first != "format")
            return false;
    }
    const Json& effort = value["effort"];
    const Json& format = value["format"];
    if (!effort.isNull() && !effort.isString())
        return false;
    if (!format.isNull() &&
        (!format.isObject() || format.size() != 2 || format["type"].utf8() != "json_schema" ||
         !format["schema"].isObject()))
        return false;
    out.reasoningEffort = effort.toString();
    if (format.isObject()) {
        Json schema = Json::object();
        schema.set("name", "output");
        schema.set("schema", format["schema"]);
        schema.set("strict", true);
        out.responseFormat = Json::object();
        out.responseFormat.set("type", "json_schema");
        out.responseFormat.set("json_schema", std::move(schema));
    }
    return true;
}

bool isOptionalField(QByteArrayView key) {
    for (const char* field : {"system", "tools", "tool_choice", "stop_sequences", "temperature",
                              "top_p", "top_k", "stream", "thinking"}) {
        if (key == field)
            return true;
    }
    return false;
}

}  // namespace

bool AnthropicRequestReader::read(const Json& body, ChatRequest& out, ApiError& error) {
    Reader r(error);
    if (!body.isObject())
        return r.refuse({}, tr("The request body must be a JSON object."));
    for (const Json::Member& m : body.members()) {
        const QByteArray& key = m.first;
        const Json& value = m.second;
        out.memberOrder.push_back(key);
        bool ok = true;
        if (key == "model") {
            ok = r.string(value, key, out.model);
        } else if (key == "max_tokens") {
            qint64 maxTokens = 0;
            ok = r.integer(value, key, maxTokens);
            out.maxTokens = maxTokens;
        } else if (key == "messages") {
            ok = r.messages(value, out);
        } else if (value.isNull() && isOptionalField(key)) {
            continue;  // an optional field given as null reads as absent
        } else if (key == "system") {
            ok = r.system(value, out);
        } else if (key == "tools") {
            ok = r.tools(value, out);
        } else if (key == "tool_choice") {
            ok = r.toolChoice(value, out);
        } else if (key == "stop_sequences") {
            ok = r.stopSequences(value, out);
        } else if (key == "temperature" || key == "top_p") {
            double v = 0;
            ok = r.number(value, key, v);
            (key == "temperature" ? out.temperature : out.topP) = v;
        } else if (key == "top_k") {
            qint64 v = 0;
            ok = r.integer(value, key, v);
            out.topK = v;
        } else if (key == "stream") {
            bool stream = false;
            ok = r.boolean(value, key, stream);
            out.stream = stream;
            out.includeUsage = stream;  // Anthropic streams always report usage
        } else if (key == "thinking") {
            ok = r.thinking(value, out);
        } else if (!(key == "metadata" && takesMetadata(value, out)) &&
                   !(key == "output_config" && takesOutputConfig(value, out))) {
            out.extra.emplace_back(key, value);
        }
        if (!ok)
            return false;
    }
    if (!body.contains("model"))
        return r.refuse("model", tr("Field required"));
    if (!body.contains("max_tokens"))
        return r.refuse("max_tokens", tr("Field required"));
    if (!body.contains("messages"))
        return r.refuse("messages", tr("Field required"));
    return true;
}

}  // namespace signalbox
