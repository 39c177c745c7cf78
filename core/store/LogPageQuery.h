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
    // Case-insensitive (ASCII) substring of the id, route, target or error; "" for any.
    QString search;
    int limit = 100;
    std::optional<LogCursor> after;  // unset: the newest rows
};

}  // namespace signalbox
