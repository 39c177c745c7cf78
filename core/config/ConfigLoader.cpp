#include "config/ConfigLoader.h"

#include "config/ProviderKinds.h"

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

// The first refusal ends the load. Thrown and caught inside this file only, so that the
// readers below stay free of error plumbing; callers get a ConfigError value.
struct Refusal {
    int line = 0;
    QString message;
};

// One key and its value in a YAML map.
struct Entry {
    YAML::Node key;
    YAML::Node value;
    QString name;
};

constexpr int kMaxRetries = 10;
// Caps beyond the obvious ones: more threads or bigger weights than this are typos, and
// weights must sum without overflow.
constexpr int kMaxWorkers = 1024;
constexpr int kMaxWeight = 1'000'000;
constexpr int kMinHeaderBytes = 1024;
constexpr int kMaxHeaderBytes = 1024 * 1024;
constexpr qint64 kIntMax = std::numeric_limits<int>::max();
constexpr qint64 kInt64Max = std::numeric_limits<qint64>::max();

const QStringList& supportedSections() {
    static const QStringList names = {QStringLiteral("listen"), QStringLiteral("server"),
                                      QStringLiteral("providers"), QStringLiteral("routes"),
                                      QStringLiteral("cache")};
    return names;
}

// Sections of the design that later releases implement.
const QStringList& futureSections() {
    static const QStringList names = {QStringLiteral("store"), QStringLiteral("pricing"),
                                      QStringLiteral("telemetry"), QStringLiteral("governance")};
    return names;
}

const QStringList& strategies() {
    static const QStringList names = {QStringLiteral("fallback"), QStringLiteral("weighted"),
                                      QStringLiteral("fastest"), QStringLiteral("cheapest")};
    return names;
}

int lineOf(const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    return mark.line >= 0 ? mark.line + 1 : 0;
}

[[noreturn]] void refuse(const YAML::Node& at, const QString& message) {
    throw Refusal{lineOf(at), message};
}

// An empty value's mark sits where the next token starts, often the next line; the key's
// line is the one the user has to fix.
const YAML::Node& blame(const Entry& entry) {
    return entry.value.IsNull() ? entry.key : entry.value;
}

QString scalarText(const YAML::Node& node) {
    return QString::fromStdString(node.Scalar());
}

QString quoted(const QString& text) {
    constexpr qsizetype kMaxShown = 80;
    if (text.size() > kMaxShown) {
        return QStringLiteral("'%1…'").arg(text.left(kMaxShown));
    }
    return QStringLiteral("'%1'").arg(text);
}

// What was found instead of what was expected. `showText` is false where the text
// could be a secret pasted in place of a reference.
QString describe(const YAML::Node& node, bool showText = true) {
    switch (node.Type()) {
        case YAML::NodeType::Sequence:
            return ConfigLoader::tr("a list");
        case YAML::NodeType::Map:
            return ConfigLoader::tr("a map");
        case YAML::NodeType::Scalar:
            return showText ? quoted(scalarText(node)) : ConfigLoader::tr("a single value");
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            break;
    }
    return ConfigLoader::tr("nothing");
}

QString within(const QString& where, const QString& message) {
    return where.isEmpty() ? message : ConfigLoader::tr("%1: %2").arg(where, message);
}

QString joined(const QStringList& names) {
    return names.join(QLatin1String(", "));
}

// The keys of a map in document order. Refuses non-scalar and repeated keys (yaml-cpp
// keeps both), and, when `allowed` is not empty, keys outside it.
std::vector<Entry> entriesOf(const YAML::Node& map, const QStringList& allowed,
                             const QString& where) {
    std::vector<Entry> entries;
    for (auto it = map.begin(); it != map.end(); ++it) {
        const YAML::Node key = it->first;
        if (!key.IsScalar()) {
            refuse(key,
                   within(where,
                          ConfigLoader::tr("keys must be plain names, got %1").arg(describe(key))));
        }
        const QString name = scalarText(key);
        for (const Entry& earlier : entries) {
            if (earlier.name == name) {
                refuse(key, ConfigLoader::tr("duplicate key '%1' in %2; it was first given on "
                                             "line %3")
                                .arg(name, where, QString::number(lineOf(earlier.key))));
            }
        }
        if (!allowed.isEmpty() && !allowed.contains(name)) {
            refuse(key, ConfigLoader::tr("unknown key '%1' in %2; expected one of: %3")
                            .arg(name, where, joined(allowed)));
        }
        entries.push_back({key, it->second, name});
    }
    return entries;
}

