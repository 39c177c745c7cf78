#include "playground/AnswerBlock.h"

#include "common/StatusLabel.h"
#include "playground/AnswerSummary.h"

#include <QFontDatabase>
#include <QLabel>
#include <QStringList>
#include <QVBoxLayout>

namespace signalbox {

namespace {

QLabel* textLabel(QWidget* parent, const QString& objectName) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // Long words (JSON, URLs) wrap at the column's edge instead of widening it.
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    return label;
}

}  // namespace

AnswerBlock::AnswerBlock(const QString& model, QWidget* parent)
    : BubbleFrame(Tone::Assistant, parent),
      captionLabel_(new QLabel(tr("Assistant \u00b7 %1").arg(model), this)),
      thinkingLabel_(textLabel(this, QStringLiteral("playgroundAnswerThinking"))),
      textLabel_(textLabel(this, QStringLiteral("playgroundAnswerText"))),
      toolsLabel_(textLabel(this, QStringLiteral("playgroundAnswerToolCalls"))),
      footerLabel_(new QLabel(tr("Waiting for %1…").arg(model), this)),
      errorLabel_(new StatusLabel(this)) {
    setObjectName(QStringLiteral("playgroundAnswer"));
    captionLabel_->setObjectName(QStringLiteral("playgroundAnswerCaption"));
    QFont bold = captionLabel_->font();
    bold.setBold(true);
    captionLabel_->setFont(bold);
    QFont italic = thinkingLabel_->font();
    italic.setItalic(true);
    thinkingLabel_->setFont(italic);
    thinkingLabel_->setForegroundRole(QPalette::PlaceholderText);
    thinkingLabel_->hide();
    textLabel_->hide();
    toolsLabel_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    toolsLabel_->hide();
    footerLabel_->setObjectName(QStringLiteral("playgroundAnswerFooter"));
    footerLabel_->setForegroundRole(QPalette::PlaceholderText);
    footerLabel_->setWordWrap(true);
    footerLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    footerLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    errorLabel_->setObjectName(QStringLiteral("playgroundAnswerError"));
    errorLabel_->setTone(StatusLabel::Tone::Error);
    errorLabel_->setWordWrap(true);
    errorLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errorLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    errorLabel_->setHideWhenEmpty(true);
    errorLabel_->showMessage({});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 8);
    layout->setSpacing(3);
    layout->addWidget(captionLabel_);
    layout->addWidget(thinkingLabel_);
    layout->addWidget(textLabel_);
    layout->addWidget(toolsLabel_);
    layout->addWidget(errorLabel_);
    layout->addWidget(footerLabel_);
}

void AnswerBlock::setServing(const QString& target, int attempts) {
    if (finished_)
        return;
    footerLabel_->setText(attempts > 1
                              ? tr("Streaming from %1 (attempt %2)…").arg(target).arg(attempts)
                              : tr("Streaming from %1…").arg(target));
}

void AnswerBlock::appendText(const QString& text, bool thinking) {
    if (thinking) {
        thinking_ += text;
        thinkingLabel_->setText(thinking_);
        thinkingLabel_->show();
    } else {
        text_ += text;
        textLabel_->setText(text_);
        textLabel_->show();
    }
    emit contentChanged();
}

void AnswerBlock::addToolCallPiece(int index, const QString& name, const QByteArray& arguments) {
    auto& [callName, callArguments] = toolCalls_[index];
    if (!name.isEmpty())
        callName = name;
    callArguments += arguments;
    showToolCalls();
    emit contentChanged();
}

void AnswerBlock::showToolCalls() {
    QStringList lines;
    for (const auto& [index, call] : toolCalls_)
        lines << QStringLiteral("%1(%2)").arg(call.first, QString::fromUtf8(call.second));
    toolsLabel_->setText(tr("Calls %1").arg(lines.join(QLatin1Char('\n'))));
    toolsLabel_->show();
}

void AnswerBlock::finish(const PlaygroundResult& result) {
    finished_ = true;
    requestId_ = QString::fromLatin1(result.requestId);
    footerLabel_->setText(AnswerSummary::footer(result));
    footerLabel_->setToolTip(
        requestId_.isEmpty() ? QString() : tr("Request %1: find it under Logs").arg(requestId_));
    if (result.outcome == PlaygroundResult::Outcome::Failed) {
        const QString advice = AnswerSummary::advice(result);
        errorLabel_->showMessage(
            advice.isEmpty() ? result.error : result.error + QLatin1Char(' ') + advice,
            StatusLabel::Tone::Error);
    }
    if (text_.isEmpty() && thinking_.isEmpty() && toolCalls_.empty() &&
        result.outcome == PlaygroundResult::Outcome::Cancelled) {
        textLabel_->setText(tr("(stopped before any text came)"));
        textLabel_->setForegroundRole(QPalette::PlaceholderText);
        textLabel_->show();
    }
    emit contentChanged();
}

QString AnswerBlock::footer() const {
    return footerLabel_->text();
}

QString AnswerBlock::error() const {
    return errorLabel_->text();
}

}  // namespace signalbox
