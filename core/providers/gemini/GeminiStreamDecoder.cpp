#include "providers/gemini/GeminiStreamDecoder.h"

#include "providers/gemini/GeminiErrors.h"
#include "providers/gemini/GeminiWire.h"

#include <QCoreApplication>

namespace signalbox {

namespace {
bool sameUsage(const Usage& a, const Usage& b) {
    return a.inputTokens == b.inputTokens && a.outputTokens == b.outputTokens &&
           a.cacheReadTokens == b.cacheReadTokens && a.reasoningTokens == b.reasoningTokens;
}

StreamEvent event(StreamEvent::Type type, int index = 0) {
    StreamEvent e;
    e.type = type;
    e.index = index;
    return e;
}
}  // namespace

bool GeminiStreamDecoder::feed(QByteArrayView bytes, std::vector<StreamEvent>& out) {
    if (broken_)
        return false;  // the Error went out already; what follows is not read
    std::vector<SseParser::Event> events;
    if (!sse_.feed(bytes, events)) {
        out.push_back(SseParser::overflowError());
        broken_ = true;
        return false;
    }
    for (const SseParser::Event& e : events) {
        if (broken_)
            break;
        QString why;
        const auto json = Json::parse(e.data, &why);
        if (!json || !(json->isObject() || json->isArray())) {
            closeBlock(out);
            StreamEvent err = event(StreamEvent::Type::Error);
            err.error.status = 502;
            err.error.kind = ApiError::Kind::BadResponse;
            err.error.message = QCoreApplication::translate(
                                    "GeminiFormat", "Gemini streamed an event that is not JSON: %1")
                                    .arg(why.isEmpty() ? QString::fromUtf8(e.data.left(80)) : why);
            out.push_back(std::move(err));
            broken_ = true;
            return false;
        }
        if (json->isArray()) {
            for (const Json& item : json->items())
                response(item, out);
        } else {
            response(*json, out);
        }
    }
    return true;
}

bool GeminiStreamDecoder::finish(std::vector<StreamEvent>& out) {
    if (broken_)
        return false;  // nothing follows the Error
    closeBlock(out);
    return finished_;
}

void GeminiStreamDecoder::response(const Json& body, std::vector<StreamEvent>& out) {
    if (broken_)
        return;
    if (body["error"].isObject()) {
        closeBlock(out);
        StreamEvent err = event(StreamEvent::Type::Error);
        err.error = GeminiErrors::fromErrorObject(body["error"], 0);
        out.push_back(std::move(err));
        broken_ = true;
        return;
    }
    if (!started_)
        start(body, out);
    if (finished_) {
        // Counts that trail the finish still count; last wins.
        takeUsage(body["usageMetadata"], true, out);
        return;
    }

    const Json& candidates = body["candidates"];
    if (candidates.size() == 0) {
        // A blocked prompt answers with no candidate at all: a filtered, empty answer.
        const bool blocked = !body["promptFeedback"]["blockReason"].utf8().isEmpty();
        takeUsage(body["usageMetadata"], !blocked, out);
        if (blocked)
            end(FinishReason::ContentFilter, out);
        return;
    }
    // One answer is all the canonical stream carries: the candidate of index 0.
    const Json& candidate = candidates.at(0);
    for (const Json& part : candidate["content"]["parts"].items()) {
        if (part["functionCall"].isObject())
            callPart(part, out);
        else if (part.contains("text"))
            textPart(part, out);
    }
    const QByteArray reason = candidate["finishReason"].utf8();
    takeUsage(body["usageMetadata"], reason.isEmpty(), out);
    if (!reason.isEmpty())
        end(GeminiWire::finishReason(reason, calls_ > 0), out);
}

void GeminiStreamDecoder::start(const Json& body, std::vector<StreamEvent>& out) {
    started_ = true;
    StreamEvent e = event(StreamEvent::Type::MessageStart);
    e.id = body["responseId"].toString();
    e.model = body["modelVersion"].toString();
    idBase_ = GeminiWire::toolCallIdBase(e.id);
    if (body["usageMetadata"].isObject()) {
        usage_ = GeminiWire::usage(body["usageMetadata"]);
        reported_ = usage_;
        e.usage = usage_;
    }
    out.push_back(std::move(e));
}

void GeminiStreamDecoder::textPart(const Json& part, std::vector<StreamEvent>& out) {
    const ContentPart::Kind kind =
        part["thought"].toBool() ? ContentPart::Kind::Thinking : ContentPart::Kind::Text;
    const QString text = part["text"].toString();
    const QByteArray signature = part["thoughtSignature"].utf8();
    if (text.isEmpty() && signature.isEmpty())
        return;
    // An empty signed part signs the block it ends; other parts continue or open one.
    const int index = openIndex_ >= 0 && openKind_ == kind ? openIndex_ : openBlock(kind, out);
    if (!text.isEmpty()) {
        StreamEvent delta = event(StreamEvent::Type::TextDelta, index);
        delta.text = text;
        out.push_back(std::move(delta));
    }
    if (!signature.isEmpty()) {
        StreamEvent sig = event(StreamEvent::Type::SignatureDelta, index);
        sig.signature = signature;
        out.push_back(std::move(sig));
        closeBlock(out);
    }
}

void GeminiStreamDecoder::callPart(const Json& part, std::vector<StreamEvent>& out) {
    closeBlock(out);
    const Json& call = part["functionCall"];
    const QString given = call["id"].toString();
    StreamEvent start = event(StreamEvent::Type::BlockStart, nextIndex_++);
    start.blockKind = ContentPart::Kind::ToolCall;
    start.toolCallId = given.isEmpty() ? GeminiWire::madeToolCallId(idBase_, calls_)
                                       : GeminiWire::givenToolCallId(given);
    start.toolName = call["name"].toString();
    ++calls_;
    const int index = start.index;
    out.push_back(std::move(start));

    // The signature before the arguments: client encoders that fold it into the call's
    // id must know it before they write the call out.
    const QByteArray signature = part["thoughtSignature"].utf8();
    if (!signature.isEmpty()) {
        StreamEvent sig = event(StreamEvent::Type::SignatureDelta, index);
        sig.signature = signature;
        out.push_back(std::move(sig));
    }
    StreamEvent args = event(StreamEvent::Type::ArgumentsDelta, index);
    args.arguments = call["args"].isObject() ? call["args"].serialize() : QByteArray("{}");
    out.push_back(std::move(args));
    out.push_back(event(StreamEvent::Type::BlockStop, index));
}

int GeminiStreamDecoder::openBlock(ContentPart::Kind kind, std::vector<StreamEvent>& out) {
    closeBlock(out);
    StreamEvent start = event(StreamEvent::Type::BlockStart, nextIndex_++);
    start.blockKind = kind;
    openIndex_ = start.index;
    openKind_ = kind;
    out.push_back(std::move(start));
    return openIndex_;
}

void GeminiStreamDecoder::closeBlock(std::vector<StreamEvent>& out) {
    if (openIndex_ < 0)
        return;
    out.push_back(event(StreamEvent::Type::BlockStop, openIndex_));
    openIndex_ = -1;
}

void GeminiStreamDecoder::takeUsage(const Json& metadata, bool report,
                                    std::vector<StreamEvent>& out) {
    if (!metadata.isObject())
        return;
    usage_ = GeminiWire::usage(metadata);
    if (!report || sameUsage(usage_, reported_))
        return;
    reported_ = usage_;
    StreamEvent e = event(StreamEvent::Type::Usage);
    e.usage = usage_;
    out.push_back(std::move(e));
}

void GeminiStreamDecoder::end(FinishReason reason, std::vector<StreamEvent>& out) {
    closeBlock(out);
    StreamEvent e = event(StreamEvent::Type::Finish);
    e.finish = reason;
    e.usage = usage_;
    reported_ = usage_;
    out.push_back(std::move(e));
    finished_ = true;
}

}  // namespace signalbox
