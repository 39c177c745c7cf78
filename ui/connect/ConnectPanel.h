#pragma once

#include "connect/ClientGuide.h"

#include <QWidget>

#include <map>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;

namespace signalbox {

class Engine;
class SnippetView;
struct KeyReport;

// Copyable setups that point clients (SDKs, curl, Claude Code, Codex, other CLIs) at
// the local proxy, one tab each. The address comes from the engine, so the snippets
// follow it when the proxy moves; with keys on they read a virtual key from
// SIGNALBOX_API_KEY, and a key created here shows its secret once.
class ConnectPanel : public QWidget {
    Q_OBJECT
public:
    explicit ConnectPanel(Engine& engine, QWidget* parent = nullptr);
    ~ConnectPanel() override;

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    QWidget* makeClientPage(const ClientGuide& guide);
    ConnectSettings settings() const;
    void showSnippets();
    void showKeyControls();
    QString clientUrl() const;
    QString exampleModel() const;
    bool keysRequired() const;
    void loadKeys();
    void showKeys(std::optional<std::vector<KeyReport>> reports, const QString& error);
    void createKey();
    void keyCreated(std::optional<KeyReport> report, const QString& error);
    void copySetup(const QString& clientId);
    void forgetSecret();

    Engine& engine_;
    QLabel* addressLabel_;
    QCheckBox* useKeyCheck_;
    QComboBox* keyCombo_;
    QPushButton* createKeyButton_;
    QLabel* keyLabel_;
    QLabel* secretWarning_;
    QTabWidget* tabs_;
    std::map<QString, SnippetView*> snippets_;      // by section object name
    std::map<QString, QPushButton*> setupButtons_;  // by client id
    QList<ClientGuide> guides_;                     // as last shown
    QString freshKeyId_;                            // the key whose secret is shown, once
    QString freshSecret_;
    bool creating_ = false;
};

}  // namespace signalbox
