#pragma once

#include "providers/ChatResponse.h"
#include "providers/ResponseAssembler.h"
#include "providers/StreamEvent.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>
#include <optional>
#include <vector>

namespace signalbox {

class ChatFormat;
class Clock;
class ResponseCache;
class StreamDecoder;

// Collects the answer of a cache miss as it goes out, whatever its shape (a stream passed
// through, a translated stream, a whole answer), into the canonical answer the cache
// keeps; a hit replays it whole or as a stream, as its client asks. Only a complete
// answer is kept: a stream cut short or ending in an error never is.
class CacheFill {
public:
    CacheFill(ResponseCache& cache, QByteArray key, qint64 ttlMs);
    ~CacheFill();

    // The provider's stream bytes of a pass-through stream, decoded on the side.
    void streamBytes(const ChatFormat& format, QByteArrayView data);
    void event(const StreamEvent& event) { assembler_.add(event); }
    void whole(const ChatResponse& response) { whole_ = response; }
    // A whole pass-through answer's bytes, read once it is all there.
    void wholeBytes(QByteArrayView data);
    // Another attempt starts: what an earlier one sent is not its answer.
    void reset();

    // Keeps the answer if it is complete; `format` reads whole bytes.
    void store(const ChatFormat& format, const QString& target, qint64 nowMs);

private:
    ResponseCache& cache_;
    QByteArray key_;
    qint64 ttlMs_;
    std::unique_ptr<StreamDecoder> decoder_;
    std::vector<StreamEvent> events_;
    ResponseAssembler assembler_;
    std::optional<ChatResponse> whole_;
    QByteArray wholeBytes_;
    bool tooBig_ = false;
};

}  // namespace signalbox
