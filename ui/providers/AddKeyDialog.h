#pragma once

#include <QByteArray>
#include <QDialog>
#include <QString>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace signalbox {

class StatusLabel;

// Asks where a provider's new key comes from: the system keychain (the key itself is
// typed here and stored there), an environment variable or a file (only named: Signalbox
// never holds those keys, it reads them when the proxy loads the configuration). The
// typed key lives in this dialog's field only and is wiped when the dialog closes.
class AddKeyDialog : public QDialog {
    Q_OBJECT
public:
    struct Entry {
        QString scheme;     // "keychain", "env" or "file"
        QString name;       // the variable or the path; empty for the keychain
        QByteArray secret;  // the key, for the keychain only
        int weight = 1;
    };

    AddKeyDialog(const QString& providerId, bool keychainAvailable, QWidget* parent = nullptr);
    ~AddKeyDialog() override;

    // What the form holds, or an empty scheme with what is wrong in *problem.
    Entry entry(QString* problem) const;

public slots:
    void accept() override;
    void done(int result) override;

signals:
    void keyEntered(const signalbox::AddKeyDialog::Entry& entry);

private:
    void kindChanged();
    void validate();
    void browse();

    QComboBox* kindCombo_;
    QLabel* valueLabel_;
    QLineEdit* valueEdit_;
    QPushButton* browseButton_;
    QSpinBox* weightSpin_;
    QLabel* hintLabel_;
    StatusLabel* problemLabel_;
    QPushButton* okButton_;
};

}  // namespace signalbox
