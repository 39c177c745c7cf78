#pragma once

#include <QtGlobal>

namespace signalbox {

// What one virtual key used over some days (virtual_key_spend): what its budget and the
// admin API count. Unknown token counts add nothing; unpriced requests cost nothing.
struct KeySpend {
    qint64 requests = 0;
    double costUsd = 0;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;

    friend bool operator==(const KeySpend&, const KeySpend&) = default;
};

}  // namespace signalbox
