#pragma once

#include "json/Json.h"
#include "providers/ApiError.h"
#include "providers/FinishReason.h"
#include "providers/Usage.h"

#include <QByteArray>
#include <QByteArrayView>

namespace signalbox {

// The words of the Messages API that answers, streams and errors share: stop reasons,
// usage counts and error types, read into the canonical model and written back.
class AnthropicVocabulary {
public:
    // Usage as Anthropic counts it. Its input_tokens leaves out the prompt tokens read from
    // or written to the cache, which canonical Usage counts as input.
    struct UsageCounts {
        qint64 input = -1;
        qint64 output = -1;
        qint64 cacheRead = 0;
        qint64 cacheWrite = 0;
        qint64 thinking = 0;

        // Takes the counts `usage` carries; absent or null members keep their value, as
        // message_delta repeats only some of them (cumulatively).
        void update(const Json& usage);
        Usage toCanonical() const;
        static UsageCounts fromCanonical(const Usage& usage);
        // The usage object of a message: every count, unknown ones as 0.
        Json toJson() const;
    };

    // stop_reason → canonical; null or empty → Unset, unknown values → Other.
    static FinishReason finishFrom(QByteArrayView stopReason);
    // Canonical → stop_reason, never empty: Unset reads as tool_use when the answer calls
    // tools and end_turn otherwise.
    static QByteArray stopReasonFor(FinishReason finish, bool callsTools);

    // error.type → kind; unknown types fall back on the HTTP status.
    static ApiError::Kind kindFor(QByteArrayView errorType, int status);
    // The status Anthropic documents for an error type; 0 when it documents none.
    static int statusFor(QByteArrayView errorType);
    // The documented error.type closest to `error`.
    static QByteArray errorTypeFor(const ApiError& error);
};

}  // namespace signalbox
