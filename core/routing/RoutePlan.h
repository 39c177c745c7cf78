#pragma once

#include "config/Config.h"
#include "routing/ResolvedTarget.h"

#include <QString>

#include <vector>

namespace signalbox {

// Where one request may go, in the order of trial, and how hard to try: the route's
// steps ordered by their strategies, then the request's own fallbacks.
struct RoutePlan {
    QString route;  // the route the client named; empty for "provider/model"
    std::vector<ResolvedTarget> targets;
    // For a prompt too long for the model, and for one its content policy refused.
    std::vector<ResolvedTarget> contextWindowTargets;
    std::vector<ResolvedTarget> contentPolicyTargets;
    int retries = 0;  // extra tries of each target
    RetryTriggers retryOn;
    int backoffMs = 0;
    int maxBackoffMs = 0;
    int maxWaitMs = 0;
};

}  // namespace signalbox
