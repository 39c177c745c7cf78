#pragma once

#include "store/RequestFilter.h"
#include "store/SeriesPoint.h"
#include "store/TimeBucket.h"

#include <QString>

#include <vector>

namespace signalbox {

// The stacked bars of spend per model: one value per bucket of the range (zeros where a
// model spent nothing) for each model that spent anything, most spend first. Beyond
// kMaxModels the smallest are summed into one "other" entry, last. Built from a series
// grouped by target, off the GUI thread: its cost is in points, never rows.
struct SpendData {
    static constexpr int kMaxModels = 7;

    struct Model {
        QString target;  // provider/model; "" for requests no target served
        bool other = false;
        std::vector<double> costs;  // per bucket
        double total = 0;
    };

    TimeBucket bucket;
    std::vector<qint64> buckets;  // starts
    std::vector<Model> models;

    static SpendData from(const std::vector<SeriesPoint>& points, const RequestFilter& filter,
                          const TimeBucket& bucket);
    // The sum of every model's cost in bucket `i`.
    double bucketTotal(size_t i) const;
};

}  // namespace signalbox
