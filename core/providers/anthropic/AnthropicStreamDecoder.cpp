#include "providers/anthropic/AnthropicStreamDecoder.h"

#include "providers/anthropic/AnthropicErrorCodec.h"

#include <QCoreApplication>

namespace signalbox {

namespace {
StreamEvent unreadable(const QString& why) {
    StreamEvent e;
    e.type = StreamEvent::Type::Error;
    e.error.status = 502;
    e.error.kind = ApiError::Kind::BadResponse;
    e.error.message = QCoreApplication::translate("AnthropicFormat",
                                                  "Anthropic's event stream could not be "
                                                  "read: %1")
                          .arg(why);
    return e;
}
}  // namespace

bool AnthropicStreamDecoder::feed(QByteArrayView bytes, std::vector<StreamEvent>& out) {
    if (broken_)
        return false;
    std::vector<SseParser::Event> events;
    if (!parser_.feed(bytes, events)) {
        out.push_back(SseParser::overflowError());
        broken_ = true;
        return false;
    }
    for (const SseParser::Event& event : events) {
        if (!take(event, out)) {
            broken_ = true;
            return false;
        }
    }
    return true;
}

bool AnthropicStreamDecoder::finish(std::vector<StreamEvent>& /*out*/) {
    return stopped_ && !broken_;
}

bool AnthropicStreamDecoder::take(const SseParser::Event& event, std::vector<StreamEvent>& out) {
    QString parseError;
    const std::optional<Json> parsed = Json::parse(event.data, &parseError);
    if (!parsed || !parsed->isObject()) {
        out.push_back(
            unreadable(parsed ? QStringLiteral("an event's data is no JSON object") : parseError));
        return false;
    }
    const Json& data = *parsed;
    // Each event names its type twice, in the SSE event line and in the data.
    const QByteArray type = data["type"].isString() ? data["type"].utf8() : event.event;

    if (type == "message_start") {
        const Json& message = data["message"];
        usage_.update(message["usage"]);
        StreamEvent e;
        e.type = StreamEvent::Type::MessageStart;
        e.id = message["id"].toString();
        e.model = message["model"].toString();
        e.usage = usage_.toCanonical();
        out.push_back(std::move(e));
    } else if (type == "content_block_start") {
        blockStart(data, out);
    } else if (type == "content_block_delta") {
        blockDelta(data, out);
    } else if (type == "content_block_stop") {
        const int index = indexOf(data);
        if (index >= 0) {
            StreamEvent e;
            e.type = StreamEvent::Type::BlockStop;
            e.index = index;
            out.push_back(std::move(e));
        }
    } else if (type == "message_delta") {
        usage_.update(data["usage"]);
        const Json& delta = data["delta"];
        StreamEvent e;
        e.usage = usage_.toCanonical();
        const QByteArray stopReason = delta["stop_reason"].utf8();
        if (!stopReason.isEmpty() && !finished_) {
            e.type = StreamEvent::Type::Finish;
            e.finish = AnthropicVocabulary::finishFrom(stopReason);
            e.stopSequence = delta["stop_sequence"].toString();
            finished_ = true;
        } else {
            e.type = StreamEvent::Type::Usage;
        }
        out.push_back(std::move(e));
    } else if (type == "message_stop") {
        stopped_ = true;
    } else if (type == "error") {
        StreamEvent e;
        e.type = StreamEvent::Type::Error;
        e.error = AnthropicErrorCodec::fromErrorObject(data["error"], 0);
        out.push_back(std::move(e));
    }
    // ping, and event types newer than this code, carry nothing to pass on.
    return true;
}

int AnthropicStreamDecoder::indexOf(const Json& data) const {
    const auto it = indexes_.find(data["index"].toInt(-1));
    return it == indexes_.end() ? -1 : it->second;
}

void AnthropicStreamDecoder::blockStart(const Json& data, std::vector<StreamEvent>& out) {
    const qint64 anthropicIndex = data["index"].toInt(-1);
    const Json& block = data["content_block"];
    const QByteArray type = block["type"].utf8();
    StreamEvent e;
    e.type = StreamEvent::Type::BlockStart;
    if (type == "text") {
        e.blockKind = ContentPart::Kind::Text;
        e.text = block["text"].toString();
    } else if (type == "thinking") {
        e.blockKind = ContentPart::Kind::Thinking;
        e.text = block["thinking"].toString();
        e.signature = block["signature"].utf8();
    } else if (type == "redacted_thinking") {
        e.blockKind = ContentPart::Kind::RedactedThinking;
        e.data = block["data"].utf8();
    } else if (type == "tool_use") {
        e.blockKind = ContentPart::Kind::ToolCall;
        e.toolCallId = block["id"].toString();
        e.toolName = block["name"].toString();
    } else {
        return;  // its deltas and stop find no index and are skipped too
    }
    e.index = nextIndex_++;
    indexes_[anthropicIndex] = e.index;
    out.push_back(e);
    // The API starts tool_use blocks with an empty input and streams it in deltas; an
    // input already present on the start is passed on as the first fragment.
    const Json& input = block["input"];
    if (e.blockKind == ContentPart::Kind::ToolCall && input.isObject() && input.size() > 0) {
        StreamEvent args;
        args.type = StreamEvent::Type::ArgumentsDelta;
        args.index = e.index;
        args.arguments = input.serialize();
        out.push_back(std::move(args));
    }
}

void AnthropicStreamDecoder::blockDelta(const Json& data, std::vector<StreamEvent>& out) {
    const int index = indexOf(data);
    if (index < 0)
        return;
    const Json& delta = data["delta"];
    const QByteArray type = delta["type"].utf8();
    StreamEvent e;
    e.index = index;
    if (type == "text_delta") {
        e.type = StreamEvent::Type::TextDelta;
        e.text = delta["text"].toString();
    } else if (type == "thinking_delta") {
        e.type = StreamEvent::Type::TextDelta;
        e.text = delta["thinking"].toString();
    } else if (type == "signature_delta") {
        e.type = StreamEvent::Type::SignatureDelta;
        e.signature = delta["signature"].utf8();
    } else if (type == "input_json_delta") {
        e.type = StreamEvent::Type::ArgumentsDelta;
        e.arguments = delta["partial_json"].utf8();
        if (e.arguments.isEmpty())
            return;
    } else {
        return;  // citations_delta and newer kinds have no canonical place
    }
    out.push_back(std::move(e));
}

}  // namespace signalbox
