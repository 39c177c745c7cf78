#pragma once

#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace signalbox {

// The values the log's filters can take over a range, each list sorted: what a filter
// bar suggests. Read from the hourly rollups, so they are those of every hour the range
// touches, a little more than the range itself; tag values only of its last
// kTagValueHours of those (reading every value of a month of tags takes long).
struct RequestDimensions {
    static constexpr int kTagValueHours = 48;

    QStringList routes;
    QStringList targets;      // provider/model; requests with none are left out
    QStringList virtualKeys;  // ids; requests with none are left out
    QStringList tagKeys;      // of every hour
    std::vector<std::pair<QString, QString>> tags;  // key and value, by key then value
    bool tagsCut = false;  // more tags than asked for: `tags` holds the first

    friend bool operator==(const RequestDimensions&, const RequestDimensions&) = default;
};

}  // namespace signalbox
