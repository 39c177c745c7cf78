#pragma once

#include <QString>
#include <QtGlobal>

namespace signalbox {

// How fast one target answered over a range. Percentiles are exact, by the nearest-rank
// rule (the value at rank ceil(p * n / 100) in ascending order), over the requests the
// model itself answered: successful (status < 400, not truncated) and not cache hits,
// which would flatter the model. TTFT covers those with a first-token time (streams).
struct LatencyStats {
    QString target;  // provider/model; "" for requests with no target
    qint64 count = 0;
    qint64 p50Ms = -1;  // -1 when count is 0
    qint64 p95Ms = -1;
    qint64 p99Ms = -1;
    qint64 ttftCount = 0;
    qint64 ttftP50Ms = -1;  // -1 when ttftCount is 0
    qint64 ttftP95Ms = -1;

    friend bool operator==(const LatencyStats&, const LatencyStats&) = default;
};

}  // namespace signalbox
