#include "governance/KeyJson.h"

#include "governance/KeySecret.h"
#include "json/Json.h"

#include <QDateTime>

namespace signalbox {

namespace {
Json timeOrNull(qint64 ms) {
    if (ms == 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

Json spendJson(const KeySpend& spend) {
    Json out = Json::object();
    out.set("requests", spend.requests);
    out.set("cost_usd", spend.costUsd);
    out.set("input_tokens", spend.inputTokens);
    out.set("output_tokens", spend.outputTokens);
    return out;
}
}  // namespace

QString KeyJson::status(const VirtualKey& key, qint64 nowMs) {
    if (key.revoked())
        return QStringLiteral("revoked");
    if (key.expired(nowMs))
        return QStringLiteral("expired");
    return QStringLiteral("active");
}

Json KeyJson::toJson(const KeyReport& report, qint64 nowMs) {
    const VirtualKey& key = report.key;
    Json out = Json::object();
    out.set("object", "virtual_key");
    out.set("id", key.id);
    out.set("name", key.name);
    if (!report.secret.isEmpty())
        out.set("key", QByteArrayView(report.secret));
    out.set("key_hint", KeySecret::masked(key.hint));
    Json routes = Json::array();
    for (const QString& route : key.routes)
        routes.append(route);
    out.set("routes", std::move(routes));
    out.set("budget_usd", key.budgetUsd ? Json(*key.budgetUsd) : Json());
    out.set("budget_period", budgetPeriodName(key.period));
    out.set("rpm", key.rpm);
    out.set("tpm", key.tpm);
    out.set("created_at", timeOrNull(key.createdAtMs));
    out.set("expires_at", timeOrNull(key.expiresAtMs));
    out.set("revoked_at", timeOrNull(key.revokedAtMs));
    out.set("status", status(key, nowMs));
    Json spend = Json::object();
    spend.set("today", spendJson(report.today));
    spend.set("month", spendJson(report.month));
    spend.set("total", spendJson(report.total));
    if (report.live) {
        // The running proxy's view of the budget's period: what it counted and holds.
        Json period = Json::object();
        period.set("start", timeOrNull(report.live->periodStartMs));
        period.set("end", timeOrNull(report.live->periodEndMs));
        period.set("spent_usd", report.live->spentUsd);
        period.set("reserved_usd", report.live->reservedUsd);
        if (key.budgetUsd)
            period.set("remaining_usd", std::max(0.0, *key.budgetUsd - report.live->spentUsd));
        period.set("requests_last_minute", report.live->requestsInWindow);
        period.set("tokens_last_minute", report.live->tokensInWindow);
        spend.set("budget_period", std::move(period));
    }
    out.set("spend", std::move(spend));
    return out;
}

}  // namespace signalbox
