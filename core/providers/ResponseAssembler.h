#pragma once

#include "providers/ChatResponse.h"
#include "providers/StreamEvent.h"

#include <map>

namespace signalbox {

// A streamed answer gathered back into a whole one: the inverse of
// ResponseEvents::fromResponse, so a stream can be kept (the response cache) and told
// again. One per stream.
class ResponseAssembler {
public:
    void add(const StreamEvent& event);
    // A Finish came and no Error: the answer is whole and may be kept.
    bool complete() const { return finished_ && !failed_; }
    // The answer so far, content in block order; the assembler starts over empty.
    // `created` is left 0: streams do not carry it.
    ChatResponse take();

private:
    ContentPart& block(int index, ContentPart::Kind kind);

    ChatResponse response_;
    std::map<int, ContentPart> blocks_;  // by block index; blocks may interleave
    bool finished_ = false;
    bool failed_ = false;
};

}  // namespace signalbox
