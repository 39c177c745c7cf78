#include "providers/anthropic/AnthropicErrorCodec.h"

#include "providers/anthropic/AnthropicVocabulary.h"

#include <QCoreApplication>

#include <algorithm>
#include <optional>

namespace signalbox {

namespace {
constexpr qsizetype kQuotedPrefix = 200;

// A 400 whose message says the prompt does not fit the model's window. Anthropic words
// it "prompt is too long: N tokens > M maximum", or "input length and `max_tokens`
// exceed context limit" when the prompt and the requested output together do not fit.
bool saysContextTooLong(const QString& message) {
    return message.contains(QLatin1String("prompt is too long"), Qt::CaseInsensitive) ||
           message.contains(QLatin1String("exceed context limit"), Qt::CaseInsensitive);
}

QString quotedPrefix(QByteArrayView body) {
    QString text = QString::fromUtf8(body.first(std::min(body.size(), kQuotedPrefix))).simplified();
    if (body.size() > kQuotedPrefix)
        text += QStringLiteral("…");
    return text;
}
}  // namespace

ApiError AnthropicErrorCodec::fromErrorObject(const Json& error, int status) {
    const QByteArray type = error["type"].utf8();
    ApiError e;
    e.status = status > 0 ? status : AnthropicVocabulary::statusFor(type);
    if (e.status == 0)
        e.status = 500;
    e.kind = AnthropicVocabulary::kindFor(type, e.status);
    e.message = error["message"].toString();
    e.code = type;
    if (e.kind == ApiError::Kind::InvalidRequest && saysContextTooLong(e.message))
        e.kind = ApiError::Kind::ContextLengthExceeded;
    // "Output blocked by content filtering policy"
    if (e.kind == ApiError::Kind::InvalidRequest &&
        e.message.contains(QLatin1String("content filtering policy"), Qt::CaseInsensitive))
        e.kind = ApiError::Kind::ContentPolicy;
    return e;
}

ApiError AnthropicErrorCodec::decode(int status, QByteArrayView body) {
    const std::optional<Json> json = Json::parse(body);
    if (json && json->isObject() && (*json)["error"].isObject() &&
        (*json)["error"]["type"].isString()) {
        ApiError e = fromErrorObject((*json)["error"], status);
        if (e.message.isEmpty())
            e.message =
                QCoreApplication::translate("AnthropicFormat", "Anthropic answered HTTP %1 (%2).")
                    .arg(status)
                    .arg(QString::fromUtf8(e.code));
        return e;
    }
    ApiError e;
    e.status = status > 0 ? status : 502;
    e.kind = AnthropicVocabulary::kindFor({}, e.status);
    if (e.kind == ApiError::Kind::BadResponse)
        e.status = 502;
    e.message = body.isEmpty()
                    ? QCoreApplication::translate("AnthropicFormat",
                                                  "Anthropic answered HTTP %1 with an empty body.")
                          .arg(status)
                    : QCoreApplication::translate(
                          "AnthropicFormat",
                          "Anthropic answered HTTP %1 with a body that is not an error "
                          "object: %2")
                          .arg(status)
                          .arg(quotedPrefix(body));
    return e;
}

Json AnthropicErrorCodec::toJson(const ApiError& error) {
    Json inner = Json::object();
    inner.set("type", QByteArrayView(AnthropicVocabulary::errorTypeFor(error)));
    inner.set("message", error.message);
    Json body = Json::object();
    body.set("type", "error");
    body.set("error", std::move(inner));
    return body;
}

}  // namespace signalbox
