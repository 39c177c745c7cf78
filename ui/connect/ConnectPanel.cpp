#include "connect/ConnectPanel.h"

#include "common/PanelHeader.h"
#include "common/SectionLabel.h"
#include "common/SnippetView.h"
#include "engine/Engine.h"
#include "governance/Governance.h"
#include "governance/KeyReport.h"
#include "governance/KeySecret.h"
#include "governance/KeyService.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHideEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace signalbox {

namespace {

constexpr QLatin1StringView kClientKey("connectPanel/client");  // the tab last shown

QLabel* wrappedLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

}  // namespace

ConnectPanel::ConnectPanel(Engine& engine, QWidget* parent)
    : QWidget(parent),
      engine_(engine),
      addressLabel_(wrappedLabel(QStringLiteral("connectAddressLabel"), this)),
      useKeyCheck_(new QCheckBox(tr("Send a virtual key"), this)),
      keyCombo_(new QComboBox(this)),
      createKeyButton_(new QPushButton(this)),
      keyLabel_(wrappedLabel(QStringLiteral("connectKeyLabel"), this)),
      secretWarning_(wrappedLabel(QStringLiteral("connectSecretWarning"), this)),
      tabs_(new QTabWidget(this)) {
    setObjectName(QStringLiteral("connectPanel"));
    QVBoxLayout* layout = PanelHeader::addTo(
        this, tr("Connect"),
        tr("Point your applications and coding tools at the local proxy: pick a client, "
           "copy its setup into a terminal and run it."));

    addressLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(addressLabel_);

    useKeyCheck_->setObjectName(QStringLiteral("connectUseKeyCheck"));
    keyCombo_->setObjectName(QStringLiteral("connectKeyCombo"));
    keyCombo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    keyCombo_->setMinimumContentsLength(24);
    createKeyButton_->setObjectName(QStringLiteral("connectCreateKeyButton"));
    keyLabel_->setForegroundRole(QPalette::PlaceholderText);
    secretWarning_->setVisible(false);
    QFont warningFont = secretWarning_->font();
    warningFont.setWeight(QFont::DemiBold);
    secretWarning_->setFont(warningFont);

    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(useKeyCheck_);
    keyRow->addWidget(keyCombo_);
    keyRow->addWidget(createKeyButton_);
    keyRow->addStretch(1);
    layout->addLayout(keyRow);
    layout->addWidget(keyLabel_);
    layout->addWidget(secretWarning_);

    tabs_->setObjectName(QStringLiteral("connectClientTabs"));
    tabs_->setDocumentMode(true);
    guides_ = ClientGuides::all(settings());
    int widest = 0;
    for (const ClientGuide& guide : guides_) {
        // A page scrolls rather than holding the window at the height of the longest.
        auto* scroll = new QScrollArea;
        scroll->setObjectName(QStringLiteral("connectScroll_") + guide.id);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(makeClientPage(guide));
        tabs_->addTab(scroll, guide.title);
        createKeyButton_->setText(tr("Create a key for %1").arg(guide.title));
        widest = std::max(widest, createKeyButton_->sizeHint().width());
    }
    // As wide as its longest text, so the key row does not jump between tabs.
    createKeyButton_->setMinimumWidth(widest);
    layout->addWidget(tabs_, 1);

    connect(&engine_, &Engine::proxyStateChanged, this, &ConnectPanel::showSnippets);
    connect(useKeyCheck_, &QCheckBox::toggled, this, [this](bool on) {
        if (!on)
            forgetSecret();
        showKeyControls();
        showSnippets();
    });
    connect(keyCombo_, &QComboBox::currentIndexChanged, this, [this] {
        if (keyCombo_->currentData().toString() != freshKeyId_)
            forgetSecret();
        showSnippets();
    });
    // The client last shown comes back, as users tend to set up the same one again.
    const QString lastClient = QSettings().value(kClientKey).toString();
    for (int tab = 0; tab < guides_.size(); ++tab) {
        if (guides_.at(tab).id == lastClient)
            tabs_->setCurrentIndex(tab);
    }
    connect(tabs_, &QTabWidget::currentChanged, this, &ConnectPanel::showKeyControls);
    connect(tabs_, &QTabWidget::currentChanged, this, [this](int tab) {
        if (tab >= 0 && tab < guides_.size())
            QSettings().setValue(kClientKey, guides_.at(tab).id);
    });
    connect(createKeyButton_, &QPushButton::clicked, this, &ConnectPanel::createKey);

    // Scoped to the panel, so it does not clash with other panels' shortcuts.
    auto* copyAction = new QAction(tr("Copy the setup of the client shown"), this);
    copyAction->setObjectName(QStringLiteral("connectCopySetupAction"));
    copyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(copyAction);
    connect(copyAction, &QAction::triggered, this, [this] {
        const int tab = tabs_->currentIndex();
        if (tab >= 0 && tab < guides_.size())
            copySetup(guides_.at(tab).id);
    });

    useKeyCheck_->setChecked(keysRequired());
    showKeyControls();
    showSnippets();
    loadKeys();
}

