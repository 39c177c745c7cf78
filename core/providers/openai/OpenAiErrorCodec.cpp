#include "providers/openai/OpenAiErrorCodec.h"

#include "providers/openai/OpenAiWire.h"

namespace signalbox {

namespace {

// A code may be a string ("rate_limit_exceeded") or, on some servers, a number.
QByteArray scalarText(const Json& value) {
    return value.isString() || value.isNumber() ? value.utf8() : QByteArray();
}

// What a short piece of an unreadable body says, for a message.
QString prefixOf(QByteArrayView body) {
    constexpr qsizetype kMax = 200;
    QString text = QString::fromUtf8(body.first(qMin(body.size(), kMax))).simplified();
    if (body.size() > kMax) {
        text += QStringLiteral("…");
    }
    return text;
}

int statusForType(QByteArrayView type) {
    if (type == "invalid_request_error") {
        return 400;
    }
    if (type == "authentication_error") {
        return 401;
    }
    if (type == "permission_error") {
        return 403;
    }
    if (type == "not_found_error") {
        return 404;
    }
    if (type == "rate_limit_error" || type == "requests" || type == "tokens" ||
        type == "insufficient_quota") {
        return 429;
    }
    return 500;
}

ApiError::Kind kindFor(int status, QByteArrayView code, QByteArrayView type) {
    using Kind = ApiError::Kind;
    if (code == "context_length_exceeded") {
        return Kind::ContextLengthExceeded;
    }
    // invalid_prompt: chat and responses refusing a flagged prompt; content_filter: Azure;
    // content_policy_violation: the Images API.
    if (code == "content_filter" || code == "content_policy_violation" ||
        code == "invalid_prompt") {
        return Kind::ContentPolicy;
    }
    if (code == "insufficient_quota" || type == "insufficient_quota") {
        return Kind::RateLimited;  // not retryable: see isRetryable()
    }
    switch (status) {
        case 400:
        case 422:
            return Kind::InvalidRequest;
        case 401:
            return Kind::Authentication;
        case 402:  // OpenRouter: out of credits
        case 403:
            return Kind::PermissionDenied;
        case 404:
            return Kind::NotFound;
        case 408:
            return Kind::Timeout;
        case 413:
            return Kind::RequestTooLarge;
        case 429:
            return Kind::RateLimited;
        case 503:
        case 529:
            return Kind::Overloaded;
        default:
            break;
    }
    return status >= 500 ? Kind::ServerError : Kind::InvalidRequest;
}

QByteArray typeFor(ApiError::Kind kind) {
    using Kind = ApiError::Kind;
    switch (kind) {
        case Kind::InvalidRequest:
        case Kind::RequestTooLarge:
        case Kind::ContextLengthExceeded:
        case Kind::ContentPolicy:
            return "invalid_request_error";
        case Kind::Authentication:
            return "authentication_error";
        case Kind::PermissionDenied:
            return "permission_error";
        case Kind::NotFound:
            return "not_found_error";
        case Kind::RateLimited:
            return "rate_limit_error";
        case Kind::Overloaded:
        case Kind::ServerError:
            return "server_error";
        case Kind::Timeout:
        case Kind::Unreachable:
        case Kind::BadResponse:
            break;
    }
    return "api_error";
}

// A code the client can act on when the provider named none.
QByteArray defaultCodeFor(ApiError::Kind kind) {
    switch (kind) {
        case ApiError::Kind::ContextLengthExceeded:
            return "context_length_exceeded";
        case ApiError::Kind::ContentPolicy:
            return "content_policy_violation";
        default:
            return {};
    }
}

}  // namespace

ApiError OpenAiErrorCodec::fromErrorObject(int status, const Json& error) {
    ApiError e;
    const QByteArray type = error["type"].isString() ? error["type"].utf8() : QByteArray();
    e.code = scalarText(error["code"]);
    e.param = error["param"].isString() ? error["param"].utf8() : QByteArray();
    e.message = error["message"].toString();
    if (status <= 0) {
        // In a stream, or a 200 that carried an error: the type is all there is to go on.
        bool numeric = false;
        const int fromCode = e.code.toInt(&numeric);
        status = numeric && fromCode >= 400 && fromCode < 600 ? fromCode : statusForType(type);
    }
    e.status = status;
    e.kind = kindFor(status, e.code, type);
    if (e.message.isEmpty()) {
        e.message = OpenAiWire::tr(
                        "The provider reported an error of type '%1' without a "
                        "message.")
                        .arg(QString::fromUtf8(type.isEmpty() ? e.code : type));
    }
    return e;
}

ApiError OpenAiErrorCodec::decode(int status, QByteArrayView body) {
    const std::optional<Json> json = Json::parse(body);
    if (json && json->isObject()) {
        const Json& error = (*json)["error"];
        if (error.isObject()) {
            return fromErrorObject(status, error);
        }
        Json flat = Json::object();
        if (error.isString()) {
            flat.set("message", error);  // Ollama, llama.cpp: {"error":"text"}
        } else if ((*json)["message"].isString()) {
            flat = *json;  // vLLM, Mistral: {"object":"error","message",...}
        } else if ((*json).contains("detail")) {
            // Validation errors of FastAPI servers: {"detail":[{...}]}.
            const Json& detail = (*json)["detail"];
            flat.set("message",
                     detail.isString() ? detail : Json(QByteArrayView(detail.serialize())));
        }
        if (flat.contains("message")) {
            return fromErrorObject(status, flat);
        }
    }
    ApiError e;
    e.status = status;
    e.kind = kindFor(status, {}, {});
    e.message =
        body.trimmed().isEmpty()
            ? OpenAiWire::tr("The provider answered HTTP %1 with an empty body.").arg(status)
            : OpenAiWire::tr("The provider answered HTTP %1: %2").arg(status).arg(prefixOf(body));
    return e;
}

Json OpenAiErrorCodec::toJson(const ApiError& error) {
    Json inner = Json::object();
    inner.set("message", error.message);
    inner.set("type", error.openAiType.isEmpty() ? typeFor(error.kind).constData()
                                                 : error.openAiType.constData());
    inner.set("param", error.param.isEmpty() ? Json() : Json(QByteArrayView(error.param)));
    const QByteArray code = error.code.isEmpty() ? defaultCodeFor(error.kind) : error.code;
    inner.set("code", code.isEmpty() ? Json() : Json(QByteArrayView(code)));
    Json out = Json::object();
    out.set("error", std::move(inner));
    return out;
}

bool OpenAiErrorCodec::isRetryable(const ApiError& error) {
    if (error.code == "insufficient_quota") {
        return false;
    }
    return error.retryable();
}

}  // namespace signalbox
