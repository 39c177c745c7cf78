#pragma once

#include "config/Config.h"
#include "config/YamlFields.h"

namespace signalbox::yaml {

// The `telemetry` section: {otlp_endpoint, otlp_headers: {name: value}, service_name}.
// Header values are never quoted back in messages: they are often a collector's token.
TelemetryConfig readTelemetry(const Entry& section);
// The section back as YAML that readTelemetry() reads equal; nothing when all are
// defaults.
void writeTelemetry(YAML::Emitter& out, const TelemetryConfig& telemetry);

}  // namespace signalbox::yaml
