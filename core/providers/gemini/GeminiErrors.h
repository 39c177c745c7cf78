#pragma once

#include "json/Json.h"
#include "providers/ApiError.h"

#include <QByteArray>
#include <QByteArrayView>

namespace signalbox {

// Gemini's error shape, {"error":{"code","message","status","details"}} (a google.rpc
// Status), both ways.
class GeminiErrors {
public:
    // Any answer body, even one that is not JSON; the message is kept.
    static ApiError decode(int httpStatus, QByteArrayView body);
    // The "error" object itself, e.g. one that arrived inside a stream.
    static ApiError fromErrorObject(const Json& error, int httpStatus);
    static QByteArray encode(const ApiError& error);
};

}  // namespace signalbox
