#include "routing/RoutePlanner.h"

#include "engine/ProxySnapshot.h"
#include "json/JsonScanner.h"
#include "pricing/PriceTable.h"
#include "pricing/Pricing.h"
#include "providers/ProviderRegistry.h"
#include "routing/HealthBoard.h"

#include <algorithm>
#include <limits>

namespace signalbox {

namespace {

// A request that names no output cap is priced as if it asked for this many tokens.
constexpr qint64 kAssumedOutputTokens = 1000;
// Bytes of JSON per prompt token, roughly, for English text and code.
constexpr qint64 kBytesPerToken = 4;

struct TokenEstimate {
    qint64 input = 0;
    qint64 output = 0;
};

TokenEstimate estimateTokens(const QByteArray& body) {
    TokenEstimate estimate{body.size() / kBytesPerToken, kAssumedOutputTokens};
    JsonScanner json;
    if (json.scan(body, {"max_tokens", "max_completion_tokens", "max_output_tokens"})) {
        for (const char* name : {"max_completion_tokens", "max_tokens", "max_output_tokens"}) {
            const JsonSpan span = json.span(name);
            if (!span.found())
                continue;
            bool ok = false;
            const qint64 cap =
                QByteArrayView(body).sliced(span.begin, span.end - span.begin).toLongLong(&ok);
            if (ok && cap > 0) {
                estimate.output = cap;
                break;
            }
        }
    }
    return estimate;
}

// Builds one plan; lives for one plan() call.
class PlanBuilder {
public:
    PlanBuilder(const ProxySnapshot& snapshot, RoutePlanner::HealthCache& health,
                const PriceTable& prices, std::mt19937& random, const QByteArray& body)
        : config_(*snapshot.config),
          health_(health),
          prices_(config_.pricing, prices),
          random_(random),
          body_(body) {}

    // Adds what `name` stands for to `out`; false when it stands for nothing.
    bool addName(const QString& name, std::vector<ResolvedTarget>& out) {
        if (const auto route = config_.routes.find(name); route != config_.routes.end()) {
            addSteps(route->second.targets, route->second.strategy, route->second.timeouts, out);
            return true;
        }
        const qsizetype slash = name.indexOf(QLatin1Char('/'));
        if (slash <= 0 || slash == name.size() - 1)
            return false;
        RouteTarget leaf;
        leaf.provider = name.left(slash);
        leaf.model = name.mid(slash + 1);
        return addLeaf(leaf, {}, out);
    }

    void addSteps(const std::vector<RouteTarget>& steps, RouteStrategy strategy,
                  const TimeoutConfig& routeTimeouts, std::vector<ResolvedTarget>& out) {
        for (const size_t i : order(steps, strategy)) {
            const RouteTarget& step = steps[i];
            if (step.isGroup()) {
                addSteps(step.members, *step.groupStrategy, routeTimeouts, out);
            } else {
                addLeaf(step, routeTimeouts, out);
            }
        }
    }

private:
    bool addLeaf(const RouteTarget& leaf, const TimeoutConfig& routeTimeouts,
                 std::vector<ResolvedTarget>& out) {
        const auto provider = config_.providers.find(leaf.provider);
        if (provider == config_.providers.end())
            return false;
        const ProviderAdapter* adapter = ProviderRegistry::find(provider->second.kind);
        if (adapter == nullptr)
            return false;
        // Plans are a handful of steps: a scan beats a set's allocations.
        for (const ResolvedTarget& planned : out) {
            if (planned.provider == &provider->second && planned.model == leaf.model)
                return true;  // already in the plan
        }
        QString label = leaf.label();
        TargetHealth* health = health_.find(label);
        out.push_back(
            {&provider->second, adapter, leaf.model,
             leaf.timeouts.within(routeTimeouts).within(config_.server.upstreamTimeouts()), health,
             std::move(label)});
        return true;
    }

    std::vector<size_t> order(const std::vector<RouteTarget>& steps, RouteStrategy strategy) {
        std::vector<size_t> order(steps.size());
        for (size_t i = 0; i < steps.size(); ++i)
            order[i] = i;
        switch (strategy) {
            case RouteStrategy::Fallback:
                break;
            case RouteStrategy::Weighted:
                orderByWeight(steps, order);
                break;
            case RouteStrategy::Fastest:
                orderByLatency(steps, order);
                break;
            case RouteStrategy::Cheapest:
                orderByCost(steps, order);
                break;
        }
        return order;
    }

    // Draws without replacement, each step with a chance in proportion to its weight.
    void orderByWeight(const std::vector<RouteTarget>& steps, std::vector<size_t>& order) {
        for (size_t next = 0; next + 1 < order.size(); ++next) {
            long long total = 0;
            for (size_t i = next; i < order.size(); ++i)
                total += steps[order[i]].weight;
            long long draw = std::uniform_int_distribution<long long>(0, total - 1)(random_);
            size_t pick = next;
            while (draw >= steps[order[pick]].weight) {
                draw -= steps[order[pick]].weight;
                ++pick;
            }
            std::rotate(order.begin() + static_cast<std::ptrdiff_t>(next),
                        order.begin() + static_cast<std::ptrdiff_t>(pick),
                        order.begin() + static_cast<std::ptrdiff_t>(pick) + 1);
        }
    }

