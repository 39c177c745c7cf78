#pragma once

#include "config/Config.h"

#include <QString>

#include <optional>

namespace signalbox {

class ProviderAdapter;

// A concrete place to send a call.
struct ResolvedTarget {
    const ProviderConfig* provider = nullptr;
    const ProviderAdapter* adapter = nullptr;  // speaks to provider's kind
    QString model;                             // the provider's own model name
    QString route;                             // the route it came from, empty for "provider/model"

    QString label() const { return provider->id + QLatin1Char('/') + model; }
};

// Turns what a client wrote in "model" into a target: a route name first (its
// first target until fallback arrives), else "provider-id/model". A provider whose kind
// has no adapter in this build resolves to nothing.
class ModelResolver {
public:
    static std::optional<ResolvedTarget> resolve(const Config& config, const QString& model);
};

}  // namespace signalbox
