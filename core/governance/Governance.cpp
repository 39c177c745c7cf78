#include "governance/Governance.h"

#include "config/Config.h"
#include "governance/KeyDirectory.h"
#include "governance/KeyService.h"
#include "governance/ResponseCache.h"

namespace signalbox {

namespace {
qint64 cacheBytes(const Config& config) {
    return qint64(config.cache.maxMegabytes) * 1024 * 1024;
}
}  // namespace

Governance::Governance(const Clock& clock)
    : keys_(std::make_unique<KeyDirectory>(clock)),
      service_(std::make_unique<KeyService>(*keys_, clock)),
      cache_(std::make_unique<ResponseCache>(clock, cacheBytes(Config()))) {}

Governance::~Governance() = default;

void Governance::configure(const Config& config) {
    cache_->setMaxBytes(cacheBytes(config));
    if (!config.cache.enabled)
        cache_->clear();
}

}  // namespace signalbox
