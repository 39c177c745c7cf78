#include "providers/ProvidersPanel.h"

#include "common/PanelHeader.h"
#include "common/SectionLabel.h"
#include "common/StatusLabel.h"
#include "config/ProviderKinds.h"
#include "engine/Engine.h"
#include "engine/ProviderTester.h"
#include "providers/KeyWeightDelegate.h"
#include "secrets/KeyResolver.h"
#include "secrets/KeyStore.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace signalbox {

namespace {

const QString kKeychainScheme = QStringLiteral("keychain");
const QString kEnvScheme = QStringLiteral("env");
constexpr QLatin1StringView kSplitterKey("providersPanel/splitter");

// The key list's columns.
constexpr int kRefColumn = 0;
constexpr int kWeightColumn = 1;
constexpr int kKeyColumn = 2;
constexpr int kMaskRole = Qt::UserRole;          // a keychain row's masked secret
constexpr int kRevealedRole = Qt::UserRole + 1;  // whether the row shows the secret
constexpr int kColumnPadding = 16;

QPushButton* button(const QString& text, const QString& objectName, QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    return b;
}

QLineEdit* lineEdit(const QString& objectName, QWidget* parent) {
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setClearButtonEnabled(true);
    return edit;
}

StatusLabel* statusLabel(const QString& objectName, QWidget* parent) {
    auto* label = new StatusLabel(parent);
    label->setObjectName(objectName);
    return label;
}

// An action of `panel` that works where `scope` has the focus. Owned by the panel, so
// Help ▸ Keyboard Shortcuts lists the panel's actions in the order they are made.
QAction* shortcut(QWidget* panel, QWidget* scope, const QString& text, const QKeySequence& keys,
                  Qt::ShortcutContext context) {
    auto* action = new QAction(text, panel);
    action->setShortcut(keys);
    action->setShortcutContext(context);
    scope->addAction(action);
    return action;
}

bool referencedBy(const Config& config, const QString& ref) {
    for (const auto& entry : config.providers) {
        if (entry.second.keyRefs.contains(ref))
            return true;
    }
    return false;
}

QString schemeOf(const QString& ref) {
    QString scheme;
    KeyResolver::splitRef(ref, &scheme, nullptr);
    return scheme;
}

// What the user can do about a key that cannot be read, by where it is kept.
QString keyAdvice(const QString& ref) {
    QString scheme;
    QString name;
    KeyResolver::splitRef(ref, &scheme, &name);
    if (scheme == kKeychainScheme)
        return ProvidersPanel::tr("Unlock the keychain, or remove the key and add it again.");
    if (scheme == kEnvScheme)
        return ProvidersPanel::tr("Set %1 where Signalbox starts, then restart Signalbox.")
            .arg(name);
    return ProvidersPanel::tr("Check that the file exists and that you may read it.");
}

}  // namespace