// A section or item that must be a map; an empty one (all children commented out) is
// an empty map.
std::vector<Entry> mapEntries(const Entry& entry, const QStringList& allowed,
                              const QString& where) {
    if (entry.value.IsNull()) {
        return {};
    }
    if (!entry.value.IsMap()) {
        refuse(entry.value,
               ConfigLoader::tr("%1 must be a map, got %2").arg(where, describe(entry.value)));
    }
    return entriesOf(entry.value, allowed, where);
}

const Entry* findEntry(const std::vector<Entry>& entries, const QString& name) {
    for (const Entry& entry : entries) {
        if (entry.name == name) {
            return &entry;
        }
    }
    return nullptr;
}

QString readString(const Entry& entry, const QString& where) {
    if (!entry.value.IsScalar() || entry.value.Scalar().empty()) {
        refuse(blame(entry), within(where, ConfigLoader::tr("'%1' must be a non-empty string, "
                                                            "got %2")
                                               .arg(entry.name, describe(entry.value))));
    }
    return scalarText(entry.value);
}

bool isDecimalInteger(const QString& text) {
    qsizetype start = 0;
    if (text.startsWith(QLatin1Char('-')) || text.startsWith(QLatin1Char('+'))) {
        start = 1;
    }
    if (text.size() <= start) {
        return false;
    }
    for (qsizetype i = start; i < text.size(); ++i) {
        if (text[i] < QLatin1Char('0') || text[i] > QLatin1Char('9')) {
            return false;
        }
    }
    return true;
}

qint64 readInteger(const Entry& entry, const QString& where, qint64 min, qint64 max) {
    bool ok = false;
    qint64 value = 0;
    if (entry.value.IsScalar()) {
        const QString text = scalarText(entry.value);
        if (isDecimalInteger(text)) {
            value = text.toLongLong(&ok);
        }
    }
    if (!ok || value < min || value > max) {
        const QString found = describe(entry.value);
        // "At least" reads better where the upper bound is only the type's, unless that
        // bound is what the value broke.
        const bool openEnded = max == kInt64Max || (max == kIntMax && !(ok && value > max));
        const QString message =
            openEnded ? ConfigLoader::tr("'%1' must be an integer of at least %2, got %3")
                            .arg(entry.name, QString::number(min), found)
                      : ConfigLoader::tr("'%1' must be an integer from %2 to %3, got %4")
                            .arg(entry.name, QString::number(min), QString::number(max), found);
        refuse(blame(entry), within(where, message));
    }
    return value;
}

int readInt(const Entry& entry, const QString& where, int min, int max) {
    return static_cast<int>(readInteger(entry, where, min, max));
}

bool readBool(const Entry& entry, const QString& where) {
    if (entry.value.IsScalar()) {
        // YAML 1.2 spells booleans true/false; yes/no/on/off are YAML 1.1 and still common.
        const QString text = scalarText(entry.value).toLower();
        if (text == QLatin1String("true") || text == QLatin1String("yes") ||
            text == QLatin1String("on")) {
            return true;
        }
        if (text == QLatin1String("false") || text == QLatin1String("no") ||
            text == QLatin1String("off")) {
            return false;
        }
    }
    refuse(blame(entry), within(where, ConfigLoader::tr("'%1' must be true or false, got %2")
                                           .arg(entry.name, describe(entry.value))));
}

// Each item of the list stays with its node, for messages about single items.
std::vector<YAML::Node> readList(const Entry& entry, const QString& where, bool showText) {
    std::vector<YAML::Node> items;
    if (entry.value.IsNull()) {
        return items;
    }
    if (!entry.value.IsSequence()) {
        refuse(entry.value, within(where, ConfigLoader::tr("'%1' must be a list, got %2")
                                              .arg(entry.name, describe(entry.value, showText))));
    }
    for (const YAML::Node& item : entry.value) {
        items.push_back(item);
    }
    return items;
}

