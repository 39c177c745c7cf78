#pragma once

#include "routing/RoutePlan.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <random>
#include <unordered_map>

namespace signalbox {

class HealthBoard;
class PriceTable;
class TargetHealth;
struct ProxySnapshot;

// Turns what a client wrote in "model" (a route name, else "provider-id/model") and its
// own fallback list into a RoutePlan. Strategies order each group's steps afresh per
// request: fallback as listed; weighted by random draw without replacement; fastest by
// the moving average of time to first byte, untried steps first and a random one first
// one time in ten; cheapest by list price for the request's expected tokens (the
// config's pricing overrides over `prices`, as Pricing finds them), unpriced last. Steps
// already in the plan are not repeated. One per worker thread.
class RoutePlanner {
public:
    RoutePlanner(HealthBoard& health, const PriceTable& prices, std::uint32_t seed);

    // Nullopt when a name is neither a route nor a configured "provider/model", or
    // names nothing this build can call; *unknown is that name. `body` is the client's
    // request, for the token estimate of the cheapest strategy.
    std::optional<RoutePlan> plan(const ProxySnapshot& snapshot, const QString& model,
                                  const QStringList& fallbacks, const QByteArray& body,
                                  QString* unknown);

    // The probability of a random first step under "fastest".
    static constexpr double kExploreRate = 0.1;

    // The board's records as this thread has met them: found once under the board's
    // lock, then without it.
    struct HealthCache {
        HealthBoard& board;
        std::unordered_map<QString, TargetHealth*> known;
        TargetHealth* find(const QString& label);
    };

private:
    HealthCache health_;
    const PriceTable& prices_;
    std::mt19937 random_;
};

}  // namespace signalbox
