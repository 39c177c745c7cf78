#include "api/OpenAiError.h"

#include "json/JsonScanner.h"

#include <QCoreApplication>

namespace signalbox {

QByteArray OpenAiError::toJson() const {
    QByteArray out;
    out.reserve(128 + message.size());
    out.append(R"({"error":{"message":)");
    JsonScanner::appendQuoted(out, message);
    out.append(R"(,"type":")").append(type).append(R"(","param":null,"code":)");
    if (code.isEmpty()) {
        out.append("null");
    } else {
        out.append('"').append(code).append('"');
    }
    out.append("}}");
    return out;
}

QByteArray OpenAiError::toSseEvent() const {
    return "data: " + toJson() + "\n\n";
}

OpenAiError OpenAiError::invalidRequest(const QString& message, QByteArray code) {
    return {400, message, "invalid_request_error", std::move(code)};
}

OpenAiError OpenAiError::modelNotFound(const QString& model) {
    return {404,
            QCoreApplication::translate(
                "OpenAiError",
                "The model '%1' does not exist here: it is neither a route nor "
                "'provider/model' with a configured provider. GET /v1/models lists what is.")
                .arg(model),
            "invalid_request_error", "model_not_found"};
}

OpenAiError OpenAiError::upstream(int status, const QString& message, QByteArray code) {
    return {status, message, "upstream_error", std::move(code)};
}

}  // namespace signalbox
