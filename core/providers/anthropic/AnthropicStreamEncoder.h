#pragma once

#include "providers/StreamEncoder.h"
#include "providers/anthropic/AnthropicVocabulary.h"

#include <deque>
#include <set>

namespace signalbox {

// Writes canonical events as the Messages API event stream: message_start, a ping, each
// content block started, deltaed and stopped in turn, then message_delta (stop reason and
// usage) and message_stop at the end.
//
// Anthropic clients hold one open block at a time and number blocks 0, 1, 2 in order,
// while canonical blocks may interleave (an OpenAI provider streaming several tool calls
// at once) or skip numbers. So blocks go out in the order they started, renumbered; the
// deltas of a block waiting behind the open one are held until its turn. The stop reason
// and usage are held for finish(), as OpenAI providers send the finish before the usage.
class AnthropicStreamEncoder : public StreamEncoder {
public:
    // `model` is echoed when the provider names none.
    explicit AnthropicStreamEncoder(QString model);

    void encode(const StreamEvent& event, QByteArray& out) override;
    void finish(QByteArray& out) override;
    void fail(const ApiError& error, QByteArray& out) override;

private:
    struct Block {
        int index = 0;  // canonical
        ContentPart::Kind kind = ContentPart::Kind::Text;
        QString toolCallId;
        QString toolName;
        QByteArray signature;  // ToolCall: Gemini's, folded into the id when it opens
        QByteArray data;       // RedactedThinking
        std::vector<StreamEvent> held;
        int wireIndex = -1;  // assigned when it opens
        bool open = false;
        bool stopped = false;
    };

    void start(QByteArray& out);
    Block& blockFor(const StreamEvent& event);
    void deltaFor(Block& block, const StreamEvent& event, QByteArray& out);
    void open(Block& block, QByteArray& out);
    void writeDelta(const Block& block, const StreamEvent& event, QByteArray& out);
    void close(QByteArray& out);  // closes the stopped blocks in front, opens the next
    void mergeUsage(const Usage& usage);
    static void writeEvent(QByteArrayView name, const Json& data, QByteArray& out);

    QString model_;
    QString id_;
    AnthropicVocabulary::UsageCounts usage_;
    FinishReason finish_ = FinishReason::Unset;
    QString stopSequence_;
    std::deque<Block> blocks_;  // started and not yet stopped on the wire, in order
    std::set<int> closed_;      // canonical indexes whose block went out whole
    int nextIndex_ = 0;         // the next block's index on the wire
    bool started_ = false;
    bool callsTools_ = false;
    bool done_ = false;  // finished or failed: nothing more goes out
};

}  // namespace signalbox
