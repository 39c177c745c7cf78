#include "routing/RetryAfter.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace signalbox {

namespace {
constexpr qint64 kMaxMs = 24LL * 3600 * 1000;  // anything longer is nonsense

std::optional<qint64> capped(double ms) {
    if (!std::isfinite(ms) || ms < 0)
        return std::nullopt;
    return static_cast<qint64>(std::min(ms, static_cast<double>(kMaxMs)));
}

std::optional<qint64> untilDate(QByteArrayView text, qint64 nowWallMs) {
    const QString s = QString::fromLatin1(text).trimmed();
    QDateTime when = QDateTime::fromString(s, Qt::RFC2822Date);
    if (!when.isValid())
        when = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!when.isValid())
        when = QLocale::c().toDateTime(s, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    if (s.endsWith(QLatin1String("GMT")))
        when.setTimeZone(QTimeZone::utc());
    return std::max<qint64>(0, when.toMSecsSinceEpoch() - nowWallMs);
}
}  // namespace

std::optional<qint64> RetryAfter::parseDuration(QByteArrayView text) {
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    double total = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype start = i;
        while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.'))
            ++i;
        if (i == start)
            return std::nullopt;
        bool ok = false;
        const double number = text.sliced(start, i - start).toDouble(&ok);
        if (!ok)
            return std::nullopt;
        const qsizetype unitStart = i;
        while (i < text.size() && text[i] >= 'a' && text[i] <= 'z')
            ++i;
        const QByteArrayView unit = text.sliced(unitStart, i - unitStart);
        if (unit == "ms") {
            total += number;
        } else if (unit == "s") {
            total += number * 1000;
        } else if (unit == "m") {
            total += number * 60'000;
        } else if (unit == "h") {
            total += number * 3'600'000;
        } else {
            return std::nullopt;
        }
    }
    return capped(total);
}

std::optional<qint64> RetryAfter::parseValue(QByteArrayView value, qint64 nowWallMs) {
    value = value.trimmed();
    if (value.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double seconds = value.toDouble(&ok);
    if (ok)
        return capped(seconds * 1000);
    if (auto duration = parseDuration(value))
        return duration;
    return untilDate(value, nowWallMs);
}

std::optional<qint64> RetryAfter::fromHeaders(const HttpHeaders& headers, qint64 nowWallMs) {
    bool ok = false;
    const double ms = headers.value("retry-after-ms").toDouble(&ok);
    if (ok)
        return capped(ms);
    if (auto after = parseValue(headers.value("retry-after"), nowWallMs))
        return after;
    // A limit at zero says when it refills; the longest of those is when a call can pass.
    std::optional<qint64> longest;
    const auto consider = [&](std::optional<qint64> wait) {
        if (wait && (!longest || *wait > *longest))
            longest = wait;
    };
    for (const auto& [name, value] : headers.fields()) {
        const QByteArray lower = name.toLower();
        if (lower.startsWith("x-ratelimit-remaining-")) {
            if (value.trimmed() == "0") {
                const QByteArray reset = "x-ratelimit-reset-" + lower.sliced(22);
                consider(parseDuration(headers.value(reset)));
            }
        } else if (lower.startsWith("anthropic-ratelimit-") && lower.endsWith("-remaining")) {
            if (value.trimmed() == "0") {
                const QByteArray reset = lower.chopped(10) + "-reset";
                consider(untilDate(headers.value(reset), nowWallMs));
            }
        }
    }
    return longest;
}

}  // namespace signalbox
