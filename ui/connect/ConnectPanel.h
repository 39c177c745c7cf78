#pragma once

#include <QWidget>

namespace signalbox {

class Engine;
class SnippetView;

// Copyable settings that point clients at the local proxy. The address comes
// from the engine, so the snippets follow it when the proxy moves.
class ConnectPanel : public QWidget {
    Q_OBJECT
public:
    explicit ConnectPanel(Engine& engine, QWidget* parent = nullptr);

private:
    void showSnippets();
    QString exampleModel() const;

    Engine& engine_;
    SnippetView* openAiSnippet_;
    SnippetView* curlSnippet_;
};

}  // namespace signalbox
