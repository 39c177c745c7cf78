#include "providers/ProvidersPanel.h"

#include "common/PanelHeader.h"
#include "common/SectionLabel.h"
#include "config/ProviderKinds.h"
#include "engine/Engine.h"
#include "engine/ProviderTester.h"
#include "secrets/KeyResolver.h"
#include "secrets/KeyStore.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>


namespace signalbox {

namespace {

const QString kKeychainScheme = QStringLiteral("keychain");
constexpr int kMaskRole = Qt::UserRole;  // a key row's masked secret
constexpr int kColumnPadding = 16;
constexpr int kRevealedRole = Qt::UserRole + 1;  // whether the row shows the secret

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

QLabel* wrappedLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

bool referencedBy(const Config& config, const QString& ref) {
    for (const auto& entry : config.providers) {
        if (entry.second.keyRefs.contains(ref))
            return true;
    }
    return false;
}

}  // namespace

ProvidersPanel::ProvidersPanel(Engine& engine, QWidget* parent)
    : QWidget(parent),
      engine_(engine),
      tester_(new ProviderTester(engine, this)),
      list_(new QTreeWidget(this)),
      kind_(new QComboBox(this)),
      id_(lineEdit(QStringLiteral("providerIdEdit"), this)),
      baseUrl_(lineEdit(QStringLiteral("providerBaseUrlEdit"), this)),
      apiVersionLabel_(new QLabel(tr("API version:"), this)),
      apiVersion_(lineEdit(QStringLiteral("providerApiVersionEdit"), this)),
      modelsLabel_(new QLabel(tr("Models:"), this)),
      models_(lineEdit(QStringLiteral("providerModelsEdit"), this)),
      keys_(new QTreeWidget(this)),
      newButton_(button(tr("New provider"), QStringLiteral("newProviderButton"), this)),
      removeButton_(button(tr("Remove…"), QStringLiteral("removeProviderButton"), this)),
      saveButton_(button(tr("Save"), QStringLiteral("saveProviderButton"), this)),
      testButton_(button(tr("Test"), QStringLiteral("testProviderButton"), this)),
      addKeyButton_(button(tr("Add key…"), QStringLiteral("addKeyButton"), this)),
      revealKeyButton_(button(tr("Reveal"), QStringLiteral("revealKeyButton"), this)),
      removeKeyButton_(button(tr("Remove key…"), QStringLiteral("removeKeyButton"), this)),
      testLabel_(wrappedLabel(QStringLiteral("providerTestLabel"), this)),
      errorLabel_(wrappedLabel(QStringLiteral("providersErrorLabel"), this)),
      statusLabel_(wrappedLabel(QStringLiteral("providersStatusLabel"), this)) {
    setObjectName(QStringLiteral("providersPanel"));
    QVBoxLayout* layout = PanelHeader::addTo(
        this, tr("Providers & Keys"),
        tr("The providers the proxy calls and their keys. Keys are kept in the system "
           "keychain; the config file only names them (keychain:NAME)."));

    QPalette errorPalette = errorLabel_->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xd9, 0x48, 0x3b));
    errorLabel_->setPalette(errorPalette);
    errorLabel_->hide();
    statusLabel_->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(errorLabel_);

    auto* splitter = new QSplitter(this);
    splitter->setChildrenCollapsible(false);

    auto* left = new QWidget(splitter);
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

    auto* right = new QWidget(splitter);
    auto* form = new QVBoxLayout(right);
    form->setContentsMargins(12, 0, 0, 0);
    form->addWidget(new SectionLabel(tr("Provider"), right));
    auto* fields = new QFormLayout;
    kind_->setObjectName(QStringLiteral("providerKindCombo"));
    kind_->addItems(ProviderKinds::names());
    id_->setPlaceholderText(tr("what clients write before the model, e.g. openai"));
    models_->setPlaceholderText(tr("comma-separated, e.g. gpt-4o-mini, gpt-4o"));
    fields->addRow(tr("Kind:"), kind_);
    fields->addRow(tr("Id:"), id_);
    fields->addRow(tr("Base URL:"), baseUrl_);
    fields->addRow(apiVersionLabel_, apiVersion_);
    fields->addRow(modelsLabel_, models_);
    form->addLayout(fields);
    auto* formButtons = new QHBoxLayout;
    formButtons->addWidget(saveButton_);
    formButtons->addWidget(testButton_);
    formButtons->addWidget(testLabel_, 1);
    form->addLayout(formButtons);

    form->addSpacing(12);
    form->addWidget(new SectionLabel(tr("Keys"), right));
    keys_->setObjectName(QStringLiteral("providerKeysList"));
    keys_->setHeaderLabels({tr("Reference"), tr("Key")});
    keys_->setRootIsDecorated(false);
    keys_->header()->setStretchLastSection(true);
    form->addWidget(keys_, 1);
    auto* keyButtons = new QHBoxLayout;
    keyButtons->addWidget(addKeyButton_);
    keyButtons->addWidget(revealKeyButton_);
    keyButtons->addWidget(removeKeyButton_);
    keyButtons->addStretch();
    form->addLayout(keyButtons);

    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    layout->addWidget(statusLabel_);

    connect(list_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item && item->text(0) != current_)
            edit(item->text(0));
    });
    connect(kind_, &QComboBox::currentTextChanged, this, &ProvidersPanel::kindChanged);
    connect(keys_, &QTreeWidget::currentItemChanged, this, &ProvidersPanel::updateActions);
    connect(newButton_, &QPushButton::clicked, this, &ProvidersPanel::newProvider);
    connect(removeButton_, &QPushButton::clicked, this, &ProvidersPanel::removeProvider);
    connect(saveButton_, &QPushButton::clicked, this, &ProvidersPanel::save);
    connect(testButton_, &QPushButton::clicked, this, &ProvidersPanel::test);
    connect(addKeyButton_, &QPushButton::clicked, this, &ProvidersPanel::addKey);
    connect(revealKeyButton_, &QPushButton::clicked, this, &ProvidersPanel::revealKey);
    connect(removeKeyButton_, &QPushButton::clicked, this, &ProvidersPanel::removeKey);
    connect(tester_, &ProviderTester::finished, this, [this](bool ok, const QString& message) {
        QPalette palette = testLabel_->palette();
        palette.setColor(QPalette::WindowText,
                         ok ? QColor(0x2e, 0x9e, 0x5b) : QColor(0xd9, 0x48, 0x3b));
        testLabel_->setPalette(palette);
        testLabel_->setText(message);
        updateActions();
    });

    refreshList();
    if (list_->topLevelItemCount() > 0)
        list_->setCurrentItem(list_->topLevelItem(0));
    else
        newProvider();
}

void ProvidersPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    // The config may have been imported or edited elsewhere since.
    refreshList();
    if (!current_.isEmpty() && !saved())
        newProvider();
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

void ProvidersPanel::newProvider() {
    current_.clear();
    {
        const QSignalBlocker blocker(list_);
        list_->setCurrentItem(nullptr);
        list_->clearSelection();
    }
    const int openai = kind_->findText(QStringLiteral("openai"));
    kind_->setCurrentIndex(openai >= 0 ? openai : 0);
    id_->clear();
    baseUrl_->clear();
    apiVersion_->clear();
    models_->clear();
    testLabel_->clear();
    kindChanged();
    loadKeys();
    id_->setFocus();
}

void ProvidersPanel::edit(const QString& providerId) {
    current_ = providerId;
    const ProviderConfig* provider = saved();
    if (!provider) {
        newProvider();
        return;
    }
    kind_->setCurrentText(provider->kind);
    id_->setText(provider->id);
    const ProviderKindInfo* kind = ProviderKinds::find(provider->kind);
    // The kind's default shows as the placeholder, so the file follows future defaults.
    baseUrl_->setText(kind && provider->baseUrl == kind->defaultBaseUrl ? QString()
                                                                        : provider->baseUrl);
    apiVersion_->setText(
        kind && provider->apiVersion == kind->defaultApiVersion ? QString() : provider->apiVersion);
    models_->setText(provider->models.join(QStringLiteral(", ")));
    testLabel_->clear();
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
    modelsLabel_->setText(versioned ? tr("Deployments:") : tr("Models:"));
}

