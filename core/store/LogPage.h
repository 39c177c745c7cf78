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
    // The query read its whole window of rows (RequestQueries::kScanWindowRows) before
    // finding a page of matches: `rows` holds the matches in it, possibly none, and
    // `next` is where the window ended, for the next query to go on from.
    bool windowEnded = false;
};

}  // namespace signalbox
