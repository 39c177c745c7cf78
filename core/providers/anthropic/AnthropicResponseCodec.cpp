#include "providers/anthropic/AnthropicResponseCodec.h"

#include "providers/ToolCallIds.h"
#include "providers/anthropic/AnthropicVocabulary.h"

#include <QCoreApplication>
#include <QUuid>

namespace signalbox {

namespace {
ApiError badResponse(const QString& why) {
    ApiError e;
    e.status = 502;
    e.kind = ApiError::Kind::BadResponse;
    e.message = QCoreApplication::translate("AnthropicFormat",
                                            "Anthropic answered something that is not a "
                                            "message: %1")
                    .arg(why);
    return e;
}

// Tool input as canonical JSON text; arguments that are no object go as an empty input.
Json inputOf(const QByteArray& arguments) {
    const std::optional<Json> input = Json::parse(arguments);
    return input && input->isObject() ? *input : Json::object();
}
}  // namespace

bool AnthropicResponseCodec::decode(const Json& body, ChatResponse& out, ApiError& error) {
    if (!body.isObject()) {
        error = badResponse(QStringLiteral("the body is no JSON object"));
        return false;
    }
    if (body["type"].utf8() != "message" || !body["content"].isArray()) {
        error = badResponse(QStringLiteral("type is '%1', content %2")
                                .arg(QString::fromUtf8(body["type"].utf8()),
                                     body["content"].isArray() ? QStringLiteral("a list")
                                                               : QStringLiteral("missing")));
        return false;
    }
    out.id = body["id"].toString();
    out.model = body["model"].toString();
    for (const Json& b : body["content"].items()) {
        const QByteArray type = b["type"].utf8();
        ContentPart part;
        if (type == "text") {
            part.text = b["text"].toString();
        } else if (type == "thinking") {
            part.kind = ContentPart::Kind::Thinking;
            part.text = b["thinking"].toString();
            part.signature = b["signature"].utf8();
        } else if (type == "redacted_thinking") {
            part.kind = ContentPart::Kind::RedactedThinking;
            part.data = b["data"].utf8();
        } else if (type == "tool_use") {
            part.kind = ContentPart::Kind::ToolCall;
            part.toolCallId = b["id"].toString();
            part.toolName = b["name"].toString();
            part.arguments = b["input"].isObject() ? b["input"].serialize() : "{}";
        } else {
            continue;
        }
        out.content.push_back(std::move(part));
    }
    out.finish = AnthropicVocabulary::finishFrom(body["stop_reason"].utf8());
    out.stopSequence = body["stop_sequence"].toString();
    AnthropicVocabulary::UsageCounts counts;
    counts.update(body["usage"]);
    out.usage = counts.toCanonical();
    return true;
}

Json AnthropicResponseCodec::encode(const ChatResponse& response) {
    Json content = Json::array();
    bool callsTools = false;
    for (const ContentPart& part : response.content) {
        Json b = Json::object();
        switch (part.kind) {
            case ContentPart::Kind::Text:
                b.set("type", "text");
                b.set("text", part.text);
                break;
            case ContentPart::Kind::Thinking:
                b.set("type", "thinking");
                b.set("thinking", part.text);
                b.set("signature", QByteArrayView(part.signature));
                break;
            case ContentPart::Kind::RedactedThinking:
                b.set("type", "redacted_thinking");
                b.set("data", QByteArrayView(part.data));
                break;
            case ContentPart::Kind::ToolCall:
                callsTools = true;
                b.set("type", "tool_use");
                b.set("id", ToolCallIds::fold(part.toolCallId, part.signature));
                b.set("name", part.toolName);
                b.set("input", inputOf(part.arguments));
                break;
            case ContentPart::Kind::Image:
            case ContentPart::Kind::ToolResult:
                continue;  // not something a model answers with
        }
        content.append(std::move(b));
    }
    Json m = Json::object();
    m.set("id", response.id.isEmpty() ? newMessageId() : response.id);
    m.set("type", "message");
    m.set("role", "assistant");
    m.set("model", response.model);
    m.set("content", std::move(content));
    m.set("stop_reason",
          QByteArrayView(AnthropicVocabulary::stopReasonFor(response.finish, callsTools)));
    m.set("stop_sequence",
          response.finish == FinishReason::StopSequence && !response.stopSequence.isEmpty()
              ? Json(response.stopSequence)
              : Json());
    m.set("usage", AnthropicVocabulary::UsageCounts::fromCanonical(response.usage).toJson());
    return m;
}

QString AnthropicResponseCodec::newMessageId() {
    const QString hex = QUuid::createUuid().toString(QUuid::Id128);
    return QStringLiteral("msg_") + hex.left(24);
}

}  // namespace signalbox