ProvidersPanel::ProvidersPanel(Engine& engine, QWidget* parent)
    : QWidget(parent),
      engine_(engine),
      tester_(new ProviderTester(engine, this)),
      splitter_(new QSplitter(this)),
      list_(new QTreeWidget(this)),
      kind_(new QComboBox(this)),
      id_(lineEdit(QStringLiteral("providerIdEdit"), this)),
      baseUrl_(lineEdit(QStringLiteral("providerBaseUrlEdit"), this)),
      apiVersionLabel_(new QLabel(tr("API &version:"), this)),
      apiVersion_(lineEdit(QStringLiteral("providerApiVersionEdit"), this)),
      modelsLabel_(new QLabel(tr("&Models:"), this)),
      models_(lineEdit(QStringLiteral("providerModelsEdit"), this)),
      keys_(new QTreeWidget(this)),
      newButton_(button(tr("New provider"), QStringLiteral("newProviderButton"), this)),
      removeButton_(button(tr("Remove…"), QStringLiteral("removeProviderButton"), this)),
      saveButton_(button(tr("Save"), QStringLiteral("saveProviderButton"), this)),
      testButton_(button(tr("Test"), QStringLiteral("testProviderButton"), this)),
      addKeyButton_(button(tr("Add key…"), QStringLiteral("addKeyButton"), this)),
      revealKeyButton_(button(tr("Reveal"), QStringLiteral("revealKeyButton"), this)),
      removeKeyButton_(button(tr("Remove key…"), QStringLiteral("removeKeyButton"), this)),
      busyIndicator_(new QProgressBar(this)),
      testLabel_(statusLabel(QStringLiteral("providerTestLabel"), this)),
      errorLabel_(statusLabel(QStringLiteral("providersErrorLabel"), this)),
      statusLabel_(statusLabel(QStringLiteral("providersStatusLabel"), this)) {
    setObjectName(QStringLiteral("providersPanel"));
    QVBoxLayout* layout = PanelHeader::addTo(
        this, tr("Providers & Keys"),
        tr("The providers the proxy calls and their keys. A key is kept in the system "
           "keychain, or read from an environment variable or a file; the config file only "
           "names it (keychain:NAME, env:NAME, file:PATH)."));

    errorLabel_->setTone(StatusLabel::Tone::Error);
    errorLabel_->setHideWhenEmpty(true);
    statusLabel_->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(errorLabel_);

    splitter_->setObjectName(QStringLiteral("providersSplitter"));
    splitter_->setChildrenCollapsible(false);

    auto* left = new QWidget(splitter_);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    list_->setObjectName(QStringLiteral("providersList"));
    list_->setHeaderLabels({tr("Id"), tr("Kind"), tr("Base URL"), tr("Keys")});
    list_->setRootIsDecorated(false);
    list_->setAlternatingRowColors(true);
    list_->header()->setStretchLastSection(false);
    list_->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    leftLayout->addWidget(list_, 1);
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(newButton_);
    listButtons->addWidget(removeButton_);
    listButtons->addStretch();
    leftLayout->addLayout(listButtons);

    auto* right = new QWidget(splitter_);
    auto* form = new QVBoxLayout(right);
    form->setContentsMargins(12, 0, 0, 0);
    form->addWidget(new SectionLabel(tr("Provider"), right));
    auto* fields = new QFormLayout;
    kind_->setObjectName(QStringLiteral("providerKindCombo"));
    kind_->addItems(ProviderKinds::names());
    id_->setPlaceholderText(tr("what clients write before the model, e.g. openai"));
    models_->setPlaceholderText(tr("comma-separated, e.g. gpt-4o-mini, gpt-4o"));
    apiVersionLabel_->setBuddy(apiVersion_);
    modelsLabel_->setBuddy(models_);
    fields->addRow(tr("&Kind:"), kind_);
    fields->addRow(tr("&Id:"), id_);
    fields->addRow(tr("&Base URL:"), baseUrl_);
    fields->addRow(apiVersionLabel_, apiVersion_);
    fields->addRow(modelsLabel_, models_);
    form->addLayout(fields);
    saveButton_->setToolTip(tr("Save the provider; the proxy uses it at once (Ctrl+S)"));
    testButton_->setToolTip(
        tr("Send a one-token request through the proxy with the saved settings (Ctrl+T)"));
    auto* formButtons = new QHBoxLayout;
    formButtons->addWidget(saveButton_);
    formButtons->addWidget(testButton_);
    formButtons->addWidget(testLabel_, 1);
    form->addLayout(formButtons);

    form->addSpacing(12);
    form->addWidget(new SectionLabel(tr("Keys"), right));
    keys_->setObjectName(QStringLiteral("providerKeysList"));
    keys_->setHeaderLabels({tr("Reference"), tr("Weight"), tr("Key")});
    keys_->headerItem()->setToolTip(
        kWeightColumn, tr("Each key's share of the calls; double-click or F2 to change it"));
    keys_->setRootIsDecorated(false);
    keys_->header()->setStretchLastSection(true);
    // Only the weight is edited, and only on purpose: double-click or F2 on a row.
    keys_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    keys_->setItemDelegateForColumn(kWeightColumn, new KeyWeightDelegate(keys_));
    form->addWidget(keys_, 1);
    busyIndicator_->setObjectName(QStringLiteral("providersBusyIndicator"));
    busyIndicator_->setRange(0, 0);  // it moves without a share: jobs say nothing of progress
    busyIndicator_->setTextVisible(false);
    busyIndicator_->setMaximumWidth(120);
    busyIndicator_->hide();
    auto* keyButtons = new QHBoxLayout;
    keyButtons->addWidget(addKeyButton_);
    keyButtons->addWidget(revealKeyButton_);
    keyButtons->addWidget(removeKeyButton_);
    keyButtons->addStretch();
    keyButtons->addWidget(busyIndicator_);
    form->addLayout(keyButtons);

    splitter_->addWidget(left);
    splitter_->addWidget(right);
    splitter_->setStretchFactor(0, 1);
    splitter_->setStretchFactor(1, 1);
    // Kept when the panel is left (hideEvent), so a drag need not write settings each pixel.
    splitter_->restoreState(QSettings().value(kSplitterKey).toByteArray());
    layout->addWidget(splitter_, 1);
    layout->addWidget(statusLabel_);

    // In reading order: the list and its buttons, the form, then the keys.
    setTabOrder(list_, newButton_);
    setTabOrder(newButton_, removeButton_);
    setTabOrder(removeButton_, kind_);
    setTabOrder(kind_, id_);
    setTabOrder(id_, baseUrl_);
    setTabOrder(baseUrl_, apiVersion_);
    setTabOrder(apiVersion_, models_);
    setTabOrder(models_, saveButton_);
    setTabOrder(saveButton_, testButton_);
    setTabOrder(testButton_, keys_);
    setTabOrder(keys_, addKeyButton_);
    setTabOrder(addKeyButton_, revealKeyButton_);
    setTabOrder(revealKeyButton_, removeKeyButton_);

    connect(list_, &QTreeWidget::currentItemChanged, this, &ProvidersPanel::providerChosen);
    connect(kind_, &QComboBox::currentTextChanged, this, &ProvidersPanel::kindChanged);
    connect(keys_, &QTreeWidget::currentItemChanged, this, &ProvidersPanel::updateActions);
    connect(keys_, &QTreeWidget::itemChanged, this, &ProvidersPanel::keyWeightEdited);
    connect(keys_, &QTreeWidget::itemDoubleClicked, this,
            [this](QTreeWidgetItem* item) { keys_->editItem(item, kWeightColumn); });
    connect(newButton_, &QPushButton::clicked, this, &ProvidersPanel::newProvider);
    connect(removeButton_, &QPushButton::clicked, this, &ProvidersPanel::removeProvider);
    connect(saveButton_, &QPushButton::clicked, this, &ProvidersPanel::save);
    connect(testButton_, &QPushButton::clicked, this, &ProvidersPanel::test);
    connect(addKeyButton_, &QPushButton::clicked, this, &ProvidersPanel::addKey);
    connect(revealKeyButton_, &QPushButton::clicked, this, &ProvidersPanel::revealKey);
    connect(removeKeyButton_, &QPushButton::clicked, this, &ProvidersPanel::removeKey);
    // Enter in a field saves, as a form's default button would.
    for (QLineEdit* edit : {id_, baseUrl_, apiVersion_, models_})
        connect(edit, &QLineEdit::returnPressed, this, &ProvidersPanel::save);
    connect(tester_, &ProviderTester::finished, this, [this](bool ok, const QString& message) {
        testLabel_->showMessage(message,
                                ok ? StatusLabel::Tone::Success : StatusLabel::Tone::Error);
        updateActions();
    });

    // Test waits for the proxy to take a save: it would meet the old settings before.
    if (engine_.proxyState() == Engine::ProxyState::Running)
        servedConfig_ = engine_.config();
    connect(&engine_, &Engine::proxyReloaded, this, [this] {
        servedConfig_ = engine_.config();
        runQueuedTest();
    });
    connect(&engine_, &Engine::proxyStateChanged, this, [this](Engine::ProxyState state) {
        if (state == Engine::ProxyState::Running)
            servedConfig_ = engine_.config();
        runQueuedTest();
    });
    // An import or another panel may change the providers.
    connect(&engine_, &Engine::configChanged, this, &ProvidersPanel::refreshList);

    addShortcuts();
    refreshList();
    if (list_->topLevelItemCount() > 0)
        list_->setCurrentItem(list_->topLevelItem(0));
    else
        startNewProvider();
}

