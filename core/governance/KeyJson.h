#pragma once

#include "governance/KeyReport.h"

namespace signalbox {

class Json;

// A virtual key as the admin API and `signalboxd keys` show it: settings, state, and
// use today, this month and in all ({"id","name","key_hint","routes","budget_usd",
// "budget_period","rpm","tpm","created_at","expires_at","revoked_at","status","spend"}).
// Never the secret, except as "key" in the answer that created it.
class KeyJson {
public:
    static Json toJson(const KeyReport& report, qint64 nowMs);
    static QString status(const VirtualKey& key, qint64 nowMs);  // active, revoked, expired
};

}  // namespace signalbox
