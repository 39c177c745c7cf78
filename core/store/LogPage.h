#pragma once

#include "store/LogCursor.h"
#include "store/LogRow.h"

#include <optional>
#include <vector>

namespace signalbox {

// One page of the Logs table, newest first.
struct LogPage {
    std::vector<LogRow> rows;
    std::optional<LogCursor> next;  // set when older rows follow: the next page's `after`
};

}  // namespace signalbox
