#include "routing/RouteDryRun.h"

#include "engine/ProxySnapshot.h"
#include "pricing/PriceTable.h"
#include "providers/ApiError.h"
#include "routing/FailurePolicy.h"
#include "routing/HealthBoard.h"
#include "routing/PlanCursor.h"
#include "routing/RoutePlanner.h"
#include "routing/TargetHealth.h"

#include <memory>

namespace signalbox {

namespace {

// Time in a dry run: it moves by the backoff waits the run takes.
class DryRunClock final : public Clock {
public:
    qint64 monotonicMs() const override { return nowMs; }
    qint64 wallMs() const override { return nowMs; }
    qint64 nowMs = 1'000'000;
};

// The error a real call would have ended in, and whether it failed as a call (no answer)
// rather than as an answer.
struct SimulatedError {
    ApiError error;
    bool transport = false;
};

SimulatedError errorFor(SimulatedOutcome outcome) {
    using Kind = ApiError::Kind;
    const auto of = [](int status, Kind kind, bool transport = false) {
        SimulatedError simulated;
        simulated.error.status = status;
        simulated.error.kind = kind;
        simulated.transport = transport;
        return simulated;
    };
    switch (outcome) {
        case SimulatedOutcome::ConnectFailed:
            return of(502, Kind::Unreachable, true);
        case SimulatedOutcome::Timeout:
            return of(504, Kind::Timeout, true);
        case SimulatedOutcome::ServerError:
            return of(500, Kind::ServerError);
        case SimulatedOutcome::Overloaded:
            return of(503, Kind::Overloaded);
        case SimulatedOutcome::RateLimited:
            return of(429, Kind::RateLimited);
        case SimulatedOutcome::BadResponse:
            return of(502, Kind::BadResponse);
        case SimulatedOutcome::BadRequest:
            return of(400, Kind::InvalidRequest);
        case SimulatedOutcome::Unauthorized:
            return of(401, Kind::Authentication);
        case SimulatedOutcome::ContextTooLong:
            return of(400, Kind::ContextLengthExceeded);
        case SimulatedOutcome::ContentPolicy:
            return of(400, Kind::ContentPolicy);
        case SimulatedOutcome::Ok:
        case SimulatedOutcome::Benched:
            break;
    }
    return of(500, Kind::ServerError);
}

// As the x-signalbox-trail header shows the outcome.
QByteArray trailOutcome(SimulatedOutcome outcome, const SimulatedError& simulated) {
    switch (outcome) {
        case SimulatedOutcome::Ok:
            return "ok";
        case SimulatedOutcome::Benched:
            return "benched";
        case SimulatedOutcome::ConnectFailed:
            return "connect";
        case SimulatedOutcome::Timeout:
            return "timeout";
        case SimulatedOutcome::BadResponse:
            return "bad_response";
        default:
            return QByteArray::number(simulated.error.status);
    }
}

void collectLabels(const std::vector<RouteTarget>& steps, QStringList& out) {
    for (const RouteTarget& step : steps) {
        if (step.isGroup()) {
            collectLabels(step.members, out);
        } else if (!out.contains(step.label())) {
            out.append(step.label());
        }
    }
}

}  // namespace

QStringList RouteDryRun::targetsOf(const RouteConfig& route) {
    QStringList labels;
    collectLabels(route.targets, labels);
    collectLabels(route.contextWindowFallbacks, labels);
    collectLabels(route.contentPolicyFallbacks, labels);
    return labels;
}

QString RouteDryRun::outcomeName(SimulatedOutcome outcome) {
    switch (outcome) {
        case SimulatedOutcome::Ok:
            return tr("Answers");
        case SimulatedOutcome::ConnectFailed:
            return tr("Connection fails");
        case SimulatedOutcome::Timeout:
            return tr("Times out");
        case SimulatedOutcome::ServerError:
            return tr("500 Server error");
        case SimulatedOutcome::Overloaded:
            return tr("503 Overloaded");
        case SimulatedOutcome::RateLimited:
            return tr("429 Rate limited");
        case SimulatedOutcome::BadResponse:
            return tr("Unreadable answer");
        case SimulatedOutcome::BadRequest:
            return tr("400 Bad request");
        case SimulatedOutcome::Unauthorized:
            return tr("401 Wrong key");
        case SimulatedOutcome::ContextTooLong:
            return tr("Prompt too long");
        case SimulatedOutcome::ContentPolicy:
            return tr("Content policy refusal");
        case SimulatedOutcome::Benched:
            return tr("Benched (breaker open)");
    }
    return {};
}

DryRunResult RouteDryRun::run(const Config& config, const QString& route,
                              const std::map<QString, SimulatedOutcome>& outcomes,
                              std::uint32_t seed) {
    DryRunResult result;
    ProxySnapshot snapshot;
    snapshot.config = std::make_shared<const Config>(config);
    // A board of its own on a clock of its own: every target starts healthy, failures
    // open breakers as they would in the proxy, and the proxy's records are left alone.
    DryRunClock clock;
    HealthBoard health(clock);
    RoutePlanner planner(health, PriceTable::builtIn(), seed);
    QString unknown;
    const std::optional<RoutePlan> plan = planner.plan(snapshot, route, {}, {}, &unknown);
    if (!plan || plan->targets.empty()) {
        result.error = tr("The route '%1' reaches no target: '%2' is not a configured provider "
                          "with a known kind. Add targets from the Providers & Keys panel.")
                           .arg(route, unknown.isEmpty() ? route : unknown);
        return result;
    }

    PlanCursor cursor(*plan);
    std::optional<SimulatedError> lastFailure;  // what the client gets when the plan runs out
    while (const ResolvedTarget* target = cursor.target()) {
        const auto found = outcomes.find(target->label());
        const SimulatedOutcome outcome =
            found != outcomes.end() ? found->second : SimulatedOutcome::Ok;
        DryRunStep step;
        step.target = target->label();
        step.outcome = outcome;
        const bool opened = target->health != nullptr &&
                            !target->health->tryAcquire(clock.nowMs, cursor.tries() > 0);
        if (outcome == SimulatedOutcome::Benched || opened) {
            step.outcome = SimulatedOutcome::Benched;
            step.trailOutcome = "benched";
            step.result = DryRunStep::Result::PassedOver;
            step.why = opened ? tr("Its breaker opened after %1 failures: passed over without "
                                   "a call.")
                                    .arg(config.breaker.failures)
                              : tr("Its breaker is open after repeated failures: passed over "
                                   "without a call.");
            result.steps.push_back(std::move(step));
            cursor.passOver();
            continue;
        }
        cursor.startTry();
        step.tryNumber = cursor.tries();
        if (outcome == SimulatedOutcome::Ok) {
            step.trailOutcome = "ok";
            step.result = DryRunStep::Result::Served;
            step.why = tr("Answers: the client gets this answer.");
            result.servedBy = target->label();
            result.clientStatus = 200;
            result.steps.push_back(std::move(step));
            break;
        }

        const SimulatedError simulated = errorFor(outcome);
        step.trailOutcome = trailOutcome(outcome, simulated);
        const FailureAction action =
            classifyFailure(simulated.error, simulated.transport, *target->adapter, plan->retryOn);
        const int triesBefore = cursor.tries();
        // As the proxy settles a try that moves the call on: against the target.
        if (target->health != nullptr &&
            (action == FailureAction::Retry || action == FailureAction::FallOver))
            target->health->recordFailure(clock.nowMs, config.breaker, outcomeName(outcome));
        // The typical wait: the middle of the jittered range.
        const PlanCursor::Turn turn = cursor.afterFailure(action, 0.5, std::nullopt);
        clock.nowMs += turn.delayMs;
        const QString name = outcomeName(outcome);
        switch (turn.move) {
            case PlanCursor::Move::Answer:
                step.result = DryRunStep::Result::Answer;
                step.why = action == FailureAction::Return
                               ? tr("%1 is not one of the route's fall-over triggers: the "
                                    "client gets this error.")
                                     .arg(name)
                               : tr("%1 and no fallback of that kind is left: the client gets "
                                    "this error.")
                                     .arg(name);
                break;
            case PlanCursor::Move::Retry:
                step.result = DryRunStep::Result::Retry;
                step.waitMs = turn.delayMs;
                step.why = tr("%1: retry %2 of %3 after about %4 ms.")
                               .arg(name)
                               .arg(triesBefore)
                               .arg(plan->retries)
                               .arg(turn.delayMs);
                break;
            case PlanCursor::Move::Next:
                step.result = DryRunStep::Result::Next;
                if (cursor.target() == nullptr) {
                    step.result = DryRunStep::Result::Answer;
                    step.why =
                        tr("%1 and no target is left: the client gets this error.").arg(name);
                } else if (action == FailureAction::ContextWindow) {
                    step.why = tr("%1: on to the route's context-window fallbacks.").arg(name);
                } else if (action == FailureAction::ContentPolicy) {
                    step.why = tr("%1: on to the route's content-policy fallbacks.").arg(name);
                } else if (action == FailureAction::FallOver) {
                    step.why = tr("%1 will not pass here soon: on to the next target without "
                                  "retrying.")
                                   .arg(name);
                } else if (triesBefore > plan->retries) {
                    step.why =
                        plan->retries == 0
                            ? tr("%1: the route does not retry, on to the next target.").arg(name)
                            : tr("%1: retries used up, on to the next target.").arg(name);
                } else {
                    step.why = tr("%1: another wait would pass the route's limit of %2 ms, on "
                                  "to the next target.")
                                   .arg(name)
                                   .arg(plan->maxWaitMs);
                }
                break;
        }
        lastFailure = simulated;
        const bool answered = step.result == DryRunStep::Result::Answer;
        result.steps.push_back(std::move(step));
        if (answered) {
            result.clientStatus = simulated.error.status;
            break;
        }
    }

    if (!result.servedBy.isEmpty()) {
        result.summary =
            tr("Served by %1, at step %2.").arg(result.servedBy).arg(result.steps.size());
    } else if (result.clientStatus != 0) {
        result.summary = tr("No target served: the client gets %1 (%2).")
                             .arg(result.clientStatus)
                             .arg(outcomeName(result.steps.back().outcome));
    } else if (lastFailure) {
        result.clientStatus = lastFailure->error.status;
        result.summary = tr("The remaining targets are benched: the client gets the last "
                            "error, %1.")
                             .arg(result.clientStatus);
    } else {
        result.clientStatus = 503;
        result.summary = tr("Every target is benched: the client gets 503 with Retry-After.");
    }
    return result;
}

}  // namespace signalbox
