#include "routing/ModelResolver.h"

#include "providers/ProviderRegistry.h"

namespace signalbox {

namespace {
std::optional<ResolvedTarget> target(const ProviderConfig& provider, const QString& model,
                                     const QString& route) {
    const ProviderAdapter* adapter = ProviderRegistry::find(provider.kind);
    if (adapter == nullptr)
        return std::nullopt;
    return ResolvedTarget{&provider, adapter, model, route};
}
}  // namespace

std::optional<ResolvedTarget> ModelResolver::resolve(const Config& config, const QString& model) {
    if (const auto route = config.routes.find(model); route != config.routes.end()) {
        if (route->second.targets.empty()) {
            return std::nullopt;
        }
        const RouteTarget& first = route->second.targets.front();
        const auto provider = config.providers.find(first.provider);
        if (provider == config.providers.end()) {
            return std::nullopt;
        }
        return target(provider->second, first.model, route->first);
    }
    const qsizetype slash = model.indexOf(QLatin1Char('/'));
    if (slash <= 0 || slash == model.size() - 1) {
        return std::nullopt;
    }
    const auto provider = config.providers.find(model.left(slash));
    if (provider == config.providers.end()) {
        return std::nullopt;
    }
    return target(provider->second, model.mid(slash + 1), {});
}

}  // namespace signalbox