ProvidersPanel::~ProvidersPanel() = default;

void ProvidersPanel::addShortcuts() {
    // Scoped to the panel (or to one list) so they do not clash with other panels'.
    connect(
        shortcut(this, this, tr("New provider"), QKeySequence::New, Qt::WidgetWithChildrenShortcut),
        &QAction::triggered, this, &ProvidersPanel::newProvider);
    connect(shortcut(this, this, tr("Save the provider"), QKeySequence::Save,
                     Qt::WidgetWithChildrenShortcut),
            &QAction::triggered, this, &ProvidersPanel::save);
    connect(shortcut(this, this, tr("Test the provider"), QKeySequence(Qt::CTRL | Qt::Key_T),
                     Qt::WidgetWithChildrenShortcut),
            &QAction::triggered, this, [this] {
                if (testButton_->isEnabled())
                    test();
            });
    connect(shortcut(this, this, tr("Add a key"), QKeySequence(Qt::CTRL | Qt::Key_K),
                     Qt::WidgetWithChildrenShortcut),
            &QAction::triggered, this, [this] {
                if (addKeyButton_->isEnabled())
                    addKey();
            });
    connect(shortcut(this, list_, tr("Remove the selected provider"), QKeySequence::Delete,
                     Qt::WidgetShortcut),
            &QAction::triggered, this, [this] {
                if (removeButton_->isEnabled())
                    removeProvider();
            });
    connect(shortcut(this, keys_, tr("Remove the selected key"), QKeySequence::Delete,
                     Qt::WidgetShortcut),
            &QAction::triggered, this, [this] {
                if (removeKeyButton_->isEnabled())
                    removeKey();
            });
    connect(shortcut(this, keys_, tr("Change the selected key's weight"), QKeySequence(Qt::Key_F2),
                     Qt::WidgetShortcut),
            &QAction::triggered, this, &ProvidersPanel::editKeyWeight);
}

void ProvidersPanel::hideEvent(QHideEvent* event) {
    QSettings().setValue(kSplitterKey, splitter_->saveState());
    QWidget::hideEvent(event);
}

void ProvidersPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    // The config may have been imported or edited elsewhere since.
    refreshList();
    if (!current_.isEmpty() && !saved())
        startNewProvider();
}