    void orderByLatency(const std::vector<RouteTarget>& steps, std::vector<size_t>& order) {
        std::vector<double> latency(steps.size());
        for (size_t i = 0; i < steps.size(); ++i)
            latency[i] = stepLatency(steps[i]);
        // Untried steps first, in the listed order, so that each gets measured.
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
            const bool aKnown = latency[a] >= 0;
            const bool bKnown = latency[b] >= 0;
            if (aKnown != bKnown)
                return !aKnown;
            return latency[a] < latency[b];
        });
        if (order.size() > 1 &&
            std::uniform_real_distribution<double>(0, 1)(random_) < RoutePlanner::kExploreRate) {
            const size_t pick = std::uniform_int_distribution<size_t>(0, order.size() - 1)(random_);
            std::rotate(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(pick),
                        order.begin() + static_cast<std::ptrdiff_t>(pick) + 1);
        }
    }

    void orderByCost(const std::vector<RouteTarget>& steps, std::vector<size_t>& order) {
        std::vector<double> cost(steps.size());
        for (size_t i = 0; i < steps.size(); ++i)
            cost[i] = stepCost(steps[i]);
        std::stable_sort(order.begin(), order.end(),
                         [&](size_t a, size_t b) { return cost[a] < cost[b]; });
    }

    // A group's is its best member's; -1 when none was measured.
    double stepLatency(const RouteTarget& step) {
        if (step.isGroup()) {
            double best = -1;
            for (const RouteTarget& member : step.members) {
                const double l = stepLatency(member);
                if (l >= 0 && (best < 0 || l < best))
                    best = l;
            }
            return best;
        }
        const TargetHealth* health = health_.find(step.label());
        return health != nullptr ? health->latencyMs() : -1;
    }

    // A group's is its cheapest member's; infinite when unpriced.
    double stepCost(const RouteTarget& step) {
        double best = std::numeric_limits<double>::infinity();
        if (step.isGroup()) {
            for (const RouteTarget& member : step.members)
                best = std::min(best, stepCost(member));
            return best;
        }
        const auto provider = config_.providers.find(step.provider);
        if (provider == config_.providers.end())
            return best;
        const std::optional<ModelPrice> price =
            prices_.find(step.provider, provider->second.kind, step.model);
        if (!price)
            return best;
        if (!estimate_)
            estimate_ = estimateTokens(body_);
        return price->cost(estimate_->input, estimate_->output);
    }

    const Config& config_;
    RoutePlanner::HealthCache& health_;
    const Pricing prices_;  // the config's overrides over the planner's table
    std::mt19937& random_;
    const QByteArray& body_;
    std::optional<TokenEstimate> estimate_;
};

}  // namespace

RoutePlanner::RoutePlanner(HealthBoard& health, const PriceTable& prices, std::uint32_t seed)
    : health_{health, {}}, prices_(prices), random_(seed) {}

TargetHealth* RoutePlanner::HealthCache::find(const QString& label) {
    if (const auto it = known.find(label); it != known.end())
        return it->second;
    TargetHealth* health = board.target(label);
    if (health != nullptr)
        known.emplace(label, health);  // records live as long as the board
    return health;
}

std::optional<RoutePlan> RoutePlanner::plan(const ProxySnapshot& snapshot, const QString& model,
                                            const QStringList& fallbacks, const QByteArray& body,
                                            QString* unknown) {
    const Config& config = *snapshot.config;
    RoutePlan plan;
    const auto route = config.routes.find(model);
    static const RouteConfig defaults;
    const RouteConfig& settings = route != config.routes.end() ? route->second : defaults;
    if (route != config.routes.end())
        plan.route = model;
    plan.retries = settings.retries;
    plan.retryOn = settings.retryOn;
    plan.backoffMs = settings.backoffMs;
    plan.maxBackoffMs = settings.maxBackoffMs;
    plan.maxWaitMs = settings.maxWaitMs;

    PlanBuilder builder(snapshot, health_, prices_, random_, body);
    for (qsizetype i = -1; i < fallbacks.size(); ++i) {
        const QString& name = i < 0 ? model : fallbacks[i];
        if (!builder.addName(name, plan.targets)) {
            if (unknown)
                *unknown = name;
            return std::nullopt;
        }
    }
    builder.addSteps(settings.contextWindowFallbacks, RouteStrategy::Fallback, settings.timeouts,
                     plan.contextWindowTargets);
    builder.addSteps(settings.contentPolicyFallbacks, RouteStrategy::Fallback, settings.timeouts,
                     plan.contentPolicyTargets);
    return plan;
}

}  // namespace signalbox
