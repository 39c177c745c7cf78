#include "proxy/ProxyStateText.h"

namespace signalbox {

QString ProxyStateText::describe(Engine::ProxyState state, const QString& lastError) {
    switch (state) {
        case Engine::ProxyState::Stopped:
            return tr("Stopped");
        case Engine::ProxyState::Starting:
            return tr("Starting");
        case Engine::ProxyState::Running:
            // A move to a new address that could not be made.
            return lastError.isEmpty() ? tr("Running") : tr("Running, %1").arg(lastError);
        case Engine::ProxyState::Draining:
            return tr("Draining");
        case Engine::ProxyState::Failed:
            return lastError.isEmpty() ? tr("Failed") : tr("Failed: %1").arg(lastError);
    }
    return {};
}

QString ProxyStateText::describe(const Engine& engine) {
    return describe(engine.proxyState(), engine.lastError());
}

}  // namespace signalbox
