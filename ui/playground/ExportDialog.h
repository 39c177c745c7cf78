#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;

namespace signalbox {

// Shows code the Playground exported (already on the clipboard), to read or copy again.
// One window, reused: a new export replaces its text.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(QWidget* parent = nullptr);

    void showCode(const QString& title, const QString& code, const QString& note);
    QString code() const;

private:
    QPlainTextEdit* text_;
    QLabel* note_;
};

}  // namespace signalbox
