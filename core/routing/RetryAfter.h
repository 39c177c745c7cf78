#pragma once

#include "http/HttpHeaders.h"

#include <QByteArrayView>

#include <optional>

namespace signalbox {

// How long a provider asked us to wait before the next call, read from what it sent.
class RetryAfter {
public:
    // From response headers, first found wins: `retry-after-ms` (OpenAI), `Retry-After`
    // (seconds or an HTTP date), then the reset time of a rate limit the headers show as
    // exhausted: OpenAI's x-ratelimit-reset-{requests,tokens} ("1s", "6m0s") and
    // Anthropic's anthropic-ratelimit-*-reset (an RFC 3339 time).
    static std::optional<qint64> fromHeaders(const HttpHeaders& headers, qint64 nowWallMs);
    // One value as a Retry-After header or a provider's error body gives it: whole or
    // fractional seconds ("2", "1.5"), a duration ("36s", "250ms") or an HTTP or RFC 3339
    // date. Never negative.
    static std::optional<qint64> parseValue(QByteArrayView value, qint64 nowWallMs);
    // Go-style durations as OpenAI writes them: "20ms", "1s", "6m0s", "1h2m3.5s".
    static std::optional<qint64> parseDuration(QByteArrayView text);
};

}  // namespace signalbox
