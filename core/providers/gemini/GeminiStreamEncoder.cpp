#include "providers/gemini/GeminiStreamEncoder.h"

#include "json/Json.h"
#include "providers/gemini/GeminiErrors.h"
#include "providers/gemini/GeminiWire.h"

namespace signalbox {

namespace {
Json contentOf(Json part) {
    Json parts = Json::array();
    parts.append(std::move(part));
    Json content = Json::object();
    content.set("parts", std::move(parts));
    content.set("role", "model");
    Json candidate = Json::object();
    candidate.set("content", std::move(content));
    return candidate;
}
}  // namespace

void GeminiStreamEncoder::encode(const StreamEvent& event, QByteArray& out) {
    if (failed_)
        return;
    switch (event.type) {
        case StreamEvent::Type::MessageStart:
            id_ = event.id;
            if (!event.model.isEmpty())
                model_ = event.model;
            if (event.usage.known())
                usage_ = event.usage;
            return;
        case StreamEvent::Type::BlockStart: {
            Block& b = blocks_[event.index];
            b.kind = event.blockKind;
            b.id = event.toolCallId;
            b.name = event.toolName;
            if (b.kind != ContentPart::Kind::ToolCall && !event.text.isEmpty())
                textChunk(b, event.text, {}, out);
            return;
        }
        case StreamEvent::Type::TextDelta:
            textChunk(blocks_[event.index], event.text, {}, out);
            return;
        case StreamEvent::Type::SignatureDelta: {
            Block& b = blocks_[event.index];
            if (b.kind == ContentPart::Kind::ToolCall)
                b.signature += event.signature;
            else
                textChunk(b, {}, event.signature, out);
            return;
        }
        case StreamEvent::Type::ArgumentsDelta:
            blocks_[event.index].arguments += event.arguments;
            return;
        case StreamEvent::Type::BlockStop: {
            const auto it = blocks_.find(event.index);
            if (it == blocks_.end())
                return;
            if (it->second.kind == ContentPart::Kind::ToolCall)
                callChunk(it->second, out);
            blocks_.erase(it);
            return;
        }
        case StreamEvent::Type::Usage:
            // Gemini repeats usageMetadata on every chunk; a chunk with no candidate
            // carries counts that changed between content chunks.
            usage_ = event.usage;
            writeChunk({}, out);
            return;
        case StreamEvent::Type::Finish: {
            if (event.usage.known())
                usage_ = event.usage;
            QByteArray reason = GeminiWire::finishReasonName(event.finish);
            if (reason.isEmpty())
                reason = "STOP";
            Json candidate = Json::object();
            candidate.set("finishReason", QByteArrayView(reason));
            writeChunk(std::move(candidate), out);
            return;
        }
        case StreamEvent::Type::Error:
            fail(event.error, out);
            return;
    }
}

void GeminiStreamEncoder::finish(QByteArray& out) {
    Q_UNUSED(out);  // Gemini streams just end; the finishReason said it all
}

void GeminiStreamEncoder::fail(const ApiError& error, QByteArray& out) {
    if (failed_)
        return;
    failed_ = true;
    out.append("data: ").append(GeminiErrors::encode(error)).append("\r\n\r\n");
}

void GeminiStreamEncoder::textChunk(const Block& block, const QString& text,
                                    const QByteArray& signature, QByteArray& out) {
    Json part = Json::object();
    part.set("text", text);
    if (block.kind == ContentPart::Kind::Thinking)
        part.set("thought", true);
    if (!signature.isEmpty())
        part.set("thoughtSignature", QByteArrayView(signature));
    writeChunk(contentOf(std::move(part)), out);
}

void GeminiStreamEncoder::callChunk(const Block& block, QByteArray& out) {
    Json call = Json::object();
    const QString id = GeminiWire::geminiToolCallId(block.id);
    if (!id.isEmpty())
        call.set("id", id);
    call.set("name", block.name);
    const auto args = Json::parse(block.arguments);
    call.set("args", args && args->isObject() ? *args : Json::object());
    Json part = Json::object();
    part.set("functionCall", std::move(call));
    if (!block.signature.isEmpty())
        part.set("thoughtSignature", QByteArrayView(block.signature));
    writeChunk(contentOf(std::move(part)), out);
}

void GeminiStreamEncoder::writeChunk(Json candidate, QByteArray& out) {
    Json body = Json::object();
    if (candidate.isObject()) {
        candidate.set("index", 0);
        Json candidates = Json::array();
        candidates.append(std::move(candidate));
        body.set("candidates", std::move(candidates));
    }
    if (usage_.known())
        body.set("usageMetadata", GeminiWire::usageMetadata(usage_));
    if (!model_.isEmpty())
        body.set("modelVersion", model_);
    if (!id_.isEmpty())
        body.set("responseId", id_);
    out.append("data: ");
    body.writeTo(out);
    out.append("\r\n\r\n");
}

}  // namespace signalbox
