#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace signalbox {

class Engine;
class SnippetView;
class StatusLabel;

// What the dashboard shows while the log holds no request: how to send the first one
// (a curl command for the live proxy address, the Connect panel for SDKs and tools),
// where the proxy listens, and how to add a real provider. Follows the proxy's state
// and the configuration.
class FirstRequestGuide : public QWidget {
    Q_OBJECT
public:
    explicit FirstRequestGuide(Engine& engine, QWidget* parent = nullptr);

    // Why there is no log at all (no data directory), or "" when there is one.
    void setStoreNote(const QString& note);

private:
    void showConfig();
    void showProxy();
    void openConfigFile();
    // A model the configuration serves, so the example works as pasted.
    QString exampleModel() const;

    Engine& engine_;
    StatusLabel* storeNote_;
    SnippetView* firstRequest_;
    QLabel* proxyLabel_;
    QLabel* configLabel_;
    QPushButton* openConfigButton_;
};

}  // namespace signalbox
