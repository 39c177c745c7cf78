#include "providers/anthropic/AnthropicStreamEncoder.h"

#include "providers/ToolCallIds.h"
#include "providers/anthropic/AnthropicErrorCodec.h"
#include "providers/anthropic/AnthropicResponseCodec.h"

#include <algorithm>

namespace signalbox {

namespace {
Json typed(const char* type) {
    Json j = Json::object();
    j.set("type", type);
    return j;
}
}  // namespace

AnthropicStreamEncoder::AnthropicStreamEncoder(QString model) : model_(std::move(model)) {}

void AnthropicStreamEncoder::writeEvent(QByteArrayView name, const Json& data, QByteArray& out) {
    out.append("event: ").append(name).append("\ndata: ");
    data.writeTo(out);
    out.append("\n\n");
}

void AnthropicStreamEncoder::mergeUsage(const Usage& usage) {
    if (usage.inputTokens >= 0) {
        const auto counts = AnthropicVocabulary::UsageCounts::fromCanonical(usage);
        usage_.input = counts.input;
        usage_.cacheRead = counts.cacheRead;
        usage_.cacheWrite = counts.cacheWrite;
    }
    if (usage.outputTokens >= 0)
        usage_.output = usage.outputTokens;
    if (usage.reasoningTokens > 0)
        usage_.thinking = usage.reasoningTokens;
}

void AnthropicStreamEncoder::start(QByteArray& out) {
    if (started_)
        return;
    started_ = true;
    if (id_.isEmpty())
        id_ = AnthropicResponseCodec::newMessageId();
    Json message = Json::object();
    message.set("id", id_);
    message.set("type", "message");
    message.set("role", "assistant");
    message.set("model", model_);
    message.set("content", Json::array());
    message.set("stop_reason", Json());
    message.set("stop_sequence", Json());
    message.set("usage", usage_.toJson());
    Json event = typed("message_start");
    event.set("message", std::move(message));
    writeEvent("message_start", event, out);
    writeEvent("ping", typed("ping"), out);
}

void AnthropicStreamEncoder::encode(const StreamEvent& event, QByteArray& out) {
    if (done_)
        return;
    switch (event.type) {
        case StreamEvent::Type::MessageStart:
            if (!started_) {
                if (!event.id.isEmpty())
                    id_ = event.id;
                if (!event.model.isEmpty())
                    model_ = event.model;
            }
            mergeUsage(event.usage);
            start(out);
            return;
        case StreamEvent::Type::BlockStart: {
            start(out);
            if (closed_.count(event.index) > 0)
                return;
            for (const Block& b : blocks_) {
                if (b.index == event.index)
                    return;  // started twice: the first start stands
            }
            Block block;
            block.index = event.index;
            block.kind = event.blockKind;
            block.toolCallId = event.toolCallId;
            block.toolName = event.toolName;
            block.data = event.data;
            blocks_.push_back(std::move(block));
            Block& added = blocks_.back();
            // A first piece some formats carry on the start goes out as the first delta.
            if (!event.text.isEmpty()) {
                StreamEvent text;
                text.type = StreamEvent::Type::TextDelta;
                text.index = event.index;
                text.text = event.text;
                deltaFor(added, text, out);
            }
            if (!event.signature.isEmpty()) {
                StreamEvent signature;
                signature.type = StreamEvent::Type::SignatureDelta;
                signature.index = event.index;
                signature.signature = event.signature;
                deltaFor(added, signature, out);
            }
            // Tool calls open at their first fragment, so that a signature streamed just
            // after the start can still be folded into the id.
            if (&added == &blocks_.front() && !added.open &&
                added.kind != ContentPart::Kind::ToolCall)
                open(added, out);
            return;
        }
        case StreamEvent::Type::TextDelta:
        case StreamEvent::Type::SignatureDelta:
        case StreamEvent::Type::ArgumentsDelta:
            start(out);
            if (closed_.count(event.index) > 0)
                return;  // the block already went out whole
            deltaFor(blockFor(event), event, out);
            return;
        case StreamEvent::Type::BlockStop:
            start(out);
            if (closed_.count(event.index) > 0)
                return;
            blockFor(event).stopped = true;
            close(out);
            return;
        case StreamEvent::Type::Usage:
            mergeUsage(event.usage);
            return;
        case StreamEvent::Type::Finish:
            finish_ = event.finish;
            stopSequence_ = event.stopSequence;
            mergeUsage(event.usage);
            return;
        case StreamEvent::Type::Error:
            fail(event.error, out);
            return;
    }
}

AnthropicStreamEncoder::Block& AnthropicStreamEncoder::blockFor(const StreamEvent& event) {
    for (Block& b : blocks_) {
        if (b.index == event.index)
            return b;
    }
    // A delta for a block that never started: start one of the kind the delta implies.
    Block block;
    block.index = event.index;
    block.kind = event.type == StreamEvent::Type::ArgumentsDelta ? ContentPart::Kind::ToolCall
                                                                 : ContentPart::Kind::Text;
    blocks_.push_back(std::move(block));
    return blocks_.back();
}

void AnthropicStreamEncoder::deltaFor(Block& block, const StreamEvent& event, QByteArray& out) {
    if (block.kind == ContentPart::Kind::ToolCall &&
        event.type == StreamEvent::Type::SignatureDelta) {
        // Gemini signs tool calls; an Anthropic client can carry that only inside the id.
        if (!block.open)
            block.signature.append(event.signature);
        return;
    }
    if (&block != &blocks_.front()) {
        block.held.push_back(event);
        return;
    }
    if (!block.open)
        open(block, out);
    writeDelta(block, event, out);
}

void AnthropicStreamEncoder::open(Block& block, QByteArray& out) {
    block.open = true;
    block.wireIndex = nextIndex_++;
    Json content;
    switch (block.kind) {
        case ContentPart::Kind::Thinking:
            content = typed("thinking");
            content.set("thinking", "");
            break;
        case ContentPart::Kind::RedactedThinking:
            content = typed("redacted_thinking");
            content.set("data", QByteArrayView(block.data));
            break;
        case ContentPart::Kind::ToolCall:
            callsTools_ = true;
            content = typed("tool_use");
            content.set("id", ToolCallIds::fold(block.toolCallId, block.signature));
            content.set("name", block.toolName);
            content.set("input", Json::object());
            break;
        case ContentPart::Kind::Text:
        case ContentPart::Kind::Image:
        case ContentPart::Kind::ToolResult:
            content = typed("text");
            content.set("text", "");
            break;
    }
    Json event = typed("content_block_start");
    event.set("index", block.wireIndex);
    event.set("content_block", std::move(content));
    writeEvent("content_block_start", event, out);
    for (const StreamEvent& held : block.held)
        writeDelta(block, held, out);
    block.held.clear();
}

void AnthropicStreamEncoder::writeDelta(const Block& block, const StreamEvent& event,
                                        QByteArray& out) {
    Json delta;
    const bool thinking = block.kind == ContentPart::Kind::Thinking;
    switch (event.type) {
        case StreamEvent::Type::TextDelta:
            if (event.text.isEmpty() || (!thinking && block.kind != ContentPart::Kind::Text))
                return;
            delta = typed(thinking ? "thinking_delta" : "text_delta");
            delta.set(thinking ? "thinking" : "text", event.text);
            break;
        case StreamEvent::Type::SignatureDelta:
            // Only thinking blocks have a signature; Gemini's on text has no place here.
            if (!thinking || event.signature.isEmpty())
                return;
            delta = typed("signature_delta");
            delta.set("signature", QByteArrayView(event.signature));
            break;
        case StreamEvent::Type::ArgumentsDelta:
            if (block.kind != ContentPart::Kind::ToolCall || event.arguments.isEmpty())
                return;
            delta = typed("input_json_delta");
            delta.set("partial_json", QByteArrayView(event.arguments));
            break;
        default:
            return;
    }
    Json e = typed("content_block_delta");
    e.set("index", block.wireIndex);
    e.set("delta", std::move(delta));
    writeEvent("content_block_delta", e, out);
}

void AnthropicStreamEncoder::close(QByteArray& out) {
    while (!blocks_.empty() && blocks_.front().stopped) {
        Block& front = blocks_.front();
        if (!front.open)
            open(front, out);
        Json stop = typed("content_block_stop");
        stop.set("index", front.wireIndex);
        writeEvent("content_block_stop", stop, out);
        closed_.insert(front.index);
        blocks_.pop_front();
    }
    if (blocks_.empty())
        return;
    // The next block takes the wire with what it has gathered; a tool call still waits
    // for its first fragment.
    Block& next = blocks_.front();
    if (!next.open && (next.kind != ContentPart::Kind::ToolCall || !next.held.empty()))
        open(next, out);
}

void AnthropicStreamEncoder::finish(QByteArray& out) {
    if (done_)
        return;
    start(out);
    for (Block& b : blocks_)
        b.stopped = true;
    close(out);

    Json delta = Json::object();
    delta.set("stop_reason",
              QByteArrayView(AnthropicVocabulary::stopReasonFor(finish_, callsTools_)));
    delta.set("stop_sequence", finish_ == FinishReason::StopSequence && !stopSequence_.isEmpty()
                                   ? Json(stopSequence_)
                                   : Json());
    Json usage = Json::object();
    if (usage_.input >= 0) {
        usage.set("input_tokens", usage_.input);
        usage.set("cache_creation_input_tokens", usage_.cacheWrite);
        usage.set("cache_read_input_tokens", usage_.cacheRead);
    }
    usage.set("output_tokens", std::max<qint64>(usage_.output, 0));
    Json event = typed("message_delta");
    event.set("delta", std::move(delta));
    event.set("usage", std::move(usage));
    writeEvent("message_delta", event, out);
    writeEvent("message_stop", typed("message_stop"), out);
    done_ = true;
}

void AnthropicStreamEncoder::fail(const ApiError& error, QByteArray& out) {
    if (done_)
        return;
    done_ = true;
    writeEvent("error", AnthropicErrorCodec::toJson(error), out);
}

}  // namespace signalbox
