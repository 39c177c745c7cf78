#pragma once

#include "playground/CodeExport.h"

#include <QByteArray>
#include <QString>
#include <QWidget>

#include <vector>

class QAction;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace signalbox {

class ChatColumn;
class Engine;
class ExportDialog;
class ParametersPanel;
class StatusLabel;

// Prompts sent through the same engine path as proxy traffic (PlaygroundCall), logged and
// tagged source=playground: a model or route, a system prompt, a multi-turn conversation
// and parameters; answers stream in with the target that served them, attempts, timing,
// tokens and cost. Compare mode sends one prompt to two to four models side by side. The
// call exports as curl, Python or JavaScript for the local proxy.
//
// Keys: Ctrl+Enter sends, Esc stops every call under way, Ctrl+N starts a new conversation.
class PlaygroundPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxColumns = 4;

    explicit PlaygroundPanel(Engine& engine, QWidget* parent = nullptr);

    // Compare mode with `columns` (2 to 4) models side by side; off: one conversation.
    void setCompare(bool on, int columns = 3);
    // The call as code for the local proxy: copied to the clipboard and shown.
    void exportAs(CodeExport::Language language);

public slots:
    // "Open in Playground" from the log: the request's model, system prompt, messages and
    // parameters, ready to send again; a request the Playground cannot send (embeddings,
    // a body cut short) is refused in words. False when nothing was opened.
    bool openRequest(const QString& requestId, const QString& route, const QString& surface,
                     const QByteArray& requestBody);
    void send();
    void stop();
    void newConversation();

private:
    std::vector<ChatColumn*> visibleColumns() const;
    void showColumns();
    void updateState();
    bool usesKey() const;

    Engine& engine_;
    ParametersPanel* parameters_;
    std::vector<ChatColumn*> columns_;
    QPushButton* compareButton_;
    QSpinBox* compareCount_;
    QPushButton* newButton_;
    QPushButton* exportButton_;
    StatusLabel* notice_;
    QPlainTextEdit* input_;
    QPushButton* sendButton_;
    QPushButton* stopButton_;
    StatusLabel* hint_;
    QAction* sendAction_;
    QAction* stopAction_;
    ExportDialog* exportDialog_ = nullptr;
};

}  // namespace signalbox