const ProviderConfig* ProvidersPanel::saved() const {
    const auto& providers = engine_.config()->providers;
    const auto it = providers.find(current_);
    return current_.isEmpty() || it == providers.end() ? nullptr : &it->second;
}

void ProvidersPanel::refreshList() {
    const QSignalBlocker blocker(list_);
    list_->clear();
    for (const auto& [id, provider] : engine_.config()->providers) {
        const ProviderKindInfo* kind = ProviderKinds::find(provider.kind);
        const QString url = !provider.baseUrl.isEmpty()   ? provider.baseUrl
                            : kind && !kind->needsBaseUrl ? tr("(inside Signalbox)")
                                                          : QString();
        auto* item = new QTreeWidgetItem(
            list_, {id, provider.kind, url, QString::number(provider.keyRefs.size())});
        if (id == current_)
            list_->setCurrentItem(item);
    }
    for (int column = 0; column < list_->columnCount(); ++column) {
        list_->resizeColumnToContents(column);
        list_->setColumnWidth(column, list_->columnWidth(column) + kColumnPadding);
    }
    updateActions();
}

void ProvidersPanel::selectInList(const QString& providerId) {
    const QSignalBlocker blocker(list_);
    QTreeWidgetItem* found = nullptr;
    for (int i = 0; i < list_->topLevelItemCount() && !found; ++i) {
        if (list_->topLevelItem(i)->text(0) == providerId)
            found = list_->topLevelItem(i);
    }
    list_->setCurrentItem(found);
    if (!found)
        list_->clearSelection();
}

void ProvidersPanel::providerChosen(QTreeWidgetItem* item) {
    if (!item || item->text(0) == current_)
        return;
    const QString chosen = item->text(0);
    // Saving rebuilds the list, so `item` is not used after this.
    if (!confirmLeave()) {
        selectInList(current_);
        return;
    }
    edit(chosen);
    selectInList(chosen);
}

void ProvidersPanel::newProvider() {
    if (!confirmLeave())
        return;
    startNewProvider();
}

void ProvidersPanel::startNewProvider() {
    current_.clear();
    testQueued_ = false;
    selectInList({});
    const int openai = kind_->findText(QStringLiteral("openai"));
    kind_->setCurrentIndex(openai >= 0 ? openai : 0);
    id_->clear();
    baseUrl_->clear();
    apiVersion_->clear();
    models_->clear();
    testLabel_->showMessage({});
    kindChanged();
    loadKeys();
    id_->setFocus();
}

void ProvidersPanel::edit(const QString& providerId) {
    current_ = providerId;
    const ProviderConfig* provider = saved();
    if (!provider) {
        startNewProvider();
        return;
    }
    testQueued_ = false;
    kind_->setCurrentText(provider->kind);
    id_->setText(provider->id);
    const ProviderKindInfo* kind = ProviderKinds::find(provider->kind);
    // The kind's default shows as the placeholder, so the file follows future defaults.
    baseUrl_->setText(kind && provider->baseUrl == kind->defaultBaseUrl ? QString()
                                                                        : provider->baseUrl);
    apiVersion_->setText(
        kind && provider->apiVersion == kind->defaultApiVersion ? QString() : provider->apiVersion);
    models_->setText(provider->models.join(QStringLiteral(", ")));
    testLabel_->showMessage({});
    showError({});
    showStatus({});
    kindChanged();
    loadKeys();
}

void ProvidersPanel::kindChanged() {
    const ProviderKindInfo* kind = ProviderKinds::find(kind_->currentText());
    const bool local = kind && !kind->needsBaseUrl;
    baseUrl_->setEnabled(!local);
    baseUrl_->setPlaceholderText(local ? tr("not needed: answers inside Signalbox")
                                 : kind && !kind->defaultBaseUrl.isEmpty()
                                     ? kind->defaultBaseUrl
                                     : tr("required, e.g. https://example.openai.azure.com"));
    const bool versioned = kind && !kind->defaultApiVersion.isEmpty();
    apiVersionLabel_->setVisible(versioned);
    apiVersion_->setVisible(versioned);
    apiVersion_->setPlaceholderText(versioned ? kind->defaultApiVersion : QString());
    // Azure calls a model by the name of its deployment.
    modelsLabel_->setText(versioned ? tr("&Deployments:") : tr("&Models:"));
}

ProviderConfig ProvidersPanel::formProvider(const ProviderConfig& base) const {
    ProviderConfig provider = base;
    provider.id = id_->text().trimmed();
    provider.kind = kind_->currentText();
    const ProviderKindInfo* kind = ProviderKinds::find(provider.kind);
    provider.baseUrl = baseUrl_->isEnabled() ? baseUrl_->text().trimmed() : QString();
    while (provider.baseUrl.endsWith(QLatin1Char('/')))
        provider.baseUrl.chop(1);
    if (provider.baseUrl.isEmpty() && kind)
        provider.baseUrl = kind->defaultBaseUrl;
    const bool versioned = kind && !kind->defaultApiVersion.isEmpty();
    provider.apiVersion = versioned ? apiVersion_->text().trimmed() : QString();
    if (provider.apiVersion.isEmpty() && kind)
        provider.apiVersion = kind->defaultApiVersion;
    provider.models.clear();
    for (const QString& model : models_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!model.trimmed().isEmpty())
            provider.models.append(model.trimmed());
    }
    return provider;
}

