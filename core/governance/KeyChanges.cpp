#include "governance/KeyChanges.h"

#include "json/Json.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cmath>

namespace signalbox {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("KeyChanges", text);
}

constexpr qsizetype kMaxNameLength = 200;
constexpr int kMaxPerMinute = 100'000'000;

std::optional<int> perMinute(const Json& value, const char* field, QString* error) {
    if (value.isNull())
        return 0;
    const double n = value.toDouble(-1);
    if (!value.isNumber() || n < 0 || n > kMaxPerMinute || n != std::floor(n)) {
        *error = tr("'%1' must be a whole number from 0 (no limit) to %2.")
                     .arg(QLatin1String(field))
                     .arg(kMaxPerMinute);
        return std::nullopt;
    }
    return static_cast<int>(n);
}
}  // namespace

std::optional<KeyChanges> KeyChanges::fromJson(const Json& body, QString* error) {
    if (!body.isObject()) {
        *error = tr("The body must be a JSON object of key settings.");
        return std::nullopt;
    }
    KeyChanges changes;
    for (const auto& [name, value] : body.members()) {
        if (name == "name") {
            if (!value.isString()) {
                *error = tr("'name' must be a string.");
                return std::nullopt;
            }
            changes.name = value.toString();
        } else if (name == "routes") {
            QStringList routes;
            for (const Json& item : value.items()) {
                if (!item.isString()) {
                    *error = tr("'routes' must be a list of route names or provider/model.");
                    return std::nullopt;
                }
                routes += item.toString();
            }
            if (!value.isArray() && !value.isNull()) {
                *error = tr("'routes' must be a list of route names or provider/model.");
                return std::nullopt;
            }
            changes.routes = routes;
        } else if (name == "budget_usd") {
            if (value.isNull()) {
                changes.budgetUsd = std::optional<double>();
            } else if (value.isNumber()) {
                changes.budgetUsd = value.toDouble();
            } else {
                *error = tr("'budget_usd' must be a number of US dollars, or null for none.");
                return std::nullopt;
            }
        } else if (name == "budget_period") {
            const auto period = budgetPeriodFromName(value.toString());
            if (!period) {
                *error = tr("'budget_period' must be \"day\", \"month\" or \"total\".");
                return std::nullopt;
            }
            changes.period = *period;
        } else if (name == "rpm" || name == "tpm") {
            const auto limit = perMinute(value, name.constData(), error);
            if (!limit)
                return std::nullopt;
            (name == "rpm" ? changes.rpm : changes.tpm) = *limit;
        } else if (name == "expires_at") {
            if (value.isNull()) {
                changes.expiresAtMs = 0;
                continue;
            }
            const QDateTime at = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
            // Without an offset Qt reads local time: the server's zone would decide.
            if (!value.isString() || !at.isValid() || at.timeSpec() == Qt::LocalTime) {
                *error =
                    tr("'expires_at' must be an RFC 3339 time such as "
                       "\"2027-01-31T00:00:00Z\", or null for never.");
                return std::nullopt;
            }
            changes.expiresAtMs = at.toMSecsSinceEpoch();
        } else {
            *error = tr("Unknown field '%1'. A key takes: name, routes, budget_usd, "
                        "budget_period, rpm, tpm, expires_at.")
                         .arg(QString::fromUtf8(name));
            return std::nullopt;
        }
    }
    return changes;
}

QString KeyChanges::problem(bool creating, qint64 nowMs) const {
    if (creating && (!name || name->trimmed().isEmpty()))
        return tr("A key needs a name (who or what uses it).");
    if (name && (name->trimmed().isEmpty() || name->size() > kMaxNameLength))
        return tr("A key's name must hold 1 to %1 characters.").arg(kMaxNameLength);
    if (budgetUsd && *budgetUsd && (!std::isfinite(**budgetUsd) || **budgetUsd < 0))
        return tr("'budget_usd' must be 0 or more US dollars.");
    if (routes) {
        for (const QString& route : *routes) {
            if (route.trimmed().isEmpty())
                return tr("'routes' holds an empty name.");
        }
    }
    if (expiresAtMs && *expiresAtMs != 0 && *expiresAtMs <= nowMs)
        return tr("'expires_at' is in the past.");
    return {};
}

void KeyChanges::applyTo(VirtualKey& key) const {
    if (name)
        key.name = name->trimmed();
    if (routes)
        key.routes = *routes;
    if (budgetUsd)
        key.budgetUsd = *budgetUsd;
    if (period)
        key.period = *period;
    if (rpm)
        key.rpm = *rpm;
    if (tpm)
        key.tpm = *tpm;
    if (expiresAtMs)
        key.expiresAtMs = *expiresAtMs;
}

}  // namespace signalbox
