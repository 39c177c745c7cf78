#pragma once

#include "config/Config.h"
#include "config/YamlFields.h"

namespace signalbox::yaml {

// The `governance` section: {require_keys, admin_token, allowed_hosts, allowed_origins,
// redact, budget_output_tokens}. The admin token is a key reference like a provider's
// keys, never the token itself.
GovernanceConfig readGovernance(const Entry& section);
// A list of redaction kinds (`redact:` here and on a route).
QStringList readRedactKinds(const Entry& entry, const QString& where);
// The section back as YAML that readGovernance() reads equal; nothing when all are
// defaults.
void writeGovernance(YAML::Emitter& out, const GovernanceConfig& governance);

}  // namespace signalbox::yaml
