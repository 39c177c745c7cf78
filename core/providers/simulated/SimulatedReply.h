#pragma once

#include "json/Json.h"
#include "providers/LocalResponder.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

namespace signalbox {

// One answer of the demo provider, in OpenAI's chat-completions format, paced like a
// real model: a first token after a few hundred milliseconds, then a word every few
// tens. What the model name contains picks a fault to show how routing copes:
//   "down"  always 503;  "rate" always 429 with Retry-After;  "flaky" every other call
//   503;  "cut" the connection drops halfway;  "slow" three times the latency.
// It keeps the request's first-byte, idle and total timeouts as the HTTP client would,
// so that a route's timeouts can be tried on it.
class SimulatedReply : public QObject, public LocalResponder {
    Q_OBJECT
public:
    void start(const UpstreamRequest& request, UpstreamCallbacks callbacks) override;
    void cancel() override;

protected:
    void release() override;

private:
    void sendHead();
    void sendNext();
    void fail(int status, const QByteArray& type, const QString& message,
              QByteArray retryAfter = {});
    void cut();
    void finish();
    // Gives up with a timeout unless something is sent within `ms` (0: no limit).
    void expectWithin(int ms, const char* what);
    void timeOut(const QString& message);
    void stopTimers();
    QByteArray chunk(const Json& delta, const Json& finishReason) const;
    // id, object, created, model and choices (the one given, or none for null).
    Json envelope(const char* object, Json choice) const;
    Json usage() const;
    Json toolCall() const;

    UpstreamCallbacks callbacks_;
    QTimer timer_;
    QTimer stall_;                     // first byte, then idle gaps
    const char* stallWhat_ = nullptr;  // what its firing means, untranslated
    QTimer total_;
    int idleTimeoutMs_ = 0;
    QString model_;
    QByteArray id_;
    qint64 created_ = 0;
    bool stream_ = false;
    bool cutHalfway_ = false;
    int latencyScale_ = 1;
    QStringList words_;
    Json tool_;  // the tool the model "calls", null when it answers in text
    QString userText_;
    qint64 promptTokens_ = 0;
    int sent_ = 0;
};

}  // namespace signalbox
