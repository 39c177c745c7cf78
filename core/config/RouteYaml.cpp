#include "config/RouteYaml.h"

#include "config/ConfigLoader.h"
#include "config/GovernanceYaml.h"

namespace signalbox::yaml {

namespace {

constexpr int kMaxRetries = 10;
constexpr int kMaxDepth = 4;  // groups within groups; deeper is a mistake
constexpr int kMaxWaitMs = 10 * 60 * 1000;

QString tr(const char* text) {
    return ConfigLoader::tr(text);
}

QStringList strategyNames() {
    QStringList names;
    for (const RouteStrategy s : kRouteStrategies)
        names.append(strategyName(s));
    return names;
}

RouteStrategy readStrategy(const Entry& entry, const QString& where) {
    const QString name = readString(entry, where);
    const std::optional<RouteStrategy> strategy = strategyFromName(name);
    if (!strategy) {
        refuse(entry.value, within(where, tr("'strategy' must be one of: %1; got %2")
                                              .arg(joined(strategyNames()), quoted(name))));
    }
    return *strategy;
}

// "provider/model", split at the first '/': model names such as "meta-llama/llama-3" carry
// their own.
RouteTarget readTargetLabel(const YAML::Node& node, const QString& label,
                            const std::map<QString, ProviderConfig>& providers,
                            const QString& where) {
    const qsizetype slash = label.indexOf(QLatin1Char('/'));
    if (slash <= 0 || slash == label.size() - 1) {
        refuse(node,
               within(where, tr("target %1 must be written provider/model").arg(quoted(label))));
    }
    RouteTarget target;
    target.provider = label.left(slash);
    target.model = label.mid(slash + 1);
    if (providers.find(target.provider) == providers.end()) {
        QStringList declared;
        for (const auto& provider : providers) {
            declared.append(provider.first);
        }
        const QString known = declared.isEmpty()
                                  ? tr("no providers are declared")
                                  : tr("declared providers: %1").arg(joined(declared));
        refuse(node, within(where, tr("target %1 names provider '%2', which is not declared "
                                      "under 'providers'; %3")
                                       .arg(quoted(label), target.provider, known)));
    }
    return target;
}

std::vector<RouteTarget> readTargets(const Entry& entry,
                                     const std::map<QString, ProviderConfig>& providers,
                                     const QString& where, int depth);

RouteTarget readTarget(const YAML::Node& item, const std::map<QString, ProviderConfig>& providers,
                       const QString& where, int depth) {
    if (item.IsScalar()) {
        return readTargetLabel(item, scalarText(item), providers, where);
    }
    if (!item.IsMap()) {
        refuse(item, within(where, tr("each target must be 'provider/model', a map with "
                                      "'target', or a group with 'strategy' and 'targets'; got %1")
                                       .arg(describe(item))));
    }
    const bool group = item["strategy"].IsDefined() || item["targets"].IsDefined();
    const QString itemWhere =
        group ? tr("a group of %1").arg(where) : tr("a target of %1").arg(where);
    const std::vector<Entry> entries =
        entriesOf(item,
                  group ? QStringList{QStringLiteral("strategy"), QStringLiteral("targets"),
                                      QStringLiteral("weight")}
                        : QStringList{QStringLiteral("target"), QStringLiteral("weight"),
                                      QStringLiteral("timeouts")},
                  itemWhere);
    RouteTarget target;
    if (group) {
        if (depth >= kMaxDepth) {
            refuse(item, within(where, tr("groups nest at most %1 deep").arg(kMaxDepth)));
        }
        const Entry* strategy = findEntry(entries, QStringLiteral("strategy"));
        const Entry* members = findEntry(entries, QStringLiteral("targets"));
        if (strategy == nullptr || members == nullptr) {
            refuse(item, within(where, tr("a group needs both 'strategy' and 'targets'")));
        }
        target.groupStrategy = readStrategy(*strategy, itemWhere);
        target.members = readTargets(*members, providers, itemWhere, depth + 1);
    } else {
        const Entry* label = findEntry(entries, QStringLiteral("target"));
        if (label == nullptr) {
            refuse(item, within(where, tr("a target written as a map needs "
                                          "'target: provider/model'")));
        }
        target = readTargetLabel(blame(*label), readString(*label, where), providers, where);
        if (const Entry* timeouts = findEntry(entries, QStringLiteral("timeouts")))
            target.timeouts = readTimeouts(*timeouts, itemWhere);
    }
    if (const Entry* weight = findEntry(entries, QStringLiteral("weight"))) {
        target.weight = readInt(*weight, where, 1, kMaxWeight);
    }
    return target;
}

std::vector<RouteTarget> readTargets(const Entry& entry,
                                     const std::map<QString, ProviderConfig>& providers,
                                     const QString& where, int depth) {
    const std::vector<YAML::Node> items = readList(entry, where, true);
    if (items.empty()) {
        refuse(blame(entry), within(where, tr("'%1' is empty; expected at least one "
                                              "provider/model")
                                               .arg(entry.name)));
    }
    std::vector<RouteTarget> targets;
    for (const YAML::Node& item : items) {
        RouteTarget target = readTarget(item, providers, where, depth);
        for (const RouteTarget& earlier : targets) {
            if (!target.isGroup() && !earlier.isGroup() && earlier.label() == target.label()) {
                refuse(item, within(where, tr("target '%1' is listed twice; use 'retries' or "
                                              "'weight' instead")
                                               .arg(target.label())));
            }
        }
        targets.push_back(std::move(target));
    }
    return targets;
}

// Status codes, and the words connect, timeout, bad_response and 5xx.
RetryTriggers readRetryOn(const Entry& entry, const QString& where) {
    RetryTriggers triggers{false, false, false, false, {}};
    for (const YAML::Node& item : readList(entry, where, true)) {
        const QString word = item.IsScalar() ? scalarText(item) : QString();
        bool isNumber = false;
        const int status = word.toInt(&isNumber);
        if (word == QLatin1String("connect")) {
            triggers.connect = true;
        } else if (word == QLatin1String("timeout")) {
            triggers.timeout = true;
        } else if (word == QLatin1String("bad_response")) {
            triggers.badResponse = true;
        } else if (word == QLatin1String("5xx")) {
            triggers.serverErrors = true;
        } else if (isNumber && status >= 400 && status <= 599) {
            if (!triggers.covers(status))
                triggers.statuses.push_back(status);
        } else {
            refuse(item, within(where, tr("each entry of 'retry_on' must be connect, timeout, "
                                          "bad_response, 5xx or an HTTP status from 400 to 599; "
                                          "got %1")
                                           .arg(describe(item))));
        }
    }
    return triggers;
}

void writeTarget(YAML::Emitter& out, const RouteTarget& target);

void writeTargets(YAML::Emitter& out, const char* key, const std::vector<RouteTarget>& targets) {
    if (targets.empty())
        return;
    out << YAML::Key << key << YAML::Value << YAML::BeginSeq;
    for (const RouteTarget& target : targets)
        writeTarget(out, target);
    out << YAML::EndSeq;
}

void writeTarget(YAML::Emitter& out, const RouteTarget& target) {
    if (!target.isGroup() && target.weight == 1 && target.timeouts.isEmpty()) {
        out << target.label();
        return;
    }
    out << YAML::BeginMap;
    if (target.isGroup()) {
        out << YAML::Key << "strategy" << YAML::Value << strategyName(*target.groupStrategy);
        writeTargets(out, "targets", target.members);
    } else {
        out << YAML::Key << "target" << YAML::Value << target.label();
    }
    if (target.weight != 1)
        out << YAML::Key << "weight" << YAML::Value << target.weight;
    writeTimeouts(out, target.timeouts);
    out << YAML::EndMap;
}

}  // namespace

TimeoutConfig readTimeouts(const Entry& entry, const QString& where) {
    const QString timeoutsWhere = tr("'timeouts' of %1").arg(where);
    TimeoutConfig timeouts;
    for (const Entry& field :
         mapEntries(entry,
                    {QStringLiteral("connect_ms"), QStringLiteral("first_byte_ms"),
                     QStringLiteral("idle_ms"), QStringLiteral("total_ms")},
                    timeoutsWhere)) {
        const int value = readInt(field, timeoutsWhere, 1, kIntMax);
        if (field.name == QLatin1String("connect_ms")) {
            timeouts.connectMs = value;
        } else if (field.name == QLatin1String("first_byte_ms")) {
            timeouts.firstByteMs = value;
        } else if (field.name == QLatin1String("idle_ms")) {
            timeouts.idleMs = value;
        } else {
            timeouts.totalMs = value;
        }
    }
    return timeouts;
}

void writeTimeouts(YAML::Emitter& out, const TimeoutConfig& timeouts) {
    if (timeouts.isEmpty())
        return;
    out << YAML::Key << "timeouts" << YAML::Value << YAML::Flow << YAML::BeginMap;
    for (const auto& [key, value] :
         {std::pair{"connect_ms", timeouts.connectMs},
          std::pair{"first_byte_ms", timeouts.firstByteMs}, std::pair{"idle_ms", timeouts.idleMs},
          std::pair{"total_ms", timeouts.totalMs}}) {
        if (value != 0)
            out << YAML::Key << key << YAML::Value << value;
    }
    out << YAML::EndMap;
}

RouteConfig readRoute(const Entry& entry, const std::map<QString, ProviderConfig>& providers) {
    const QString& name = entry.name;
    if (name.isEmpty() || name.contains(QLatin1Char('/'))) {
        refuse(entry.key, tr("route name %1 must be non-empty and hold no '/'; "
                             "'provider/model' already calls a model directly")
                              .arg(quoted(name)));
    }
    const QString where = tr("route '%1'").arg(name);
    const std::vector<Entry> entries = mapEntries(
        entry,
        {QStringLiteral("strategy"), QStringLiteral("retries"), QStringLiteral("targets"),
         QStringLiteral("retry_on"), QStringLiteral("timeouts"), QStringLiteral("backoff_ms"),
         QStringLiteral("max_backoff_ms"), QStringLiteral("max_wait_ms"),
         QStringLiteral("context_window_fallbacks"), QStringLiteral("content_policy_fallbacks"),
         QStringLiteral("redact")},
        where);

    RouteConfig route;
    route.name = name;
    route.line = lineOf(entry.key);
    const Entry* targets = findEntry(entries, QStringLiteral("targets"));
    if (targets == nullptr) {
        refuse(entry.key,
               tr("route '%1' has no 'targets'; expected a list of provider/model").arg(name));
    }
    for (const Entry& field : entries) {
        const QString& key = field.name;
        if (key == QLatin1String("strategy")) {
            route.strategy = readStrategy(field, where);
        } else if (key == QLatin1String("retries")) {
            route.retries = readInt(field, where, 0, kMaxRetries);
        } else if (key == QLatin1String("targets")) {
            route.targets = readTargets(field, providers, where, 0);
        } else if (key == QLatin1String("retry_on")) {
            route.retryOn = readRetryOn(field, where);
        } else if (key == QLatin1String("timeouts")) {
            route.timeouts = readTimeouts(field, where);
        } else if (key == QLatin1String("backoff_ms")) {
            route.backoffMs = readInt(field, where, 0, kMaxWaitMs);
        } else if (key == QLatin1String("max_backoff_ms")) {
            route.maxBackoffMs = readInt(field, where, 0, kMaxWaitMs);
        } else if (key == QLatin1String("max_wait_ms")) {
            route.maxWaitMs = readInt(field, where, 0, kMaxWaitMs);
        } else if (key == QLatin1String("context_window_fallbacks")) {
            route.contextWindowFallbacks = readTargets(field, providers, where, 1);
        } else if (key == QLatin1String("content_policy_fallbacks")) {
            route.contentPolicyFallbacks = readTargets(field, providers, where, 1);
        } else if (key == QLatin1String("redact")) {
            route.redact = readRedactKinds(field, where);
        }
    }
    return route;
}

void writeRoute(YAML::Emitter& out, const RouteConfig& route) {
    const RouteConfig defaults;
    out << YAML::BeginMap;
    out << YAML::Key << "strategy" << YAML::Value << strategyName(route.strategy);
    if (route.retries != defaults.retries)
        out << YAML::Key << "retries" << YAML::Value << route.retries;
    writeTargets(out, "targets", route.targets);
    if (!(route.retryOn == defaults.retryOn)) {
        const RetryTriggers& on = route.retryOn;
        out << YAML::Key << "retry_on" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const auto& [word, set] :
             {std::pair{"connect", on.connect}, std::pair{"timeout", on.timeout},
              std::pair{"bad_response", on.badResponse}, std::pair{"5xx", on.serverErrors}}) {
            if (set)
                out << word;
        }
        for (const int status : on.statuses)
            out << status;
        out << YAML::EndSeq;
    }
    writeTimeouts(out, route.timeouts);
    for (const auto& [key, value, fallback] :
         {std::tuple{"backoff_ms", route.backoffMs, defaults.backoffMs},
          std::tuple{"max_backoff_ms", route.maxBackoffMs, defaults.maxBackoffMs},
          std::tuple{"max_wait_ms", route.maxWaitMs, defaults.maxWaitMs}}) {
        if (value != fallback)
            out << YAML::Key << key << YAML::Value << value;
    }
    writeTargets(out, "context_window_fallbacks", route.contextWindowFallbacks);
    writeTargets(out, "content_policy_fallbacks", route.contentPolicyFallbacks);
    if (route.redact) {
        out << YAML::Key << "redact" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const QString& kind : *route.redact)
            out << kind;
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;
}

}  // namespace signalbox::yaml
