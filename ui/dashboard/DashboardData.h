#pragma once

#include "dashboard/DashboardScope.h"
#include "dashboard/SpendData.h"
#include "dashboard/TopTags.h"
#include "dashboard/TrafficData.h"
#include "store/GroupSpend.h"
#include "store/LatencyStats.h"
#include "store/RequestTotals.h"

#include <vector>

namespace signalbox {

// Everything one refresh of the dashboard shows, as the store answered it: what the
// charts draw and what the CSV export writes.
struct DashboardData {
    DashboardScope scope;
    bool anyRequests = false;  // the log holds a request, in any range
    RequestTotals totals;
    SpendData spend;
    TrafficData traffic;
    std::vector<LatencyStats> latency;
    std::vector<GroupSpend> topRoutes;
    std::vector<GroupSpend> topKeys;
    TopTags topTags;
};

}  // namespace signalbox
