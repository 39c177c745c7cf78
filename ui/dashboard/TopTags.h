#pragma once

#include "store/GroupSpend.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace signalbox {

// Spend per value of one tag key over a range, and the tag keys there are to pick from.
struct TopTags {
    QStringList keys;  // sorted
    QString key;       // the one the groups are values of; "" when the range has no tags
    std::vector<GroupSpend> top;
};

}  // namespace signalbox
