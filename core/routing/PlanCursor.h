#pragma once

#include "routing/FailurePolicy.h"
#include "routing/RoutePlan.h"

#include <QtGlobal>

#include <optional>
#include <vector>

namespace signalbox {

// Where a call stands in its plan: the list in use (the route's targets, or its
// context-window or content-policy fallbacks), the target in it, the tries of that
// target so far and the time spent in backoff. ChatCall walks it with real calls,
// RouteDryRun with made-up failures, so both take the same turns.
class PlanCursor {
public:
    explicit PlanCursor(const RoutePlan& plan) : plan_(&plan), targets_(&plan.targets) {}

    // The target to try now; null when the list in use is done.
    const ResolvedTarget* target() const {
        return index_ < targets_->size() ? &(*targets_)[index_] : nullptr;
    }
    int tries() const { return tries_; }  // calls made to target() so far
    qint64 waitedMs() const { return waitedMs_; }

    void startTry() { ++tries_; }
    // Leaves target() without a call (benched, resting, unsupported) or after its last.
    void passOver() {
        ++index_;
        tries_ = 0;
    }

    enum class Move {
        Answer,  // give the client this failure now
        Retry,   // call target() again after delayMs
        Next,    // go on to target() (already the next one; it may be null: the end)
    };
    struct Turn {
        Move move = Move::Answer;
        qint64 delayMs = 0;
    };
    // What follows a failed try that classifyFailure() sorted as `action`. `random01` in
    // [0, 1) jitters the backoff; `askedMs` is the provider's Retry-After to honour (none
    // when another key could be used instead).
    Turn afterFailure(FailureAction action, double random01, std::optional<qint64> askedMs);

private:
    const RoutePlan* plan_;
    const std::vector<ResolvedTarget>* targets_;
    size_t index_ = 0;
    int tries_ = 0;
    qint64 waitedMs_ = 0;
};

}  // namespace signalbox
