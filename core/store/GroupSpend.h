#pragma once

#include <QString>
#include <QtGlobal>

namespace signalbox {

// One group's spend over a range: a row of a "top spenders" list.
struct GroupSpend {
    QString group;  // see RequestGrouping
    double costUsd = 0;
    qint64 requests = 0;
    qint64 unpriced = 0;  // requests of the group with no cost

    friend bool operator==(const GroupSpend&, const GroupSpend&) = default;
};

}  // namespace signalbox
