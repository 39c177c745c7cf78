#include "providers/gemini/GeminiFormat.h"

#include "providers/gemini/GeminiErrors.h"
#include "providers/gemini/GeminiRequestDecoder.h"
#include "providers/gemini/GeminiRequestEncoder.h"
#include "providers/gemini/GeminiStreamDecoder.h"
#include "providers/gemini/GeminiStreamEncoder.h"
#include "providers/gemini/GeminiWire.h"

#include <QCoreApplication>

namespace signalbox {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("GeminiFormat", text);
}

ApiError badResponse(const QString& message) {
    ApiError e;
    e.status = 502;
    e.kind = ApiError::Kind::BadResponse;
    e.message = message;
    return e;
}

// Text, thought and functionCall parts; other part kinds (executable code, generated
// media) have no place in the canonical answer.
void readParts(const Json& parts, const QString& idBase, ChatResponse& out) {
    int calls = 0;
    for (const Json& part : parts.items()) {
        ContentPart p;
        p.signature = part["thoughtSignature"].utf8();
        if (part["functionCall"].isObject()) {
            const Json& call = part["functionCall"];
            const QString given = call["id"].toString();
            p.kind = ContentPart::Kind::ToolCall;
            p.toolCallId = given.isEmpty() ? GeminiWire::madeToolCallId(idBase, calls)
                                           : GeminiWire::givenToolCallId(given);
            ++calls;
            p.toolName = call["name"].toString();
            p.arguments = call["args"].isObject() ? call["args"].serialize() : QByteArray("{}");
        } else if (part.contains("text")) {
            p.kind =
                part["thought"].toBool() ? ContentPart::Kind::Thinking : ContentPart::Kind::Text;
            p.text = part["text"].toString();
            if (p.text.isEmpty() && p.signature.isEmpty())
                continue;
        } else {
            continue;
        }
        out.content.push_back(std::move(p));
    }
}

Json partFor(const ContentPart& p) {
    Json part = Json::object();
    switch (p.kind) {
        case ContentPart::Kind::Text:
        case ContentPart::Kind::Thinking:
            part.set("text", p.text);
            if (p.kind == ContentPart::Kind::Thinking)
                part.set("thought", true);
            break;
        case ContentPart::Kind::ToolCall: {
            Json call = Json::object();
            const QString id = GeminiWire::geminiToolCallId(p.toolCallId);
            if (!id.isEmpty())
                call.set("id", id);
            call.set("name", p.toolName);
            const auto args = Json::parse(p.arguments);
            call.set("args", args && args->isObject() ? *args : Json::object());
            part.set("functionCall", std::move(call));
            break;
        }
        case ContentPart::Kind::Image:
        case ContentPart::Kind::RedactedThinking:
        case ContentPart::Kind::ToolResult:
            return {};
    }
    if (!p.signature.isEmpty())
        part.set("thoughtSignature", QByteArrayView(p.signature));
    return part;
}
}  // namespace

bool GeminiFormat::decodeRequest(const Json& body, ChatRequest& out, ApiError& error) const {
    out.sourceFormat = this;
    return GeminiRequestDecoder::decode(body, out, error);
}

Json GeminiFormat::encodeRequest(const ChatRequest& request, QStringList& dropped) const {
    return GeminiRequestEncoder::encode(request, dropped);
}

bool GeminiFormat::decodeResponse(const Json& body, ChatResponse& out, ApiError& error) const {
    if (!body.isObject()) {
        error = badResponse(tr("Gemini answered something that is not a JSON object."));
        return false;
    }
    if (body["error"].isObject()) {
        error = GeminiErrors::fromErrorObject(body["error"], 0);
        return false;
    }
    out.id = body["responseId"].toString();
    out.model = body["modelVersion"].toString();
    out.usage = GeminiWire::usage(body["usageMetadata"]);
    const Json& candidates = body["candidates"];
    if (candidates.size() == 0) {
        if (!body["promptFeedback"]["blockReason"].utf8().isEmpty()) {
            out.finish = FinishReason::ContentFilter;
            return true;
        }
        error = badResponse(tr("Gemini answered with no candidate and no block reason."));
        return false;
    }
    const Json& candidate = candidates.at(0);
    readParts(candidate["content"]["parts"], GeminiWire::toolCallIdBase(out.id), out);
    bool hasCalls = false;
    for (const ContentPart& p : out.content)
        hasCalls = hasCalls || p.kind == ContentPart::Kind::ToolCall;
    out.finish = GeminiWire::finishReason(candidate["finishReason"].utf8(), hasCalls);
    return true;
}

Json GeminiFormat::encodeResponse(const ChatResponse& response) const {
    Json body = Json::object();
    if (response.finish == FinishReason::ContentFilter && response.content.empty()) {
        // The shape Gemini gives a prompt it blocked.
        Json feedback = Json::object();
        feedback.set("blockReason", "OTHER");
        body.set("promptFeedback", std::move(feedback));
    } else {
        Json parts = Json::array();
        for (const ContentPart& p : response.content) {
            Json part = partFor(p);
            if (part.isObject())
                parts.append(std::move(part));
        }
        Json content = Json::object();
        content.set("parts", std::move(parts));
        content.set("role", "model");
        Json candidate = Json::object();
        candidate.set("content", std::move(content));
        const QByteArray reason = GeminiWire::finishReasonName(response.finish);
        if (!reason.isEmpty())
            candidate.set("finishReason", QByteArrayView(reason));
        candidate.set("index", 0);
        Json candidates = Json::array();
        candidates.append(std::move(candidate));
        body.set("candidates", std::move(candidates));
    }
    if (response.usage.known())
        body.set("usageMetadata", GeminiWire::usageMetadata(response.usage));
    if (!response.model.isEmpty())
        body.set("modelVersion", response.model);
    if (!response.id.isEmpty())
        body.set("responseId", response.id);
    return body;
}

std::unique_ptr<StreamDecoder> GeminiFormat::newStreamDecoder() const {
    return std::make_unique<GeminiStreamDecoder>();
}

std::unique_ptr<StreamEncoder> GeminiFormat::newStreamEncoder(const ChatRequest& request) const {
    return std::make_unique<GeminiStreamEncoder>(request.model);
}

ApiError GeminiFormat::decodeError(int status, QByteArrayView body) const {
    return GeminiErrors::decode(status, body);
}

QByteArray GeminiFormat::encodeError(const ApiError& error) const {
    return GeminiErrors::encode(error);
}

std::optional<Usage> GeminiFormat::usageIn(const Json& piece) const {
    const Json& usage = piece["usageMetadata"];
    if (!usage.isObject())
        return std::nullopt;
    return GeminiWire::usage(usage);
}

}  // namespace signalbox
