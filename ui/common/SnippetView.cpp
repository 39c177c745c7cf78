#include "common/SnippetView.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

namespace signalbox {

SnippetView::SnippetView(QWidget* parent)
    : QWidget(parent),
      textLabel_(new QLabel(this)),
      copyButton_(new QPushButton(tr("Copy"), this)) {
    textLabel_->setObjectName(QStringLiteral("snippetText"));
    textLabel_->setTextFormat(Qt::PlainText);
    textLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    textLabel_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    textLabel_->setFrameShape(QFrame::StyledPanel);
    textLabel_->setAutoFillBackground(true);
    textLabel_->setBackgroundRole(QPalette::Base);
    textLabel_->setMargin(10);
    // Wide enough for a shell line of ~90 columns, no wider: a wall of empty box
    // across a large window reads worse than a block that fits its text.
    const int column = textLabel_->fontMetrics().horizontalAdvance(QLatin1Char('m'));
    textLabel_->setMaximumWidth(column * 90);
    // In a narrow window long lines are cut rather than widening the whole window;
    // Copy always takes the full text.
    textLabel_->setMinimumWidth(column * 36);
    textLabel_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

    copyButton_->setObjectName(QStringLiteral("snippetCopyButton"));
    copyButton_->setToolTip(tr("Copy to the clipboard"));
    // Wide enough for "Copied" too, so the layout does not jump after a click.
    copyButton_->setText(tr("Copied"));
    copyButton_->setMinimumWidth(copyButton_->sizeHint().width());
    copyButton_->setText(tr("Copy"));
    connect(copyButton_, &QPushButton::clicked, this, &SnippetView::copy);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The text takes the room first (up to its maximum), so snippets line up.
    layout->addWidget(textLabel_, 1);
    layout->addWidget(copyButton_, 0, Qt::AlignTop);
    layout->addStretch(0);
}

void SnippetView::setText(const QString& text) {
    textLabel_->setText(text);
}

QString SnippetView::text() const {
    return textLabel_->text();
}

void SnippetView::copy() {
    QGuiApplication::clipboard()->setText(textLabel_->text());
    // Say it worked where the user is looking, then offer to copy again.
    copyButton_->setText(tr("Copied"));
    QTimer::singleShot(1500, copyButton_, [button = copyButton_] { button->setText(tr("Copy")); });
}

}  // namespace signalbox
