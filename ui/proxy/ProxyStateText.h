#pragma once

#include "engine/Engine.h"

#include <QCoreApplication>
#include <QString>

namespace signalbox {

// The proxy's state in words, shared by the Proxy panel and the status bar.
class ProxyStateText {
    Q_DECLARE_TR_FUNCTIONS(signalbox::ProxyStateText)
public:
    static QString describe(Engine::ProxyState state, const QString& lastError);
    static QString describe(const Engine& engine);
};

}  // namespace signalbox
