#pragma once

#include "store/GroupSpend.h"
#include "store/LatencyStats.h"
#include "store/LogPage.h"
#include "store/LogPageQuery.h"
#include "store/QueryResult.h"
#include "store/RequestDetail.h"
#include "store/RequestDimensions.h"
#include "store/RequestFilter.h"
#include "store/RequestGrouping.h"
#include "store/RequestTotals.h"
#include "store/SeriesPoint.h"
#include "store/TimeBucket.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace signalbox {

// The questions the dashboards and the Logs panel ask of the request log, answered on
// the calling thread through a connection the caller owns (Qt Sql connections are per
// thread). Sums and percentiles take the whole hours of a range from the hourly rollups
// (StoreSchema) when one holds every column the filter and grouping need, and the partial
// hours at its ends from the rows; the answers are the same either way. What the rollups
// cannot answer reads every row in the range (a virtual key with a tag, two tags, buckets
// not starting on the hour, percentiles for a key or a tag), which over a month of busy
// traffic takes a second: call these from a worker (QueryService does), never from the
// GUI thread. Every value is a bound parameter. The SQL is SQLite's (INDEXED BY
// requests_dashboard, total(), upserts).
class RequestQueries {
public:
    // The rows of the time index a page query with a row-scanning filter reads at most:
    // a few tens of milliseconds of work, so a query superseded by the next keystroke
    // ends soon and the two pool threads stay free.
    static constexpr int kScanWindowRows = 50'000;

    explicit RequestQueries(QSqlDatabase& db);

    // Requests, errors, cost and tokens per bucket and group, ordered by bucket then group.
    QueryResult<std::vector<SeriesPoint>> series(const RequestFilter& filter,
                                                 const RequestGrouping& groupBy,
                                                 const TimeBucket& bucket);
    // Latency and TTFT percentiles per target, ordered by target (see LatencyStats).
    QueryResult<std::vector<LatencyStats>> latencyByTarget(const RequestFilter& filter);
    QueryResult<RequestTotals> totals(const RequestFilter& filter);
    // The `limit` groups that spent most, most first (ties by name).
    QueryResult<std::vector<GroupSpend>> topSpend(const RequestFilter& filter,
                                                  const RequestGrouping& groupBy, int limit);
    // Rows newest first, a keyset page at a time: each page is one range of an index in
    // time order (requests_dashboard, or requests_route/_target/_virtual_key, or
    // request_tags' key), read from its newest end and stopped at the page's last row.
    // A filter no index seeks to (LogPageQuery::scansRows) reads at most kScanWindowRows
    // rows of the range per call: with rare matches the page comes back short, with
    // windowEnded and a cursor to go on from, instead of one call reading the whole log.
    QueryResult<LogPage> logPage(const LogPageQuery& query);
    // EXPLAIN QUERY PLAN of each statement logPage(query) runs, one line per step, as
    // SQLite words them ("SEARCH r USING INDEX requests_route (route=? AND ...)"); the
    // statements are the ones for a query deep in the log (a window end is assumed).
    QueryResult<QStringList> logPagePlan(const LogPageQuery& query);
    // The routes, targets, keys and tags of the hours [fromMs, toMs) touches, from the
    // rollups (see RequestDimensions); at most `maxTags` key=value pairs.
    QueryResult<RequestDimensions> dimensions(qint64 fromMs, qint64 toMs, int maxTags = 500);
    // The tag keys of those hours, sorted: one index seek per key the log has ever seen.
    QueryResult<QStringList> tagKeys(qint64 fromMs, qint64 toMs);
    // Unset when no row has that id.
    QueryResult<std::optional<RequestDetail>> detail(const QString& id);

private:
    QSqlDatabase db_;
};

}  // namespace signalbox