void ProvidersPanel::loadKeys() {
    ++keysGeneration_;
    keys_->clear();
    const ProviderConfig* provider = saved();
    if (provider) {
        for (const QString& ref : provider->keyRefs) {
            auto* item = new QTreeWidgetItem(keys_, {ref, tr("reading…")});
            const QPointer<ProvidersPanel> self(this);
            const quint64 generation = keysGeneration_;
            const int row = keys_->indexOfTopLevelItem(item);
            engine_.keys().resolve(ref, [self, generation, row](KeyResult result) {
                if (!self || generation != self->keysGeneration_)
                    return;
                QTreeWidgetItem* answered = self->keys_->topLevelItem(row);
                if (!answered)
                    return;
                const QString shown = result.ok ? KeyResolver::mask(result.secret)
                                                : tr("cannot be read: %1").arg(result.error);
                answered->setData(1, kMaskRole, shown);
                answered->setText(1, shown);
            });
        }
        if (keys_->topLevelItemCount() > 0)
            keys_->setCurrentItem(keys_->topLevelItem(0));
    }
    keys_->resizeColumnToContents(0);
    keys_->setColumnWidth(0, keys_->columnWidth(0) + kColumnPadding);
    updateActions();
}

void ProvidersPanel::updateActions() {
    const bool isSaved = saved() != nullptr;
    removeButton_->setEnabled(isSaved);
    testButton_->setEnabled(isSaved && !tester_->isRunning());
    addKeyButton_->setEnabled(isSaved);
    QTreeWidgetItem* key = keys_->currentItem();
    revealKeyButton_->setEnabled(key != nullptr);
    removeKeyButton_->setEnabled(key != nullptr);
    revealKeyButton_->setText(key && key->data(1, kRevealedRole).toBool() ? tr("Hide")
                                                                          : tr("Reveal"));
    if (!isSaved)
        addKeyButton_->setToolTip(tr("Save the provider first"));
    else
        addKeyButton_->setToolTip(tr("Store a key in the system keychain"));
}

void ProvidersPanel::save() {
    showError({});
    const QString id = id_->text().trimmed();
    if (id.isEmpty() || id.contains(QLatin1Char('/')) || id.contains(QLatin1Char(' '))) {
        showError(
            tr("Not saved: give the provider an id without spaces or '/', e.g. "
               "\"openai\"; clients write it before the model, as in openai/gpt-4o."));
        return;
    }
    Config next = *engine_.config();
    if (id != current_ && next.providers.count(id) > 0) {
        showError(tr("Not saved: a provider named '%1' exists already. Choose another id, "
                     "or select it in the list to edit it.")
                      .arg(id));
        return;
    }
    ProviderConfig provider;
    if (const ProviderConfig* old = saved()) {
        provider = *old;
        next.providers.erase(current_);
    }
    provider.id = id;
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
    next.providers[id] = provider;
    const QString previous = current_;
    current_ = id;
    if (!commit(std::move(next))) {
        current_ = previous;
        return;
    }
    refreshList();
    loadKeys();
    showStatus(tr("Saved '%1'. The proxy uses it from now on.").arg(id));
}

bool ProvidersPanel::commit(const Config& next) {
    QString error;
    switch (engine_.applyConfig(next, &error)) {
        case Engine::ApplyResult::Refused:
            showError(tr("Not saved, the configuration would be refused: %1").arg(error));
            return false;
        case Engine::ApplyResult::NotWritten:
            showError(
                tr("The proxy uses the change, but the config file was not written: %1").arg(error));
            return true;
        case Engine::ApplyResult::Saved:
            break;
    }
    showError({});
    return true;
}

void ProvidersPanel::removeProvider() {
    const ProviderConfig* provider = saved();
    if (!provider)
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
    newProvider();
    showStatus(tr("Removed '%1'.").arg(id));
}

