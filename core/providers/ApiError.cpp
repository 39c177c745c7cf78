#include "providers/ApiError.h"

namespace signalbox {

bool ApiError::retryable() const {
    switch (kind) {
        case Kind::RateLimited:
        case Kind::Overloaded:
        case Kind::ServerError:
        case Kind::Timeout:
        case Kind::Unreachable:
        case Kind::BadResponse:
            return true;
        case Kind::InvalidRequest:
        case Kind::Authentication:
        case Kind::PermissionDenied:
        case Kind::NotFound:
        case Kind::RequestTooLarge:
        case Kind::ContextLengthExceeded:
        case Kind::ContentPolicy:
            break;
    }
    return status == 408 || status == 409 || status == 429 || status >= 500;
}

ApiError ApiError::invalidRequest(const QString& message, QByteArray code) {
    return of(400, Kind::InvalidRequest, std::move(code), message);
}

ApiError ApiError::of(int status, Kind kind, QByteArray code, const QString& message) {
    ApiError e;
    e.status = status;
    e.kind = kind;
    e.message = message;
    e.code = std::move(code);
    return e;
}

}  // namespace signalbox