bool ProvidersPanel::hasUnsavedChanges() const {
    const ProviderConfig* provider = saved();
    if (!provider) {
        // A new provider: anything typed would be lost; a kind alone would not.
        return !id_->text().trimmed().isEmpty() || !baseUrl_->text().trimmed().isEmpty() ||
               !apiVersion_->text().trimmed().isEmpty() || !models_->text().trimmed().isEmpty();
    }
    const ProviderConfig shown = formProvider(*provider);
    return shown.id != provider->id || shown.kind != provider->kind ||
           shown.baseUrl != provider->baseUrl || shown.apiVersion != provider->apiVersion ||
           shown.models != provider->models;
}

bool ProvidersPanel::confirmLeave() {
    if (!hasUnsavedChanges())
        return true;
    switch (askUnsaved()) {
        case UnsavedChoice::Save:
            return save();
        case UnsavedChoice::Discard:
            // Back to what is saved, so that leaving and coming back shows no stale edits.
            if (saved())
                edit(current_);
            else
                startNewProvider();
            return true;
        case UnsavedChoice::Cancel:
            break;
    }
    return false;
}

ProvidersPanel::UnsavedChoice ProvidersPanel::askUnsaved() {
    const QString name = saved()                           ? current_
                         : id_->text().trimmed().isEmpty() ? tr("the new provider")
                                                           : id_->text().trimmed();
    if (unsaved_)
        return unsaved_(name);
    QMessageBox box(QMessageBox::Question, tr("Providers & Keys"),
                    tr("The changes to '%1' are not saved.").arg(name),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("unsavedProviderBox"));
    box.setInformativeText(tr("Save them now, discard them, or cancel to go on editing."));
    box.setDefaultButton(QMessageBox::Save);
    box.setEscapeButton(QMessageBox::Cancel);
    switch (box.exec()) {
        case QMessageBox::Save:
            return UnsavedChoice::Save;
        case QMessageBox::Discard:
            return UnsavedChoice::Discard;
        default:
            return UnsavedChoice::Cancel;
    }
}

void ProvidersPanel::loadKeys() {
    ++keysGeneration_;
    const QSignalBlocker blocker(keys_);
    keys_->clear();
    const ProviderConfig* provider = saved();
    if (provider) {
        for (qsizetype i = 0; i < provider->keyRefs.size(); ++i) {
            const QString& ref = provider->keyRefs.at(i);
            auto* item = new QTreeWidgetItem(keys_);
            item->setText(kRefColumn, ref);
            item->setData(kWeightColumn, Qt::EditRole, provider->keyWeights.value(i, 1));
            item->setTextAlignment(kWeightColumn, Qt::AlignRight | Qt::AlignVCenter);
            item->setToolTip(kWeightColumn, keys_->headerItem()->toolTip(kWeightColumn));
            item->setText(kKeyColumn, tr("reading…"));
            item->setFlags(item->flags() | Qt::ItemIsEditable);
            const QPointer<ProvidersPanel> self(this);
            const quint64 generation = keysGeneration_;
            const int row = keys_->indexOfTopLevelItem(item);
            const QString scheme = schemeOf(ref);
            engine_.keys().resolve(ref, [self, generation, row, ref, scheme](KeyResult result) {
                if (!self || generation != self->keysGeneration_)
                    return;
                QTreeWidgetItem* answered = self->keys_->topLevelItem(row);
                if (!answered)
                    return;
                QString shown;
                QString explained;
                if (!result.ok) {
                    shown = tr("cannot be read: %1. %2").arg(result.error, keyAdvice(ref));
                    explained = shown;
                } else if (scheme == kKeychainScheme) {
                    shown = KeyResolver::mask(result.secret);
                    explained = tr("Kept in the system keychain; Reveal shows it.");
                } else {
                    // Not held by Signalbox, so never shown, not even masked.
                    shown = tr("found, not shown");
                    explained = scheme == kEnvScheme
                                    ? tr("Signalbox reads this key from the environment variable "
                                         "each time the proxy loads the configuration.")
                                    : tr("Signalbox reads this key from the file each time the "
                                         "proxy loads the configuration.");
                }
                result.secret.fill('\0');
                const QSignalBlocker quiet(self->keys_);
                answered->setData(kKeyColumn, kMaskRole, shown);
                answered->setText(kKeyColumn, shown);
                answered->setToolTip(kKeyColumn, explained);
            });
        }
        if (keys_->topLevelItemCount() > 0)
            keys_->setCurrentItem(keys_->topLevelItem(0));
    }
    for (const int column : {kRefColumn, kWeightColumn}) {
        keys_->resizeColumnToContents(column);
        keys_->setColumnWidth(column, keys_->columnWidth(column) + kColumnPadding);
    }
    updateActions();
}

