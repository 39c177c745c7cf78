#include "api/GovernanceHeaders.h"

#include "api/CallGovernance.h"
#include "http/HttpHeaders.h"

#include <QDateTime>

namespace signalbox {

namespace {
void addWindow(HttpHeaders& out, const char* what, const RateWindow& window, bool anthropic,
               qint64 wallMs) {
    if (anthropic) {
        const QByteArray prefix = QByteArray("anthropic-ratelimit-") + what;
        out.add(prefix + "-limit", QByteArray::number(window.limit));
        out.add(prefix + "-remaining", QByteArray::number(window.remaining));
        out.add(prefix + "-reset", QDateTime::fromMSecsSinceEpoch(wallMs + window.resetMs, Qt::UTC)
                                       .toString(Qt::ISODate)
                                       .toLatin1());
        return;
    }
    out.add(QByteArray("x-ratelimit-limit-") + what, QByteArray::number(window.limit));
    out.add(QByteArray("x-ratelimit-remaining-") + what, QByteArray::number(window.remaining));
    out.add(QByteArray("x-ratelimit-reset-") + what,
            GovernanceHeaders::durationText(window.resetMs));
}
}  // namespace

QByteArray GovernanceHeaders::durationText(qint64 ms) {
    if (ms < 1000)
        return QByteArray::number(std::max<qint64>(0, ms)) + "ms";
    const qint64 minutes = ms / 60'000;
    const double secs = double(ms % 60'000) / 1000;
    QByteArray out = minutes > 0 ? QByteArray::number(minutes) + 'm' : QByteArray();
    return out + QByteArray::number(secs, 'g', 6) + 's';
}

void GovernanceHeaders::add(HttpHeaders& out, const CallGovernance& governance, bool anthropic,
                            qint64 wallMs, qint64 cacheAgeS) {
    switch (governance.cache) {
        case CallGovernance::Cache::Bypass:
            out.add("x-signalbox-cache", "bypass");
            break;
        case CallGovernance::Cache::Miss:
            out.add("x-signalbox-cache", "miss");
            break;
        case CallGovernance::Cache::Hit:
            out.add("x-signalbox-cache", "hit");
            out.add("age", QByteArray::number(cacheAgeS));
            break;
    }
    if (governance.requests)
        addWindow(out, "requests", *governance.requests, anthropic, wallMs);
    if (governance.tokens)
        addWindow(out, "tokens", *governance.tokens, anthropic, wallMs);
}

}  // namespace signalbox
