#include "virtualkeys/VirtualKeysPanel.h"

#include "common/PanelHeader.h"
#include "common/StatusLabel.h"
#include "engine/Engine.h"
#include "governance/Governance.h"
#include "governance/KeyService.h"
#include "virtualkeys/BudgetBarDelegate.h"
#include "virtualkeys/NewKeyDialog.h"
#include "virtualkeys/VirtualKeysModel.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace signalbox {

namespace {

constexpr int kMaxColumnWidth = 240;
constexpr int kColumnPadding = 10;
constexpr int kBudgetWidth = 220;  // room for the bar to read as a share

QLabel* wrappedLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QAction* shortcut(QWidget* owner, const QString& text, const QKeySequence& keys) {
    auto* action = new QAction(text, owner);
    action->setShortcut(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    owner->addAction(action);
    return action;
}

}  // namespace

VirtualKeysPanel::VirtualKeysPanel(Engine& engine, QWidget* parent)
    : QWidget(parent),
      engine_(engine),
      model_(new VirtualKeysModel(this)),
      table_(new QTableView(this)),
      content_(new QStackedWidget(this)),
      emptyLabel_(wrappedLabel(QStringLiteral("keysEmptyLabel"), this)),
      unavailableLabel_(wrappedLabel(QStringLiteral("keysUnavailableLabel"), this)),
      errorLabel_(new StatusLabel(this)),
      statusLabel_(new QLabel(this)),
      newButton_(new QPushButton(tr("New key…"), this)),
      revokeButton_(new QPushButton(tr("Revoke"), this)),
      refreshButton_(new QPushButton(tr("Refresh"), this)) {
    setObjectName(QStringLiteral("virtualKeysPanel"));
    QVBoxLayout* layout = PanelHeader::addTo(
        this, tr("Virtual Keys"),
        tr("Hand out sbk- keys with their own budgets, rate limits and allowed models, so "
           "others can use the proxy without seeing your provider keys."));

    newButton_->setObjectName(QStringLiteral("newKeyButton"));
    newButton_->setToolTip(tr("Create a key (Ctrl+N)"));
    revokeButton_->setObjectName(QStringLiteral("revokeButton"));
    revokeButton_->setToolTip(tr("Revoke the selected key (Delete)"));
    refreshButton_->setObjectName(QStringLiteral("refreshButton"));
    refreshButton_->setToolTip(tr("Read the keys and their spend again (F5)"));
    statusLabel_->setObjectName(QStringLiteral("keysStatusLabel"));
    statusLabel_->setForegroundRole(QPalette::PlaceholderText);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(newButton_);
    buttons->addWidget(revokeButton_);
    buttons->addWidget(refreshButton_);
    buttons->addSpacing(12);
    buttons->addWidget(statusLabel_, 1);
    layout->addLayout(buttons);

    errorLabel_->setObjectName(QStringLiteral("keysErrorLabel"));
    errorLabel_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    errorLabel_->setTone(StatusLabel::Tone::Error);
    errorLabel_->setHideWhenEmpty(true);
    layout->addWidget(errorLabel_);

    table_->setObjectName(QStringLiteral("virtualKeysTable"));
    table_->setModel(model_);
    table_->setItemDelegateForColumn(VirtualKeysModel::Budget, new BudgetBarDelegate(table_));
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);
    table_->setShowGrid(false);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table_->horizontalHeader()->setHighlightSections(false);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &VirtualKeysPanel::updateActions);

    emptyLabel_->setText(
        tr("<p><b>No virtual keys yet.</b></p>"
           "<p>Create one with <b>New key…</b> and give it to an application or a person. "
           "Clients send it as their API key, like a provider's: <tt>Authorization: Bearer "
           "sbk-…</tt> (OpenAI clients) or <tt>x-api-key</tt> (Anthropic clients). The proxy "
           "then applies the key's budget, rate limits and allowed models, and logs its "
           "spend.</p>"
           "<p>On this computer's loopback address keys are optional. When the proxy listens "
           "beyond loopback, every request must carry one.</p>"));
    emptyLabel_->setTextFormat(Qt::RichText);
    unavailableLabel_->setText(
        tr("<p><b>Virtual keys are not available.</b></p>"
           "<p>They are kept in Signalbox's data folder (signalbox.db), and this window runs "
           "without one, so keys can be neither listed nor created.</p>"
           "<p>Restart Signalbox with a writable data folder, for example "
           "<tt>signalbox --data-dir ~/.local/share/signalbox</tt>.</p>"));
    unavailableLabel_->setTextFormat(Qt::RichText);
    content_->addWidget(table_);
    content_->addWidget(emptyLabel_);
    content_->addWidget(unavailableLabel_);
    layout->addWidget(content_, 1);

    connect(newButton_, &QPushButton::clicked, this, &VirtualKeysPanel::newKey);
    connect(revokeButton_, &QPushButton::clicked, this, &VirtualKeysPanel::revokeSelected);
    connect(refreshButton_, &QPushButton::clicked, this, &VirtualKeysPanel::refresh);
    connect(shortcut(this, tr("New virtual key"), QKeySequence::New), &QAction::triggered, this,
            &VirtualKeysPanel::newKey);
    connect(shortcut(this, tr("Revoke the selected key"), QKeySequence(Qt::Key_Delete)),
            &QAction::triggered, this, &VirtualKeysPanel::revokeSelected);
    connect(shortcut(this, tr("Read the keys again"), QKeySequence(Qt::Key_F5)),
            &QAction::triggered, this, &VirtualKeysPanel::refresh);
    // In reading order: the buttons above the table, then the table.
    setTabOrder(newButton_, revokeButton_);
    setTabOrder(revokeButton_, refreshButton_);
    setTabOrder(refreshButton_, table_);

    showContent();
    updateActions();
}

