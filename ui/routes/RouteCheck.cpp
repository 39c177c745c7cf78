#include "routes/RouteCheck.h"

#include "config/ConfigLoader.h"

#include <variant>

namespace signalbox {

namespace {

constexpr int kMaxWeight = 1'000'000;

void checkSteps(const std::vector<RouteTarget>& steps, const QString& route, int index,
                const QString& field, std::vector<RouteProblem>& problems) {
    for (const RouteTarget& step : steps) {
        if (step.isGroup()) {
            if (step.members.empty()) {
                problems.push_back(
                    {index, field,
                     RouteCheck::tr("A %1 group in route '%2' has no targets. Drag targets into "
                                    "it, or remove it.")
                         .arg(strategyName(*step.groupStrategy), route)});
            }
            checkSteps(step.members, route, index, field, problems);
        } else if (step.provider.isEmpty() || step.model.isEmpty()) {
            problems.push_back({index, field,
                                RouteCheck::tr("'%1' in route '%2' must be written provider/model, "
                                               "e.g. openai/gpt-4o.")
                                    .arg(step.provider + step.model, route)});
        }
        if (step.weight < 1 || step.weight > kMaxWeight) {
            const QString what =
                step.isGroup() ? RouteCheck::tr("a %1 group").arg(strategyName(*step.groupStrategy))
                               : step.label();
            problems.push_back({index, QStringLiteral("weight"),
                                RouteCheck::tr("The weight of %1 in route '%2' is %3; give it a "
                                               "weight from 1 to %4 (its share of the calls).")
                                    .arg(what, route)
                                    .arg(step.weight)
                                    .arg(kMaxWeight)});
        }
    }
}

void checkFields(const std::vector<RouteConfig>& routes, int index,
                 std::vector<RouteProblem>& problems) {
    const RouteConfig& route = routes[size_t(index)];
    const QString& name = route.name;
    if (name.isEmpty()) {
        problems.push_back(
            {index, QStringLiteral("name"),
             RouteCheck::tr("Give the route a name: clients send it as their \"model\".")});
    } else if (name.contains(QLatin1Char('/')) || name.contains(QLatin1Char(' ')) ||
               name.trimmed() != name || name.contains(QLatin1Char('\t'))) {
        problems.push_back(
            {index, QStringLiteral("name"),
             RouteCheck::tr("The route name '%1' holds a space or '/'. Use letters, digits, '-' "
                            "or '.': clients send it as their \"model\", and provider/model "
                            "already names a model directly.")
                 .arg(name)});
    } else {
        for (int other = 0; other < index; ++other) {
            if (routes[size_t(other)].name == name) {
                problems.push_back({index, QStringLiteral("name"),
                                    RouteCheck::tr("Another route is named '%1' already. Choose "
                                                   "another name.")
                                        .arg(name)});
                break;
            }
        }
    }
    const QString shown = name.isEmpty() ? RouteCheck::tr("(no name)") : name;
    if (route.targets.empty()) {
        problems.push_back({index, QStringLiteral("targets"),
                            RouteCheck::tr("Route '%1' has no targets. Add at least one "
                                           "provider/model below.")
                                .arg(shown)});
    }
    checkSteps(route.targets, shown, index, QStringLiteral("targets"), problems);
    checkSteps(route.contextWindowFallbacks, shown, index, QStringLiteral("contextWindowFallbacks"),
               problems);
    checkSteps(route.contentPolicyFallbacks, shown, index, QStringLiteral("contentPolicyFallbacks"),
               problems);
}

// What the loader says of `config`; empty when it reads it.
QString loaderVerdict(const Config& config) {
    const auto loaded =
        ConfigLoader::loadString(ConfigLoader::toYaml(config), QStringLiteral("signalbox.yaml"));
    const auto* error = std::get_if<ConfigError>(&loaded);
    if (error == nullptr)
        return {};
    // The line is one of the text made to check, not of the user's file: left out.
    QString message = error->message;
    if (!message.isEmpty())
        message[0] = message[0].toUpper();
    return message;
}

}  // namespace

Config RouteCheck::draftConfig(const Config& base, const std::vector<RouteConfig>& routes) {
    Config config = base;
    config.routes.clear();
    for (const RouteConfig& route : routes)
        config.routes.emplace(route.name, route);
    return config;
}

std::vector<RouteProblem> RouteCheck::check(const std::vector<RouteConfig>& routes,
                                            const Config& base) {
    std::vector<RouteProblem> problems;
    std::vector<int> sound;  // routes whose fields are fine
    for (int index = 0; index < int(routes.size()); ++index) {
        const size_t before = problems.size();
        checkFields(routes, index, problems);
        if (problems.size() == before)
            sound.push_back(index);
    }
    std::vector<RouteConfig> soundRoutes;
    for (const int index : sound)
        soundRoutes.push_back(routes[size_t(index)]);
    // One reading of them all as a rule; route by route only to tell which one is refused.
    const QString verdict = loaderVerdict(draftConfig(base, soundRoutes));
    if (verdict.isEmpty())
        return problems;
    bool found = false;
    for (const int index : sound) {
        // Alone with the config's providers, so that the message is this route's.
        const QString alone = loaderVerdict(draftConfig(base, {routes[size_t(index)]}));
        if (!alone.isEmpty()) {
            problems.push_back({index, {}, alone});
            found = true;
        }
    }
    if (!found)
        problems.push_back({-1, {}, tr("The configuration would be refused: %1").arg(verdict)});
    return problems;
}

}  // namespace signalbox
