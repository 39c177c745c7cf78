#include "dashboard/FirstRequestGuide.h"

#include "common/SectionLabel.h"
#include "common/SnippetView.h"
#include "common/StatusLabel.h"
#include "connect/ClientGuide.h"
#include "engine/Engine.h"
#include "proxy/ProxyStateText.h"

#include <QDesktopServices>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace signalbox {

FirstRequestGuide::FirstRequestGuide(Engine& engine, QWidget* parent)
    : QWidget(parent),
      engine_(engine),
      storeNote_(new StatusLabel(this)),
      firstRequest_(new SnippetView(this)),
      proxyLabel_(new QLabel(this)),
      configLabel_(new QLabel(this)),
      openConfigButton_(new QPushButton(tr("Open Configuration File"), this)) {
    setObjectName(QStringLiteral("dashboardEmptyState"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);

    storeNote_->setObjectName(QStringLiteral("dashboardStoreNote"));
    storeNote_->setWordWrap(true);
    storeNote_->hide();
    layout->addWidget(storeNote_);

    layout->addWidget(new SectionLabel(tr("Send your first request"), this));
    auto* first = new QLabel(
        tr("Nothing is in the request log yet. Spend per model, traffic, errors, latency and "
           "cache savings are charted here as soon as requests go through Signalbox. Send one "
           "from a terminal:"),
        this);
    first->setWordWrap(true);
    layout->addWidget(first);
    firstRequest_->setObjectName(QStringLiteral("dashboardFirstRequestSnippet"));
    layout->addWidget(firstRequest_);
    proxyLabel_->setObjectName(QStringLiteral("dashboardProxyLabel"));
    proxyLabel_->setWordWrap(true);
    proxyLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(proxyLabel_);

    layout->addSpacing(8);
    layout->addWidget(new SectionLabel(tr("Add a real provider"), this));
    auto* howTo = new QLabel(
        tr("Signalbox calls providers with your keys. Add a provider and its keys in the "
           "Providers & Keys panel (Ctrl+4), which keeps keys in the system keychain, or under "
           "providers: in the configuration file, where keys are references such as "
           "env:OPENAI_API_KEY, never the key itself."),
        this);
    howTo->setWordWrap(true);
    layout->addWidget(howTo);
    auto* example = new SnippetView(this);
    example->setObjectName(QStringLiteral("dashboardProviderExample"));
    example->setText(
        QStringLiteral("providers:\n"
                       "  openai:\n"
                       "    kind: openai\n"
                       "    keys: [env:OPENAI_API_KEY]"));
    layout->addWidget(example);

    configLabel_->setObjectName(QStringLiteral("dashboardConfigLabel"));
    configLabel_->setWordWrap(true);
    configLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    openConfigButton_->setObjectName(QStringLiteral("dashboardOpenConfigButton"));
    connect(openConfigButton_, &QPushButton::clicked, this, &FirstRequestGuide::openConfigFile);
    layout->addWidget(configLabel_);
    auto* configButtons = new QHBoxLayout;
    configButtons->addWidget(openConfigButton_);
    configButtons->addStretch();
    layout->addLayout(configButtons);
    layout->addStretch();

    connect(&engine_, &Engine::proxyStateChanged, this, &FirstRequestGuide::showProxy);
    connect(&engine_, &Engine::configChanged, this, [this] {
        showConfig();
        showProxy();
    });
    showConfig();
    showProxy();
}

void FirstRequestGuide::setStoreNote(const QString& note) {
    storeNote_->showMessage(note, StatusLabel::Tone::Error);
    storeNote_->setVisible(!note.isEmpty());
}

QString FirstRequestGuide::exampleModel() const {
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

void FirstRequestGuide::showProxy() {
    // Clients on this machine reach a proxy listening on every interface by loopback.
    QUrl url(engine_.proxyUrl());
    if (url.host() == QLatin1String("0.0.0.0"))
        url.setHost(QStringLiteral("127.0.0.1"));
    else if (url.host() == QLatin1String("::"))
        url.setHost(QStringLiteral("::1"));
    ConnectSettings settings;
    settings.proxyUrl = url.toString(QUrl::StripTrailingSlash);
    settings.model = exampleModel();
    const auto config = engine_.config();
    settings.useKey = config && config->governance.keysRequired(config->listen);
    for (const ClientGuide& guide : ClientGuides::all(settings)) {
        if (guide.id == QLatin1String("curl") && !guide.sections.isEmpty())
            firstRequest_->setText(guide.sections.front().text);
    }
    if (engine_.proxyState() == Engine::ProxyState::Running) {
        proxyLabel_->setText(
            tr("Applications reach Signalbox at %1/v1. The Connect panel (Ctrl+8) has "
               "ready-made settings for SDKs, curl and coding tools; the Playground (Ctrl+2) "
               "sends requests from this window.")
                .arg(engine_.proxyUrl()));
    } else {
        proxyLabel_->setText(tr("The proxy is not running (%1). Start it in the Proxy panel "
                                "(Ctrl+7), then send the request above.")
                                 .arg(ProxyStateText::describe(engine_)));
    }
}

void FirstRequestGuide::showConfig() {
    const QString path = engine_.config() ? engine_.config()->sourcePath : QString();
    if (path.isEmpty()) {
        configLabel_->setText(
            tr("Signalbox is running on built-in defaults because no configuration file "
               "was loaded."));
    } else {
        // "~/…" reads shorter than the full home path and says the same.
        QString shown = QDir::toNativeSeparators(path);
        const QString home = QDir::toNativeSeparators(QDir::homePath());
        if (shown.startsWith(home + QDir::separator()))
            shown.replace(0, home.size(), QStringLiteral("~"));
        configLabel_->setText(tr("Configuration file: %1").arg(shown));
    }
    openConfigButton_->setVisible(!path.isEmpty());
}

void FirstRequestGuide::openConfigFile() {
    const QString path = engine_.config() ? engine_.config()->sourcePath : QString();
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path))) {
        // Window-modal but not a nested event loop.
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot Open Configuration File"),
                                    tr("No application is set up to open %1. Open it in a text "
                                       "editor of your choice.")
                                        .arg(QDir::toNativeSeparators(path)),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
}

}  // namespace signalbox
