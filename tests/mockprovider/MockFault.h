#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace signalbox::mock {

// A fault the mock provider injects into the next request it serves. Given in
// JSON as {"status":429,"retry_after":"2","delay_ms":50,"chunk_delay_ms":20,
// "cut_after_chunks":3,"garbage":true,"body":"...","stream_error":"overloaded_error",
// "blocked":true,"finish_reason":"SAFETY"}; every field optional.
struct MockFault {
    int status = 0;           // answer with this status and an error body in the provider's format
    QByteArray retryAfter;    // Retry-After header value
    int delayMs = 0;          // wait before the response head
    int chunkDelayMs = -1;    // gap between stream chunks (-1: the provider default)
    int cutAfterChunks = -1;  // drop the connection after this many stream chunks
    bool garbage = false;     // 200 with a body that is not JSON
    QByteArray body;          // replaces the error body
    // Ends a stream with the format's in-stream error event of this type, after
    // cut_after_chunks chunks or else after the first content chunk.
    QString streamError;
    bool blocked = false;  // Gemini: the prompt is blocked (promptFeedback, no candidates)
    QString finishReason;  // replaces the stop/finish reason, verbatim, in any format

    static MockFault fromJson(const QJsonObject& o);
};

}  // namespace signalbox::mock
