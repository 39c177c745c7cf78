#pragma once

#include <QString>

namespace signalbox {

// What a query of the log gives back: its value, or why there is none. Errors are
// values here, in words fit to show ("the log could not be read: ...").
template <typename T>
struct QueryResult {
    T value{};
    QString error;  // empty on success

    bool ok() const { return error.isEmpty(); }
    static QueryResult failure(QString why) { return {T{}, std::move(why)}; }
};

}  // namespace signalbox
