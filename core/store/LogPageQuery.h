#pragma once

#include "store/LogCursor.h"
#include "store/RequestFilter.h"

#include <QString>

#include <optional>

namespace signalbox {

// A page of the Logs table: the rows of `filter`, newest first, after `after`.
struct LogPageQuery {
    enum class Outcome { Any, Ok, Error };  // Error: status >= 400 or truncated

    RequestFilter filter;
    Outcome outcome = Outcome::Any;
    int status = 0;  // only this HTTP status; 0 for any
    // Only statuses of this class: 2 for 200-299, 4 for 400-499, 5 for 500-599; 0 for any.
    int statusClass = 0;
    // Case-insensitive (ASCII) substring of the id, route, target or error; "" for any.
    QString search;
    int limit = 100;
    std::optional<LogCursor> after;  // unset: the newest rows

    // True when a filter no index can seek to is set (outcome, status, text): the page
    // is then looked for a window of rows at a time (RequestQueries::kScanWindowRows).
    bool scansRows() const {
        return outcome != Outcome::Any || status != 0 || statusClass != 0 || !search.isEmpty();
    }
};

}  // namespace signalbox
