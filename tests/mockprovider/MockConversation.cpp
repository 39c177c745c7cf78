#include "MockConversation.h"

#include "JsonKeyOrder.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace signalbox::mock {

namespace {

QString str(const QJsonObject& o, const char* key) {
    return o.value(QLatin1String(key)).toString();
}

// Text of a message content: a string, or the text blocks of an array.
QString contentText(const QJsonValue& content) {
    if (content.isString()) {
        return content.toString();
    }
    QStringList texts;
    for (const QJsonValue part : content.toArray()) {
        const QJsonObject p = part.toObject();
        if (str(p, "type") == QLatin1String("text")) {
            texts << str(p, "text");
        }
    }
    return texts.join(QLatin1Char(' '));
}

bool hasText(const QJsonValue& content) {
    if (content.isString()) {
        return true;
    }
    for (const QJsonValue part : content.toArray()) {
        if (str(part.toObject(), "type") == QLatin1String("text")) {
            return true;
        }
    }
    return false;
}

int countType(const QJsonValue& content, QLatin1String type) {
    int n = 0;
    for (const QJsonValue part : content.toArray()) {
        n += str(part.toObject(), "type") == type ? 1 : 0;
    }
    return n;
}

MockTool tool(const QString& name, const QJsonObject& schema, QByteArrayView raw,
              const QStringList& path) {
    MockTool t;
    t.name = name;
    t.properties = schema.value(QLatin1String("properties")).toObject();
    t.order = JsonKeyOrder::at(raw, path + QStringList{QStringLiteral("properties")});
    // The scanner and Qt must agree on the names; else fall back to Qt's order.
    QStringList sorted = t.order;
    sorted.sort();
    if (sorted != t.properties.keys()) {
        t.order = t.properties.keys();
    }
    return t;
}

int indexOf(const std::vector<MockTool>& tools, const QString& name) {
    for (size_t i = 0; i < tools.size(); ++i) {
        if (tools[i].name == name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

// Gemini's functionResponse.response: a lone string member is the result itself.
QString responseText(const QJsonObject& response) {
    if (response.size() == 1 && response.begin()->isString()) {
        return response.begin()->toString();
    }
    return QString::fromUtf8(QJsonDocument(response).toJson(QJsonDocument::Compact));
}

}  // namespace

MockConversation MockConversation::fromOpenAi(const QJsonObject& request, QByteArrayView raw) {
    MockConversation c;
    const QJsonArray messages = request.value(QLatin1String("messages")).toArray();
    for (const QJsonValue v : messages) {
        const QJsonObject m = v.toObject();
        if (str(m, "role") == QLatin1String("user")) {
            c.userText_ = contentText(m.value(QLatin1String("content")));
        }
        c.priorToolCalls_ +=
            static_cast<int>(m.value(QLatin1String("tool_calls")).toArray().size());
    }
    const QJsonObject last = messages.isEmpty() ? QJsonObject() : messages.last().toObject();
    if (str(last, "role") == QLatin1String("tool")) {
        c.hasToolResult_ = true;
        c.toolResult_ = contentText(last.value(QLatin1String("content")));
    } else if (str(last, "role") == QLatin1String("user")) {
        c.images_ = countType(last.value(QLatin1String("content")), QLatin1String("image_url"));
    }
    const QJsonArray tools = request.value(QLatin1String("tools")).toArray();
    for (qsizetype i = 0; i < tools.size(); ++i) {
        const QJsonObject function =
            tools[i].toObject().value(QLatin1String("function")).toObject();
        if (function.isEmpty()) {
            continue;
        }
        c.tools_.push_back(tool(str(function, "name"),
                                function.value(QLatin1String("parameters")).toObject(), raw,
                                {QStringLiteral("tools"), QString::number(i),
                                 QStringLiteral("function"), QStringLiteral("parameters")}));
    }
    const QJsonObject format = request.value(QLatin1String("response_format")).toObject();
    const QString formatType = str(format, "type");
    c.json_ =
        formatType == QLatin1String("json_object") || formatType == QLatin1String("json_schema");
    if (formatType == QLatin1String("json_schema")) {
        c.schema_ = tool({},
                         format.value(QLatin1String("json_schema"))
                             .toObject()
                             .value(QLatin1String("schema"))
                             .toObject(),
                         raw,
                         {QStringLiteral("response_format"), QStringLiteral("json_schema"),
                          QStringLiteral("schema")});
    }
    const QJsonValue choice = request.value(QLatin1String("tool_choice"));
    if (c.tools_.empty() || c.hasToolResult_ || choice.toString() == QLatin1String("none")) {
        return c;
    }
    const QString forced = choice.toObject()
                               .value(QLatin1String("function"))
                               .toObject()
                               .value(QLatin1String("name"))
                               .toString();
    c.chosen_ = forced.isEmpty() ? 0 : indexOf(c.tools_, forced);
    return c;
}

MockConversation MockConversation::fromAnthropic(const QJsonObject& request, QByteArrayView raw) {
    MockConversation c;
    const QJsonArray messages = request.value(QLatin1String("messages")).toArray();
    for (const QJsonValue v : messages) {
        const QJsonObject m = v.toObject();
        const QJsonValue content = m.value(QLatin1String("content"));
        if (str(m, "role") == QLatin1String("user") && hasText(content)) {
            c.userText_ = contentText(content);
        }
        if (str(m, "role") == QLatin1String("assistant")) {
            c.priorToolCalls_ += countType(content, QLatin1String("tool_use"));
        }
    }
    const QJsonObject last = messages.isEmpty() ? QJsonObject() : messages.last().toObject();
    if (str(last, "role") == QLatin1String("user")) {
        const QJsonValue content = last.value(QLatin1String("content"));
        c.images_ = countType(content, QLatin1String("image"));
        QStringList results;
        for (const QJsonValue part : content.toArray()) {
            const QJsonObject p = part.toObject();
            if (str(p, "type") == QLatin1String("tool_result")) {
                c.hasToolResult_ = true;
                results << contentText(p.value(QLatin1String("content")));
            }
        }
        c.toolResult_ = results.join(QLatin1Char(' '));
    }
    const QJsonArray tools = request.value(QLatin1String("tools")).toArray();
    for (qsizetype i = 0; i < tools.size(); ++i) {
        const QJsonObject t = tools[i].toObject();
        if (!t.contains(QLatin1String("input_schema"))) {
            continue;  // a server tool: the API runs those itself
        }
        c.tools_.push_back(
            tool(str(t, "name"), t.value(QLatin1String("input_schema")).toObject(), raw,
                 {QStringLiteral("tools"), QString::number(i), QStringLiteral("input_schema")}));
    }
    const QJsonObject choice = request.value(QLatin1String("tool_choice")).toObject();
    if (c.tools_.empty() || c.hasToolResult_ || str(choice, "type") == QLatin1String("none")) {
        return c;
    }
    c.chosen_ =
        str(choice, "type") == QLatin1String("tool") ? indexOf(c.tools_, str(choice, "name")) : 0;
    return c;
}

MockConversation MockConversation::fromGemini(const QJsonObject& request, QByteArrayView raw) {
    MockConversation c;
    const QJsonArray contents = request.value(QLatin1String("contents")).toArray();
    QJsonObject last;
    for (const QJsonValue v : contents) {
        const QJsonObject content = v.toObject();
        const bool model = str(content, "role") == QLatin1String("model");
        QStringList texts;
        for (const QJsonValue part : content.value(QLatin1String("parts")).toArray()) {
            const QJsonObject p = part.toObject();
            if (p.contains(QLatin1String("text")) && !p.value(QLatin1String("thought")).toBool()) {
                texts << str(p, "text");
            }
            if (model && p.contains(QLatin1String("functionCall"))) {
                ++c.priorToolCalls_;
            }
        }
        if (!model && !texts.isEmpty()) {
            c.userText_ = texts.join(QLatin1Char(' '));
        }
        last = content;
    }
    if (str(last, "role") != QLatin1String("model")) {
        QStringList results;
        for (const QJsonValue part : last.value(QLatin1String("parts")).toArray()) {
            const QJsonObject p = part.toObject();
            const QJsonObject media = p.contains(QLatin1String("inlineData"))
                                          ? p.value(QLatin1String("inlineData")).toObject()
                                          : p.value(QLatin1String("fileData")).toObject();
            if (str(media, "mimeType").startsWith(QLatin1String("image/"))) {
                ++c.images_;
            }
            if (p.contains(QLatin1String("functionResponse"))) {
                c.hasToolResult_ = true;
                results << responseText(p.value(QLatin1String("functionResponse"))
                                            .toObject()
                                            .value(QLatin1String("response"))
                                            .toObject());
            }
        }
        c.toolResult_ = results.join(QLatin1Char(' '));
    }
    const QJsonArray tools = request.value(QLatin1String("tools")).toArray();
    for (qsizetype t = 0; t < tools.size(); ++t) {
        const QJsonArray declarations =
            tools[t].toObject().value(QLatin1String("functionDeclarations")).toArray();
        for (qsizetype f = 0; f < declarations.size(); ++f) {
            const QJsonObject d = declarations[f].toObject();
            const QString key = d.contains(QLatin1String("parametersJsonSchema"))
                                    ? QStringLiteral("parametersJsonSchema")
                                    : QStringLiteral("parameters");
            c.tools_.push_back(
                tool(str(d, "name"), d.value(key).toObject(), raw,
                     {QStringLiteral("tools"), QString::number(t),
                      QStringLiteral("functionDeclarations"), QString::number(f), key}));
        }
    }
    const QJsonObject generation = request.value(QLatin1String("generationConfig")).toObject();
    c.json_ = str(generation, "responseMimeType") == QLatin1String("application/json");
    for (const char* key : {"responseJsonSchema", "responseSchema"}) {
        if (c.json_ && generation.contains(QLatin1String(key))) {
            c.schema_ = tool({}, generation.value(QLatin1String(key)).toObject(), raw,
                             {QStringLiteral("generationConfig"), QLatin1String(key)});
            break;
        }
    }
    const QJsonObject config = request.value(QLatin1String("toolConfig"))
                                   .toObject()
                                   .value(QLatin1String("functionCallingConfig"))
                                   .toObject();
    if (c.tools_.empty() || c.hasToolResult_ || str(config, "mode") == QLatin1String("NONE")) {
        return c;
    }
    const QJsonArray allowed = config.value(QLatin1String("allowedFunctionNames")).toArray();
    c.chosen_ = allowed.isEmpty() ? 0 : indexOf(c.tools_, allowed.first().toString());
    return c;
}

const MockTool* MockConversation::toolToCall() const {
    return chosen_ >= 0 ? &tools_[static_cast<size_t>(chosen_)] : nullptr;
}

QString MockConversation::replyText() const {
    if (!json_) {
        return plainText();
    }
    if (!schema_.order.isEmpty()) {
        return QString::fromUtf8(arguments(schema_));
    }
    return QString::fromUtf8("{\"reply\":" + quoted(plainText()) + '}');
}

QString MockConversation::plainText() const {
    QString text =
        hasToolResult_
            ? QStringLiteral("Tool said: %1").arg(toolResult_)
            : QStringLiteral("Hello from the mock provider. You said: %1").arg(userText_);
    if (images_ > 0) {
        text += QStringLiteral(" [images: %1]").arg(images_);
    }
    return text;
}

QByteArray MockConversation::toolArguments() const {
    const MockTool* t = toolToCall();
    return t == nullptr ? QByteArray("{}") : arguments(*t);
}

QByteArray MockConversation::arguments(const MockTool& t) const {
    QByteArray out = "{";
    for (const QString& name : t.order) {
        const QJsonObject schema = t.properties.value(name).toObject();
        QString type = schema.value(QLatin1String("type")).toString();
        for (const QJsonValue alternative : schema.value(QLatin1String("type")).toArray()) {
            if (alternative.toString() != QLatin1String("null")) {
                type = alternative.toString();
                break;
            }
        }
        type = type.toLower();  // Gemini's schema spells types in capitals
        const QJsonArray choices = schema.value(QLatin1String("enum")).toArray();
        QByteArray value = "null";
        if (type == QLatin1String("string")) {
            value = quoted(choices.isEmpty() ? userText_ : choices.first().toString());
        } else if (type == QLatin1String("integer") || type == QLatin1String("number")) {
            value = "42";
        } else if (type == QLatin1String("boolean")) {
            value = "true";
        }
        if (out.size() > 1) {
            out += ',';
        }
        out += quoted(name) + ':' + value;
    }
    return out + '}';
}

QStringList MockConversation::words(const QString& text) {
    QStringList pieces;
    const QStringList split = text.split(QLatin1Char(' '));
    for (qsizetype i = 0; i < split.size(); ++i) {
        pieces << (i == 0 ? split[i] : QLatin1Char(' ') + split[i]);
    }
    return pieces;
}

QStringList MockConversation::fragments(const QString& text, int size) {
    QStringList pieces;
    qsizetype i = 0;
    while (i < text.size()) {
        qsizetype n = std::min<qsizetype>(size, text.size() - i);
        if (i + n < text.size() && text[i + n - 1].isHighSurrogate()) {
            ++n;
        }
        pieces << text.mid(i, n);
        i += n;
    }
    return pieces;
}

int MockConversation::estimateTokens(const QJsonValue& value) {
    const QJsonDocument doc =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return 8 + static_cast<int>(doc.toJson(QJsonDocument::Compact).size() / 4);
}

QByteArray MockConversation::quoted(const QString& text) {
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.sliced(1, array.size() - 2);
}

}  // namespace signalbox::mock
