#include "routing/PlanCursor.h"

#include "routing/Backoff.h"

#include <algorithm>

namespace signalbox {

PlanCursor::Turn PlanCursor::afterFailure(FailureAction action, double random01,
                                          std::optional<qint64> askedMs) {
    switch (action) {
        case FailureAction::Return:
            return {Move::Answer, 0};
        case FailureAction::ContextWindow:
        case FailureAction::ContentPolicy: {
            const std::vector<ResolvedTarget>& special = action == FailureAction::ContextWindow
                                                             ? plan_->contextWindowTargets
                                                             : plan_->contentPolicyTargets;
            if (targets_ == &special)
                break;  // the next of these, if any
            // From the other special list, or with nowhere to go: the client hears of it.
            if (targets_ != &plan_->targets || special.empty())
                return {Move::Answer, 0};
            targets_ = &special;
            index_ = 0;
            tries_ = 0;
            return {Move::Next, 0};
        }
        case FailureAction::Retry:
            if (tries_ <= plan_->retries) {
                qint64 delay =
                    backoffDelayMs(tries_ - 1, plan_->backoffMs, plan_->maxBackoffMs, random01);
                if (askedMs)
                    delay = std::max(delay, *askedMs);
                if (waitedMs_ + delay <= plan_->maxWaitMs) {
                    waitedMs_ += delay;
                    return {Move::Retry, delay};
                }
                // Waiting here would take too long: the next target may answer now.
            }
            break;
        case FailureAction::FallOver:
            break;
    }
    passOver();
    return {Move::Next, 0};
}

}  // namespace signalbox
