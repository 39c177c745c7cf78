#pragma once

#include "playground/PlaygroundConversation.h"
#include "playground/PlaygroundRequest.h"

#include <QWidget>

namespace signalbox {

class AnswerBlock;
class ConversationView;
class Engine;
class ModelPicker;
class PlaygroundCall;
struct PlaygroundResult;

// One conversation with one model or route: its picker, its messages and the call under
// way. The Playground shows one; compare mode shows two to four side by side, each
// streaming on its own.
class ChatColumn : public QWidget {
    Q_OBJECT
public:
    // `number` counts from 0; it picks the model a new column starts on.
    ChatColumn(Engine& engine, int number, QWidget* parent = nullptr);

    ModelPicker* picker() const { return picker_; }
    QString model() const;
    const PlaygroundConversation& conversation() const { return conversation_; }
    bool isRunning() const;

    // The request this column would send with `parameters` (system prompt and the rest)
    // after `input` (empty: the conversation as it stands).
    PlaygroundRequest request(const PlaygroundRequest& parameters, const QString& input) const;
    // Adds `input` to the conversation (unless empty) and sends it. False when there is
    // nothing for the model to answer.
    bool send(const QString& input, const PlaygroundRequest& parameters,
              const QByteArray& virtualKey);
    void stop();
    void clear();
    void setMessages(std::vector<Json> messages);
    AnswerBlock* lastAnswer() const;

signals:
    void runningChanged();

private:
    void finished(const PlaygroundResult& result);

    ModelPicker* picker_;
    ConversationView* view_;
    PlaygroundCall* call_;
    PlaygroundConversation conversation_;
    AnswerBlock* answer_ = nullptr;  // the answer under way
};

}  // namespace signalbox
