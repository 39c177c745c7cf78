#pragma once

#include "governance/VirtualKey.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace signalbox {

class Json;

// What a caller asks of a key's settings, from the admin API's JSON or the command line:
// a new key's settings, or the ones an update changes (unset fields stay as they are).
struct KeyChanges {
    std::optional<QString> name;
    std::optional<QStringList> routes;
    std::optional<std::optional<double>> budgetUsd;  // holding nullopt: no budget any more
    std::optional<BudgetPeriod> period;
    std::optional<int> rpm;
    std::optional<int> tpm;
    std::optional<qint64> expiresAtMs;  // 0: never

    // The admin API's body: {name, routes, budget_usd, budget_period, rpm, tpm,
    // expires_at}; expires_at is RFC 3339 text or null. Unknown fields are refused.
    static std::optional<KeyChanges> fromJson(const Json& body, QString* error);
    // What is wrong with these settings, in words; empty when nothing. `creating`: a new
    // key needs a name.
    QString problem(bool creating, qint64 nowMs) const;
    void applyTo(VirtualKey& key) const;
};

}  // namespace signalbox
