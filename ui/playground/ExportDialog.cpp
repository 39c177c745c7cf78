#include "playground/ExportDialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace signalbox {

ExportDialog::ExportDialog(QWidget* parent)
    : QDialog(parent), text_(new QPlainTextEdit(this)), note_(new QLabel(this)) {
    setObjectName(QStringLiteral("playgroundExportDialog"));
    text_->setObjectName(QStringLiteral("playgroundExportText"));
    text_->setReadOnly(true);
    text_->setLineWrapMode(QPlainTextEdit::NoWrap);
    text_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    note_->setObjectName(QStringLiteral("playgroundExportNote"));
    note_->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("Copy again"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("playgroundExportCopyButton"));
    connect(copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(text_->toPlainText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note_);
    layout->addWidget(text_, 1);
    layout->addWidget(buttons);
    resize(720, 520);
}

void ExportDialog::showCode(const QString& title, const QString& code, const QString& note) {
    setWindowTitle(title);
    text_->setPlainText(code);
    note_->setText(note);
    show();
    raise();
    activateWindow();
}

QString ExportDialog::code() const {
    return text_->toPlainText();
}

}  // namespace signalbox
