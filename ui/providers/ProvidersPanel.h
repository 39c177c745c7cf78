#pragma once

#include "common/LeaveGuard.h"
#include "config/Config.h"
#include "providers/AddKeyDialog.h"

#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTreeWidget;
class QTreeWidgetItem;

namespace signalbox {

class Engine;
class ProviderTester;
class StatusLabel;

// Providers and their keys. The form edits one provider of the engine's config; Save
// validates the whole config, hands it to the engine (the proxy reloads) and writes the
// config file. A key is a reference: keychain:NAME (the secret typed here, kept in the OS
// keychain), env:NAME or file:PATH (named here, never held). Keychain jobs answer
// asynchronously, so the GUI thread never waits; while one runs the key buttons rest.
class ProvidersPanel : public QWidget, public LeaveGuard {
    Q_OBJECT
public:
    // Asks a yes/no question before something is removed; tests put in one that answers.
    using Confirmation = std::function<bool(const QString& question)>;
    // Asks what to do with unsaved edits of a provider before they would be lost.
    enum class UnsavedChoice { Save, Discard, Cancel };
    using UnsavedChangesPrompt = std::function<UnsavedChoice(const QString& providerName)>;

    explicit ProvidersPanel(Engine& engine, QWidget* parent = nullptr);
    ~ProvidersPanel() override;

    void setConfirmation(Confirmation confirm) { confirm_ = std::move(confirm); }
    void setUnsavedChangesPrompt(UnsavedChangesPrompt prompt) { unsaved_ = std::move(prompt); }

    // The form differs from the saved provider (or a new one has been filled in).
    bool hasUnsavedChanges() const override;
    // Asks Save / Discard / Cancel when there are unsaved changes; true to go on.
    bool confirmLeave() override;

public slots:
    void newProvider();
    bool save();
    void removeProvider();
    void addKey();
    void removeKey();
    void revealKey();
    void editKeyWeight();
    void test();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void addShortcuts();
    void refreshList();
    void selectInList(const QString& providerId);
    void providerChosen(QTreeWidgetItem* item);
    void startNewProvider();
    void edit(const QString& providerId);
    void loadKeys();
    void kindChanged();
    void updateActions();
    // The provider as the form shows it, on top of `base` (its keys and weights stay).
    ProviderConfig formProvider(const ProviderConfig& base) const;
    // Validates `next`, adopts it and writes it to the config file; false (and an error
    // shown) when any step fails. Nothing changes when validation fails.
    bool commit(const Config& next);
    const ProviderConfig* saved() const;
    bool confirm(const QString& question);
    UnsavedChoice askUnsaved();
    void addKeyEntry(const QString& providerId, AddKeyDialog::Entry entry);
    bool appendKeyRef(const QString& providerId, const QString& ref, int weight);
    void keyWeightEdited(QTreeWidgetItem* item, int column);
    void forgetKeychainKeys(const QStringList& refs);
    void beginKeychainJob(const QString& what);
    void endKeychainJob();
    // A reload the proxy has not finished yet: a test now would meet the old settings.
    bool reloadPending() const;
    void runQueuedTest();
    void showError(const QString& error);
    void showStatus(const QString& status);

    Engine& engine_;
    ProviderTester* tester_;
    QString current_;             // the saved provider in the form; empty for a new one
    quint64 keysGeneration_ = 0;  // drops keychain answers for a list shown before
    int keychainJobs_ = 0;        // writes, reads and deletes the user started, under way
    std::shared_ptr<const Config> servedConfig_;  // what the running proxy serves
    bool testQueued_ = false;                     // Test waits for the proxy to take a save
    bool loadingKeys_ = false;                    // the key list is being filled, not edited
    QSplitter* splitter_;
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
    QProgressBar* busyIndicator_;
    StatusLabel* testLabel_;
    StatusLabel* errorLabel_;
    StatusLabel* statusLabel_;
    Confirmation confirm_;
    UnsavedChangesPrompt unsaved_;
};

}  // namespace signalbox
