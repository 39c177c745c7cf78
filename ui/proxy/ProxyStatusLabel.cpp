#include "proxy/ProxyStatusLabel.h"

#include "engine/Engine.h"
#include "proxy/ProxyStateText.h"

namespace signalbox {

ProxyStatusLabel::ProxyStatusLabel(Engine& engine, QWidget* parent)
    : QLabel(parent), engine_(engine) {
    setObjectName(QStringLiteral("proxyStatusLabel"));
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(&engine_, &Engine::proxyStateChanged, this, &ProxyStatusLabel::showState);
    showState();
}

void ProxyStatusLabel::showState() {
    if (engine_.proxyState() == Engine::ProxyState::Running) {
        setText(tr("Proxy running at %1").arg(engine_.proxyUrl()));
    } else {
        setText(tr("Proxy: %1").arg(ProxyStateText::describe(engine_)));
    }
}

}  // namespace signalbox
