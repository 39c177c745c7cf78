#include "dashboard/DashboardPanel.h"

#include "common/PanelHeader.h"
#include "common/SectionLabel.h"
#include "common/SnippetView.h"
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

DashboardPanel::DashboardPanel(Engine& engine, QWidget* parent)
    : QWidget(parent),
      engine_(engine),
      configLabel_(new QLabel(this)),
      openConfigButton_(new QPushButton(tr("Open Configuration File"), this)),
      proxyLabel_(new QLabel(this)) {
    setObjectName(QStringLiteral("dashboardPanel"));
    QVBoxLayout* layout =
        PanelHeader::addTo(this, tr("Dashboard"),
                           tr("Cost and latency charts per model arrive with the request log."));

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
    connect(openConfigButton_, &QPushButton::clicked, this, &DashboardPanel::openConfigFile);
    layout->addWidget(configLabel_);
    auto* configButtons = new QHBoxLayout;
    configButtons->addWidget(openConfigButton_);
    configButtons->addStretch();
    layout->addLayout(configButtons);

    layout->addWidget(new SectionLabel(tr("Where the proxy listens"), this));
    proxyLabel_->setObjectName(QStringLiteral("dashboardProxyLabel"));
    proxyLabel_->setWordWrap(true);
    proxyLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(proxyLabel_);
    layout->addStretch();

    connect(&engine_, &Engine::proxyStateChanged, this, &DashboardPanel::showProxy);
    showConfig();
    showProxy();
}

void DashboardPanel::showConfig() {
    const QString path = engine_.config() ? engine_.config()->sourcePath : QString();
    if (path.isEmpty()) {
        configLabel_->setText(
            tr("Signalbox is running on built-in defaults because no configuration file "
               "was loaded."));
    } else {
        // "~/…" reads shorter than the full home path and says the same.
        QString shown = QDir::toNativeSeparators(path);
        const QString home = QDir::toNativeSeparators(QDir::homePath());
        if (shown.startsWith(home + QDir::separator())) {
            shown.replace(0, home.size(), QStringLiteral("~"));
        }
        configLabel_->setText(tr("Configuration file: %1").arg(shown));
    }
    openConfigButton_->setVisible(!path.isEmpty());
}

void DashboardPanel::showProxy() {
    if (engine_.proxyState() == Engine::ProxyState::Running) {
        proxyLabel_->setText(
            tr("Applications reach Signalbox at %1/v1. The Connect panel has ready-made "
               "settings for SDKs, curl and coding tools.")
                .arg(engine_.proxyUrl()));
    } else {
        proxyLabel_->setText(tr("The proxy is not running (%1). Start it in the Proxy panel.")
                                 .arg(ProxyStateText::describe(engine_)));
    }
}

void DashboardPanel::openConfigFile() {
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
