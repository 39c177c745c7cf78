#include "config/StoreYaml.h"

#include "config/ConfigLoader.h"

namespace signalbox::yaml {

namespace {
// A stored body is cut to this; below 1 KiB nothing useful is left, above 16 MiB one row
// could outgrow the database's page cache.
constexpr int kMinBodyBytes = 1024;
constexpr int kMaxBodyBytes = 16 * 1024 * 1024;
}  // namespace

StoreConfig readStore(const Entry& section) {
    const QString where = ConfigLoader::tr("section 'store'");
    StoreConfig store;
    for (const Entry& entry :
         mapEntries(section,
                    {QStringLiteral("enabled"), QStringLiteral("retention_days"),
                     QStringLiteral("log_bodies"), QStringLiteral("max_body_bytes")},
                    where)) {
        if (entry.name == QLatin1String("enabled")) {
            store.enabled = readBool(entry, where);
        } else if (entry.name == QLatin1String("retention_days")) {
            store.retentionDays = readInt(entry, where, 0, kIntMax);
        } else if (entry.name == QLatin1String("log_bodies")) {
            store.logBodies = readBool(entry, where);
        } else {
            store.maxBodyBytes = readInt(entry, where, kMinBodyBytes, kMaxBodyBytes);
        }
    }
    return store;
}

void writeStore(YAML::Emitter& out, const StoreConfig& store) {
    const StoreConfig defaults;
    if (store == defaults)
        return;
    out << YAML::Key << "store" << YAML::Value << YAML::BeginMap;
    if (store.enabled != defaults.enabled)
        out << YAML::Key << "enabled" << YAML::Value << store.enabled;
    if (store.retentionDays != defaults.retentionDays)
        out << YAML::Key << "retention_days" << YAML::Value << store.retentionDays;
    if (store.logBodies != defaults.logBodies)
        out << YAML::Key << "log_bodies" << YAML::Value << store.logBodies;
    if (store.maxBodyBytes != defaults.maxBodyBytes)
        out << YAML::Key << "max_body_bytes" << YAML::Value << store.maxBodyBytes;
    out << YAML::EndMap;
}

}  // namespace signalbox::yaml
