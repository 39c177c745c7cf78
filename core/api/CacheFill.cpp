#include "api/CacheFill.h"

#include "governance/CachedAnswer.h"
#include "governance/ResponseCache.h"
#include "json/Json.h"
#include "providers/ChatFormat.h"
#include "providers/StreamDecoder.h"

namespace signalbox {

namespace {
// Past this, a whole answer is not worth keeping in memory twice.
constexpr qsizetype kMaxWholeBytes = 4 * 1024 * 1024;
}  // namespace

CacheFill::CacheFill(ResponseCache& cache, QByteArray key, qint64 ttlMs)
    : cache_(cache), key_(std::move(key)), ttlMs_(ttlMs) {}

CacheFill::~CacheFill() = default;

void CacheFill::streamBytes(const ChatFormat& format, QByteArrayView data) {
    if (!decoder_)
        decoder_ = format.newStreamDecoder();
    events_.clear();
    decoder_->feed(data, events_);
    for (const StreamEvent& e : events_)
        assembler_.add(e);
}

void CacheFill::wholeBytes(QByteArrayView data) {
    if (tooBig_)
        return;
    if (wholeBytes_.size() + data.size() > kMaxWholeBytes) {
        tooBig_ = true;
        wholeBytes_ = QByteArray();
        return;
    }
    wholeBytes_.append(data);
}

void CacheFill::reset() {
    decoder_.reset();
    events_.clear();
    assembler_ = ResponseAssembler();
    whole_.reset();
    wholeBytes_ = QByteArray();
    tooBig_ = false;
}

void CacheFill::store(const ChatFormat& format, const QString& target, qint64 nowMs) {
    auto answer = std::make_shared<CachedAnswer>();
    if (decoder_) {
        // A stream is whole only at its proper end: OpenAI's finish_reason comes before the
        // usage chunk and [DONE], and a stream cut between them is not an answer to keep.
        events_.clear();
        if (!decoder_->finish(events_))
            return;
        for (const StreamEvent& e : events_)
            assembler_.add(e);
    }
    if (whole_) {
        answer->response = std::move(*whole_);
    } else if (!wholeBytes_.isEmpty()) {
        const std::optional<Json> json = Json::parse(wholeBytes_);
        ApiError error;
        if (!json || !format.decodeResponse(*json, answer->response, error))
            return;
    } else if (assembler_.complete()) {
        answer->response = assembler_.take();
    } else {
        return;
    }
    answer->target = target;
    answer->createdAtMs = nowMs;
    cache_.insert(key_, std::move(answer), ttlMs_);
}

}  // namespace signalbox
