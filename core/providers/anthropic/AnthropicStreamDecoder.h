#pragma once

#include "providers/SseParser.h"
#include "providers/StreamDecoder.h"
#include "providers/anthropic/AnthropicVocabulary.h"

#include <map>

namespace signalbox {

// Reads a Messages API event stream (message_start, content_block_start/delta/stop,
// message_delta, message_stop, ping, error) into canonical events. Blocks the canonical
// model has no kind for (server tool calls, their results) are skipped and the others
// renumbered from 0 without gaps.
class AnthropicStreamDecoder : public StreamDecoder {
public:
    bool feed(QByteArrayView bytes, std::vector<StreamEvent>& out) override;
    // True only when message_stop arrived.
    bool finish(std::vector<StreamEvent>& out) override;

private:
    bool take(const SseParser::Event& event, std::vector<StreamEvent>& out);
    void blockStart(const Json& data, std::vector<StreamEvent>& out);
    void blockDelta(const Json& data, std::vector<StreamEvent>& out);
    // The canonical index of Anthropic's block `index`; -1 for a skipped block.
    int indexOf(const Json& data) const;

    SseParser parser_;
    AnthropicVocabulary::UsageCounts usage_;
    std::map<qint64, int> indexes_;  // Anthropic block index → canonical index
    int nextIndex_ = 0;
    bool finished_ = false;  // a Finish went out
    bool stopped_ = false;   // message_stop arrived
    bool broken_ = false;
};

}  // namespace signalbox
