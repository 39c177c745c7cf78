#pragma once

#include "store/LogRow.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

namespace signalbox {

// Everything the log keeps of one request: its row, every other column, and the bodies
// when the store logged them.
struct RequestDetail {
    LogRow row;
    QString providerKind;
    QByteArray trail;  // the `trail` column: a JSON array, one object per try
    qint64 cachedInputTokens = -1;
    qint64 cacheWriteTokens = -1;
    qint64 reasoningTokens = -1;
    QByteArray tags;         // a JSON object; empty for none
    QByteArray requestBody;  // empty when not logged
    QByteArray responseBody;
};

}  // namespace signalbox
