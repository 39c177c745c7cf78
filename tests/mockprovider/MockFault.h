#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <utility>

namespace signalbox::mock {

// A fault the mock provider injects into a request it serves. Given in JSON as
// {"model":"gpt-a","key":"sk-1","times":2,"status":429,"retry_after":"2",
// "retry_after_ms":1500,"retry_delay":"1.5s","error":"context_length",
// "headers":{"x-ratelimit-reset-requests":"1s"},"delay_ms":50,"chunk_delay_ms":20,
// "cut_after_chunks":3,"garbage":true,"body":"...","stream_error":"overloaded_error",
// "blocked":true,"finish_reason":"SAFETY"}; every field optional. A queued fault
// serves the next request it matches; one in a request's x-mock-fault header
// serves that request, whatever model or key it names.
struct MockFault {
    // Which requests it serves: those for `model` (the body's, the Gemini path's
    // or the Azure deployment) carrying `key` (in any provider's auth header),
    // either left empty to match any, `times` of them (-1: all, until reset).
    QString model;
    QByteArray key;
    int times = 1;

    int status = 0;         // answer with this status and an error body in the provider's format
    QByteArray retryAfter;  // Retry-After header value
    int retryAfterMs = -1;  // retry-after-ms header value (OpenAI's and Anthropic's SDKs read it)
    QByteArray retryDelay;  // Gemini: the error carries a RetryInfo with this delay, e.g. "1.5s"
    // "context_length" or "content_policy": the provider's own answer to a prompt
    // past the context window, or to one its content policy refuses (status and
    // body, which `status` and `body` still override).
    QString error;
    // Extra response headers, sent with whatever the request is answered.
    QList<std::pair<QByteArray, QByteArray>> headers;

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
    bool matches(const QString& requestModel, const QList<QByteArray>& requestKeys) const;
};

}  // namespace signalbox::mock