void ProvidersPanel::updateActions() {
    const bool isSaved = saved() != nullptr;
    const bool busy = keychainJobs_ > 0;
    removeButton_->setEnabled(isSaved && !busy);
    testButton_->setEnabled(isSaved && !tester_->isRunning() && !testQueued_);
    addKeyButton_->setEnabled(isSaved && !busy);
    QTreeWidgetItem* key = keys_->currentItem();
    const bool inKeychain = key && schemeOf(key->text(kRefColumn)) == kKeychainScheme;
    revealKeyButton_->setEnabled(inKeychain && !busy);
    removeKeyButton_->setEnabled(key != nullptr && !busy);
    revealKeyButton_->setText(key && key->data(kKeyColumn, kRevealedRole).toBool() ? tr("Hide")
                                                                                   : tr("Reveal"));
    revealKeyButton_->setToolTip(
        !key || inKeychain ? tr("Show the key kept in the system keychain, or hide it again")
                           : tr("Signalbox does not hold this key: it reads it from %1")
                                 .arg(key->text(kRefColumn)));
    addKeyButton_->setToolTip(isSaved ? tr("Add a key from the system keychain, an environment "
                                           "variable or a file (Ctrl+K)")
                                      : tr("Save the provider first"));
}

bool ProvidersPanel::save() {
    showError({});
    const QString id = id_->text().trimmed();
    if (id.isEmpty() || id.contains(QLatin1Char('/')) || id.contains(QLatin1Char(' '))) {
        showError(
            tr("Not saved: give the provider an id without spaces or '/', e.g. "
               "\"openai\"; clients write it before the model, as in openai/gpt-4o."));
        return false;
    }
    Config next = *engine_.config();
    if (id != current_ && next.providers.count(id) > 0) {
        showError(tr("Not saved: a provider named '%1' exists already. Choose another id, "
                     "or select it in the list to edit it.")
                      .arg(id));
        return false;
    }
    ProviderConfig base;
    if (const ProviderConfig* old = saved()) {
        base = *old;
        next.providers.erase(current_);
    }
    next.providers[id] = formProvider(base);
    const QString previous = current_;
    current_ = id;
    if (!commit(std::move(next))) {
        current_ = previous;
        return false;
    }
    refreshList();
    loadKeys();
    showStatus(tr("Saved '%1'. The proxy uses it from now on.").arg(id));
    return true;
}

bool ProvidersPanel::commit(const Config& next) {
    QString error;
    switch (engine_.applyConfig(next, &error)) {
        case Engine::ApplyResult::Refused:
            showError(tr("Not saved, the configuration would be refused: %1. Correct what it "
                         "names and save again.")
                          .arg(error));
            return false;
        case Engine::ApplyResult::NotWritten:
            showError(tr("The proxy uses the change, but the config file was not written: %1. "
                         "Make the file writable and save again, or the change is lost when "
                         "Signalbox quits.")
                          .arg(error));
            return true;
        case Engine::ApplyResult::Saved:
            break;
    }
    showError({});
    return true;
}

void ProvidersPanel::removeProvider() {
    const ProviderConfig* provider = saved();
    if (!provider || keychainJobs_ > 0)
        return;
    const QString id = provider->id;
    const QStringList refs = provider->keyRefs;
    if (!confirm(tr("Remove the provider '%1'? Its keys in the system keychain are deleted too, "
                    "and clients can no longer call %1/… models.")
                     .arg(id)))
        return;
    Config next = *engine_.config();
    next.providers.erase(id);
    if (!commit(std::move(next)))
        return;
    forgetKeychainKeys(refs);
    refreshList();
    startNewProvider();
    showStatus(tr("Removed '%1'.").arg(id));
}

