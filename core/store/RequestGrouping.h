#pragma once

#include <QString>

namespace signalbox {

// What a breakdown of the log groups rows by. A group is the column's value; rows where
// it is NULL (no target tried, no virtual key) make the group "". Grouped by a tag, rows
// without that tag are left out.
struct RequestGrouping {
    enum class Kind { Target, Route, VirtualKey, Tag };

    Kind kind = Kind::Target;
    QString tagKey;  // for Kind::Tag: the key whose values are the groups

    static RequestGrouping byTarget() { return {Kind::Target, {}}; }
    static RequestGrouping byRoute() { return {Kind::Route, {}}; }
    static RequestGrouping byVirtualKey() { return {Kind::VirtualKey, {}}; }
    static RequestGrouping byTag(const QString& key) { return {Kind::Tag, key}; }
};

}  // namespace signalbox
