#include "playground/ConversationView.h"

#include "playground/AnswerBlock.h"
#include "playground/MessageBlock.h"
#include "playground/PlaygroundConversation.h"

#include <QLabel>
#include <QScrollBar>
#include <QVBoxLayout>

namespace signalbox {

ConversationView::ConversationView(QWidget* parent)
    : QScrollArea(parent),
      content_(new QWidget),
      blocks_(new QVBoxLayout(content_)),
      emptyState_(new QLabel(content_)) {
    setObjectName(QStringLiteral("playgroundConversation"));
    setWidgetResizable(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setBackgroundRole(QPalette::Base);
    blocks_->setContentsMargins(8, 8, 8, 8);
    blocks_->setSpacing(8);
    emptyState_->setObjectName(QStringLiteral("playgroundEmptyState"));
    emptyState_->setText(
        tr("Type a message below and send it with Ctrl+Enter. The answer streams in here, "
           "with the target that served it, its time to first token, tokens and cost."));
    emptyState_->setWordWrap(true);
    emptyState_->setAlignment(Qt::AlignCenter);
    emptyState_->setForegroundRole(QPalette::PlaceholderText);
    emptyState_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    blocks_->addWidget(emptyState_);
    blocks_->addStretch(1);
    setWidget(content_);

    QScrollBar* bar = verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this,
            [this, bar](int value) { followEnd_ = value >= bar->maximum() - 4; });
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int maximum) {
        if (followEnd_)
            bar->setValue(maximum);
    });
}

void ConversationView::clear() {
    // Everything but the empty state and the closing stretch.
    while (blocks_->count() > 2) {
        QLayoutItem* item = blocks_->takeAt(1);
        delete item->widget();
        delete item;
    }
    emptyState_->show();
    followEnd_ = true;
}

void ConversationView::showMessages(const std::vector<Json>& messages) {
    clear();
    for (const Json& message : messages) {
        addMessage(message,
                   PlaygroundConversation::toolName(messages, message["tool_call_id"].toString()));
    }
}

void ConversationView::addMessage(const Json& message, const QString& toolName) {
    add(new MessageBlock(message, toolName, content_));
}

AnswerBlock* ConversationView::addAnswer(const QString& model) {
    auto* answer = new AnswerBlock(model, content_);
    add(answer);
    return answer;
}

AnswerBlock* ConversationView::lastAnswer() const {
    for (int i = blocks_->count() - 1; i >= 0; --i) {
        if (auto* answer = qobject_cast<AnswerBlock*>(blocks_->itemAt(i)->widget()))
            return answer;
    }
    return nullptr;
}

void ConversationView::add(QWidget* block) {
    emptyState_->hide();
    // Before the closing stretch, so blocks stack from the top.
    blocks_->insertWidget(blocks_->count() - 1, block);
    followEnd_ = true;
}

}  // namespace signalbox
