#pragma once

#include "json/Json.h"
#include "providers/SseParser.h"
#include "providers/StreamDecoder.h"

#include <map>

namespace signalbox {

// Reads a chat.completion.chunk stream into canonical events. Content, reasoning
// (DeepSeek's reasoning_content, OpenRouter's reasoning) and each tool call become
// blocks in order of appearance; only choice 0 is read. A stream is complete only when
// it ends with `data: [DONE]`: OpenAI and the compatible servers all send it, and a
// stream cut after the finish chunk may still lack the usage chunk the gateway bills by.
class OpenAiStreamDecoder : public StreamDecoder {
public:
    bool feed(QByteArrayView bytes, std::vector<StreamEvent>& out) override;
    bool finish(std::vector<StreamEvent>& out) override;

private:
    bool data(const QByteArray& data, std::vector<StreamEvent>& out);
    void chunk(const Json& chunk, std::vector<StreamEvent>& out);
    void delta(const Json& delta, std::vector<StreamEvent>& out);
    void toolCall(const Json& call, qsizetype position, std::vector<StreamEvent>& out);
    void usage(const Json& usage, std::vector<StreamEvent>& out);
    int open(ContentPart::Kind kind, std::vector<StreamEvent>& out);
    void close(int& block, std::vector<StreamEvent>& out);
    void closeAll(std::vector<StreamEvent>& out);

    SseParser parser_;
    bool started_ = false;
    bool done_ = false;
    bool broken_ = false;
    bool refusal_ = false;
    int nextBlock_ = 0;
    int textBlock_ = -1;
    int thinkingBlock_ = -1;
    struct ToolBlock {
        int block = -1;
        QString id;
    };
    std::map<qint64, ToolBlock> toolBlocks_;  // OpenAI's tool_calls index → open block
    std::vector<int> retiredTools_;           // open blocks whose index a later call took
    Usage usage_;
};

}  // namespace signalbox
