#include "providers/openai/OpenAiStreamDecoder.h"

#include "providers/openai/OpenAiErrorCodec.h"
#include "providers/openai/OpenAiWire.h"

namespace signalbox {

bool OpenAiStreamDecoder::feed(QByteArrayView bytes, std::vector<StreamEvent>& out) {
    if (broken_) {
        return false;
    }
    std::vector<SseParser::Event> events;
    if (!parser_.feed(bytes, events)) {
        out.push_back(SseParser::overflowError());
        broken_ = true;
        return false;
    }
    for (const SseParser::Event& event : events) {
        if (done_ || broken_) {
            break;  // nothing after [DONE] or an error belongs to the answer
        }
        if (!data(event.data, out)) {
            broken_ = true;
            return false;
        }
    }
    return true;
}

bool OpenAiStreamDecoder::finish(std::vector<StreamEvent>& out) {
    if (!broken_) {
        closeAll(out);
    }
    return done_ && !broken_;
}

bool OpenAiStreamDecoder::data(const QByteArray& data, std::vector<StreamEvent>& out) {
    if (data.trimmed() == "[DONE]") {
        done_ = true;
        closeAll(out);
        return true;
    }
    QString parseError;
    const std::optional<Json> json = Json::parse(data, &parseError);
    if (!json || !json->isObject()) {
        StreamEvent e;
        e.type = StreamEvent::Type::Error;
        e.error.status = 502;
        e.error.kind = ApiError::Kind::BadResponse;
        e.error.code = "upstream_bad_response";
        e.error.message = OpenAiWire::tr(
                              "The provider's stream carried an event that is not a "
                              "JSON object (%1): %2")
                              .arg(parseError, QString::fromUtf8(data.left(120)));
        out.push_back(std::move(e));
        return false;
    }
    if ((*json)["error"].isObject()) {
        // The provider failed after it began: say so, and read nothing more.
        StreamEvent e;
        e.type = StreamEvent::Type::Error;
        e.error = OpenAiErrorCodec::fromErrorObject(0, (*json)["error"]);
        out.push_back(std::move(e));
        broken_ = true;
        return true;
    }
    chunk(*json, out);
    return true;
}

void OpenAiStreamDecoder::chunk(const Json& chunk, std::vector<StreamEvent>& out) {
    // Azure opens with a chunk of prompt filter results that has no id, model or choice.
    if (!started_ && chunk["id"].utf8().isEmpty() && chunk["choices"].size() == 0 &&
        !chunk["usage"].isObject()) {
        return;
    }
    if (!started_) {
        started_ = true;
        StreamEvent start;
        start.type = StreamEvent::Type::MessageStart;
        start.id = chunk["id"].toString();
        start.model = chunk["model"].toString();
        out.push_back(std::move(start));
    }
    QByteArray finishReason;
    for (const Json& choice : chunk["choices"].items()) {
        if (choice["index"].toInt(0) != 0) {
            continue;  // n > 1: choice 0 is the answer
        }
        delta(choice["delta"], out);
        if (choice["finish_reason"].isString()) {
            finishReason = choice["finish_reason"].utf8();
        }
    }
    // Usage comes in its own chunk after the finish (include_usage), on the finish chunk
    // (Mistral), or under x_groq (Groq).
    if (chunk["usage"].isObject()) {
        usage(chunk["usage"], out);
    } else if (chunk["x_groq"]["usage"].isObject()) {
        usage(chunk["x_groq"]["usage"], out);
    }
    if (!finishReason.isEmpty()) {
        closeAll(out);
        StreamEvent finish;
        finish.type = StreamEvent::Type::Finish;
        finish.finish = OpenAiWire::finishFromWire(finishReason);
        if (refusal_ && finish.finish == FinishReason::Stop) {
            finish.finish = FinishReason::Refusal;
        }
        finish.usage = usage_;
        out.push_back(std::move(finish));
    }
}

void OpenAiStreamDecoder::delta(const Json& delta, std::vector<StreamEvent>& out) {
    if (!delta.isObject()) {
        return;
    }
    for (const char* field : {"reasoning_content", "reasoning"}) {
        const Json& reasoning = delta[field];
        if (reasoning.isString() && !reasoning.utf8().isEmpty()) {
            close(textBlock_, out);
            if (thinkingBlock_ < 0) {
                thinkingBlock_ = open(ContentPart::Kind::Thinking, out);
            }
            StreamEvent e;
            e.type = StreamEvent::Type::TextDelta;
            e.index = thinkingBlock_;
            e.text = reasoning.toString();
            out.push_back(std::move(e));
            break;
        }
    }
    for (const char* field : {"content", "refusal"}) {
        const Json& text = delta[field];
        if (!text.isString() || text.utf8().isEmpty()) {
            continue;
        }
        refusal_ = refusal_ || qstrcmp(field, "refusal") == 0;
        close(thinkingBlock_, out);
        if (textBlock_ < 0) {
            textBlock_ = open(ContentPart::Kind::Text, out);
        }
        StreamEvent e;
        e.type = StreamEvent::Type::TextDelta;
        e.index = textBlock_;
        e.text = text.toString();
        out.push_back(std::move(e));
    }
    const Json& calls = delta["tool_calls"];
    for (qsizetype i = 0; i < calls.size(); ++i) {
        toolCall(calls.at(i), i, out);
    }
}

void OpenAiStreamDecoder::toolCall(const Json& call, qsizetype position,
                                   std::vector<StreamEvent>& out) {
    // Some servers send each call whole and leave out the index.
    const qint64 index = call.contains("index") ? call["index"].toInt(position) : position;
    const Json& function = call["function"];
    const QString id = call["id"].toString();
    auto block = toolBlocks_.find(index);
    // Some local servers send each of several calls whole under index 0: a new id at a
    // known index is a new call.
    const bool newCall = block == toolBlocks_.end() || (!id.isEmpty() && id != block->second.id);
    if (newCall) {
        close(textBlock_, out);
        close(thinkingBlock_, out);
        StreamEvent start;
        start.type = StreamEvent::Type::BlockStart;
        start.index = nextBlock_++;
        start.blockKind = ContentPart::Kind::ToolCall;
        start.toolCallId = id;
        start.toolName = function["name"].toString();
        if (block != toolBlocks_.end()) {
            retiredTools_.push_back(block->second.block);  // stays open until the end
        }
        block = toolBlocks_.insert_or_assign(index, ToolBlock{start.index, id}).first;
        out.push_back(std::move(start));
    }
    const Json& arguments = function["arguments"];
    const QByteArray piece = arguments.isString()   ? arguments.utf8()
                             : arguments.isObject() ? arguments.serialize()
                                                    : QByteArray();
    if (!piece.isEmpty()) {
        StreamEvent e;
        e.type = StreamEvent::Type::ArgumentsDelta;
        e.index = block->second.block;
        e.arguments = piece;
        out.push_back(std::move(e));
    }
}

void OpenAiStreamDecoder::usage(const Json& usage, std::vector<StreamEvent>& out) {
    usage_ = OpenAiWire::usageFromWire(usage);
    StreamEvent e;
    e.type = StreamEvent::Type::Usage;
    e.usage = usage_;
    out.push_back(std::move(e));
}

int OpenAiStreamDecoder::open(ContentPart::Kind kind, std::vector<StreamEvent>& out) {
    StreamEvent start;
    start.type = StreamEvent::Type::BlockStart;
    start.index = nextBlock_++;
    start.blockKind = kind;
    out.push_back(start);
    return start.index;
}

void OpenAiStreamDecoder::close(int& block, std::vector<StreamEvent>& out) {
    if (block < 0) {
        return;
    }
    StreamEvent stop;
    stop.type = StreamEvent::Type::BlockStop;
    stop.index = std::exchange(block, -1);
    out.push_back(std::move(stop));
}

void OpenAiStreamDecoder::closeAll(std::vector<StreamEvent>& out) {
    // In the order the blocks opened: text and reasoning close before the tools that
    // followed them, and tool calls stay open until the end, as they may interleave.
    std::map<int, int*> open;
    if (textBlock_ >= 0) {
        open[textBlock_] = &textBlock_;
    }
    if (thinkingBlock_ >= 0) {
        open[thinkingBlock_] = &thinkingBlock_;
    }
    std::vector<int> tools = std::exchange(retiredTools_, {});
    for (const auto& [index, tool] : toolBlocks_) {
        tools.push_back(tool.block);
    }
    for (int& block : tools) {
        open[block] = &block;
    }
    for (auto& [index, block] : open) {
        close(*block, out);
    }
    toolBlocks_.clear();
}

}  // namespace signalbox
