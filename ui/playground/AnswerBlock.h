#pragma once

#include "playground/BubbleFrame.h"
#include "playground/PlaygroundResult.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <utility>

class QLabel;

namespace signalbox {

class StatusLabel;

// The model's answer as it streams in: reasoning (when the model shows it), text and tool
// calls grow piece by piece; once the call ends a footer says who served it, how fast,
// and what it cost, or the failure says what went wrong and what to do.
class AnswerBlock : public BubbleFrame {
    Q_OBJECT
public:
    explicit AnswerBlock(const QString& model, QWidget* parent = nullptr);

    void setServing(const QString& target, int attempts);
    void appendText(const QString& text, bool thinking);
    void addToolCallPiece(int index, const QString& name, const QByteArray& arguments);
    void finish(const PlaygroundResult& result);

    QString text() const { return text_; }
    QString footer() const;
    QString error() const;
    bool isFinished() const { return finished_; }
    // The request log's id of the call, once it ended.
    QString requestId() const { return requestId_; }

signals:
    // Text, reasoning or a tool call grew, or the answer ended.
    void contentChanged();

private:
    void showToolCalls();

    QLabel* captionLabel_;
    QLabel* thinkingLabel_;
    QLabel* textLabel_;
    QLabel* toolsLabel_;
    QLabel* footerLabel_;
    StatusLabel* errorLabel_;
    QString text_;
    QString thinking_;
    std::map<int, std::pair<QString, QByteArray>> toolCalls_;  // by index: name, arguments
    QString requestId_;
    bool finished_ = false;
};

}  // namespace signalbox
