#pragma once

#include "config/Config.h"
#include "engine/ProviderKey.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <memory>
#include <vector>

namespace signalbox {

// What the hot path reads: the running config with its key references resolved.
// Immutable; a reload publishes a new one (see SnapshotSlot).
struct ProxySnapshot {
    std::shared_ptr<const Config> config;
    std::map<QString, std::vector<ProviderKey>> providerKeys;  // by provider id
    std::map<QString, QStringList> keyErrors;                  // by provider id, for messages
    bool redacts = false;     // some route masks requests: the rest never look
    QByteArray adminToken;    // governance.admin_token resolved; empty: /admin is off
    QString adminTokenError;  // why it could not be read, when it could not
};

}  // namespace signalbox
