#include "playground/AnswerSummary.h"

#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace signalbox {

namespace {
const QString kDot = QStringLiteral(" \u00b7 ");
}  // namespace

QString AnswerSummary::duration(qint64 ms) {
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    return tr("%1 s").arg(QLocale().toString(static_cast<double>(ms) / 1000.0, 'f', 1));
}

QString AnswerSummary::cost(std::optional<double> usd) {
    if (!usd)
        return tr("unpriced");
    if (*usd <= 0)
        return QStringLiteral("$0");
    // Two significant digits at least, four decimals at least: $0.0003, $0.000012, $1.2500.
    const int decimals = std::max(4, 1 - static_cast<int>(std::floor(std::log10(*usd))));
    return QLatin1Char('$') + QLocale().toString(*usd, 'f', std::min(decimals, 10));
}

QString AnswerSummary::footer(const PlaygroundResult& result) {
    QStringList parts;
    if (result.outcome == PlaygroundResult::Outcome::Cancelled)
        parts << tr("Stopped");
    else if (result.outcome == PlaygroundResult::Outcome::Failed)
        parts << tr("Failed");
    if (!result.target.isEmpty())
        parts << result.target;
    if (result.attempts > 0)
        parts << (result.attempts == 1 ? tr("1 attempt") : tr("%1 attempts").arg(result.attempts));
    if (result.firstTokenMs >= 0)
        parts << tr("first token %1").arg(duration(result.firstTokenMs));
    parts << duration(result.totalMs);
    const Usage& usage = result.usage;
    if (usage.known()) {
        const QLocale locale;
        QString tokens =
            tr("%1 in / %2 out")
                .arg(usage.inputTokens >= 0 ? locale.toString(usage.inputTokens) : tr("?"),
                     usage.outputTokens >= 0 ? locale.toString(usage.outputTokens) : tr("?"));
        if (usage.cacheReadTokens > 0)
            tokens += tr(" (%1 cached)").arg(locale.toString(usage.cacheReadTokens));
        parts << tokens;
        parts << cost(result.costUsd);
    } else if (result.outcome != PlaygroundResult::Outcome::Failed || result.status == 200) {
        parts << tr("tokens not reported");
    }
    return parts.join(kDot);
}

QString AnswerSummary::advice(const PlaygroundResult& result) {
    if (result.outcome != PlaygroundResult::Outcome::Failed)
        return {};
    switch (result.status) {
        case 0:
            return {};  // the call's own words say what to do (start the proxy)
        case 401:
        case 403:
            return tr(
                "Enter a virtual key (sbk-…) under Parameters, or create one under "
                "Virtual Keys.");
        case 404:
            return tr(
                "Pick a route or provider/model from the list; routes are edited under "
                "Routes.");
        case 429:
            return tr(
                "A limit or budget was reached: wait a moment, or see Virtual Keys and "
                "the provider's limits.");
        default:
            break;
    }
    if (result.status >= 500 || result.status == 200)
        return tr("See request %1 in Logs for each attempt, or try another route or model.")
            .arg(result.requestId.isEmpty() ? tr("(no id)")
                                            : QString::fromLatin1(result.requestId));
    return tr("Check the parameters, tools and response format, then send again.");
}

}  // namespace signalbox
