#pragma once

#include "MockFault.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <memory>

namespace signalbox {
class HttpExchange;
}

namespace signalbox::mock {

// One answer in OpenAI's chat-completions format, as the real API gives it:
// a chat.completion object, or chat.completion.chunk SSE events (role chunk,
// content deltas, a finish chunk, the usage chunk when stream_options asks for
// it, then [DONE]). Lives on the worker thread until the answer is out.
class OpenAiMockReply : public QObject {
    Q_OBJECT
public:
    OpenAiMockReply(std::shared_ptr<HttpExchange> exchange, const QJsonObject& request,
                    const MockFault& fault, int chunkDelayMs, std::atomic<int>* clientsGone);
    void start();

    static QByteArray errorBody(int status, const QByteArray& customBody);

private:
    void sendWhole();
    void sendNextChunk();
    QByteArray chunk(const QJsonObject& delta, const QJsonValue& finishReason) const;
    QJsonObject usage() const;
    void finish();

    std::shared_ptr<HttpExchange> exchange_;
    MockFault fault_;
    QString model_;
    QByteArray id_;
    qint64 created_ = 0;
    bool stream_ = false;
    bool includeUsage_ = false;
    QStringList pieces_;
    int promptTokens_ = 0;
    int sent_ = 0;  // chunks written so far
    int chunkDelayMs_ = 0;
    QTimer timer_;
};

}  // namespace signalbox::mock
