#pragma once

#include "config/Config.h"
#include "config/YamlFields.h"

#include <map>

namespace signalbox::yaml {

// The `pricing` section: {"provider-id/model": {input, output, cached_input?,
// cache_write?}} in USD per million tokens. The provider must be declared under
// `providers`, so a typo cannot price nothing.
std::map<QString, ModelPrice> readPricing(const Entry& section,
                                          const std::map<QString, ProviderConfig>& providers);
// The section back as YAML that readPricing() reads equal; nothing when it is empty.
void writePricing(YAML::Emitter& out, const std::map<QString, ModelPrice>& pricing);

}  // namespace signalbox::yaml