void ProvidersPanel::addKey() {
    const ProviderConfig* provider = saved();
    if (!provider)
        return;
    KeyStore* store = engine_.keys().store(kKeychainScheme);
    if (!store || !store->isWritable()) {
        showError(
            tr("No system keychain is available, so the key cannot be stored. Keys are "
               "never written to a file; use an env: reference in the config instead."));
        return;
    }
    const QString id = provider->id;
    const std::optional<QByteArray> secret = askSecret(id);
    if (!secret || secret->trimmed().isEmpty())
        return;
    const Config& config = *engine_.config();
    QString name;
    for (int n = 1; name.isEmpty() || referencedBy(config, kKeychainScheme + u':' + name); ++n)
        name = QStringLiteral("signalbox-%1-%2").arg(id).arg(n);
    showStatus(tr("Storing the key in the keychain…"));
    addKeyButton_->setEnabled(false);
    const QPointer<ProvidersPanel> self(this);
    store->write(name, secret->trimmed(), [self, id, name](KeyResult result) {
        if (!self)
            return;
        self->updateActions();
        if (!result.ok) {
            self->showStatus({});
            self->showError(
                tr("The key was not stored in the keychain: %1. Unlock the keychain and try "
                   "again.")
                    .arg(result.error));
            return;
        }
        Config next = *self->engine_.config();
        const auto it = next.providers.find(id);
        if (it == next.providers.end())
            return;  // removed meanwhile
        it->second.keyRefs.append(kKeychainScheme + u':' + name);
        if (!it->second.keyWeights.isEmpty())
            it->second.keyWeights.append(1);
        if (!self->commit(std::move(next)))
            return;
        self->refreshList();
        if (self->current_ == id)
            self->loadKeys();
        self->showStatus(tr("Stored a key for '%1' in the keychain as %2.").arg(id, name));
    });
}

void ProvidersPanel::removeKey() {
    const ProviderConfig* provider = saved();
    QTreeWidgetItem* item = keys_->currentItem();
    if (!provider || !item)
        return;
    const int row = keys_->indexOfTopLevelItem(item);
    const QString ref = item->text(0);
    if (row < 0 || row >= provider->keyRefs.size() || provider->keyRefs.at(row) != ref)
        return;
    if (!confirm(tr("Remove the key %1 from '%2'? A key kept in the system keychain is deleted "
                    "there too.")
                     .arg(ref, provider->id)))
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
        const QPointer<ProvidersPanel> self(this);
        store->remove(name, [self, name](KeyResult result) {
            if (self && !result.ok)
                self->showError(tr("The key %1 is no longer used, but could not be deleted from "
                                   "the keychain: %2")
                                    .arg(name, result.error));
        });
    }
}

void ProvidersPanel::revealKey() {
    QTreeWidgetItem* item = keys_->currentItem();
    if (!item)
        return;
    if (item->data(1, kRevealedRole).toBool()) {
        item->setData(1, kRevealedRole, false);
        item->setText(1, item->data(1, kMaskRole).toString());
        updateActions();
        return;
    }
    const QPointer<ProvidersPanel> self(this);
    const quint64 generation = keysGeneration_;
    const int row = keys_->indexOfTopLevelItem(item);
    engine_.keys().resolve(item->text(0), [self, generation, row](KeyResult result) {
        if (!self || generation != self->keysGeneration_)
            return;
        QTreeWidgetItem* answered = self->keys_->topLevelItem(row);
        if (!answered)
            return;
        if (!result.ok) {
            self->showError(tr("The key cannot be read: %1").arg(result.error));
            return;
        }
        answered->setData(1, kRevealedRole, true);
        answered->setText(1, QString::fromUtf8(result.secret));
        self->updateActions();
    });
}

void ProvidersPanel::test() {
    const ProviderConfig* provider = saved();
    if (!provider)
        return;
    if (provider->models.isEmpty()) {
        testLabel_->setText(tr("Add a model to test with, then save."));
        return;
    }
    testLabel_->setPalette(palette());
    testLabel_->setText(tr("Testing %1/%2…").arg(provider->id, provider->models.front()));
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

std::optional<QByteArray> ProvidersPanel::askSecret(const QString& providerId) {
    if (prompt_)
        return prompt_(providerId);
    bool ok = false;
    const QString key = QInputDialog::getText(
        this, tr("Add key"),
        tr("The API key for '%1'. It is stored in the system keychain, never in a file.")
            .arg(providerId),
        QLineEdit::Password, QString(), &ok);
    if (!ok)
        return std::nullopt;
    return key.toUtf8();
}

void ProvidersPanel::showError(const QString& error) {
    errorLabel_->setText(error);
    errorLabel_->setVisible(!error.isEmpty());
}

void ProvidersPanel::showStatus(const QString& status) {
    statusLabel_->setText(status);
}

}  // namespace signalbox
