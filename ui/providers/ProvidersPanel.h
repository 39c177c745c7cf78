#pragma once

#include "config/Config.h"

#include <QByteArray>
#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace signalbox {

class Engine;
class ProviderTester;

// Providers and their keys. The form edits one provider of the engine's config; Save
// validates the whole config, hands it to the engine (the proxy reloads) and writes the
// config file. Secrets live only in the OS keychain, under names the config refers to as
// keychain:NAME; keychain jobs answer asynchronously, so the GUI thread never waits.
class ProvidersPanel : public QWidget {
    Q_OBJECT
public:
    // Asks a yes/no question before something is removed; tests put in one that answers.
    using Confirmation = std::function<bool(const QString& question)>;
    // Asks for a new key of a provider; nullopt when cancelled. Tests answer it too.
    using SecretPrompt = std::function<std::optional<QByteArray>(const QString& providerId)>;

    explicit ProvidersPanel(Engine& engine, QWidget* parent = nullptr);

    void setConfirmation(Confirmation confirm) { confirm_ = std::move(confirm); }
    void setSecretPrompt(SecretPrompt prompt) { prompt_ = std::move(prompt); }

public slots:
    void newProvider();
    void save();
    void removeProvider();
    void addKey();
    void removeKey();
    void revealKey();
    void test();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void refreshList();
    void edit(const QString& providerId);
    void loadKeys();
    void kindChanged();
    void updateActions();
    // Validates `next`, adopts it and writes it to the config file; false (and an error
    // shown) when any step fails. Nothing changes when validation fails.
    bool commit(const Config& next);
    const ProviderConfig* saved() const;
    bool confirm(const QString& question);
    std::optional<QByteArray> askSecret(const QString& providerId);
    void forgetKeychainKeys(const QStringList& refs);
    void showError(const QString& error);
    void showStatus(const QString& status);

    Engine& engine_;
    ProviderTester* tester_;
    QString current_;             // the saved provider in the form; empty for a new one
    quint64 keysGeneration_ = 0;  // drops keychain answers for a list shown before
    QTreeWidget* list_;
    QComboBox* kind_;
    QLineEdit* id_;
    QLineEdit* baseUrl_;
    QLabel* apiVersionLabel_;
    QLineEdit* apiVersion_;
    QLabel* modelsLabel_;
    QLineEdit* models_;
    QTreeWidget* keys_;
    QPushButton* newButton_;
    QPushButton* removeButton_;
    QPushButton* saveButton_;
    QPushButton* testButton_;
    QPushButton* addKeyButton_;
    QPushButton* revealKeyButton_;
    QPushButton* removeKeyButton_;
    QLabel* testLabel_;
    QLabel* errorLabel_;
    QLabel* statusLabel_;
    Confirmation confirm_;
    SecretPrompt prompt_;
};

}  // namespace signalbox
