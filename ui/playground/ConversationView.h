#pragma once

#include "json/Json.h"

#include <QScrollArea>

#include <vector>

class QLabel;
class QVBoxLayout;

namespace signalbox {

class AnswerBlock;

// The conversation of one column, message under message. It follows a growing answer
// down, unless the user has scrolled up to read.
class ConversationView : public QScrollArea {
    Q_OBJECT
public:
    explicit ConversationView(QWidget* parent = nullptr);

    void clear();
    // Shows `messages` (OpenAI chat messages) in place of what was shown.
    void showMessages(const std::vector<Json>& messages);
    // `toolName`: the tool whose result a tool message carries.
    void addMessage(const Json& message, const QString& toolName = {});
    // A new answer under way for `model`; owned by the view.
    AnswerBlock* addAnswer(const QString& model);
    AnswerBlock* lastAnswer() const;

private:
    void add(QWidget* block);

    QWidget* content_;
    QVBoxLayout* blocks_;
    QLabel* emptyState_;
    bool followEnd_ = true;
};

}  // namespace signalbox
