#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace signalbox {

// A row of the Logs table: the columns of `requests` a list shows. Unknown counts and
// times are -1; absent texts are "".
struct LogRow {
    QString id;
    qint64 startedAt = 0;
    qint64 finishedAt = 0;
    QString surface;
    QString route;
    QString target;
    int attempts = 0;
    int status = 0;
    QString error;
    bool stream = false;
    bool truncated = false;
    qint64 latencyMs = -1;
    qint64 ttftMs = -1;
    qint64 inputTokens = -1;
    qint64 outputTokens = -1;
    std::optional<double> costUsd;  // unset: unpriced
    bool costEstimated = false;
    bool cacheHit = false;
    QString virtualKeyId;
    QString user;

    bool isError() const { return status >= 400 || truncated; }

    friend bool operator==(const LogRow&, const LogRow&) = default;
};

}  // namespace signalbox
