#include "virtualkeys/NewKeyDialog.h"

#include "governance/KeyReport.h"
#include "governance/KeyService.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDate>
#include <QDateEdit>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>

namespace signalbox {

namespace {

constexpr int kMaxPerMinute = 1'000'000'000;

QSpinBox* limitSpin(QWidget* parent, const QString& objectName) {
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setRange(0, kMaxPerMinute);
    spin->setGroupSeparatorShown(true);
    spin->setSpecialValueText(NewKeyDialog::tr("no limit"));
    spin->setMinimumWidth(180);
    return spin;
}

// "12.50", "12,50" in the user's locale, or "$12.50".
std::optional<double> parseUsd(QString text) {
    text = text.trimmed();
    if (text.startsWith(QLatin1Char('$')))
        text = text.mid(1).trimmed();
    bool ok = false;
    double value = QLocale().toDouble(text, &ok);
    if (!ok)
        value = QLocale::c().toDouble(text, &ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

}  // namespace

NewKeyDialog::NewKeyDialog(KeyService& service, QWidget* parent)
    : QDialog(parent),
      service_(service),
      pages_(new QStackedWidget(this)),
      nameEdit_(new QLineEdit(this)),
      modelsEdit_(new QLineEdit(this)),
      budgetEdit_(new QLineEdit(this)),
      periodCombo_(new QComboBox(this)),
      rpmSpin_(limitSpin(this, QStringLiteral("keyRpmSpin"))),
      tpmSpin_(limitSpin(this, QStringLiteral("keyTpmSpin"))),
      expiresCheck_(new QCheckBox(tr("Stops working after"), this)),
      expiresDate_(new QDateEdit(this)),
      problemLabel_(new QLabel(this)),
      buttons_(new QDialogButtonBox(this)),
      createButton_(buttons_->addButton(tr("Create key"), QDialogButtonBox::AcceptRole)),
      secretField_(new QLineEdit(this)),
      copyButton_(new QPushButton(tr("Copy"), this)) {
    setObjectName(QStringLiteral("newKeyDialog"));
    setWindowTitle(tr("New virtual key"));
    setMinimumWidth(520);

    pages_->addWidget(buildForm());
    pages_->addWidget(buildSecretPage());

    createButton_->setObjectName(QStringLiteral("createKeyButton"));
    createButton_->setDefault(true);
    QPushButton* cancel = buttons_->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelKeyButton"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &NewKeyDialog::create);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pages_);
    layout->addWidget(buttons_);

    validate();
    nameEdit_->setFocus();
}

NewKeyDialog::~NewKeyDialog() {
    wipeSecret();
}

QWidget* NewKeyDialog::buildForm() {
    auto* page = new QWidget(this);
    nameEdit_->setObjectName(QStringLiteral("keyNameEdit"));
    nameEdit_->setPlaceholderText(tr("who or what uses it, e.g. search-backend or alice"));
    modelsEdit_->setObjectName(QStringLiteral("keyModelsEdit"));
    modelsEdit_->setPlaceholderText(tr("all models and routes"));
    modelsEdit_->setToolTip(
        tr("Comma-separated route names, provider/model or provider/*; empty allows all."));
    budgetEdit_->setObjectName(QStringLiteral("keyBudgetEdit"));
    budgetEdit_->setPlaceholderText(tr("no budget"));
    periodCombo_->setObjectName(QStringLiteral("keyPeriodCombo"));
    periodCombo_->addItem(tr("per day"), static_cast<int>(BudgetPeriod::Day));
    periodCombo_->addItem(tr("per month"), static_cast<int>(BudgetPeriod::Month));
    periodCombo_->addItem(tr("in total"), static_cast<int>(BudgetPeriod::Total));
    periodCombo_->setCurrentIndex(1);
    expiresCheck_->setObjectName(QStringLiteral("keyExpiresCheck"));
    expiresDate_->setObjectName(QStringLiteral("keyExpiresDate"));
    expiresDate_->setCalendarPopup(true);
    expiresDate_->setMinimumDate(QDate::currentDate());
    expiresDate_->setDate(QDate::currentDate().addMonths(3));
    expiresDate_->setEnabled(false);
    problemLabel_->setObjectName(QStringLiteral("keyProblemLabel"));
    problemLabel_->setWordWrap(true);
    problemLabel_->setForegroundRole(QPalette::PlaceholderText);

    auto* budgetRow = new QHBoxLayout;
    budgetRow->addWidget(new QLabel(QStringLiteral("$"), page));
    budgetRow->addWidget(budgetEdit_, 1);
    budgetRow->addWidget(periodCombo_);
    auto* expiresRow = new QHBoxLayout;
    expiresRow->addWidget(expiresCheck_);
    expiresRow->addWidget(expiresDate_, 1);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("&Name:"), nameEdit_);
    form->addRow(tr("Allowed &models:"), modelsEdit_);
    // A row that is a layout gets no buddy of its own: the label needs one for its
    // mnemonic.
    auto* budgetLabel = new QLabel(tr("&Budget (USD):"), page);
    budgetLabel->setBuddy(budgetEdit_);
    form->addRow(budgetLabel, budgetRow);
    form->addRow(tr("&Requests per minute:"), rpmSpin_);
    form->addRow(tr("&Tokens per minute:"), tpmSpin_);
    form->addRow(tr("Expiry:"), expiresRow);

    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(problemLabel_);

    for (QLineEdit* edit : {nameEdit_, modelsEdit_, budgetEdit_})
        connect(edit, &QLineEdit::textChanged, this, &NewKeyDialog::validate);
    connect(expiresCheck_, &QCheckBox::toggled, expiresDate_, &QWidget::setEnabled);
    connect(expiresCheck_, &QCheckBox::toggled, this, &NewKeyDialog::validate);
    connect(expiresDate_, &QDateEdit::dateChanged, this, &NewKeyDialog::validate);
    return page;
}

QWidget* NewKeyDialog::buildSecretPage() {
    auto* page = new QWidget(this);
    auto* title = new QLabel(tr("Copy the new key now"), page);
    QFont titleFont = title->font();
    titleFont.setWeight(QFont::DemiBold);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    title->setFont(titleFont);

    auto* warning = new QLabel(
        tr("This is the only time the key is shown. Signalbox keeps only a fingerprint of "
           "it and cannot show it again: if it is lost, revoke it and create a new one."),
        page);
    warning->setObjectName(QStringLiteral("keySecretWarning"));
    warning->setWordWrap(true);

    secretField_->setObjectName(QStringLiteral("keySecretField"));
    secretField_->setReadOnly(true);
    secretField_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    copyButton_->setObjectName(QStringLiteral("copySecretButton"));
    connect(copyButton_, &QPushButton::clicked, this, &NewKeyDialog::copySecret);
    auto* secretRow = new QHBoxLayout;
    secretRow->addWidget(secretField_, 1);
    secretRow->addWidget(copyButton_);

    auto* usage = new QLabel(tr("Clients send it as their API key (Authorization: Bearer, or "
                                "x-api-key for Anthropic clients) to the proxy's address."),
                             page);
    usage->setWordWrap(true);
    usage->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(warning);
    layout->addLayout(secretRow);
    layout->addWidget(usage);
    layout->addStretch();
    return page;
}

std::optional<KeyChanges> NewKeyDialog::settings(QString* problem) const {
    KeyChanges changes;
    changes.name = nameEdit_->text().trimmed();
    QStringList routes;
    for (const QString& part : modelsEdit_->text().split(QLatin1Char(','))) {
        if (!part.trimmed().isEmpty())
            routes << part.trimmed();
    }
    changes.routes = routes;
    if (!budgetEdit_->text().trimmed().isEmpty()) {
        const std::optional<double> usd = parseUsd(budgetEdit_->text());
        if (!usd || *usd < 0) {
            *problem =
                tr("The budget must be an amount of US dollars, like 25 or 12.50; "
                   "leave it empty for no budget.");
            return std::nullopt;
        }
        changes.budgetUsd = std::optional<double>(*usd);
    }
    changes.period = static_cast<BudgetPeriod>(periodCombo_->currentData().toInt());
    changes.rpm = rpmSpin_->value();
    changes.tpm = tpmSpin_->value();
    // The key works through the whole chosen day, local time.
    changes.expiresAtMs =
        expiresCheck_->isChecked()
            ? QDateTime(expiresDate_->date().addDays(1), QTime(0, 0)).toMSecsSinceEpoch()
            : 0;
    // Core has the last word on what a key may hold.
    *problem = changes.problem(true, QDateTime::currentMSecsSinceEpoch());
    if (!problem->isEmpty())
        return std::nullopt;
    return changes;
}

void NewKeyDialog::validate() {
    periodCombo_->setEnabled(!budgetEdit_->text().trimmed().isEmpty());
    QString problem;
    const bool ok = settings(&problem).has_value();
    createButton_->setEnabled(ok && !busy_);
    problemLabel_->setText(ok ? QString() : problem);
    problemLabel_->setVisible(!ok);
}

void NewKeyDialog::create() {
    QString problem;
    std::optional<KeyChanges> changes = settings(&problem);
    if (!changes || busy_)
        return;
    busy_ = true;
    pages_->widget(0)->setEnabled(false);
    createButton_->setEnabled(false);
    buttons_->button(QDialogButtonBox::Cancel)->setEnabled(false);
    problemLabel_->setText(tr("Creating the key…"));
    problemLabel_->show();
    service_.create(std::move(*changes), this,
                    [this](std::optional<KeyReport> report, const QString& error) {
                        created(std::move(report), error);
                    });
}

void NewKeyDialog::created(std::optional<KeyReport> report, const QString& error) {
    busy_ = false;
    buttons_->button(QDialogButtonBox::Cancel)->setEnabled(true);
    if (!report) {
        pages_->widget(0)->setEnabled(true);
        validate();
        problemLabel_->setText(
            tr("The key was not created: %1. Correct the settings it names, or check that "
               "the data folder can be written, and press Create key again.")
                .arg(error.isEmpty() ? tr("no answer") : error));
        problemLabel_->show();
        return;
    }
    secretField_->setText(QString::fromLatin1(report->secret));
    report->secret.fill('\0');
    secretField_->selectAll();
    pages_->setCurrentIndex(1);

    buttons_->clear();
    QPushButton* close = buttons_->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeKeyDialogButton"));
    copyButton_->setFocus();
    emit keyCreated(report->key.id);
}

void NewKeyDialog::copySecret() {
    QGuiApplication::clipboard()->setText(secretField_->text());
    copyButton_->setText(tr("Copied"));
}

void NewKeyDialog::done(int result) {
    // Closing while the service works would drop the answer and lose the secret.
    if (busy_)
        return;
    wipeSecret();
    QDialog::done(result);
}

void NewKeyDialog::wipeSecret() {
    secretField_->clear();
}

}  // namespace signalbox
