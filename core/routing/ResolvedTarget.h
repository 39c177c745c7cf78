#pragma once

#include "config/Config.h"

#include <QString>

namespace signalbox {

class ProviderAdapter;
class TargetHealth;

// A concrete place to send a call, with what applies to calls there.
struct ResolvedTarget {
    const ProviderConfig* provider = nullptr;
    const ProviderAdapter* adapter = nullptr;  // speaks to provider's kind
    QString model;                             // the provider's own model name
    TimeoutConfig timeouts;                    // target within route within server defaults
    TargetHealth* health = nullptr;            // null: the board is full, no breaker
    QString name;                              // "provider-id/model", made once

    const QString& label() const { return name; }
};

}  // namespace signalbox