ConnectPanel::~ConnectPanel() {
    forgetSecret();
}

QWidget* ConnectPanel::makeClientPage(const ClientGuide& guide) {
    auto* page = new QWidget;
    page->setObjectName(QStringLiteral("connectPage_") + guide.id);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 12, 0, 0);
    layout->setSpacing(8);

    auto* summary = wrappedLabel(QString(), page);
    summary->setText(guide.summary);
    layout->addWidget(summary);
    auto* setupButton = new QPushButton(tr("Copy setup"), page);
    setupButton->setObjectName(QStringLiteral("connectSetupButton_") + guide.id);
    setupButton->setToolTip(
        tr("Copy the setup for %1 to the clipboard, to paste into a terminal").arg(guide.title));
    // Wide enough for "Setup copied" too, so the row does not jump after a click.
    setupButton->setText(tr("Setup copied"));
    setupButton->setMinimumWidth(setupButton->sizeHint().width());
    setupButton->setText(tr("Copy setup"));
    connect(setupButton, &QPushButton::clicked, this, [this, id = guide.id] { copySetup(id); });
    setupButtons_[guide.id] = setupButton;
    layout->addWidget(setupButton, 0, Qt::AlignLeft);

    for (const GuideSection& section : guide.sections) {
        layout->addWidget(new SectionLabel(section.title, page));
        auto* snippet = new SnippetView(page);
        snippet->setObjectName(section.objectName);
        snippets_[section.objectName] = snippet;
        layout->addWidget(snippet);
    }
    if (!guide.note.isEmpty()) {
        auto* note = wrappedLabel(QStringLiteral("connectNote_") + guide.id, page);
        note->setText(guide.note);
        note->setForegroundRole(QPalette::PlaceholderText);
        layout->addWidget(note);
    }
    layout->addStretch(1);
    return page;
}

void ConnectPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    // The configuration may have changed while the panel was away.
    showKeyControls();
    showSnippets();
    loadKeys();
}

void ConnectPanel::hideEvent(QHideEvent* event) {
    // A new key's secret is shown once: leaving the panel ends that. Minimizing the
    // window (a spontaneous hide) does not: the user may be on the way to a terminal.
    if (!event->spontaneous() && !freshSecret_.isEmpty()) {
        forgetSecret();
        showSnippets();
    }
    QWidget::hideEvent(event);
}

bool ConnectPanel::keysRequired() const {
    const auto config = engine_.config();
    return config && config->governance.keysRequired(config->listen);
}

// The address clients on this machine use: a proxy listening on every interface is
// reached through loopback.
QString ConnectPanel::clientUrl() const {
    return engine_.localUrl();
}

