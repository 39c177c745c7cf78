#include "providers/anthropic/AnthropicVocabulary.h"

#include <algorithm>

namespace signalbox {

namespace {
// Takes a count when `usage` has it as a number; null and absent leave `count` as it was.
void takeCount(const Json& usage, QByteArrayView key, qint64& count) {
    const Json& value = usage[key];
    if (value.isNumber())
        count = value.toInt(count);
}

struct ErrorType {
    const char* type;
    int status;
    ApiError::Kind kind;
};

// https://docs.claude.com/en/api/errors and the SDKs' ErrorType union.
constexpr ErrorType kErrorTypes[] = {
    {"invalid_request_error", 400, ApiError::Kind::InvalidRequest},
    {"authentication_error", 401, ApiError::Kind::Authentication},
    {"billing_error", 402, ApiError::Kind::PermissionDenied},
    {"permission_error", 403, ApiError::Kind::PermissionDenied},
    {"not_found_error", 404, ApiError::Kind::NotFound},
    {"request_too_large", 413, ApiError::Kind::RequestTooLarge},
    {"rate_limit_error", 429, ApiError::Kind::RateLimited},
    {"api_error", 500, ApiError::Kind::ServerError},
    {"timeout_error", 504, ApiError::Kind::Timeout},
    {"overloaded_error", 529, ApiError::Kind::Overloaded},
};
}  // namespace

void AnthropicVocabulary::UsageCounts::update(const Json& usage) {
    if (!usage.isObject())
        return;
    takeCount(usage, "input_tokens", input);
    takeCount(usage, "output_tokens", output);
    takeCount(usage, "cache_read_input_tokens", cacheRead);
    takeCount(usage, "cache_creation_input_tokens", cacheWrite);
    takeCount(usage["output_tokens_details"], "thinking_tokens", thinking);
}

Usage AnthropicVocabulary::UsageCounts::toCanonical() const {
    Usage u;
    u.inputTokens = input < 0 ? -1 : input + cacheRead + cacheWrite;
    u.outputTokens = output;
    u.cacheReadTokens = cacheRead;
    u.cacheWriteTokens = cacheWrite;
    u.reasoningTokens = thinking;
    return u;
}

AnthropicVocabulary::UsageCounts AnthropicVocabulary::UsageCounts::fromCanonical(
    const Usage& usage) {
    UsageCounts c;
    c.cacheRead = std::max<qint64>(usage.cacheReadTokens, 0);
    c.cacheWrite = std::max<qint64>(usage.cacheWriteTokens, 0);
    c.input = usage.inputTokens < 0
                  ? -1
                  : std::max<qint64>(usage.inputTokens - c.cacheRead - c.cacheWrite, 0);
    c.output = usage.outputTokens;
    c.thinking = usage.reasoningTokens;
    return c;
}

Json AnthropicVocabulary::UsageCounts::toJson() const {
    Json u = Json::object();
    u.set("input_tokens", std::max<qint64>(input, 0));
    u.set("cache_creation_input_tokens", cacheWrite);
    u.set("cache_read_input_tokens", cacheRead);
    u.set("output_tokens", std::max<qint64>(output, 0));
    return u;
}

FinishReason AnthropicVocabulary::finishFrom(QByteArrayView stopReason) {
    if (stopReason.isEmpty())
        return FinishReason::Unset;
    if (stopReason == "end_turn")
        return FinishReason::Stop;
    if (stopReason == "max_tokens")
        return FinishReason::Length;
    if (stopReason == "stop_sequence")
        return FinishReason::StopSequence;
    if (stopReason == "tool_use")
        return FinishReason::ToolCalls;
    if (stopReason == "pause_turn")
        return FinishReason::PauseTurn;
    if (stopReason == "refusal")
        return FinishReason::Refusal;
    // The canonical vocabulary has no word for a full context window; like max_tokens, the
    // answer was cut for lack of room.
    if (stopReason == "model_context_window_exceeded")
        return FinishReason::Length;
    return FinishReason::Other;
}

QByteArray AnthropicVocabulary::stopReasonFor(FinishReason finish, bool callsTools) {
    switch (finish) {
        case FinishReason::Stop:
        case FinishReason::Other:
            return "end_turn";
        case FinishReason::StopSequence:
            return "stop_sequence";
        case FinishReason::Length:
            return "max_tokens";
        case FinishReason::ToolCalls:
            return "tool_use";
        case FinishReason::ContentFilter:
        case FinishReason::Refusal:
            return "refusal";
        case FinishReason::PauseTurn:
            return "pause_turn";
        case FinishReason::Unset:
            break;
    }
    return callsTools ? "tool_use" : "end_turn";
}

ApiError::Kind AnthropicVocabulary::kindFor(QByteArrayView errorType, int status) {
    for (const ErrorType& t : kErrorTypes) {
        if (errorType == t.type)
            return t.kind;
    }
    if (status == 401)
        return ApiError::Kind::Authentication;
    if (status == 402 || status == 403)
        return ApiError::Kind::PermissionDenied;
    if (status == 404)
        return ApiError::Kind::NotFound;
    if (status == 408 || status == 504)
        return ApiError::Kind::Timeout;
    if (status == 413)
        return ApiError::Kind::RequestTooLarge;
    if (status == 429)
        return ApiError::Kind::RateLimited;
    if (status == 529)
        return ApiError::Kind::Overloaded;
    if (status >= 500)
        return ApiError::Kind::ServerError;
    if (status >= 400)
        return ApiError::Kind::InvalidRequest;
    return ApiError::Kind::BadResponse;
}

int AnthropicVocabulary::statusFor(QByteArrayView errorType) {
    for (const ErrorType& t : kErrorTypes) {
        if (errorType == t.type)
            return t.status;
    }
    return 0;
}

QByteArray AnthropicVocabulary::errorTypeFor(const ApiError& error) {
    switch (error.kind) {
        case ApiError::Kind::InvalidRequest:
        case ApiError::Kind::ContextLengthExceeded:
        case ApiError::Kind::ContentPolicy:
            return "invalid_request_error";
        case ApiError::Kind::Authentication:
            return "authentication_error";
        case ApiError::Kind::PermissionDenied:
            // Billing refusals travel as PermissionDenied; the code keeps which one it was.
            return error.code == "billing_error" ? "billing_error" : "permission_error";
        case ApiError::Kind::NotFound:
            return "not_found_error";
        case ApiError::Kind::RequestTooLarge:
            return "request_too_large";
        case ApiError::Kind::RateLimited:
            return "rate_limit_error";
        case ApiError::Kind::Overloaded:
            return "overloaded_error";
        case ApiError::Kind::Timeout:
            return "timeout_error";
        case ApiError::Kind::ServerError:
        case ApiError::Kind::Unreachable:
        case ApiError::Kind::BadResponse:
            break;
    }
    return "api_error";
}

}  // namespace signalbox
