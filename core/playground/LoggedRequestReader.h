#pragma once

#include "playground/PlaygroundRequest.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace signalbox {

// A request from the log made into one the Playground can send again: an OpenAI chat
// body read as it is, an Anthropic Messages body translated as the proxy would (system
// at the top, content blocks, tool use). Fields the Playground has no place for are
// named, never dropped in silence.
class LoggedRequestReader {
    Q_DECLARE_TR_FUNCTIONS(LoggedRequestReader)
public:
    struct Result {
        std::optional<PlaygroundRequest> request;
        QString problem;          // why it cannot be opened, in words, when no request
        QStringList notRestored;  // fields of the body left out, e.g. "seed", "top_k"
    };

    // `surface` is the inbound API it came in on ("openai.chat", "anthropic.messages");
    // `route` the model the client asked for, used when the body names none.
    static Result read(const QString& surface, const QString& route, const QByteArray& body);

private:
    static Result readOpenAi(const Json& body, const QString& route);
};

}  // namespace signalbox