QStringList readStringList(const Entry& entry, const QString& where) {
    QStringList result;
    for (const YAML::Node& item : readList(entry, where, true)) {
        if (!item.IsScalar() || item.Scalar().empty()) {
            refuse(item, within(where, ConfigLoader::tr("each entry of '%1' must be a non-empty "
                                                        "string, got %2")
                                           .arg(entry.name, describe(item))));
        }
        result.append(scalarText(item));
    }
    return result;
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

// Key references only; a refused entry is never quoted back, since it may be a key pasted
// where its reference belongs.
QStringList readKeyRefs(const Entry& entry, const QString& where) {
    const QString expected = QStringLiteral("env:NAME, keychain:NAME, file:PATH");
    QStringList result;
    for (const YAML::Node& item : readList(entry, where, false)) {
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
        result.append(ref);
    }
    return result;
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
        provider.keyRefs = readKeyRefs(*keys, where);
    }
    if (const Entry* models = findEntry(entries, QStringLiteral("models"))) {
        provider.models = readStringList(*models, where);
    }
    return provider;
}

// "provider/model", split at the first '/': model names such as "meta-llama/llama-3" carry
// their own.
RouteTarget readTargetLabel(const YAML::Node& node, const QString& label,
                            const std::map<QString, ProviderConfig>& providers,
                            const QString& where) {
    const qsizetype slash = label.indexOf(QLatin1Char('/'));
    if (slash <= 0 || slash == label.size() - 1) {
        refuse(node, within(where, ConfigLoader::tr("target %1 must be written provider/model")
                                       .arg(quoted(label))));
    }
    RouteTarget target;
    target.provider = label.left(slash);
    target.model = label.mid(slash + 1);
    if (providers.find(target.provider) == providers.end()) {
        QStringList declared;
        for (const auto& provider : providers) {
            declared.append(provider.first);
        }
        const QString known =
            declared.isEmpty() ? ConfigLoader::tr("no providers are declared")
                               : ConfigLoader::tr("declared providers: %1").arg(joined(declared));
        refuse(node, within(where, ConfigLoader::tr("target %1 names provider '%2', which is not "
                                                    "declared under 'providers'; %3")
                                       .arg(quoted(label), target.provider, known)));
    }
    return target;
}

RouteTarget readTarget(const YAML::Node& item, const std::map<QString, ProviderConfig>& providers,
                       const QString& where) {
    if (item.IsScalar()) {
        return readTargetLabel(item, scalarText(item), providers, where);
    }
    if (!item.IsMap()) {
        refuse(item, within(where, ConfigLoader::tr("each target must be 'provider/model' or a map "
                                                    "with 'target' and 'weight', got %1")
                                       .arg(describe(item))));
    }
    const QString itemWhere = ConfigLoader::tr("a target of %1").arg(where);
    const std::vector<Entry> entries =
        entriesOf(item, {QStringLiteral("target"), QStringLiteral("weight")}, itemWhere);
    const Entry* labelEntry = findEntry(entries, QStringLiteral("target"));
    if (labelEntry == nullptr) {
        refuse(item, within(where, ConfigLoader::tr("a target written as a map needs "
                                                    "'target: provider/model'")));
    }
    RouteTarget target =
        readTargetLabel(blame(*labelEntry), readString(*labelEntry, where), providers, where);
    if (const Entry* weight = findEntry(entries, QStringLiteral("weight"))) {
        target.weight = readInt(*weight, where, 1, kMaxWeight);
    }
    return target;
}

