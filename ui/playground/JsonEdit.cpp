#include "playground/JsonEdit.h"

#include "common/StatusLabel.h"
#include "playground/JsonPrinter.h"
#include "playground/PlaygroundRequest.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QTextDocument>
#include <QVBoxLayout>

namespace signalbox {

JsonEdit::JsonEdit(const QString& objectName, const QString& placeholder, Check check,
                   QWidget* parent)
    : QWidget(parent),
      editor_(new QPlainTextEdit(this)),
      problemLabel_(new StatusLabel(this)),
      check_(std::move(check)) {
    setObjectName(objectName);
    editor_->setObjectName(objectName + QStringLiteral("Edit"));
    editor_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor_->setPlaceholderText(placeholder);
    editor_->setLineWrapMode(QPlainTextEdit::NoWrap);
    editor_->setTabChangesFocus(true);
    const int line = editor_->fontMetrics().lineSpacing();
    editor_->setMinimumHeight(line * 3);
    editor_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    problemLabel_->setObjectName(objectName + QStringLiteral("Problem"));
    problemLabel_->setWordWrap(true);
    problemLabel_->setHideWhenEmpty(true);
    problemLabel_->showMessage({});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(editor_, 1);
    layout->addWidget(problemLabel_);
    connect(editor_, &QPlainTextEdit::textChanged, this, &JsonEdit::validate);
}

void JsonEdit::setValue(const Json& value) {
    editor_->setPlainText(value.isNull() ? QString()
                                         : JsonPrinter(JsonPrinter::Syntax::Json).print(value));
}

void JsonEdit::setMaximumLines(int lines) {
    const QMargins margins = editor_->contentsMargins();
    editor_->setMaximumHeight(editor_->fontMetrics().lineSpacing() * lines +
                              static_cast<int>(editor_->document()->documentMargin() * 2) +
                              margins.top() + margins.bottom());
}

void JsonEdit::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitProblem();
}

void JsonEdit::fitProblem() {
    problemLabel_->setMinimumHeight(problem_.isEmpty() ? 0
                                                       : problemLabel_->heightForWidth(width()));
}

void JsonEdit::validate() {
    QString problem;
    std::optional<Json> parsed = PlaygroundRequest::parseInput(editor_->toPlainText(), &problem);
    if (parsed)
        problem = check_(*parsed);
    problem_ = problem;
    value_ = parsed && problem.isEmpty() ? std::move(*parsed) : Json();
    problemLabel_->showMessage(problem, StatusLabel::Tone::Error);
    fitProblem();
    emit changed();
}

}  // namespace signalbox