// A model the running configuration can actually serve, so the examples work as
// pasted; the built-in demo when nothing is configured yet.
QString ConnectPanel::exampleModel() const {
    const auto config = engine_.config();
    if (config && !config->routes.empty())
        return config->routes.begin()->first;
    if (config) {
        for (const auto& [id, provider] : config->providers) {
            if (!provider.models.isEmpty())
                return id + QLatin1Char('/') + provider.models.first();
        }
    }
    return QStringLiteral("demo/echo");
}

ConnectSettings ConnectPanel::settings() const {
    ConnectSettings s;
    s.proxyUrl = clientUrl();
    s.model = exampleModel();
    s.useKey = useKeyCheck_->isChecked();
    if (keyCombo_->currentIndex() >= 0 && !keyCombo_->currentData().toString().isEmpty())
        s.keyLabel = keyCombo_->currentText();
    if (s.useKey && keyCombo_->currentData().toString() == freshKeyId_)
        s.secret = freshSecret_;
    return s;
}

void ConnectPanel::showSnippets() {
    const ConnectSettings current = settings();
    guides_ = ClientGuides::all(current);
    for (const ClientGuide& guide : guides_) {
        for (const GuideSection& section : guide.sections) {
            const auto snippet = snippets_.find(section.objectName);
            if (snippet != snippets_.end())
                snippet->second->setText(section.text);
        }
    }

    const QString url = current.proxyUrl;
    switch (engine_.proxyState()) {
        case Engine::ProxyState::Running:
            addressLabel_->setText(tr("The proxy is running at %1.").arg(url));
            break;
        case Engine::ProxyState::Starting:
            addressLabel_->setText(tr("The proxy is starting at %1.").arg(url));
            break;
        default:
            addressLabel_->setText(
                tr("The proxy is not running: start it in the Proxy panel. It will listen at %1.")
                    .arg(url));
            break;
    }

    const bool showSecret = !current.secret.isEmpty();
    secretWarning_->setVisible(showSecret);
    if (showSecret) {
        secretWarning_->setText(
            tr("The setups below hold the secret of the new key %1. This is the only time "
               "it is shown: copy a setup now. Signalbox keeps only its hash.")
                .arg(current.keyLabel));
    }
}

void ConnectPanel::showKeyControls() {
    const bool required = keysRequired();
    const bool open = engine_.governance().keyService().isOpen();
    if (required && !useKeyCheck_->isChecked())
        useKeyCheck_->setChecked(true);
    useKeyCheck_->setEnabled(!required);
    keyCombo_->setEnabled(useKeyCheck_->isChecked() && open && keyCombo_->count() > 0);

    const int tab = tabs_->currentIndex();
    const QString client = tab >= 0 && tab < guides_.size() ? guides_.at(tab).title : QString();
    createKeyButton_->setText(tr("Create a key for %1").arg(client));
    createKeyButton_->setEnabled(open && !creating_);
    createKeyButton_->setToolTip(
        open ? tr("Create a virtual key of its own for %1, to see its spend and limit it")
                   .arg(client)
             : tr("Virtual keys are kept in the data folder, and this window has none."));

    if (!open) {
        keyLabel_->setText(required ? tr("This proxy needs a virtual key on every request, "
                                         "but keys are kept in the data folder and this "
                                         "window has none: start it with a data folder.")
                                    : tr("Requests from this machine need no key."));
    } else if (required) {
        keyLabel_->setText(
            tr("This proxy needs a virtual key on every request: the setups read it from %1.")
                .arg(QLatin1String(ClientGuides::kKeyVariable)));
    } else {
        keyLabel_->setText(
            tr("Requests from this machine need no key. A virtual key of its own lets you "
               "see a client's spend and give it a budget."));
    }
}

void ConnectPanel::loadKeys() {
    KeyService& service = engine_.governance().keyService();
    if (!service.isOpen())
        return;
    service.report(QString(), this,
                   [this](std::optional<std::vector<KeyReport>> reports, const QString& error) {
                       showKeys(std::move(reports), error);
                   });
}