KeyService& VirtualKeysPanel::service() const {
    return engine_.governance().keyService();
}

void VirtualKeysPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh();
}

void VirtualKeysPanel::refresh() {
    showContent();
    updateActions();
    if (!service().isOpen())
        return;
    if (loading_) {
        loadAgain_ = true;
        return;
    }
    loading_ = true;
    statusLabel_->setText(tr("Reading the keys…"));
    service().report(QString(), this,
                     [this](std::optional<std::vector<KeyReport>> reports, const QString& error) {
                         showReports(std::move(reports), error);
                     });
}

void VirtualKeysPanel::showReports(std::optional<std::vector<KeyReport>> reports,
                                   const QString& error) {
    loading_ = false;
    if (loadAgain_) {
        loadAgain_ = false;
        refresh();
        return;
    }
    if (!reports) {
        statusLabel_->clear();
        showError(tr("The keys could not be read: %1. Check that the data folder can be read "
                     "and written, then press Refresh (F5).")
                      .arg(error));
        return;
    }
    showError(actionError_);
    const QString keep = selectAfterLoad_.isEmpty() ? selectedKeyId() : selectAfterLoad_;
    selectAfterLoad_.clear();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    int active = 0;
    for (const KeyReport& report : *reports) {
        if (!report.key.revoked() && !report.key.expired(now))
            ++active;
    }
    const int total = static_cast<int>(reports->size());
    const bool sameKeys = model_->rowCount() == total;
    model_->setReports(std::move(*reports), now);
    // Fitted to the contents when keys come or go, so that a width the user set stays.
    if (!sameKeys)
        fitColumns();
    loadedOnce_ = true;
    select(keep);
    if (total == 0)
        statusLabel_->clear();
    else if (total == 1)
        statusLabel_->setText(active == 1 ? tr("1 key, active") : tr("1 key, not in force"));
    else
        statusLabel_->setText(tr("%1 keys, %2 active").arg(total).arg(active));
    showContent();
    updateActions();
}

void VirtualKeysPanel::fitColumns() {
    table_->resizeColumnsToContents();
    // The last column stretches to the edge; a width set on it would outgrow the view.
    for (int column = 0; column < VirtualKeysModel::ColumnCount - 1; ++column)
        table_->setColumnWidth(
            column, std::min(table_->columnWidth(column), kMaxColumnWidth) + kColumnPadding);
    table_->setColumnWidth(VirtualKeysModel::Budget,
                           std::max(table_->columnWidth(VirtualKeysModel::Budget), kBudgetWidth));
}

void VirtualKeysPanel::showError(const QString& error) {
    errorLabel_->showMessage(error, StatusLabel::Tone::Error);
}

void VirtualKeysPanel::showContent() {
    if (!service().isOpen())
        content_->setCurrentWidget(unavailableLabel_);
    else if (loadedOnce_ && model_->rowCount() == 0)
        content_->setCurrentWidget(emptyLabel_);
    else
        content_->setCurrentWidget(table_);
}

void VirtualKeysPanel::updateActions() {
    const bool open = service().isOpen();
    newButton_->setEnabled(open);
    refreshButton_->setEnabled(open);
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    const KeyReport* selected = rows.isEmpty() ? nullptr : model_->reportAt(rows.front().row());
    revokeButton_->setEnabled(open && selected && !selected->key.revoked());
}

QString VirtualKeysPanel::selectedKeyId() const {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.front().data(VirtualKeysModel::KeyIdRole).toString();
}

void VirtualKeysPanel::select(const QString& keyId) {
    if (keyId.isEmpty())
        return;
    if (const std::optional<int> row = model_->rowOf(keyId))
        table_->selectRow(*row);
}

void VirtualKeysPanel::newKey() {
    if (!service().isOpen())
        return;
    actionError_.clear();
    auto* dialog = new NewKeyDialog(service(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewKeyDialog::keyCreated, this, [this](const QString& keyId) {
        selectAfterLoad_ = keyId;
        refresh();
    });
    dialog->open();
}

void VirtualKeysPanel::revokeSelected() {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    const KeyReport* report = rows.isEmpty() ? nullptr : model_->reportAt(rows.front().row());
    if (!report || report->key.revoked() || !service().isOpen())
        return;
    const QString id = report->key.id;
    const QString name = report->key.name;
    if (!askRevoke(name))
        return;
    actionError_.clear();
    revokeButton_->setEnabled(false);
    service().revoke(id, this,
                     [this, name](std::optional<KeyReport> revoked, const QString& error) {
                         if (!revoked)
                             actionError_ = tr("The key '%1' was not revoked: %2. Press Revoke "
                                               "again; if it keeps failing, check that the "
                                               "data folder can be written.")
                                                .arg(name, error);
                         refresh();
                     });
}

bool VirtualKeysPanel::askRevoke(const QString& keyName) {
    if (confirm_)
        return confirm_(keyName);
    return QMessageBox::question(
               this, tr("Revoke key"),
               tr("Revoke the key '%1'? Every client that uses it is refused from now on. "
                  "This cannot be undone.")
                   .arg(keyName),
               QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Yes;
}

}  // namespace signalbox
