#pragma once

#include "json/Json.h"
#include "providers/ApiError.h"

#include <QByteArray>
#include <QByteArrayView>

namespace signalbox {

// OpenAI's error shape, {"error":{"message","type","param","code"}}, both ways, and
// the classification of OpenAI-format providers' failures.
class OpenAiErrorCodec {
public:
    // A provider's error answer, whatever its body (JSON in OpenAI's shape, the
    // {"object":"error","message"} of vLLM and Mistral, {"error":"text"} of Ollama, or
    // not JSON at all).
    static ApiError decode(int status, QByteArrayView body);
    // One error object met in a body or a stream; `status` 0 when none came with it.
    static ApiError fromErrorObject(int status, const Json& error);
    // {"error":{...}} for the client.
    static Json toJson(const ApiError& error);
    // Quota that ran out does not come back on a retry; everything else follows the kind.
    static bool isRetryable(const ApiError& error);
};

}  // namespace signalbox
