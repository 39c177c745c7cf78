#include "providers/gemini/GeminiErrors.h"

#include <QCoreApplication>

#include <cmath>

namespace signalbox {

namespace {
using Kind = ApiError::Kind;

QString tr(const char* text) {
    return QCoreApplication::translate("GeminiFormat", text);
}

Kind kindForStatusName(QByteArrayView name, int httpStatus) {
    if (name == "INVALID_ARGUMENT" || name == "FAILED_PRECONDITION" || name == "OUT_OF_RANGE")
        return Kind::InvalidRequest;
    if (name == "UNAUTHENTICATED")
        return Kind::Authentication;
    if (name == "PERMISSION_DENIED")
        return Kind::PermissionDenied;
    if (name == "NOT_FOUND")
        return Kind::NotFound;
    if (name == "RESOURCE_EXHAUSTED")
        return Kind::RateLimited;
    if (name == "UNAVAILABLE")
        return Kind::Overloaded;
    if (name == "INTERNAL" || name == "UNKNOWN" || name == "DATA_LOSS" ||
        name == "DEADLINE_EXCEEDED")
        return Kind::ServerError;
    switch (httpStatus) {
        case 400:
            return Kind::InvalidRequest;
        case 401:
            return Kind::Authentication;
        case 403:
            return Kind::PermissionDenied;
        case 404:
            return Kind::NotFound;
        case 413:
            return Kind::RequestTooLarge;
        case 429:
            return Kind::RateLimited;
        case 503:
            return Kind::Overloaded;
        default:
            break;
    }
    return httpStatus >= 400 && httpStatus < 500 ? Kind::InvalidRequest : Kind::ServerError;
}

// google.rpc.RetryInfo carries the wait as a Duration string ("37s", "0.5s").
QByteArray retryAfter(const Json& details) {
    for (const Json& d : details.items()) {
        if (!d["@type"].toString().endsWith(QLatin1StringView("google.rpc.RetryInfo")))
            continue;
        QString delay = d["retryDelay"].toString();
        if (!delay.endsWith(u's'))
            continue;
        delay.chop(1);
        bool ok = false;
        const double seconds = delay.toDouble(&ok);
        if (ok && seconds >= 0)
            return QByteArray::number(static_cast<qint64>(std::ceil(seconds)));
    }
    return {};
}

bool hasReason(const Json& details, QByteArrayView reason) {
    for (const Json& d : details.items()) {
        if (d["reason"].utf8() == reason)
            return true;
    }
    return false;
}

struct StatusName {
    int code;
    const char* name;
};

StatusName statusFor(const ApiError& e) {
    switch (e.kind) {
        case Kind::InvalidRequest:
        case Kind::ContextLengthExceeded:
        case Kind::ContentPolicy:
            return {400, "INVALID_ARGUMENT"};
        case Kind::RequestTooLarge:
            return {413, "INVALID_ARGUMENT"};
        case Kind::Authentication:
            return {401, "UNAUTHENTICATED"};
        case Kind::PermissionDenied:
            return {403, "PERMISSION_DENIED"};
        case Kind::NotFound:
            return {404, "NOT_FOUND"};
        case Kind::RateLimited:
            return {429, "RESOURCE_EXHAUSTED"};
        case Kind::Overloaded:
        case Kind::Unreachable:
            return {503, "UNAVAILABLE"};
        case Kind::Timeout:
            return {504, "DEADLINE_EXCEEDED"};
        case Kind::ServerError:
        case Kind::BadResponse:
            break;
    }
    return {500, "INTERNAL"};
}
}  // namespace

ApiError GeminiErrors::decode(int httpStatus, QByteArrayView body) {
    if (const auto json = Json::parse(body)) {
        // Non-SSE streams answer errors as a one-element array.
        const Json& root = json->isArray() ? json->at(0) : *json;
        if (root["error"].isObject())
            return fromErrorObject(root["error"], httpStatus);
    }
    ApiError e;
    e.status = httpStatus >= 400 ? httpStatus : 502;
    e.kind = httpStatus >= 400 ? kindForStatusName({}, httpStatus) : Kind::BadResponse;
    const QString prefix =
        QString::fromUtf8(body.first(qMin<qsizetype>(body.size(), 160))).simplified();
    e.message = tr("Gemini answered HTTP %1 with a body that is not a Gemini error: %2")
                    .arg(httpStatus)
                    .arg(prefix.isEmpty() ? tr("(empty)") : prefix);
    return e;
}

ApiError GeminiErrors::fromErrorObject(const Json& error, int httpStatus) {
    ApiError e;
    const qint64 code = error["code"].toInt(0);
    e.status = httpStatus >= 400 ? httpStatus : (code >= 400 && code < 600 ? int(code) : 500);
    e.kind = kindForStatusName(error["status"].utf8(), e.status);
    e.message = error["message"].toString();
    if (e.message.isEmpty())
        e.message = tr("Gemini failed with HTTP %1 and no message").arg(e.status);
    const Json& details = error["details"];
    e.retryAfter = retryAfter(details);

    // A bad key comes as 400 INVALID_ARGUMENT; clients expect to hear it as a key problem.
    if (hasReason(details, "API_KEY_INVALID") ||
        e.message.contains(QLatin1StringView("API key not valid"))) {
        e.kind = Kind::Authentication;
        e.status = 401;
        e.code = "invalid_api_key";
    } else if (e.message.contains(QLatin1StringView("exceeds the maximum number of tokens"))) {
        e.kind = Kind::ContextLengthExceeded;
        e.code = "context_length_exceeded";
    } else if (e.message.contains(QLatin1StringView("payload size exceeds the limit"))) {
        e.kind = Kind::RequestTooLarge;
        e.status = 413;
    } else if (e.kind == Kind::NotFound && e.message.contains(QLatin1StringView("models/"))) {
        e.code = "model_not_found";
    }
    return e;
}

QByteArray GeminiErrors::encode(const ApiError& error) {
    const StatusName s = statusFor(error);
    Json inner = Json::object();
    inner.set("code", error.status >= 400 ? error.status : s.code);
    inner.set("message", error.message);
    inner.set("status", s.name);
    Json root = Json::object();
    root.set("error", std::move(inner));
    return root.serialize();
}

}  // namespace signalbox
