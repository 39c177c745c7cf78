#pragma once

#include "config/Config.h"

#include <QCoreApplication>
#include <QString>

#include <vector>

namespace signalbox {

// Something that keeps the draft from being saved, in words that say what to do.
struct RouteProblem {
    int route = -1;  // index in the draft; -1 for the routes as a whole
    QString field;   // the editor field it concerns ("name", "targets", ...); empty: none
    QString message;
};

// Checks the draft as the user types: first what a field can say at once (a name missing,
// taken or holding '/', a route without targets, a weight under 1), then the routes as the
// config loader reads them with the config's providers, as signalboxd would. Fast enough
// for every keystroke: one loader run, and one a route only when that run refuses.
class RouteCheck {
    Q_DECLARE_TR_FUNCTIONS(RouteCheck)
public:
    static std::vector<RouteProblem> check(const std::vector<RouteConfig>& routes,
                                           const Config& base);
    // `base` with its routes replaced by `routes` (the first of a name wins).
    static Config draftConfig(const Config& base, const std::vector<RouteConfig>& routes);
};

}  // namespace signalbox
