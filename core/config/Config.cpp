#include "config/Config.h"

namespace signalbox {

QString ListenAddress::toString() const {
    const QString address = host.toString();
    // IPv6 needs brackets, or its colons would run into the port's.
    if (address.contains(QLatin1Char(':'))) {
        return QStringLiteral("[%1]:%2").arg(address).arg(port);
    }
    return QStringLiteral("%1:%2").arg(address).arg(port);
}

std::optional<ListenAddress> parseListenAddress(const QString& text) {
    const QString trimmed = text.trimmed();
    QString hostText;
    QString portText;
    if (trimmed.startsWith(QLatin1Char('['))) {
        const qsizetype close = trimmed.indexOf(QLatin1Char(']'));
        if (close < 0 || trimmed.mid(close + 1, 1) != QLatin1String(":")) {
            return std::nullopt;
        }
        hostText = trimmed.mid(1, close - 1);
        portText = trimmed.mid(close + 2);
    } else {
        // A bare IPv6 address ("::1:4747") is ambiguous, so the host holds no colon.
        const qsizetype colon = trimmed.indexOf(QLatin1Char(':'));
        if (colon < 0 || trimmed.indexOf(QLatin1Char(':'), colon + 1) >= 0) {
            return std::nullopt;
        }
        hostText = trimmed.left(colon);
        portText = trimmed.mid(colon + 1);
    }

    // Digits only: toUInt() would also take "+80" or " 80".
    if (portText.isEmpty() || portText.size() > 5) {
        return std::nullopt;
    }
    for (const QChar c : portText) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
            return std::nullopt;
        }
    }
    const uint port = portText.toUInt();
    if (port > 65535) {
        return std::nullopt;
    }

    ListenAddress result;
    result.port = static_cast<quint16>(port);
    const bool bracketed = trimmed.startsWith(QLatin1Char('['));
    if (!bracketed && hostText.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        result.host = QHostAddress(QHostAddress::LocalHost);
        return result;
    }
    QHostAddress host;
    if (hostText.isEmpty() || !host.setAddress(hostText)) {
        return std::nullopt;
    }
    // Brackets are for IPv6 alone; IPv4 goes bare.
    if (bracketed != (host.protocol() == QAbstractSocket::IPv6Protocol)) {
        return std::nullopt;
    }
    result.host = host;
    return result;
}

TimeoutConfig TimeoutConfig::within(const TimeoutConfig& outer) const {
    const auto pick = [](int own, int fallback) { return own != 0 ? own : fallback; };
    return {pick(connectMs, outer.connectMs), pick(firstByteMs, outer.firstByteMs),
            pick(idleMs, outer.idleMs), pick(totalMs, outer.totalMs)};
}

QString strategyName(RouteStrategy strategy) {
    switch (strategy) {
        case RouteStrategy::Fallback:
            return QStringLiteral("fallback");
        case RouteStrategy::Weighted:
            return QStringLiteral("weighted");
        case RouteStrategy::Fastest:
            return QStringLiteral("fastest");
        case RouteStrategy::Cheapest:
            return QStringLiteral("cheapest");
    }
    return {};
}

std::optional<RouteStrategy> strategyFromName(QStringView name) {
    for (const RouteStrategy s : kRouteStrategies) {
        if (name == strategyName(s))
            return s;
    }
    return std::nullopt;
}

}  // namespace signalbox
