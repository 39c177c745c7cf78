#pragma once

#include "config/Config.h"
#include "config/YamlFields.h"

#include <map>

namespace signalbox::yaml {

// A route of the `routes` section, as design.md shows it, with nested groups, retry
// triggers, timeouts, backoff and the context-window and content-policy fallbacks.
RouteConfig readRoute(const Entry& entry, const std::map<QString, ProviderConfig>& providers);
// The same route back as YAML that readRoute() reads equal; defaults are left out.
void writeRoute(YAML::Emitter& out, const RouteConfig& route);

// {connect_ms, first_byte_ms, idle_ms, total_ms}, each optional.
TimeoutConfig readTimeouts(const Entry& entry, const QString& where);
void writeTimeouts(YAML::Emitter& out, const TimeoutConfig& timeouts);

}  // namespace signalbox::yaml
