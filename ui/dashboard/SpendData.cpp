#include "dashboard/SpendData.h"

#include "dashboard/DashboardScope.h"

#include <algorithm>
#include <map>

namespace signalbox {

SpendData SpendData::from(const std::vector<SeriesPoint>& points, const RequestFilter& filter,
                          const TimeBucket& bucket) {
    SpendData data;
    data.bucket = bucket;
    data.buckets = DashboardScope::bucketStarts(filter, bucket);
    if (data.buckets.empty())
        return data;
    const qint64 first = data.buckets.front();
    std::map<QString, Model> byTarget;
    for (const SeriesPoint& p : points) {
        if (p.costUsd == 0)
            continue;
        const qint64 at = (p.bucketStartMs - first) / bucket.sizeMs();
        if (at < 0 || at >= qint64(data.buckets.size()))
            continue;
        Model& m = byTarget[p.group];
        if (m.costs.empty()) {
            m.target = p.group;
            m.costs.assign(data.buckets.size(), 0.0);
        }
        m.costs[size_t(at)] += p.costUsd;
        m.total += p.costUsd;
    }
    for (auto& [target, model] : byTarget)
        data.models.push_back(std::move(model));
    // Most spend first; ties by name, so the order is the same every refresh.
    std::stable_sort(data.models.begin(), data.models.end(),
                     [](const Model& a, const Model& b) { return a.total > b.total; });
    if (data.models.size() > size_t(kMaxModels)) {
        Model other;
        other.other = true;
        other.costs.assign(data.buckets.size(), 0.0);
        for (size_t i = kMaxModels - 1; i < data.models.size(); ++i) {
            for (size_t b = 0; b < other.costs.size(); ++b)
                other.costs[b] += data.models[i].costs[b];
            other.total += data.models[i].total;
        }
        data.models.resize(kMaxModels - 1);
        data.models.push_back(std::move(other));
    }
    return data;
}

double SpendData::bucketTotal(size_t i) const {
    double total = 0;
    for (const Model& m : models)
        total += i < m.costs.size() ? m.costs[i] : 0.0;
    return total;
}

}  // namespace signalbox
