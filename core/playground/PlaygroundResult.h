#pragma once

#include "providers/ChatResponse.h"
#include "providers/Usage.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace signalbox {

// What one playground call came to: the answer, who served it and what it cost.
struct PlaygroundResult {
    enum class Outcome { Answered, Failed, Cancelled };
    Outcome outcome = Outcome::Answered;
    int status = 0;            // the proxy's HTTP status; 0 when it could not be reached
    QString error;             // the failure in words, for Failed
    ChatResponse response;     // the answer as far as it came
    QString target;            // provider/model that served it
    int attempts = 0;          // calls the proxy made
    QByteArray trail;          // x-signalbox-trail
    QByteArray requestId;      // the request log's id
    qint64 firstTokenMs = -1;  // from the send to the first content; -1: none came
    qint64 totalMs = 0;
    Usage usage;
    std::optional<double> costUsd;  // nullopt: the model has no price
};

}  // namespace signalbox
