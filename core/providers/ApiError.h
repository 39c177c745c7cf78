#pragma once

#include <QByteArray>
#include <QString>

namespace signalbox {

// An error in one shape for every format: what a provider answered, or what the
// gateway itself refuses. Each format reads its providers' error bodies into this and
// writes this in its clients' error shape, keeping the message.
struct ApiError {
    enum class Kind {
        InvalidRequest,
        Authentication,
        PermissionDenied,
        NotFound,
        RequestTooLarge,
        RateLimited,
        Overloaded,
        ServerError,
        Timeout,      // the provider did not answer in time (gateway side)
        Unreachable,  // could not connect (gateway side)
        BadResponse,  // the provider answered something we cannot read
        ContextLengthExceeded,
        ContentPolicy,
    };

    int status = 500;
    Kind kind = Kind::ServerError;
    QString message;
    QByteArray code;        // machine-readable code for the client, e.g. "model_not_found"
    QByteArray param;       // the offending request field, when known
    QByteArray retryAfter;  // the provider's Retry-After, when it gave one
    // OpenAI's error type where it is not the kind's usual one ("insufficient_quota",
    // "requests", "tokens"); other formats go by the kind.
    QByteArray openAiType;

    // Whether trying again (the same target later, or another target) may succeed.
    bool retryable() const;

    static ApiError invalidRequest(const QString& message, QByteArray code = {});
    // An error the gateway itself answers with.
    static ApiError of(int status, Kind kind, QByteArray code, const QString& message);
};

}  // namespace signalbox
