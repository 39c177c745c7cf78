#include "routing/FailurePolicy.h"

#include "providers/ProviderAdapter.h"

namespace signalbox {

namespace {
bool triggered(const ApiError& error, bool transport, const RetryTriggers& on) {
    using Kind = ApiError::Kind;
    if (transport)
        return error.kind == Kind::Unreachable ? on.connect : on.timeout;
    switch (error.kind) {
        case Kind::BadResponse:
            return on.badResponse;
        case Kind::Overloaded:  // also in-stream overload errors, which carry no status
            return on.serverErrors || on.covers(error.status);
        default:
            break;
    }
    if (error.status >= 500 && error.status <= 599 && on.serverErrors)
        return true;
    return on.covers(error.status);
}
}  // namespace

FailureAction classifyFailure(const ApiError& error, bool transport, const ProviderAdapter& adapter,
                              const RetryTriggers& on) {
    if (!transport) {
        if (error.kind == ApiError::Kind::ContextLengthExceeded)
            return FailureAction::ContextWindow;
        if (error.kind == ApiError::Kind::ContentPolicy)
            return FailureAction::ContentPolicy;
    }
    if (!triggered(error, transport, on))
        return FailureAction::Return;
    return transport || adapter.isRetryable(error) ? FailureAction::Retry : FailureAction::FallOver;
}

}  // namespace signalbox
