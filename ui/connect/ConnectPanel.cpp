#include "connect/ConnectPanel.h"

#include "common/PanelHeader.h"
#include "common/SectionLabel.h"
#include "common/SnippetView.h"
#include "engine/Engine.h"

#include <QLabel>
#include <QVBoxLayout>

namespace signalbox {

ConnectPanel::ConnectPanel(Engine& engine, QWidget* parent)
    : QWidget(parent),
      engine_(engine),
      openAiSnippet_(new SnippetView(this)),
      curlSnippet_(new SnippetView(this)) {
    setObjectName(QStringLiteral("connectPanel"));
    QVBoxLayout* layout = PanelHeader::addTo(
        this, tr("Connect"),
        tr("Point your applications at the local proxy. Anthropic SDKs, Claude Code and "
           "one-click setup for more tools arrive with the Anthropic Messages API."));

    openAiSnippet_->setObjectName(QStringLiteral("connectOpenAiSnippet"));
    curlSnippet_->setObjectName(QStringLiteral("connectCurlSnippet"));

    layout->addWidget(new SectionLabel(tr("OpenAI SDKs and compatible tools"), this));
    layout->addWidget(openAiSnippet_);
    layout->addWidget(new SectionLabel(tr("curl"), this));
    layout->addWidget(curlSnippet_);
    auto* modelHint = new QLabel(
        tr("Use a route name or provider/model from your configuration as the model."), this);
    modelHint->setWordWrap(true);
    modelHint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(modelHint);
    layout->addStretch();

    connect(&engine_, &Engine::proxyStateChanged, this, &ConnectPanel::showSnippets);
    showSnippets();
}

void ConnectPanel::showSnippets() {
    const QString url = engine_.proxyUrl();
    openAiSnippet_->setText(QStringLiteral("export OPENAI_BASE_URL=%1/v1").arg(url));
    curlSnippet_->setText(
        QStringLiteral("curl %1/v1/chat/completions \\\n"
                       "  -H \"Content-Type: application/json\" \\\n"
                       "  -d '{\"model\": \"%2\", "
                       "\"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}'")
            .arg(url, exampleModel()));
}

// A model the running configuration can actually serve, so the example works as
// pasted; the design's own example when nothing is configured yet.
QString ConnectPanel::exampleModel() const {
    const auto config = engine_.config();
    if (config && !config->routes.empty()) {
        return config->routes.begin()->first;
    }
    if (config) {
        for (const auto& [id, provider] : config->providers) {
            if (!provider.models.isEmpty()) {
                return id + QLatin1Char('/') + provider.models.first();
            }
        }
    }
    return QStringLiteral("openai/gpt-5");
}

}  // namespace signalbox