void ConnectPanel::showKeys(std::optional<std::vector<KeyReport>> reports, const QString& error) {
    if (!reports) {
        keyLabel_->setText(tr("The virtual keys could not be read: %1. Check that the data "
                              "folder can be read, then come back to this panel.")
                               .arg(error));
        return;
    }
    const QString selected = keyCombo_->currentData().toString();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QSignalBlocker blocker(keyCombo_);
    keyCombo_->clear();
    for (const KeyReport& report : *reports) {
        if (report.key.revoked() || report.key.expired(now))
            continue;
        keyCombo_->addItem(
            QStringLiteral("\"%1\" (%2)").arg(report.key.name, KeySecret::masked(report.key.hint)),
            report.key.id);
    }
    if (keyCombo_->count() == 0)
        keyCombo_->addItem(tr("No keys yet"), QString());
    const int index = keyCombo_->findData(selected);
    keyCombo_->setCurrentIndex(index >= 0 ? index : 0);
    showKeyControls();
    showSnippets();
}

void ConnectPanel::createKey() {
    KeyService& service = engine_.governance().keyService();
    const int tab = tabs_->currentIndex();
    if (creating_ || !service.isOpen() || tab < 0 || tab >= guides_.size())
        return;
    // Names need not be unique, but one a client reads better in the key list.
    const QString base = guides_.at(tab).keyName;
    QSet<QString> taken;
    for (int i = 0; i < keyCombo_->count(); ++i) {
        const QString text = keyCombo_->itemText(i);
        if (text.startsWith(QLatin1Char('"')))
            taken.insert(text.section(QLatin1Char('"'), 1, 1));
    }
    QString name = base;
    for (int n = 2; taken.contains(name); ++n)
        name = base + QLatin1Char('-') + QString::number(n);

    KeyChanges settings;
    settings.name = name;
    creating_ = true;
    showKeyControls();
    service.create(std::move(settings), this,
                   [this](std::optional<KeyReport> report, const QString& error) {
                       keyCreated(std::move(report), error);
                   });
}

void ConnectPanel::keyCreated(std::optional<KeyReport> report, const QString& error) {
    creating_ = false;
    if (!report) {
        showKeyControls();
        keyLabel_->setText(tr("The key could not be created: %1. Check that the data folder "
                              "can be written, then press the button again.")
                               .arg(error));
        return;
    }
    forgetSecret();
    freshKeyId_ = report->key.id;
    freshSecret_ = QString::fromLatin1(report->secret);
    report->secret.fill('\0');
    {
        const QSignalBlocker blocker(keyCombo_);
        const int placeholder = keyCombo_->findData(QString());
        if (placeholder >= 0)
            keyCombo_->removeItem(placeholder);
        keyCombo_->addItem(QStringLiteral("\"%1\" (%2)")
                               .arg(report->key.name, KeySecret::masked(report->key.hint)),
                           report->key.id);
        keyCombo_->setCurrentIndex(keyCombo_->count() - 1);
    }
    {
        const QSignalBlocker blocker(useKeyCheck_);
        useKeyCheck_->setChecked(true);
    }
    showKeyControls();
    showSnippets();
}

void ConnectPanel::copySetup(const QString& clientId) {
    for (const ClientGuide& guide : guides_) {
        if (guide.id != clientId || guide.sections.isEmpty())
            continue;
        QGuiApplication::clipboard()->setText(guide.sections.front().text);
        QPushButton* button = setupButtons_.at(clientId);
        button->setText(tr("Setup copied"));
        QTimer::singleShot(1500, button, [button] { button->setText(tr("Copy setup")); });
    }
}

void ConnectPanel::forgetSecret() {
    freshSecret_.fill(QChar(0));
    freshSecret_.clear();
    freshKeyId_.clear();
}

}  // namespace signalbox
