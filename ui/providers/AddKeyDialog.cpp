#include "providers/AddKeyDialog.h"

#include "common/StatusLabel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace signalbox {

namespace {

const QString kKeychain = QStringLiteral("keychain");
const QString kEnv = QStringLiteral("env");
const QString kFile = QStringLiteral("file");
constexpr int kMaxWeight = 1'000'000;  // as the config file allows

// Letters, digits and '_', not starting with a digit: what a shell exports.
bool isEnvName(const QString& name) {
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name[i];
        const bool letter = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || c == u'_';
        const bool digit = c >= u'0' && c <= u'9';
        if (!letter && !(digit && i > 0))
            return false;
    }
    return true;
}

}  // namespace

AddKeyDialog::AddKeyDialog(const QString& providerId, bool keychainAvailable, QWidget* parent)
    : QDialog(parent),
      kindCombo_(new QComboBox(this)),
      valueLabel_(new QLabel(this)),
      valueEdit_(new QLineEdit(this)),
      browseButton_(new QPushButton(tr("Browse…"), this)),
      weightSpin_(new QSpinBox(this)),
      hintLabel_(new QLabel(this)),
      problemLabel_(new StatusLabel(this)) {
    setObjectName(QStringLiteral("addKeyDialog"));
    setWindowTitle(tr("Add a key to '%1'").arg(providerId));
    setMinimumWidth(520);

    kindCombo_->setObjectName(QStringLiteral("addKeyKindCombo"));
    kindCombo_->addItem(tr("System keychain"), kKeychain);
    kindCombo_->addItem(tr("Environment variable"), kEnv);
    kindCombo_->addItem(tr("File"), kFile);
    if (!keychainAvailable) {
        // Shown but not offered, so the user learns why the choice is missing.
        if (auto* model = qobject_cast<QStandardItemModel*>(kindCombo_->model()))
            model->item(0)->setEnabled(false);
        kindCombo_->setItemData(0, tr("No system keychain is available on this computer."),
                                Qt::ToolTipRole);
        kindCombo_->setCurrentIndex(1);
    }
    valueEdit_->setObjectName(QStringLiteral("addKeyValueEdit"));
    valueEdit_->setClearButtonEnabled(true);
    valueLabel_->setBuddy(valueEdit_);
    browseButton_->setObjectName(QStringLiteral("addKeyBrowseButton"));
    browseButton_->setAutoDefault(false);
    weightSpin_->setObjectName(QStringLiteral("addKeyWeightSpin"));
    weightSpin_->setRange(1, kMaxWeight);
    weightSpin_->setValue(1);
    weightSpin_->setToolTip(
        tr("Its share of the calls among the provider's keys: a key of weight 2 gets twice the "
           "calls of a key of weight 1."));
    hintLabel_->setObjectName(QStringLiteral("addKeyHintLabel"));
    hintLabel_->setWordWrap(true);
    hintLabel_->setForegroundRole(QPalette::PlaceholderText);
    problemLabel_->setObjectName(QStringLiteral("addKeyProblemLabel"));

    auto* valueRow = new QHBoxLayout;
    valueRow->addWidget(valueEdit_, 1);
    valueRow->addWidget(browseButton_);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto* kindLabel = new QLabel(tr("&Kept in:"), this);
    kindLabel->setBuddy(kindCombo_);
    form->addRow(kindLabel, kindCombo_);
    form->addRow(valueLabel_, valueRow);
    auto* weightLabel = new QLabel(tr("&Weight:"), this);
    weightLabel->setBuddy(weightSpin_);
    form->addRow(weightLabel, weightSpin_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    okButton_ = buttons->button(QDialogButtonBox::Ok);
    okButton_->setText(tr("Add key"));
    okButton_->setObjectName(QStringLiteral("addKeyOkButton"));
    okButton_->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("addKeyCancelButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &AddKeyDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hintLabel_);
    layout->addWidget(problemLabel_);
    layout->addStretch();
    layout->addWidget(buttons);

    setTabOrder(kindCombo_, valueEdit_);
    setTabOrder(valueEdit_, browseButton_);
    setTabOrder(browseButton_, weightSpin_);

    connect(kindCombo_, &QComboBox::currentIndexChanged, this, &AddKeyDialog::kindChanged);
    connect(valueEdit_, &QLineEdit::textChanged, this, &AddKeyDialog::validate);
    connect(browseButton_, &QPushButton::clicked, this, &AddKeyDialog::browse);
    kindChanged();
    valueEdit_->setFocus();
}

AddKeyDialog::~AddKeyDialog() {
    valueEdit_->clear();
}

void AddKeyDialog::kindChanged() {
    const QString scheme = kindCombo_->currentData().toString();
    // A typed key does not carry over into a variable name or a path, where it would show.
    valueEdit_->clear();
    browseButton_->setVisible(scheme == kFile);
    if (scheme == kKeychain) {
        valueLabel_->setText(tr("API &key:"));
        valueEdit_->setEchoMode(QLineEdit::Password);
        valueEdit_->setPlaceholderText(tr("paste the key, e.g. sk-…"));
        hintLabel_->setText(
            tr("The key is stored in the system keychain under a name Signalbox chooses; the "
               "config file only names it (keychain:NAME)."));
    } else if (scheme == kEnv) {
        valueLabel_->setText(tr("&Variable name:"));
        valueEdit_->setEchoMode(QLineEdit::Normal);
        valueEdit_->setPlaceholderText(tr("e.g. OPENAI_API_KEY"));
        hintLabel_->setText(
            tr("Signalbox reads the variable when the proxy loads the configuration. It must be "
               "set where Signalbox starts (your session or its service file); the key is "
               "never stored or shown here."));
    } else {
        valueLabel_->setText(tr("File &path:"));
        valueEdit_->setEchoMode(QLineEdit::Normal);
        valueEdit_->setPlaceholderText(tr("e.g. ~/.config/keys/openai"));
        hintLabel_->setText(
            tr("Signalbox reads the whole file (trailing spaces and newlines dropped) when the "
               "proxy loads the configuration. Keep it readable only by you (chmod 600); the "
               "key is never shown here."));
    }
    validate();
}

AddKeyDialog::Entry AddKeyDialog::entry(QString* problem) const {
    Entry entry;
    const QString scheme = kindCombo_->currentData().toString();
    const QString value = valueEdit_->text().trimmed();
    entry.weight = weightSpin_->value();
    if (scheme == kKeychain) {
        if (value.isEmpty()) {
            *problem = tr("Paste the provider's API key.");
            return {};
        }
        entry.secret = value.toUtf8();
    } else if (scheme == kEnv) {
        if (!isEnvName(value)) {
            *problem = value.isEmpty()
                           ? tr("Name the environment variable that holds the key.")
                           : tr("A variable name has only letters, digits and '_', and does not "
                                "start with a digit.");
            return {};
        }
        entry.name = value;
    } else {
        if (value.isEmpty()) {
            *problem = tr("Name the file that holds the key, or choose it with Browse….");
            return {};
        }
        entry.name = value;
    }
    entry.scheme = scheme;
    problem->clear();
    return entry;
}

void AddKeyDialog::validate() {
    QString problem;
    const bool ok = !entry(&problem).scheme.isEmpty();
    okButton_->setEnabled(ok);
    // Nothing typed yet is not yet a problem worth a line of its own.
    const bool typed = !valueEdit_->text().trimmed().isEmpty();
    problemLabel_->showMessage(ok || !typed ? QString() : problem, StatusLabel::Tone::Error);
    problemLabel_->setVisible(!ok && typed);
    if (ok && kindCombo_->currentData().toString() == kFile) {
        const QString path = valueEdit_->text().trimmed();
        const QString expanded =
            path.startsWith(QStringLiteral("~/")) ? QDir::home().filePath(path.mid(2)) : path;
        if (!QFileInfo::exists(expanded)) {
            // Allowed (the file may come later), so a note rather than an error.
            problemLabel_->showMessage(
                tr("There is no such file yet. The key can be added, but the proxy cannot use it "
                   "until the file exists."));
            problemLabel_->setVisible(true);
        }
    }
}

void AddKeyDialog::browse() {
    // Not a nested event loop: the answer arrives through fileSelected.
    auto* dialog =
        new QFileDialog(this, tr("Choose the file that holds the key"), QDir::homePath());
    dialog->setObjectName(QStringLiteral("addKeyFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, valueEdit_, &QLineEdit::setText);
    dialog->open();
}

void AddKeyDialog::accept() {
    QString problem;
    Entry chosen = entry(&problem);
    if (chosen.scheme.isEmpty())
        return;
    emit keyEntered(chosen);
    chosen.secret.fill('\0');
    QDialog::accept();
}

void AddKeyDialog::done(int result) {
    valueEdit_->clear();
    QDialog::done(result);
}

}  // namespace signalbox
