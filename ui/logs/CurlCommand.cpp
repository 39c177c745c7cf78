#include "logs/CurlCommand.h"

#include "store/RequestDetail.h"

namespace signalbox {

namespace {

// POSIX shell single quotes: everything literal, a quote closes, escapes and reopens.
QString quoted(QString text) {
    text.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

}  // namespace

QString CurlCommand::pathOf(const QString& surface) {
    if (surface == QLatin1String("openai.completions"))
        return QStringLiteral("/v1/completions");
    if (surface == QLatin1String("openai.embeddings"))
        return QStringLiteral("/v1/embeddings");
    if (surface == QLatin1String("anthropic.messages"))
        return QStringLiteral("/v1/messages");
    if (surface == QLatin1String("anthropic.count_tokens"))
        return QStringLiteral("/v1/messages/count_tokens");
    return QStringLiteral("/v1/chat/completions");
}

QString CurlCommand::build(const QString& proxyUrl, const RequestDetail& detail) {
    const LogRow& row = detail.row;
    const bool anthropic = row.surface.startsWith(QLatin1String("anthropic."));
    QStringList lines;
    lines << QStringLiteral("curl%1 %2")
                 .arg(row.stream ? QStringLiteral(" -N") : QString(),
                      quoted(proxyUrl + pathOf(row.surface)));
    lines << QStringLiteral("-H 'Content-Type: application/json'");
    if (anthropic)
        lines << QStringLiteral("-H 'anthropic-version: 2023-06-01'");
    if (!row.virtualKeyId.isEmpty()) {
        lines << (anthropic ? QStringLiteral("-H \"x-api-key: $SIGNALBOX_API_KEY\"")
                            : QStringLiteral("-H \"Authorization: Bearer $SIGNALBOX_API_KEY\""));
    }
    lines << QStringLiteral("-d ") + quoted(QString::fromUtf8(detail.requestBody));
    return lines.join(QStringLiteral(" \\\n  "));
}

}  // namespace signalbox
