#pragma once

#include "governance/KeyMeter.h"
#include "governance/VirtualKey.h"
#include "store/KeySpend.h"

#include <QByteArray>

#include <optional>

namespace signalbox {

// A virtual key with what it used, for the admin API, the CLI and the window.
struct KeyReport {
    VirtualKey key;
    KeySpend today;  // UTC calendar day, as logged
    KeySpend month;  // UTC calendar month, as logged
    KeySpend total;
    std::optional<MeterUsage> live;  // the running proxy's meter: its period, spend, reserved
    QByteArray secret;               // only in the answer that created the key
};

}  // namespace signalbox