void ProvidersPanel::addKey() {
    const ProviderConfig* provider = saved();
    if (!provider || keychainJobs_ > 0)
        return;
    KeyStore* keychain = engine_.keys().store(kKeychainScheme);
    auto* dialog = new AddKeyDialog(provider->id, keychain && keychain->isWritable(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(
        dialog, &AddKeyDialog::keyEntered, this,
        [this, id = provider->id](const AddKeyDialog::Entry& entry) { addKeyEntry(id, entry); });
    // Window-modal without a nested event loop: the answer arrives through keyEntered.
    dialog->open();
}

void ProvidersPanel::addKeyEntry(const QString& providerId, AddKeyDialog::Entry entry) {
    if (entry.scheme != kKeychainScheme) {
        const QString ref = entry.scheme + u':' + entry.name;
        const auto& providers = engine_.config()->providers;
        const auto it = providers.find(providerId);
        if (it != providers.end() && it->second.keyRefs.contains(ref)) {
            showError(tr("Not added: '%1' already has the key %2. Change its weight in the list "
                         "instead.")
                          .arg(providerId, ref));
            return;
        }
        if (appendKeyRef(providerId, ref, entry.weight))
            showStatus(tr("Added %1 to '%2'. The proxy reads the key from there each time it "
                          "loads the configuration.")
                           .arg(ref, providerId));
        return;
    }
    KeyStore* store = engine_.keys().store(kKeychainScheme);
    if (!store || !store->isWritable()) {
        showError(
            tr("No system keychain is available, so the key cannot be stored. Keys are never "
               "written to Signalbox's files: add it as an environment variable or a file "
               "instead."));
        return;
    }
    const Config& config = *engine_.config();
    QString name;
    for (int n = 1; name.isEmpty() || referencedBy(config, kKeychainScheme + u':' + name); ++n)
        name = QStringLiteral("signalbox-%1-%2").arg(providerId).arg(n);
    beginKeychainJob(tr("Storing the key in the keychain…"));
    const QPointer<ProvidersPanel> self(this);
    const int weight = entry.weight;
    store->write(name, entry.secret, [self, providerId, name, weight](KeyResult result) {
        if (!self)
            return;
        self->endKeychainJob();
        if (!result.ok) {
            self->showStatus({});
            self->showError(tr("The key was not stored in the keychain: %1. Unlock the keychain "
                               "(or start one, such as GNOME Keyring) and add the key again.")
                                .arg(result.error));
            return;
        }
        if (self->appendKeyRef(providerId, kKeychainScheme + u':' + name, weight))
            self->showStatus(
                tr("Stored a key for '%1' in the keychain as %2.").arg(providerId, name));
    });
    entry.secret.fill('\0');
}

bool ProvidersPanel::appendKeyRef(const QString& providerId, const QString& ref, int weight) {
    Config next = *engine_.config();
    const auto it = next.providers.find(providerId);
    if (it == next.providers.end())
        return false;  // removed meanwhile
    ProviderConfig& provider = it->second;
    // One weight a key, the missing ones the default.
    while (provider.keyWeights.size() < provider.keyRefs.size())
        provider.keyWeights.append(1);
    provider.keyWeights.resize(provider.keyRefs.size());
    provider.keyRefs.append(ref);
    provider.keyWeights.append(weight);
    if (!commit(std::move(next)))
        return false;
    refreshList();
    if (current_ == providerId)
        loadKeys();
    return true;
}

void ProvidersPanel::editKeyWeight() {
    if (QTreeWidgetItem* item = keys_->currentItem())
        keys_->editItem(item, kWeightColumn);
}

void ProvidersPanel::keyWeightEdited(QTreeWidgetItem* item, int column) {
    const ProviderConfig* provider = saved();
    if (column != kWeightColumn || !provider)
        return;
    const int row = keys_->indexOfTopLevelItem(item);
    if (row < 0 || row >= provider->keyRefs.size() ||
        provider->keyRefs.at(row) != item->text(kRefColumn))
        return;
    const int weight = item->data(kWeightColumn, Qt::EditRole).toInt();
    if (weight == provider->keyWeights.value(row, 1))
        return;
    Config next = *engine_.config();
    ProviderConfig& edited = next.providers[current_];
    while (edited.keyWeights.size() < edited.keyRefs.size())
        edited.keyWeights.append(1);
    edited.keyWeights[row] = weight;
    if (!commit(std::move(next))) {
        const QSignalBlocker blocker(keys_);
        item->setData(kWeightColumn, Qt::EditRole, provider->keyWeights.value(row, 1));
        return;
    }
    showStatus(tr("The key %1 now has weight %2: its share of the calls to '%3'.")
                   .arg(item->text(kRefColumn))
                   .arg(weight)
                   .arg(current_));
}

void ProvidersPanel::removeKey() {
    const ProviderConfig* provider = saved();
    QTreeWidgetItem* item = keys_->currentItem();
    if (!provider || !item || keychainJobs_ > 0)
        return;
    const int row = keys_->indexOfTopLevelItem(item);
    const QString ref = item->text(kRefColumn);
    if (row < 0 || row >= provider->keyRefs.size() || provider->keyRefs.at(row) != ref)
        return;
    const QString scheme = schemeOf(ref);
    const QString question =
        scheme == kKeychainScheme
            ? tr("Remove the key %1 from '%2'? It is deleted from the system keychain too, unless "
                 "another provider uses it.")
        : scheme == kEnvScheme
            ? tr("Remove the key %1 from '%2'? The environment variable itself stays as it is.")
            : tr("Remove the key %1 from '%2'? The file itself stays as it is.");
    if (!confirm(question.arg(ref, provider->id)))
        return;
    Config next = *engine_.config();
    ProviderConfig& edited = next.providers[current_];
    edited.keyRefs.removeAt(row);
    if (row < edited.keyWeights.size())
        edited.keyWeights.removeAt(row);
    if (!commit(std::move(next)))
        return;
    forgetKeychainKeys({ref});
    refreshList();
    loadKeys();
    showStatus(tr("Removed the key %1.").arg(ref));
}

void ProvidersPanel::forgetKeychainKeys(const QStringList& refs) {
    KeyStore* store = engine_.keys().store(kKeychainScheme);
    if (!store)
        return;
    const Config& config = *engine_.config();
    for (const QString& ref : refs) {
        QString scheme;
        QString name;
        // Another provider may share the entry; it stays then.
        if (!KeyResolver::splitRef(ref, &scheme, &name) || scheme != kKeychainScheme ||
            referencedBy(config, ref))
            continue;
        beginKeychainJob(tr("Deleting the key from the keychain…"));
        const QPointer<ProvidersPanel> self(this);
        store->remove(name, [self, name](KeyResult result) {
            if (!self)
                return;
            self->endKeychainJob();
            if (!result.ok)
                self->showError(tr("The key %1 is no longer used, but could not be deleted from "
                                   "the keychain: %2. Delete it with your keychain manager "
                                   "(e.g. Passwords and Keys), where it is listed under "
                                   "signalbox.")
                                    .arg(name, result.error));
        });
    }
}

void ProvidersPanel::revealKey() {
    QTreeWidgetItem* item = keys_->currentItem();
    if (!item || schemeOf(item->text(kRefColumn)) != kKeychainScheme)
        return;
    if (item->data(kKeyColumn, kRevealedRole).toBool()) {
        item->setData(kKeyColumn, kRevealedRole, false);
        item->setText(kKeyColumn, item->data(kKeyColumn, kMaskRole).toString());
        updateActions();
        return;
    }
    const QPointer<ProvidersPanel> self(this);
    const quint64 generation = keysGeneration_;
    const int row = keys_->indexOfTopLevelItem(item);
    const QString ref = item->text(kRefColumn);
    beginKeychainJob(tr("Reading the key from the keychain…"));
    engine_.keys().resolve(ref, [self, generation, row, ref](KeyResult result) {
        if (!self)
            return;
        self->endKeychainJob();
        if (generation != self->keysGeneration_)
            return;
        QTreeWidgetItem* answered = self->keys_->topLevelItem(row);
        if (!answered)
            return;
        if (!result.ok) {
            self->showError(tr("The key cannot be read: %1. %2").arg(result.error, keyAdvice(ref)));
            return;
        }
        self->showStatus({});
        const QSignalBlocker blocker(self->keys_);
        answered->setData(kKeyColumn, kRevealedRole, true);
        answered->setText(kKeyColumn, QString::fromUtf8(result.secret));
        result.secret.fill('\0');
        self->updateActions();
    });
}

void ProvidersPanel::beginKeychainJob(const QString& what) {
    ++keychainJobs_;
    busyIndicator_->show();
    showStatus(what);
    updateActions();
}

void ProvidersPanel::endKeychainJob() {
    keychainJobs_ = std::max(0, keychainJobs_ - 1);
    if (keychainJobs_ == 0) {
        busyIndicator_->hide();
        showStatus({});
    }
    updateActions();
}

bool ProvidersPanel::reloadPending() const {
    switch (engine_.proxyState()) {
        case Engine::ProxyState::Starting:
            return true;
        case Engine::ProxyState::Running:
            return servedConfig_ != engine_.config();
        default:
            return false;  // nothing to wait for: the tester says the proxy is not running
    }
}

void ProvidersPanel::runQueuedTest() {
    if (!testQueued_ || reloadPending())
        return;
    testQueued_ = false;
    test();
}

void ProvidersPanel::test() {
    const ProviderConfig* provider = saved();
    if (!provider)
        return;
    if (provider->models.isEmpty()) {
        testLabel_->showMessage(tr("Add a model to test with, then save."),
                                StatusLabel::Tone::Error);
        return;
    }
    if (reloadPending()) {
        testQueued_ = true;
        testLabel_->showMessage(tr("Waiting for the proxy to take the saved settings…"));
        updateActions();
        return;
    }
    const QString target = provider->id + u'/' + provider->models.front();
    testLabel_->showMessage(hasUnsavedChanges()
                                ? tr("Testing %1 as saved; unsaved changes are not part of the "
                                     "test…")
                                      .arg(target)
                                : tr("Testing %1…").arg(target));
    tester_->test(provider->id, provider->models.front());
    updateActions();
}

bool ProvidersPanel::confirm(const QString& question) {
    if (confirm_)
        return confirm_(question);
    return QMessageBox::question(this, tr("Providers & Keys"), question,
                                 QMessageBox::Yes | QMessageBox::Cancel,
                                 QMessageBox::Cancel) == QMessageBox::Yes;
}

void ProvidersPanel::showError(const QString& error) {
    errorLabel_->showMessage(error, StatusLabel::Tone::Error);
}

void ProvidersPanel::showStatus(const QString& status) {
    statusLabel_->setText(status);
}

}  // namespace signalbox
