#pragma once

#include "config/Config.h"
#include "providers/ApiError.h"

namespace signalbox {

class ProviderAdapter;

// What a failed attempt means for the rest of the call, when nothing reached the client.
enum class FailureAction {
    Return,         // the client's own error (400, 401, ...): answer it now
    Retry,          // may pass later: the same target again, then the next
    FallOver,       // will not pass here soon (a quota used up): the next target only
    ContextWindow,  // too long for the model: the route's context-window fallbacks
    ContentPolicy,  // refused by the model's content policy: the content-policy fallbacks
};

// Sorts a failure by the route's triggers and the provider's own view of it.
// `transport` is true for failures of the call itself (connect, timeout) rather than
// answers of the provider.
FailureAction classifyFailure(const ApiError& error, bool transport, const ProviderAdapter& adapter,
                              const RetryTriggers& on);

}  // namespace signalbox
