#include "playground/ChatColumn.h"

#include "playground/AnswerBlock.h"
#include "playground/ConversationView.h"
#include "playground/ModelPicker.h"
#include "playground/PlaygroundCall.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace signalbox {

ChatColumn::ChatColumn(Engine& engine, int number, QWidget* parent)
    : QWidget(parent),
      picker_(new ModelPicker(engine, number, this)),
      view_(new ConversationView(this)),
      call_(new PlaygroundCall(engine, this)) {
    setObjectName(QStringLiteral("playgroundColumn%1").arg(number));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto* top = new QHBoxLayout;
    auto* label = new QLabel(tr("&Model"), this);
    label->setBuddy(picker_);
    top->addWidget(label);
    top->addWidget(picker_, 1);
    layout->addLayout(top);
    layout->addWidget(view_, 1);

    connect(call_, &PlaygroundCall::serving, this, [this](const QString& target, int attempts) {
        if (answer_)
            answer_->setServing(target, attempts);
    });
    connect(call_, &PlaygroundCall::textArrived, this, [this](const QString& text, bool thinking) {
        if (answer_)
            answer_->appendText(text, thinking);
    });
    connect(call_, &PlaygroundCall::toolCallArrived, this,
            [this](int index, const QString& name, const QByteArray& arguments) {
                if (answer_)
                    answer_->addToolCallPiece(index, name, arguments);
            });
    connect(call_, &PlaygroundCall::finished, this, &ChatColumn::finished);
}

QString ChatColumn::model() const {
    return picker_->model();
}

bool ChatColumn::isRunning() const {
    return call_->isRunning();
}

PlaygroundRequest ChatColumn::request(const PlaygroundRequest& parameters,
                                      const QString& input) const {
    PlaygroundConversation conversation = conversation_;
    if (!input.isEmpty())
        conversation.addInput(input);
    PlaygroundRequest request = parameters;
    request.model = model();
    request.messages = conversation.messages();
    return request;
}

bool ChatColumn::send(const QString& input, const PlaygroundRequest& parameters,
                      const QByteArray& virtualKey) {
    if (isRunning() || model().isEmpty())
        return false;
    if (!input.isEmpty()) {
        conversation_.addInput(input);
        const Json& added = conversation_.messages().back();
        view_->addMessage(added, PlaygroundConversation::toolName(
                                     conversation_.messages(), added["tool_call_id"].toString()));
    }
    if (!conversation_.awaitsAnswer())
        return false;
    const PlaygroundRequest outgoing = request(parameters, {});
    answer_ = view_->addAnswer(outgoing.model);
    // The call may end at once (the proxy is stopped): the answer must be there first.
    call_->start(outgoing.body().serialize(), virtualKey);
    emit runningChanged();
    return true;
}

void ChatColumn::stop() {
    if (isRunning())
        call_->cancel();
}

void ChatColumn::finished(const PlaygroundResult& result) {
    if (answer_)
        answer_->finish(result);
    answer_ = nullptr;
    if (result.outcome != PlaygroundResult::Outcome::Failed)
        conversation_.addAnswer(result.response,
                                result.outcome == PlaygroundResult::Outcome::Answered);
    emit runningChanged();
}

void ChatColumn::clear() {
    stop();
    conversation_.clear();
    view_->clear();
}

void ChatColumn::setMessages(std::vector<Json> messages) {
    stop();
    conversation_.setMessages(std::move(messages));
    view_->showMessages(conversation_.messages());
}

AnswerBlock* ChatColumn::lastAnswer() const {
    return view_->lastAnswer();
}

}  // namespace signalbox
