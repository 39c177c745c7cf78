#pragma once

#include <QtGlobal>

namespace signalbox {

// The width of the steps of a time series and where they start. Buckets are aligned to
// UTC shifted by a fixed offset, so that a desktop can show its local days: a day bucket
// with utcOffsetMinutes = 120 runs from 00:00 to 24:00 at UTC+2. One offset serves the
// whole range; across a daylight-saving change the caller picks the one it prefers.
struct TimeBucket {
    // Minutes are summed from the rows (the rollups hold hours): for short ranges.
    enum class Size { Minute, Hour, Day };

    Size size = Size::Hour;
    int utcOffsetMinutes = 0;  // east of UTC positive, as QDateTime::offsetFromUtc() / 60

    qint64 sizeMs() const {
        switch (size) {
            case Size::Minute:
                return 60'000;
            case Size::Hour:
                return 3'600'000;
            case Size::Day:
                break;
        }
        return 86'400'000;
    }
    qint64 offsetMs() const { return qint64(utcOffsetMinutes) * 60'000; }
    // The start (Unix ms) of the bucket holding `ms`; floors for times before 1970 too.
    qint64 startOf(qint64 ms) const {
        const qint64 shifted = ms + offsetMs();
        qint64 q = shifted / sizeMs();
        if (shifted % sizeMs() < 0)
            --q;
        return q * sizeMs() - offsetMs();
    }
};

}  // namespace signalbox
