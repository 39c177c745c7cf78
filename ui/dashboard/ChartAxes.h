#pragma once

#include <QString>

#include <vector>

class QCategoryAxis;
class QValueAxis;

namespace signalbox {

// Axis helpers the dashboard's charts share.
class ChartAxes {
public:
    // A bucket's start as the axis and the readout show it, in the bucket's own offset
    // from UTC: "Nov 19" for days, "14:00" for hours and minutes (with the day in front
    // when the range spans days: "Nov 19 14:00").
    static QString bucketLabel(qint64 startMs, qint64 sizeMs, int utcOffsetMinutes, bool withDay);
    // Labels `labels` (one per bar, bars at 0, 1, ...) on a category axis, at most
    // `maxShown` of them evenly spaced so they never overlap.
    static void labelBars(QCategoryAxis* axis, const std::vector<QString>& labels, int maxShown);
    // A value axis from 0 to a round number above `max`, its labels with the precision
    // the values need; `prefix` goes before each ("$").
    static void fitValues(QValueAxis* axis, double max, const QString& prefix = {},
                          const QString& suffix = {});
};

}  // namespace signalbox
