#pragma once

#include <QByteArray>
#include <QString>

namespace signalbox {

// Errors as OpenAI's API shapes them: {"error":{"message","type","param","code"}}.
struct OpenAiError {
    int status = 500;
    QString message;
    QByteArray type = "api_error";
    QByteArray code;  // empty: null

    QByteArray toJson() const;
    // The same error as the data of an SSE event, for a stream that already began.
    QByteArray toSseEvent() const;

    static OpenAiError invalidRequest(const QString& message, QByteArray code = {});
    static OpenAiError modelNotFound(const QString& model);
    static OpenAiError upstream(int status, const QString& message, QByteArray code);
};

}  // namespace signalbox
