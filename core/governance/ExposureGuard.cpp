#include "governance/ExposureGuard.h"

#include "config/Config.h"
#include "http/HttpHeaders.h"

#include <QCoreApplication>
#include <QHostAddress>

namespace signalbox {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("ExposureGuard", text);
}

// The name part of a Host header: "example.com:4747" → "example.com", "[::1]:80" → "::1".
QByteArrayView hostName(QByteArrayView host) {
    if (host.startsWith('[')) {
        const qsizetype close = host.indexOf(']');
        return close > 0 ? host.sliced(1, close - 1) : host;
    }
    const qsizetype colon = host.lastIndexOf(':');
    return colon >= 0 && host.indexOf(':') == colon ? host.first(colon) : host;
}

// A header value as it may appear in a message: printable ASCII, and not much of it.
QString shown(QByteArrayView value) {
    QString out;
    for (const char c : value.first(std::min<qsizetype>(value.size(), 100)))
        out += c >= 0x20 && c < 0x7f ? QChar::fromLatin1(c) : QChar(u'?');
    return out;
}
}  // namespace

bool ExposureGuard::hostAllowed(QByteArrayView host, const Config& config) {
    const QByteArrayView name = hostName(host.trimmed());
    // The names nearly every request uses, without allocating.
    if (name.isEmpty() || name == "127.0.0.1" || name == "::1" ||
        name.compare("localhost", Qt::CaseInsensitive) == 0) {
        return true;
    }
    const QString lower = QString::fromLatin1(name).toLower();
    if (lower == u"localhost" || lower.endsWith(u".localhost"))
        return true;  // resolved to loopback by browsers themselves (RFC 6761)
    if (!QHostAddress(lower).isNull())
        return true;
    const GovernanceConfig& governance = config.governance;
    if (governance.allowedHosts.contains(lower))
        return true;
    return governance.allowedHosts.isEmpty() && governance.keysRequired(config.listen);
}

bool ExposureGuard::originAllowed(QByteArrayView origin, const Config& config) {
    QString text = QString::fromLatin1(origin.trimmed()).toLower();
    if (text.endsWith(u'/'))
        text.chop(1);
    return config.governance.allowedOrigins.contains(text);
}

ExposureGuard::Verdict ExposureGuard::check(const HttpHeaders& headers, const Config& config) {
    if (!hostAllowed(headers.value("host"), config))
        return Verdict::ForeignHost;
    if (headers.contains("origin") && !originAllowed(headers.value("origin"), config))
        return Verdict::ForeignOrigin;
    return Verdict::Allow;
}

QString ExposureGuard::message(Verdict verdict, const HttpHeaders& headers) {
    switch (verdict) {
        case Verdict::ForeignHost:
            return tr("Refused: the request addresses this gateway as '%1', a name it was not "
                      "given (a web page rebinding its name to this machine looks like this). "
                      "Use 127.0.0.1 or localhost, or add the name to governance.allowed_hosts.")
                .arg(shown(headers.value("host")));
        case Verdict::ForeignOrigin:
            return tr("Refused: a web page from %1 may not use this gateway. If it should, add "
                      "the origin to governance.allowed_origins.")
                .arg(shown(headers.value("origin")));
        case Verdict::Allow:
            break;
    }
    return {};
}

}  // namespace signalbox
