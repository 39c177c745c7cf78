#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace signalbox {

// A block of text the user pastes elsewhere (shell lines, config): monospace,
// selectable, with a Copy button.
class SnippetView : public QWidget {
    Q_OBJECT
public:
    explicit SnippetView(QWidget* parent = nullptr);

    void setText(const QString& text);
    QString text() const;

private:
    void copy();

    QLabel* textLabel_;
    QPushButton* copyButton_;
};

}  // namespace signalbox
