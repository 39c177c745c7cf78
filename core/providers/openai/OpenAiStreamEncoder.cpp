#include "providers/openai/OpenAiStreamEncoder.h"

#include "providers/ToolCallIds.h"
#include "providers/openai/OpenAiErrorCodec.h"
#include "providers/openai/OpenAiWire.h"

#include <QDateTime>

namespace signalbox {

namespace {
void writeEvent(const Json& data, QByteArray& out) {
    out.append("data: ");
    data.writeTo(out);
    out.append("\n\n");
}
}  // namespace

OpenAiStreamEncoder::OpenAiStreamEncoder(QString model, bool includeUsage)
    : model_(std::move(model)),
      includeUsage_(includeUsage),
      created_(QDateTime::currentSecsSinceEpoch()) {}

Json OpenAiStreamEncoder::chunkBase() {
    if (id_.isEmpty()) {
        id_ = OpenAiWire::newCompletionId();
    }
    Json chunk = Json::object();
    chunk.set("id", id_);
    chunk.set("object", "chat.completion.chunk");
    chunk.set("created", created_);
    chunk.set("model", model_);
    return chunk;
}

void OpenAiStreamEncoder::writeDelta(Json delta, QByteArray& out, QByteArrayView finishReason) {
    Json choice = Json::object();
    choice.set("index", 0);
    choice.set("delta", std::move(delta));
    choice.set("logprobs", Json());
    choice.set("finish_reason", finishReason.isEmpty() ? Json() : Json(finishReason));
    Json choices = Json::array();
    choices.append(std::move(choice));
    Json chunk = chunkBase();
    chunk.set("choices", std::move(choices));
    if (includeUsage_) {
        chunk.set("usage", Json());  // as OpenAI does on every chunk but the last
    }
    writeEvent(chunk, out);
}

void OpenAiStreamEncoder::writeToolDelta(const ToolCall& call, Json toolDelta, QByteArray& out) {
    Json entry = Json::object();
    entry.set("index", call.position);
    for (const auto& [name, value] : toolDelta.members()) {
        entry.set(name, value);
    }
    Json calls = Json::array();
    calls.append(std::move(entry));
    Json delta = Json::object();
    delta.set("tool_calls", std::move(calls));
    writeDelta(std::move(delta), out);
}

void OpenAiStreamEncoder::begin(QByteArray& out) {
    if (begun_) {
        return;
    }
    begun_ = true;
    Json delta = Json::object();
    delta.set("role", "assistant");
    delta.set("content", "");
    writeDelta(std::move(delta), out);
}

void OpenAiStreamEncoder::announce(int block, QByteArray& out) {
    // Earlier calls go first, so that indices reach the client in order.
    for (auto& [index, call] : calls_) {
        if (index > block) {
            break;
        }
        if (call.announced) {
            continue;
        }
        call.announced = true;
        Json function = Json::object();
        function.set("name", call.name);
        function.set("arguments", "");
        Json head = Json::object();
        head.set("id", ToolCallIds::fold(call.id, call.signature));
        head.set("type", "function");
        head.set("function", std::move(function));
        writeToolDelta(call, std::move(head), out);
        if (!call.heldArguments.isEmpty()) {
            Json arguments = Json::object();
            arguments.set("arguments", QByteArrayView(call.heldArguments));
            Json piece = Json::object();
            piece.set("function", std::move(arguments));
            writeToolDelta(call, std::move(piece), out);
            call.heldArguments.clear();
        }
    }
}

void OpenAiStreamEncoder::announceAll(QByteArray& out) {
    if (!calls_.empty()) {
        announce(calls_.rbegin()->first, out);
    }
}

void OpenAiStreamEncoder::writeFinish(FinishReason finish, QByteArray& out) {
    announceAll(out);
    if (finishSent_) {
        return;
    }
    finishSent_ = true;
    begin(out);
    // A refusal already went out as content: "stop" is all that is left to say.
    writeDelta(Json::object(), out, OpenAiWire::finishToWire(finish, !calls_.empty()));
}

void OpenAiStreamEncoder::encode(const StreamEvent& event, QByteArray& out) {
    if (ended_) {
        return;
    }
    using Type = StreamEvent::Type;
    switch (event.type) {
        case Type::MessageStart:
            if (!event.id.isEmpty() && !begun_) {
                id_ = event.id;
            }
            OpenAiWire::mergeUsage(usage_, event.usage);
            begin(out);
            return;
        case Type::BlockStart: {
            begin(out);
            kinds_[event.index] = event.blockKind;
            if (event.blockKind == ContentPart::Kind::ToolCall) {
                ToolCall& call = calls_[event.index];
                call.position = nextPosition_++;
                call.id = event.toolCallId;
                call.name = event.toolName;
                call.signature = event.signature;
                return;
            }
            if (event.text.isEmpty()) {
                return;
            }
            // A first piece carried on the start itself.
            StreamEvent first = event;
            first.type = Type::TextDelta;
            encode(first, out);
            return;
        }
        case Type::TextDelta: {
            const auto kind = kinds_.find(event.index);
            if (event.text.isEmpty() || kind == kinds_.end()) {
                return;
            }
            Json delta = Json::object();
            if (kind->second == ContentPart::Kind::Text) {
                delta.set("content", event.text);
            } else if (kind->second == ContentPart::Kind::Thinking) {
                delta.set("reasoning_content", event.text);
            } else {
                return;
            }
            begin(out);
            writeDelta(std::move(delta), out);
            return;
        }
        case Type::SignatureDelta: {
            const auto call = calls_.find(event.index);
            // Signatures of text and reasoning have no field here. One that comes after
            // its call went out is lost; see the class comment for why that is rare.
            if (call != calls_.end() && !call->second.announced) {
                call->second.signature += event.signature;
            }
            return;
        }
        case Type::ArgumentsDelta: {
            const auto found = calls_.find(event.index);
            if (found == calls_.end() || event.arguments.isEmpty()) {
                return;
            }
            ToolCall& call = found->second;
            if (!call.announced) {
                call.heldArguments += event.arguments;
                if (++call.pieces >= 2) {
                    announce(event.index, out);
                }
                return;
            }
            Json arguments = Json::object();
            arguments.set("arguments", QByteArrayView(event.arguments));
            Json piece = Json::object();
            piece.set("function", std::move(arguments));
            writeToolDelta(call, std::move(piece), out);
            return;
        }
        case Type::BlockStop:
            if (calls_.count(event.index) != 0) {
                announce(event.index, out);
            }
            return;
        case Type::Usage:
            OpenAiWire::mergeUsage(usage_, event.usage);
            return;
        case Type::Finish:
            OpenAiWire::mergeUsage(usage_, event.usage);
            writeFinish(event.finish, out);
            return;
        case Type::Error:
            fail(event.error, out);
            return;
    }
}

void OpenAiStreamEncoder::finish(QByteArray& out) {
    if (ended_) {
        return;
    }
    writeFinish(FinishReason::Stop, out);
    if (includeUsage_) {
        Json chunk = chunkBase();
        chunk.set("choices", Json::array());
        chunk.set("usage", OpenAiWire::usageToWire(usage_));
        writeEvent(chunk, out);
    }
    out.append("data: [DONE]\n\n");
    ended_ = true;
}

void OpenAiStreamEncoder::fail(const ApiError& error, QByteArray& out) {
    if (ended_) {
        return;
    }
    ended_ = true;
    writeEvent(OpenAiErrorCodec::toJson(error), out);
}

}  // namespace signalbox
