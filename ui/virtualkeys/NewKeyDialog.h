#pragma once

#include "governance/KeyChanges.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace signalbox {

class KeyService;
struct KeyReport;

// Asks for a new virtual key's settings, has KeyService create it, then shows its
// secret once, to copy. The secret lives only in this dialog's field and is wiped when
// the dialog closes; nothing else keeps it.
class NewKeyDialog : public QDialog {
    Q_OBJECT
public:
    explicit NewKeyDialog(KeyService& service, QWidget* parent = nullptr);
    ~NewKeyDialog() override;

    // The settings the form holds, or nullopt with what is wrong in *problem.
    std::optional<KeyChanges> settings(QString* problem) const;

public slots:
    void done(int result) override;

signals:
    void keyCreated(const QString& keyId);

private:
    QWidget* buildForm();
    QWidget* buildSecretPage();
    void validate();
    void create();
    void created(std::optional<KeyReport> report, const QString& error);
    void copySecret();
    void wipeSecret();

    KeyService& service_;
    QStackedWidget* pages_;
    QLineEdit* nameEdit_;
    QLineEdit* modelsEdit_;
    QLineEdit* budgetEdit_;
    QComboBox* periodCombo_;
    QSpinBox* rpmSpin_;
    QSpinBox* tpmSpin_;
    QCheckBox* expiresCheck_;
    QDateEdit* expiresDate_;
    QLabel* problemLabel_;
    QDialogButtonBox* buttons_;
    QPushButton* createButton_;
    QLineEdit* secretField_;
    QPushButton* copyButton_;
    bool busy_ = false;
};

}  // namespace signalbox