RouteConfig readRoute(const Entry& entry, const std::map<QString, ProviderConfig>& providers) {
    const QString& name = entry.name;
    if (name.isEmpty() || name.contains(QLatin1Char('/'))) {
        refuse(entry.key, ConfigLoader::tr("route name %1 must be non-empty and hold no '/'; "
                                           "'provider/model' already calls a model directly")
                              .arg(quoted(name)));
    }
    const QString where = ConfigLoader::tr("route '%1'").arg(name);
    const std::vector<Entry> entries = mapEntries(
        entry, {QStringLiteral("strategy"), QStringLiteral("retries"), QStringLiteral("targets")},
        where);

    RouteConfig route;
    route.name = name;
    route.line = lineOf(entry.key);
    if (const Entry* strategy = findEntry(entries, QStringLiteral("strategy"))) {
        route.strategy = readString(*strategy, where);
        if (!strategies().contains(route.strategy)) {
            refuse(strategy->value,
                   within(where, ConfigLoader::tr("'strategy' must be one of: "
                                                  "%1; got %2")
                                     .arg(joined(strategies()), quoted(route.strategy))));
        }
    }
    if (const Entry* retries = findEntry(entries, QStringLiteral("retries"))) {
        route.retries = readInt(*retries, where, 0, kMaxRetries);
    }

    const Entry* targets = findEntry(entries, QStringLiteral("targets"));
    if (targets == nullptr) {
        refuse(entry.key, ConfigLoader::tr("route '%1' has no 'targets'; expected a list of "
                                           "provider/model")
                              .arg(name));
    }
    const std::vector<YAML::Node> items = readList(*targets, where, true);
    if (items.empty()) {
        refuse(blame(*targets), within(where, ConfigLoader::tr("'targets' is empty; expected at "
                                                               "least one provider/model")));
    }
    for (const YAML::Node& item : items) {
        RouteTarget target = readTarget(item, providers, where);
        for (const RouteTarget& earlier : route.targets) {
            if (earlier.label() == target.label()) {
                refuse(item, within(where, ConfigLoader::tr("target '%1' is listed twice; use "
                                                            "'retries' or 'weight' instead")
                                               .arg(target.label())));
            }
        }
        route.targets.push_back(target);
    }
    return route;
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
    const std::vector<Entry> entries =
        mapEntries(section, {QStringLiteral("enabled"), QStringLiteral("ttl_s")}, where);
    CacheConfig cache;
    for (const Entry& entry : entries) {
        if (entry.name == QLatin1String("enabled")) {
            cache.enabled = readBool(entry, where);
        } else if (entry.name == QLatin1String("ttl_s")) {
            cache.ttlSeconds = readInt(entry, where, 1, kIntMax);
        }
    }
    return cache;
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
        if (futureSections().contains(section.name)) {
            refuse(section.key, ConfigLoader::tr("section '%1' is not supported by this version "
                                                 "of Signalbox (%2) yet; remove it")
                                    .arg(section.name, QLatin1String(SIGNALBOX_VERSION)));
        }
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
    return config;
}

// True for text that YAML 1.1 or 1.2 readers would take for a number, boolean or null.
// This loader reads it back as text either way; other tools reading the file would not.
bool looksTyped(const QString& text) {
    static const QRegularExpression typed(
        QStringLiteral("^(?:[-+]?(?:\\.[0-9]+|[0-9][0-9_]*(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
                       "|0[xX][0-9a-fA-F_]+|0o[0-7]+|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)"
                       "|[yY]|[nN]|(?i:yes|no|on|off|true|false|null)|~)$"));
    return typed.match(text).hasMatch();
}

YAML::Emitter& operator<<(YAML::Emitter& out, const QString& text) {
    if (looksTyped(text)) {
        out << YAML::DoubleQuoted;
    }
    return out << text.toStdString();
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
            for (const auto& [key, list] :
                 {std::pair{"keys", &provider.keyRefs}, std::pair{"models", &provider.models}}) {
                if (!list->isEmpty()) {
                    out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
                    for (const QString& item : *list) {
                        out << item;
                    }
                    out << YAML::EndSeq;
                }
            }
            out << YAML::EndMap;
        }
        out << YAML::EndMap;
    }

    if (!config.routes.empty()) {
        out << YAML::Key << "routes" << YAML::Value << YAML::BeginMap;
        for (const auto& [name, route] : config.routes) {
            out << YAML::Key << name << YAML::Value << YAML::BeginMap;
            out << YAML::Key << "strategy" << YAML::Value << route.strategy;
            if (route.retries != 0) {
                out << YAML::Key << "retries" << YAML::Value << route.retries;
            }
            out << YAML::Key << "targets" << YAML::Value << YAML::BeginSeq;
            for (const RouteTarget& target : route.targets) {
                if (target.weight == 1) {
                    out << target.label();
                } else {
                    out << YAML::BeginMap;
                    out << YAML::Key << "target" << YAML::Value << target.label();
                    out << YAML::Key << "weight" << YAML::Value << target.weight;
                    out << YAML::EndMap;
                }
            }
            out << YAML::EndSeq << YAML::EndMap;
        }
        out << YAML::EndMap;
    }

    if (!(config.cache == CacheConfig())) {
        out << YAML::Key << "cache" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "enabled" << YAML::Value << config.cache.enabled;
        out << YAML::Key << "ttl_s" << YAML::Value << config.cache.ttlSeconds;
        out << YAML::EndMap;
    }
    out << YAML::EndMap;

    QByteArray result(out.c_str(), static_cast<qsizetype>(out.size()));
    result.append('\n');
    return result;
}

}  // namespace signalbox
