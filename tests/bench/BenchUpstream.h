#pragma once

#include "http/RequestHandler.h"

#include <QByteArray>

namespace signalbox::bench {

// What the benchmark's fake provider sends, fixed in advance so that the mock
// costs next to nothing and every path measured shares the same upstream.
struct BenchReplies {
    QByteArray completion;  // ~1.4 KB chat.completion
    QByteArray roleChunk;
    QByteArray deltaChunk;
    QByteArray finishChunk;
    QByteArray usageChunk;
    int chunks = 64;
    int gapMs = 20;

    static BenchReplies make(int chunks, int gapMs);
};

// POST .../chat/completions: the fixed completion, or with "stream":true in the
// body an SSE stream: a role chunk, `chunks` content deltas `gapMs` apart, a
// finish chunk, a usage chunk and [DONE].
class BenchUpstream : public RequestHandler {
public:
    explicit BenchUpstream(const BenchReplies& replies) : replies_(replies) {}
    void handle(const std::shared_ptr<HttpExchange>& exchange) override;

private:
    const BenchReplies& replies_;
};

}  // namespace signalbox::bench
