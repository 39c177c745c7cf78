#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace signalbox {

struct DashboardData;

// The data a dashboard shows as CSV (RFC 4180, UTF-8), one figure a line, so that a
// spreadsheet can pivot it: section,bucket_start,group,metric,value. Sections: "range"
// and "filter" (what was asked), "totals", "spend" (per bucket and model), "traffic"
// (per bucket), "latency" (per model), "top_routes", "top_keys", "top_tags" (group
// key=value). Bucket starts are ISO 8601 with the buckets' offset from UTC; money is
// in US dollars with every digit kept; a percentile over no requests is empty. Latency
// lists every model of the range, the chart only the busiest.
class DashboardCsv {
public:
    static QByteArray build(const DashboardData& data);
    // One field as CSV writes it: quoted when it holds a comma, a quote or a line break.
    static QString field(const QString& text);
};

}  // namespace signalbox
