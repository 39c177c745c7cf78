#pragma once

#include "governance/KeyReport.h"

#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace signalbox {

class Engine;
class KeyService;
class StatusLabel;
class VirtualKeysModel;

// The virtual keys Signalbox hands to its clients: their spend against budget and
// limits, a new key (its secret shown once), revoking one. Everything goes through the
// engine's KeyService, whose answers arrive queued: the GUI thread never waits.
class VirtualKeysPanel : public QWidget {
    Q_OBJECT
public:
    // Asks whether to revoke the key of that name; tests put in one that answers.
    using RevokeConfirmation = std::function<bool(const QString& keyName)>;

    explicit VirtualKeysPanel(Engine& engine, QWidget* parent = nullptr);

    void setRevokeConfirmation(RevokeConfirmation confirm) { confirm_ = std::move(confirm); }

public slots:
    void refresh();
    void newKey();
    void revokeSelected();

protected:
    void showEvent(QShowEvent* event) override;

private:
    KeyService& service() const;
    void showReports(std::optional<std::vector<KeyReport>> reports, const QString& error);
    void showError(const QString& error);
    void showContent();
    void fitColumns();
    void updateActions();
    QString selectedKeyId() const;
    void select(const QString& keyId);
    bool askRevoke(const QString& keyName);

    Engine& engine_;
    VirtualKeysModel* model_;
    QTableView* table_;
    QStackedWidget* content_;  // the table, the empty state, or why there are no keys
    QLabel* emptyLabel_;
    QLabel* unavailableLabel_;
    StatusLabel* errorLabel_;
    QLabel* statusLabel_;
    QPushButton* newButton_;
    QPushButton* revokeButton_;
    QPushButton* refreshButton_;
    RevokeConfirmation confirm_;
    bool loading_ = false;
    bool loadAgain_ = false;  // a change came while a report was under way
    bool loadedOnce_ = false;
    QString selectAfterLoad_;
    QString actionError_;  // what the last revoke answered, shown until the next action
};

}  // namespace signalbox
