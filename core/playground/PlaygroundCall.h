#pragma once

#include "playground/PlaygroundResult.h"
#include "providers/ResponseAssembler.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace signalbox {

class Engine;
class StreamDecoder;

// One streamed chat of the Playground, sent through the engine's own proxy like any
// client's call: the same routes, keys, retries, governance and request log (tagged
// source=playground). Text is handed on as it arrives; Cancel closes the connection, and the
// proxy cancels the provider's call.
class PlaygroundCall : public QObject {
    Q_OBJECT
public:
    explicit PlaygroundCall(Engine& engine, QObject* parent = nullptr);
    ~PlaygroundCall() override;

    // `body` is an OpenAI chat-completions request; it is sent streamed, with usage.
    // `virtualKey` is needed where the proxy requires keys. A call under way is cancelled.
    void start(const QByteArray& body, const QByteArray& virtualKey = {});
    void cancel();
    bool isRunning() const { return !reply_.isNull(); }

signals:
    // The answer's head: who serves it.
    void serving(const QString& target, int attempts);
    // A piece of text; `thinking` for reasoning the model shows.
    void textArrived(const QString& text, bool thinking);
    // A tool call as it arrives: `name` when it opens (the arguments may be empty), then
    // fragments of its arguments' JSON text. `index` tells the calls of one answer apart.
    void toolCallArrived(int index, const QString& name, const QByteArray& arguments);
    void finished(const signalbox::PlaygroundResult& result);

private:
    void onHead();
    void onData();
    void onFinished();
    void finish(PlaygroundResult::Outcome outcome, const QString& error);
    void handle(const std::vector<StreamEvent>& events);

    Engine& engine_;
    QNetworkAccessManager* network_;
    QPointer<QNetworkReply> reply_;
    std::unique_ptr<StreamDecoder> decoder_;
    ResponseAssembler assembler_;
    PlaygroundResult result_;
    QElapsedTimer clock_;
    bool streaming_ = false;                   // an event stream is being read (not an error body)
    bool ended_ = false;                       // the stream ended as a complete answer does
    std::optional<ChatResponse> wholeAnswer_;  // an answer that came unstreamed
};

}  // namespace signalbox
