#pragma once

#include "json/Json.h"
#include "providers/ApiError.h"

#include <QByteArray>
#include <QByteArrayView>

namespace signalbox {

// Anthropic's error shape, {"type":"error","error":{"type","message"}}, both ways: in
// answers with an HTTP status and in `event: error` of a stream.
class AnthropicErrorCodec {
public:
    // An error answer with any body → canonical, keeping Anthropic's message.
    static ApiError decode(int status, QByteArrayView body);
    // The `error` member of an error body or stream event; `status` 0 takes the status
    // the type is documented with.
    static ApiError fromErrorObject(const Json& error, int status);
    // Canonical → the whole error body.
    static Json toJson(const ApiError& error);
};

}  // namespace signalbox
