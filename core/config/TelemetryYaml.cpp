#include "config/TelemetryYaml.h"

#include "config/ConfigLoader.h"

#include <QUrl>

namespace signalbox::yaml {

namespace {

// RFC 9110's token characters, the only ones a header name may hold.
bool isHeaderName(const QString& name) {
    static const QString kSymbols = QStringLiteral("!#$%&'*+-.^_`|~");
    for (const QChar c : name) {
        const bool ok = (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                        (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                        (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || kSymbols.contains(c);
        if (!ok)
            return false;
    }
    return !name.isEmpty();
}

QString readEndpoint(const Entry& entry, const QString& where) {
    if (entry.value.IsNull())
        return {};  // "otlp_endpoint:" with nothing: export off, as with ""
    if (!entry.value.IsScalar()) {
        refuse(entry.value, within(where, ConfigLoader::tr("'otlp_endpoint' must be an http:// "
                                                           "or https:// URL or empty, got %1")
                                              .arg(describe(entry.value))));
    }
    const QString text = scalarText(entry.value);
    if (text.isEmpty())
        return text;
    const QUrl url(text, QUrl::StrictMode);
    // Checked before anything quotes the URL back: user info would be a password.
    if (!url.userInfo().isEmpty() || text.section(QLatin1Char('/'), 2, 2).contains(u'@')) {
        refuse(entry.value,
               within(where, ConfigLoader::tr("'otlp_endpoint' must not hold a user name or "
                                              "password; put the collector's credentials "
                                              "under 'otlp_headers'")));
    }
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty()) {
        refuse(entry.value, within(where, ConfigLoader::tr("'otlp_endpoint' must be an http:// "
                                                           "or https:// URL with a host, or "
                                                           "empty, got %1")
                                              .arg(quoted(text))));
    }
    return text;
}

std::map<QString, QString> readHeaders(const Entry& entry, const QString& where) {
    const QString headersWhere = ConfigLoader::tr("'otlp_headers' of %1").arg(where);
    std::map<QString, QString> headers;
    for (const Entry& header : mapEntries(entry, {}, headersWhere)) {
        if (!isHeaderName(header.name)) {
            refuse(header.key,
                   within(headersWhere, ConfigLoader::tr("header name %1 may hold only letters, "
                                                         "digits and !#$%&'*+-.^_`|~")
                                            .arg(quoted(header.name))));
        }
        // HTTP names are case-insensitive: two spellings of one header are one header.
        for (const auto& earlier : headers) {
            if (earlier.first.compare(header.name, Qt::CaseInsensitive) == 0) {
                refuse(header.key,
                       within(headersWhere, ConfigLoader::tr("header '%1' is given twice (as "
                                                             "'%2' too)")
                                                .arg(header.name, earlier.first)));
            }
        }
        const QString value = header.value.IsScalar() ? scalarText(header.value) : QString();
        if (!header.value.IsScalar() || value.contains(QLatin1Char('\r')) ||
            value.contains(QLatin1Char('\n')) || value.contains(QChar(0))) {
            refuse(blame(header),
                   within(headersWhere, ConfigLoader::tr("the value of header '%1' must be "
                                                         "one line of text, got %2")
                                            .arg(header.name, describe(header.value, false))));
        }
        headers[header.name] = value;
    }
    return headers;
}

}  // namespace

TelemetryConfig readTelemetry(const Entry& section) {
    const QString where = ConfigLoader::tr("section 'telemetry'");
    TelemetryConfig telemetry;
    for (const Entry& entry :
         mapEntries(section,
                    {QStringLiteral("otlp_endpoint"), QStringLiteral("otlp_headers"),
                     QStringLiteral("service_name")},
                    where)) {
        if (entry.name == QLatin1String("otlp_endpoint")) {
            telemetry.otlpEndpoint = readEndpoint(entry, where);
        } else if (entry.name == QLatin1String("otlp_headers")) {
            telemetry.otlpHeaders = readHeaders(entry, where);
        } else {
            telemetry.serviceName = readString(entry, where);
        }
    }
    return telemetry;
}

void writeTelemetry(YAML::Emitter& out, const TelemetryConfig& telemetry) {
    const TelemetryConfig defaults;
    if (telemetry == defaults)
        return;
    out << YAML::Key << "telemetry" << YAML::Value << YAML::BeginMap;
    if (telemetry.otlpEndpoint != defaults.otlpEndpoint)
        out << YAML::Key << "otlp_endpoint" << YAML::Value << telemetry.otlpEndpoint;
    if (!telemetry.otlpHeaders.empty()) {
        out << YAML::Key << "otlp_headers" << YAML::Value << YAML::BeginMap;
        for (const auto& [name, value] : telemetry.otlpHeaders)
            out << YAML::Key << name << YAML::Value << value;
        out << YAML::EndMap;
    }
    if (telemetry.serviceName != defaults.serviceName)
        out << YAML::Key << "service_name" << YAML::Value << telemetry.serviceName;
    out << YAML::EndMap;
}

}  // namespace signalbox::yaml
