#pragma once

#include <QString>
#include <QtGlobal>

namespace signalbox {

// Which rows of the request log a query reads: those started in [fromMs, toMs) (Unix
// milliseconds) that match every filter given. An empty filter matches any value.
struct RequestFilter {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QString route;         // the client's model, as in the `route` column
    QString target;        // provider/model
    QString virtualKeyId;  //
    // With tagValue: only rows tagged key=value (x-signalbox-tags). Ignored when empty.
    QString tagKey;
    QString tagValue;

    bool hasTag() const { return !tagKey.isEmpty(); }
};

}  // namespace signalbox
