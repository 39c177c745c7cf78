#pragma once

#include "config/Config.h"
#include "config/YamlFields.h"

namespace signalbox::yaml {

// The `store` section: {enabled, retention_days, log_bodies, max_body_bytes}.
StoreConfig readStore(const Entry& section);
// The section back as YAML that readStore() reads equal; nothing when all are defaults.
void writeStore(YAML::Emitter& out, const StoreConfig& store);

}  // namespace signalbox::yaml
