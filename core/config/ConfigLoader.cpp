#include "config/ConfigLoader.h"

#include "config/GovernanceYaml.h"
#include "config/PricingYaml.h"
#include "config/ProviderKinds.h"
#include "config/RouteYaml.h"
#include "config/StoreYaml.h"
#include "config/TelemetryYaml.h"
#include "config/YamlFields.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

#include <yaml-cpp/yaml.h>

#include <limits>
#include <string>
#include <vector>

namespace signalbox {

namespace {
using namespace yaml;

// More threads than this are a typo.
constexpr int kMaxWorkers = 1024;
constexpr int kMinHeaderBytes = 1024;
constexpr int kMaxHeaderBytes = 1024 * 1024;

const QStringList& supportedSections() {
    static const QStringList names = {QStringLiteral("listen"),    QStringLiteral("server"),
                                      QStringLiteral("providers"), QStringLiteral("routes"),
                                      QStringLiteral("cache"),     QStringLiteral("breaker"),
                                      QStringLiteral("store"),     QStringLiteral("pricing"),
                                      QStringLiteral("telemetry"), QStringLiteral("governance")};
    return names;
}

bool isEnvName(const QString& name) {
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name[i];
        const bool letter = (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                            (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                            c == QLatin1Char('_');
        const bool digit = c >= QLatin1Char('0') && c <= QLatin1Char('9');
        if (!letter && !(digit && i > 0)) {
            return false;
        }
    }
    return !name.isEmpty();
}

bool isSchemeLike(const QString& text) {
    if (text.isEmpty() || text.size() > 16) {
        return false;
    }
    for (const QChar c : text) {
        if (c < QLatin1Char('a') || c > QLatin1Char('z')) {
            return false;
        }
    }
    return true;
}

// Key references only, each alone or as {ref: REF, weight: N}; a refused entry is never
// quoted back, since it may be a key pasted where its reference belongs.
void readKeyRefs(const Entry& entry, const QString& where, ProviderConfig& provider) {
    const QString expected = QStringLiteral("env:NAME, keychain:NAME, file:PATH");
    for (YAML::Node item : readList(entry, where, false)) {
        int weight = 1;
        if (item.IsMap()) {
            const QString itemWhere = ConfigLoader::tr("a key of %1").arg(where);
            const std::vector<Entry> fields =
                entriesOf(item, {QStringLiteral("ref"), QStringLiteral("weight")}, itemWhere);
            const Entry* ref = findEntry(fields, QStringLiteral("ref"));
            if (ref == nullptr) {
                refuse(item, within(where, ConfigLoader::tr("a key written as a map needs "
                                                            "'ref: %1'")
                                               .arg(expected)));
            }
            if (const Entry* w = findEntry(fields, QStringLiteral("weight")))
                weight = readInt(*w, itemWhere, 1, kMaxWeight);
            item = ref->value;
        }
        if (!item.IsScalar()) {
            refuse(item, within(where, ConfigLoader::tr("each entry of 'keys' must be one of "
                                                        "%1, got %2")
                                           .arg(expected, describe(item))));
        }
        const QString ref = scalarText(item);
        const qsizetype colon = ref.indexOf(QLatin1Char(':'));
        const QString scheme = colon < 0 ? QString() : ref.left(colon);
        const QString name = colon < 0 ? QString() : ref.mid(colon + 1);
        const bool known = scheme == QLatin1String("env") || scheme == QLatin1String("keychain") ||
                           scheme == QLatin1String("file");
        if (!known) {
            const QString message =
                isSchemeLike(scheme)
                    ? ConfigLoader::tr("unknown key source '%1:'; expected one of %2")
                          .arg(scheme, expected)
                    : ConfigLoader::tr(
                          "each entry of 'keys' must be a reference, one of %1; "
                          "got something else (a key itself does not belong in "
                          "the config)")
                          .arg(expected);
            refuse(item, within(where, message));
        }
        if (name.isEmpty()) {
            refuse(item, within(where, ConfigLoader::tr("key reference '%1:' needs a name after "
                                                        "the colon")
                                           .arg(scheme)));
        }
        if (scheme == QLatin1String("env") && !isEnvName(name)) {
            refuse(item, within(where, ConfigLoader::tr("the name after 'env:' must be an "
                                                        "environment variable name (letters, "
                                                        "digits and '_', not starting with a "
                                                        "digit)")));
        }
        if (provider.keyRefs.contains(ref)) {
            refuse(item, within(where, ConfigLoader::tr("key '%1' is listed twice; give it a "
                                                        "'weight' instead")
                                           .arg(ref)));
        }
        provider.keyRefs.append(ref);
        provider.keyWeights.append(weight);
    }
}

bool isProviderId(const QString& id) {
    if (id.isEmpty()) {
        return false;
    }
    for (const QChar c : id) {
        const bool ok = (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                        (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                        (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_') ||
                        c == QLatin1Char('.') || c == QLatin1Char('-');
        if (!ok) {
            return false;
        }
    }
    return true;
}

QString readBaseUrl(const Entry& entry, const QString& where) {
    QString text = readString(entry, where);
    // Checked before anything quotes the URL back: user info would be a password.
    const qsizetype authorityStart = text.indexOf(QLatin1String("://"));
    if (authorityStart >= 0) {
        QString authority = text.mid(authorityStart + 3);
        const qsizetype authorityEnd =
            authority.indexOf(QRegularExpression(QStringLiteral("[/?#]")));
        if (authorityEnd >= 0) {
            authority.truncate(authorityEnd);
        }
        if (authority.contains(QLatin1Char('@'))) {
            refuse(entry.value,
                   within(where, ConfigLoader::tr("'base_url' must not hold a user name or "
                                                  "password; put key references under 'keys'")));
        }
    }
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty()) {
        refuse(entry.value, within(where, ConfigLoader::tr("'base_url' must be an http:// or "
                                                           "https:// URL, got %1")
                                              .arg(quoted(text))));
    }
    if (url.hasQuery() || url.hasFragment()) {
        refuse(entry.value, within(where, ConfigLoader::tr("'base_url' must not hold a query "
                                                           "or fragment ('?' or '#'), got %1")
                                              .arg(quoted(text))));
    }
    while (text.endsWith(QLatin1Char('/'))) {
        text.chop(1);
    }
    return text;
}

ProviderConfig readProvider(const Entry& entry) {
    const QString& id = entry.name;
    if (!isProviderId(id)) {
        refuse(entry.key, ConfigLoader::tr("provider id %1 may hold only letters, digits, '_', "
                                           "'.' and '-'")
                              .arg(quoted(id)));
    }
    const QString where = ConfigLoader::tr("provider '%1'").arg(id);
    const std::vector<Entry> entries =
        mapEntries(entry,
                   {QStringLiteral("kind"), QStringLiteral("base_url"), QStringLiteral("keys"),
                    QStringLiteral("models"), QStringLiteral("api_version")},
                   where);

    ProviderConfig provider;
    provider.id = id;
    provider.line = lineOf(entry.key);

    const Entry* kindEntry = findEntry(entries, QStringLiteral("kind"));
    if (kindEntry == nullptr) {
        refuse(entry.key, ConfigLoader::tr("provider '%1' has no 'kind'; expected one of: %2")
                              .arg(id, joined(ProviderKinds::names())));
    }
    provider.kind = readString(*kindEntry, where);
    const ProviderKindInfo* kind = ProviderKinds::find(provider.kind);
    if (kind == nullptr) {
        refuse(kindEntry->value, ConfigLoader::tr("unknown kind '%1' in provider '%2'; expected "
                                                  "one of: %3")
                                     .arg(provider.kind, id, joined(ProviderKinds::names())));
    }

    if (const Entry* urlEntry = findEntry(entries, QStringLiteral("base_url"))) {
        if (!kind->needsBaseUrl) {
            refuse(urlEntry->key,
                   within(where,
                          ConfigLoader::tr("kind '%1' takes no 'base_url'").arg(provider.kind)));
        }
        provider.baseUrl = readBaseUrl(*urlEntry, where);
    } else {
        provider.baseUrl = kind->defaultBaseUrl;
        if (provider.baseUrl.isEmpty() && kind->needsBaseUrl) {
            refuse(entry.key, ConfigLoader::tr("provider '%1' of kind '%2' needs a 'base_url'")
                                  .arg(id, provider.kind));
        }
    }
    if (const Entry* version = findEntry(entries, QStringLiteral("api_version"))) {
        if (kind->defaultApiVersion.isEmpty()) {
            refuse(version->key,
                   within(where,
                          ConfigLoader::tr("kind '%1' takes no 'api_version'").arg(provider.kind)));
        }
        provider.apiVersion = readString(*version, where);
        if (provider.apiVersion.isEmpty()) {
            refuse(version->value, within(where, ConfigLoader::tr("'api_version' must not be "
                                                                  "empty")));
        }
    } else {
        provider.apiVersion = kind->defaultApiVersion;
    }
    if (const Entry* keys = findEntry(entries, QStringLiteral("keys"))) {
        readKeyRefs(*keys, where, provider);
    }
    if (const Entry* models = findEntry(entries, QStringLiteral("models"))) {
        provider.models = readStringList(*models, where);
    }
    return provider;
}

ServerConfig readServer(const Entry& section) {
    const QString where = ConfigLoader::tr("section 'server'");
    const std::vector<Entry> entries =
        mapEntries(section,
                   {QStringLiteral("workers"), QStringLiteral("max_body_bytes"),
                    QStringLiteral("max_header_bytes"), QStringLiteral("header_timeout_ms"),
                    QStringLiteral("idle_timeout_ms"), QStringLiteral("drain_timeout_ms"),
                    QStringLiteral("upstream_connect_timeout_ms"),
                    QStringLiteral("upstream_stall_timeout_ms")},
                   where);
    ServerConfig server;
    for (const Entry& entry : entries) {
        if (entry.name == QLatin1String("workers")) {
            server.workers = readInt(entry, where, 0, kMaxWorkers);
        } else if (entry.name == QLatin1String("max_body_bytes")) {
            server.maxBodyBytes = readInteger(entry, where, 1, kInt64Max);
        } else if (entry.name == QLatin1String("max_header_bytes")) {
            server.maxHeaderBytes = readInt(entry, where, kMinHeaderBytes, kMaxHeaderBytes);
        } else if (entry.name == QLatin1String("header_timeout_ms")) {
            server.headerTimeoutMs = readInt(entry, where, 1, kIntMax);
        } else if (entry.name == QLatin1String("idle_timeout_ms")) {
            server.idleTimeoutMs = readInt(entry, where, 1, kIntMax);
        } else if (entry.name == QLatin1String("drain_timeout_ms")) {
            server.drainTimeoutMs = readInt(entry, where, 1, kIntMax);
        } else if (entry.name == QLatin1String("upstream_connect_timeout_ms")) {
            server.upstreamConnectTimeoutMs = readInt(entry, where, 1, kIntMax);
        } else if (entry.name == QLatin1String("upstream_stall_timeout_ms")) {
            server.upstreamStallTimeoutMs = readInt(entry, where, 1, kIntMax);
        }
    }
    return server;
}

CacheConfig readCache(const Entry& section) {
    const QString where = ConfigLoader::tr("section 'cache'");
    const std::vector<Entry> entries = mapEntries(
        section, {QStringLiteral("enabled"), QStringLiteral("ttl_s"), QStringLiteral("max_mb")},
        where);
    CacheConfig cache;
    for (const Entry& entry : entries) {
        if (entry.name == QLatin1String("enabled")) {
            cache.enabled = readBool(entry, where);
        } else if (entry.name == QLatin1String("ttl_s")) {
            cache.ttlSeconds = readInt(entry, where, 1, kIntMax);
        } else {
            cache.maxMegabytes = readInt(entry, where, 1, 1024 * 1024);
        }
    }
    return cache;
}

BreakerConfig readBreaker(const Entry& section) {
    const QString where = ConfigLoader::tr("section 'breaker'");
    const std::vector<Entry> entries = mapEntries(
        section,
        {QStringLiteral("failures"), QStringLiteral("window_ms"), QStringLiteral("cooldown_ms")},
        where);
    BreakerConfig breaker;
    for (const Entry& entry : entries) {
        if (entry.name == QLatin1String("failures")) {
            breaker.failures = readInt(entry, where, 1, 1'000'000);
        } else if (entry.name == QLatin1String("window_ms")) {
            breaker.windowMs = readInt(entry, where, 1, kIntMax);
        } else {
            breaker.cooldownMs = readInt(entry, where, 1, kIntMax);
        }
    }
    return breaker;
}

ListenAddress readListen(const Entry& entry) {
    const std::optional<ListenAddress> address =
        entry.value.IsScalar() ? parseListenAddress(scalarText(entry.value)) : std::nullopt;
    if (!address) {
        refuse(blame(entry), ConfigLoader::tr("'listen' must be HOST:PORT with an IP address or "
                                              "localhost and a port from 0 to 65535 (IPv6 in "
                                              "brackets: [::1]:4747), got %1")
                                 .arg(describe(entry.value)));
    }
    return *address;
}

Config readConfig(const YAML::Node& root) {
    Config config;
    if (root.IsNull()) {
        return config;  // an empty file: every default
    }
    if (!root.IsMap()) {
        refuse(root, ConfigLoader::tr("the config must be a map of sections (%1), got %2")
                         .arg(joined(supportedSections()), describe(root)));
    }
    const QString where = ConfigLoader::tr("the config");
    const std::vector<Entry> sections = entriesOf(root, {}, where);
    for (const Entry& section : sections) {
        if (!supportedSections().contains(section.name)) {
            refuse(section.key, ConfigLoader::tr("unknown key '%1' in %2; expected one of: %3")
                                    .arg(section.name, where, joined(supportedSections())));
        }
    }

    // Providers first, whatever the order in the file: routes refer to them.
    if (const Entry* providers = findEntry(sections, QStringLiteral("providers"))) {
        const QString providersWhere = ConfigLoader::tr("section 'providers'");
        for (const Entry& entry : mapEntries(*providers, {}, providersWhere)) {
            config.providers[entry.name] = readProvider(entry);
        }
    }
    if (const Entry* listen = findEntry(sections, QStringLiteral("listen"))) {
        config.listen = readListen(*listen);
    }
    if (const Entry* server = findEntry(sections, QStringLiteral("server"))) {
        config.server = readServer(*server);
    }
    if (const Entry* routes = findEntry(sections, QStringLiteral("routes"))) {
        const QString routesWhere = ConfigLoader::tr("section 'routes'");
        for (const Entry& entry : mapEntries(*routes, {}, routesWhere)) {
            config.routes[entry.name] = readRoute(entry, config.providers);
        }
    }
    if (const Entry* cache = findEntry(sections, QStringLiteral("cache"))) {
        config.cache = readCache(*cache);
    }
    if (const Entry* breaker = findEntry(sections, QStringLiteral("breaker"))) {
        config.breaker = readBreaker(*breaker);
    }
    if (const Entry* store = findEntry(sections, QStringLiteral("store"))) {
        config.store = readStore(*store);
    }
    if (const Entry* telemetry = findEntry(sections, QStringLiteral("telemetry"))) {
        config.telemetry = readTelemetry(*telemetry);
    }
    if (const Entry* governance = findEntry(sections, QStringLiteral("governance"))) {
        config.governance = readGovernance(*governance);
    }
    if (config.governance.requireKeys == false && !config.listen.isLoopback()) {
        const Entry* listen = findEntry(sections, QStringLiteral("listen"));
        refuse(listen->key,
               ConfigLoader::tr("listening on %1 with governance.require_keys: false would let "
                                "anyone who can reach it spend your provider keys; listen on "
                                "127.0.0.1, or require virtual keys")
                   .arg(config.listen.toString()));
    }
    if (const Entry* pricing = findEntry(sections, QStringLiteral("pricing"))) {
        config.pricing = readPricing(*pricing, config.providers);
    }
    return config;
}

}  // namespace

std::variant<Config, ConfigError> ConfigLoader::loadFile(const QString& path) {
    const QFileInfo info(path);
    if (info.isDir()) {
        return ConfigError{path, 0, tr("cannot read the config: it is a directory")};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return ConfigError{path, 0, tr("cannot read the config: %1").arg(file.errorString())};
    }
    const QByteArray contents = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        return ConfigError{path, 0, tr("cannot read the config: %1").arg(file.errorString())};
    }
    auto result = loadString(contents, path);
    if (auto* config = std::get_if<Config>(&result)) {
        config->sourcePath = info.absoluteFilePath();
    }
    return result;
}

std::variant<Config, ConfigError> ConfigLoader::loadString(const QByteArray& yaml,
                                                           const QString& sourceName) {
    try {
        const std::vector<YAML::Node> documents =
            YAML::LoadAll(std::string(yaml.constData(), static_cast<size_t>(yaml.size())));
        if (documents.size() > 1) {
            refuse(documents[1], tr("the file holds more than one YAML document; expected one"));
        }
        return readConfig(documents.empty() ? YAML::Node() : documents.front());
    } catch (const Refusal& refusal) {
        return ConfigError{sourceName, refusal.line, refusal.message};
    } catch (const YAML::Exception& e) {
        const int line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
        return ConfigError{sourceName, line,
                           tr("YAML syntax error: %1").arg(QString::fromStdString(e.msg))};
    }
}

QByteArray ConfigLoader::toYaml(const Config& config) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "listen" << YAML::Value << config.listen.toString();

    const ServerConfig defaults;
    const ServerConfig& server = config.server;
    if (!(server == defaults)) {
        out << YAML::Key << "server" << YAML::Value << YAML::BeginMap;
        const auto put = [&out](const char* key, qint64 value, qint64 fallback) {
            if (value != fallback) {
                out << YAML::Key << key << YAML::Value << static_cast<long long>(value);
            }
        };
        put("workers", server.workers, defaults.workers);
        put("max_body_bytes", server.maxBodyBytes, defaults.maxBodyBytes);
        put("max_header_bytes", server.maxHeaderBytes, defaults.maxHeaderBytes);
        put("header_timeout_ms", server.headerTimeoutMs, defaults.headerTimeoutMs);
        put("idle_timeout_ms", server.idleTimeoutMs, defaults.idleTimeoutMs);
        put("drain_timeout_ms", server.drainTimeoutMs, defaults.drainTimeoutMs);
        put("upstream_connect_timeout_ms", server.upstreamConnectTimeoutMs,
            defaults.upstreamConnectTimeoutMs);
        put("upstream_stall_timeout_ms", server.upstreamStallTimeoutMs,
            defaults.upstreamStallTimeoutMs);
        out << YAML::EndMap;
    }

    if (!config.providers.empty()) {
        out << YAML::Key << "providers" << YAML::Value << YAML::BeginMap;
        for (const auto& [id, provider] : config.providers) {
            out << YAML::Key << id << YAML::Value << YAML::BeginMap;
            out << YAML::Key << "kind" << YAML::Value << provider.kind;
            const ProviderKindInfo* kind = ProviderKinds::find(provider.kind);
            if (!provider.baseUrl.isEmpty() &&
                (kind == nullptr || kind->defaultBaseUrl != provider.baseUrl)) {
                out << YAML::Key << "base_url" << YAML::Value << provider.baseUrl;
            }
            if (kind != nullptr && provider.apiVersion != kind->defaultApiVersion) {
                out << YAML::Key << "api_version" << YAML::Value << provider.apiVersion;
            }
            if (!provider.keyRefs.isEmpty()) {
                out << YAML::Key << "keys" << YAML::Value << YAML::Flow << YAML::BeginSeq;
                for (qsizetype i = 0; i < provider.keyRefs.size(); ++i) {
                    const int weight = provider.keyWeights.value(i, 1);
                    if (weight == 1) {
                        out << provider.keyRefs[i];
                    } else {
                        out << YAML::BeginMap << YAML::Key << "ref" << YAML::Value
                            << provider.keyRefs[i] << YAML::Key << "weight" << YAML::Value << weight
                            << YAML::EndMap;
                    }
                }
                out << YAML::EndSeq;
            }
            if (!provider.models.isEmpty()) {
                out << YAML::Key << "models" << YAML::Value << YAML::Flow << YAML::BeginSeq;
                for (const QString& model : provider.models) {
                    out << model;
                }
                out << YAML::EndSeq;
            }
            out << YAML::EndMap;
        }
        out << YAML::EndMap;
    }

    writePricing(out, config.pricing);

    if (!config.routes.empty()) {
        out << YAML::Key << "routes" << YAML::Value << YAML::BeginMap;
        for (const auto& [name, route] : config.routes) {
            out << YAML::Key << name << YAML::Value;
            writeRoute(out, route);
        }
        out << YAML::EndMap;
    }

    if (!(config.cache == CacheConfig())) {
        out << YAML::Key << "cache" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "enabled" << YAML::Value << config.cache.enabled;
        out << YAML::Key << "ttl_s" << YAML::Value << config.cache.ttlSeconds;
        if (config.cache.maxMegabytes != CacheConfig().maxMegabytes)
            out << YAML::Key << "max_mb" << YAML::Value << config.cache.maxMegabytes;
        out << YAML::EndMap;
    }
    if (!(config.breaker == BreakerConfig())) {
        out << YAML::Key << "breaker" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "failures" << YAML::Value << config.breaker.failures;
        out << YAML::Key << "window_ms" << YAML::Value << config.breaker.windowMs;
        out << YAML::Key << "cooldown_ms" << YAML::Value << config.breaker.cooldownMs;
        out << YAML::EndMap;
    }
    writeStore(out, config.store);
    writeTelemetry(out, config.telemetry);
    writeGovernance(out, config.governance);
    out << YAML::EndMap;

    QByteArray result(out.c_str(), static_cast<qsizetype>(out.size()));
    result.append('\n');
    return result;
}

}  // namespace signalbox
