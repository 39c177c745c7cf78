#pragma once

#include "config/Config.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <vector>

namespace signalbox {

// What a target does when the dry run calls it: answer, or fail in one of the ways the
// route's triggers tell apart. Every try of that target behaves the same.
enum class SimulatedOutcome {
    Ok,
    ConnectFailed,   // no connection
    Timeout,         // no answer in time
    ServerError,     // 500
    Overloaded,      // 503 / 529
    RateLimited,     // 429
    BadResponse,     // garbage, or cut before any content
    BadRequest,      // 400
    Unauthorized,    // 401: a wrong key
    ContextTooLong,  // the prompt does not fit the model
    ContentPolicy,   // refused by the model's content policy
    Benched,         // its breaker is open: passed over without a call
};

// For pickers: every outcome in menu order, with a short name for each.
inline constexpr SimulatedOutcome kSimulatedOutcomes[] = {SimulatedOutcome::Ok,
                                                          SimulatedOutcome::ConnectFailed,
                                                          SimulatedOutcome::Timeout,
                                                          SimulatedOutcome::ServerError,
                                                          SimulatedOutcome::Overloaded,
                                                          SimulatedOutcome::RateLimited,
                                                          SimulatedOutcome::BadResponse,
                                                          SimulatedOutcome::BadRequest,
                                                          SimulatedOutcome::Unauthorized,
                                                          SimulatedOutcome::ContextTooLong,
                                                          SimulatedOutcome::ContentPolicy,
                                                          SimulatedOutcome::Benched};

// One step of a dry run: a try of a target, or a target passed over.
struct DryRunStep {
    enum class Result {
        Served,      // the target answered: the client gets it
        Retry,       // failed; the same target is tried again after waitMs
        Next,        // failed (or passed over); the route goes on to the next target
        Answer,      // failed; this failure goes back to the client
        PassedOver,  // not called (benched)
    };
    QString target;     // provider/model
    int tryNumber = 0;  // 1 for the first call of this target; 0 when passed over
    SimulatedOutcome outcome = SimulatedOutcome::Ok;
    QByteArray trailOutcome;  // as x-signalbox-trail would show it: "ok", "503", "timeout"
    Result result = Result::Served;
    qint64 waitMs = 0;  // backoff before the next try (Retry), typical value
    QString why;        // the step in words, e.g. "503 is a server error: retry 1 of 2"
};

struct DryRunResult {
    std::vector<DryRunStep> steps;
    QString servedBy;      // provider/model that answered; empty when none did
    int clientStatus = 0;  // 200 when served, else the status the client gets
    QString summary;       // one sentence: who served, or what the client gets and why
    QString error;         // set when the route could not be planned at all
};

// Plays a request through a route of `config` with failures picked per target, using
// the proxy's own planner, failure classification and retry rules, without calling
// anyone. Strategies that order at random (weighted, fastest's exploration) draw from
// `seed`, so one seed always gives the same run.
class RouteDryRun {
    Q_DECLARE_TR_FUNCTIONS(RouteDryRun)
public:
    static DryRunResult run(const Config& config, const QString& route,
                            const std::map<QString, SimulatedOutcome>& outcomes,
                            std::uint32_t seed = 1);
    // The provider/model labels a route can reach, in the order listed (main targets,
    // nested groups, then the context-window and content-policy fallbacks), once each.
    static QStringList targetsOf(const RouteConfig& route);
    // A short name for a picker: "OK", "Connect failed", "503 Overloaded", ...
    static QString outcomeName(SimulatedOutcome outcome);
};

}  // namespace signalbox
