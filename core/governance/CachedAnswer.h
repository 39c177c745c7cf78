#pragma once

#include "providers/ChatResponse.h"

#include <QString>

#include <optional>

namespace signalbox {

// One answer the response cache keeps: what a hit replays, and what it saved.
struct CachedAnswer {
    ChatResponse response;
    QString target;          // "provider/model" that made it
    qint64 createdAtMs = 0;  // wall clock, Unix ms: a hit's Age
};

}  // namespace signalbox
