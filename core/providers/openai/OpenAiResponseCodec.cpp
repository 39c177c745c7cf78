#include "providers/openai/OpenAiResponseCodec.h"

#include "providers/ToolCallIds.h"
#include "providers/openai/OpenAiErrorCodec.h"
#include "providers/openai/OpenAiWire.h"

#include <QDateTime>

namespace signalbox {

namespace {

ApiError badResponse(const QString& message) {
    ApiError e;
    e.status = 502;
    e.kind = ApiError::Kind::BadResponse;
    e.code = "upstream_bad_response";
    e.message = message;
    return e;
}

const Json& choiceZero(const Json& choices) {
    for (const Json& choice : choices.items()) {
        if (choice["index"].toInt(0) == 0) {
            return choice;
        }
    }
    return choices.at(0);
}

void appendThinking(std::vector<ContentPart>& out, const QString& text) {
    ContentPart p;
    p.kind = ContentPart::Kind::Thinking;
    p.text = text;
    out.push_back(std::move(p));
}

// Mistral's reasoning models answer with an array of chunks, thinking ones included.
void contentParts(const Json& content, std::vector<ContentPart>& out) {
    for (const Json& chunk : content.items()) {
        const QByteArray& type = chunk["type"].utf8();
        if (type == "text" && !chunk["text"].utf8().isEmpty()) {
            out.push_back(ContentPart::textPart(chunk["text"].toString()));
        } else if (type == "thinking") {
            QString text;
            for (const Json& piece : chunk["thinking"].items()) {
                text += piece["text"].toString();
            }
            if (!text.isEmpty()) {
                appendThinking(out, text);
            }
        }
    }
}

}  // namespace

bool OpenAiResponseCodec::decode(const Json& body, ChatResponse& out, ApiError& error) {
    if (!body.isObject()) {
        error = badResponse(OpenAiWire::tr("The provider's answer is not a JSON object."));
        return false;
    }
    const Json& choices = body["choices"];
    if (!choices.isArray() || choices.size() == 0) {
        if (body["error"].isObject()) {
            // An error inside a 200: report it as the provider said it.
            error = OpenAiErrorCodec::fromErrorObject(0, body["error"]);
            return false;
        }
        error = badResponse(OpenAiWire::tr("The provider's answer has no choices."));
        return false;
    }
    const Json& choice = choiceZero(choices);
    const Json& message = choice["message"];
    if (!message.isObject()) {
        error =
            badResponse(OpenAiWire::tr("The provider's answer has no message in its "
                                       "first choice."));
        return false;
    }
    out.id = body["id"].toString();
    out.model = body["model"].toString();
    out.created = body["created"].toInt(0);

    // DeepSeek names the reasoning reasoning_content, OpenRouter reasoning.
    for (const char* field : {"reasoning_content", "reasoning"}) {
        if (message[field].isString() && !message[field].utf8().isEmpty()) {
            appendThinking(out.content, message[field].toString());
            break;
        }
    }
    const Json& content = message["content"];
    if (content.isString() && !content.utf8().isEmpty()) {
        out.content.push_back(ContentPart::textPart(content.toString()));
    } else if (content.isArray()) {
        contentParts(content, out.content);
    }
    // A refusal is what the model said instead of an answer: text, with the reason.
    const bool refused = message["refusal"].isString() && !message["refusal"].utf8().isEmpty();
    if (refused) {
        out.content.push_back(ContentPart::textPart(message["refusal"].toString()));
    }
    for (const Json& call : message["tool_calls"].items()) {
        if (!call["type"].isNull() && call["type"].utf8() != "function") {
            continue;  // custom tools are never sent through a translation
        }
        ContentPart p;
        p.kind = ContentPart::Kind::ToolCall;
        p.toolCallId = call["id"].toString();
        p.toolName = call["function"]["name"].toString();
        const Json& arguments = call["function"]["arguments"];
        p.arguments = arguments.isString() ? arguments.utf8() : arguments.serialize();
        if (p.arguments.isEmpty() || arguments.isNull()) {
            p.arguments = "{}";
        }
        out.content.push_back(std::move(p));
    }
    out.finish = OpenAiWire::finishFromWire(choice["finish_reason"].utf8());
    if (refused && out.finish == FinishReason::Stop) {
        out.finish = FinishReason::Refusal;
    }
    out.usage = OpenAiWire::usageFromWire(body["usage"]);
    return true;
}

Json OpenAiResponseCodec::encode(const ChatResponse& response) {
    QString text;
    QString reasoning;
    Json calls = Json::array();
    for (const ContentPart& p : response.content) {
        switch (p.kind) {
            case ContentPart::Kind::Text:
                text += p.text;
                break;
            case ContentPart::Kind::Thinking:
                reasoning += p.text;
                break;
            case ContentPart::Kind::ToolCall: {
                Json function = Json::object();
                function.set("name", p.toolName);
                function.set("arguments", QByteArrayView(p.arguments.isEmpty() ? QByteArray("{}")
                                                                               : p.arguments));
                Json call = Json::object();
                // Gemini's signature rides in the id, which the client echoes back.
                call.set("id", ToolCallIds::fold(p.toolCallId, p.signature));
                call.set("type", "function");
                call.set("function", std::move(function));
                calls.append(std::move(call));
                break;
            }
            case ContentPart::Kind::RedactedThinking:
            case ContentPart::Kind::Image:
            case ContentPart::Kind::ToolResult:
                break;  // no place in an OpenAI answer
        }
    }
    const bool hasCalls = calls.size() > 0;
    // OpenAI clients look for refusals in `refusal`, with content null.
    const bool refusal = response.finish == FinishReason::Refusal && !hasCalls;

    Json message = Json::object();
    message.set("role", "assistant");
    if (refusal || (text.isEmpty() && hasCalls)) {
        message.set("content", Json());
    } else {
        message.set("content", text);
    }
    // DeepSeek's field for reasoning text: what OpenAI-format clients that show it read.
    if (!reasoning.isEmpty()) {
        message.set("reasoning_content", reasoning);
    }
    message.set("refusal", refusal ? Json(text) : Json());
    if (hasCalls) {
        message.set("tool_calls", std::move(calls));
    }

    Json choice = Json::object();
    choice.set("index", 0);
    choice.set("message", std::move(message));
    choice.set("logprobs", Json());
    choice.set("finish_reason", OpenAiWire::finishToWire(response.finish, hasCalls).constData());

    Json body = Json::object();
    body.set("id", response.id.isEmpty() ? OpenAiWire::newCompletionId() : response.id);
    body.set("object", "chat.completion");
    body.set("created",
             response.created > 0 ? response.created : QDateTime::currentSecsSinceEpoch());
    body.set("model", response.model);
    Json choices = Json::array();
    choices.append(std::move(choice));
    body.set("choices", std::move(choices));
    if (response.usage.known()) {
        body.set("usage", OpenAiWire::usageToWire(response.usage));
    }
    return body;
}

}  // namespace signalbox
