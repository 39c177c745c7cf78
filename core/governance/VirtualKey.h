#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace signalbox {

// Over which stretch of time a virtual key's budget is counted. Days and months are
// UTC calendar days and months; Total never resets.
enum class BudgetPeriod { Day, Month, Total };
QString budgetPeriodName(BudgetPeriod period);  // "day", "month", "total"
std::optional<BudgetPeriod> budgetPeriodFromName(QStringView name);

// A virtual key `sbk-…` as the gateway keeps it: never the secret itself, only its
// SHA-256 and its last four characters. Handed to an app or a person with its own
// limits; the proxy checks it on every request.
struct VirtualKey {
    QString id;          // "vk_" and 16 hex digits: what logs, metrics and the admin API name
    QString name;        // what people call it ("search-backend", "alice")
    QByteArray hash;     // SHA-256 of the whole secret, lower-case hex
    QString hint;        // the secret's last four characters, to tell keys apart
    QStringList routes;  // allowed models: route names, "provider/model", "provider/*"; empty: all
    std::optional<double> budgetUsd;  // unset: no budget
    BudgetPeriod period = BudgetPeriod::Month;
    int rpm = 0;  // requests per minute; 0: no limit
    int tpm = 0;  // tokens (prompt and output) per minute; 0: no limit
    qint64 createdAtMs = 0;
    qint64 expiresAtMs = 0;  // Unix ms; 0: never
    qint64 revokedAtMs = 0;  // Unix ms; 0: in force

    bool revoked() const { return revokedAtMs != 0; }
    bool expired(qint64 nowMs) const { return expiresAtMs != 0 && nowMs >= expiresAtMs; }

    friend bool operator==(const VirtualKey&, const VirtualKey&) = default;
};

}  // namespace signalbox
