#include "providers/gemini/GeminiAdapter.h"

#include "config/Config.h"
#include "providers/ProviderRegistry.h"
#include "providers/gemini/GeminiCountTokens.h"
#include "providers/gemini/GeminiEmbeddings.h"
#include "providers/gemini/GeminiWire.h"

#include <QRegularExpression>
#include <QUrl>

namespace signalbox {

bool GeminiAdapter::supports(ProviderEndpoint endpoint) const {
    switch (endpoint) {
        case ProviderEndpoint::Chat:
        case ProviderEndpoint::Embeddings:
        case ProviderEndpoint::CountTokens:
        case ProviderEndpoint::Models:
            return true;
        case ProviderEndpoint::Completions:
            break;
    }
    return false;
}

UpstreamRequest GeminiAdapter::prepare(ProviderEndpoint endpoint, const ProviderConfig& provider,
                                       QByteArrayView key, const QString& model, bool stream,
                                       const HttpHeaders& clientHeaders) const {
    Q_UNUSED(clientHeaders);  // nothing a client sends is Gemini's to hear
    UpstreamRequest r;
    if (!supports(endpoint))
        return r;  // empty URL: the caller treats the endpoint as missing

    QString base = provider.baseUrl.isEmpty() ? defaultBaseUrl() : provider.baseUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    const QString version =
        provider.apiVersion.isEmpty() ? defaultApiVersion() : provider.apiVersion;
    // A base_url copied with its version ("…/v1beta") keeps it rather than doubling it.
    static const QRegularExpression kVersion(QStringLiteral("^v\\d+(alpha|beta)?\\d*$"));
    const bool versioned = kVersion.match(base.section(u'/', -1)).hasMatch();
    QByteArray url = base.toUtf8();
    if (!versioned)
        url += '/' + version.toUtf8();
    url += '/';

    const QByteArray path = QUrl::toPercentEncoding(GeminiWire::modelPath(model), "/");
    switch (endpoint) {
        case ProviderEndpoint::Chat:
            url += path + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
            break;
        case ProviderEndpoint::CountTokens:
            url += path + ":countTokens";
            break;
        case ProviderEndpoint::Embeddings:
            url += path + ":batchEmbedContents";
            break;
        case ProviderEndpoint::Models:
            // The default page is 50 models; 1000 is the documented most per page.
            r.method = "GET";
            url += "models?pageSize=1000";
            break;
        case ProviderEndpoint::Completions:
            break;
    }
    r.url = url;
    if (!key.isEmpty())
        r.headers.add("x-goog-api-key", key.toByteArray());
    return r;
}

bool GeminiAdapter::isRetryable(const ApiError& error) const {
    // RESOURCE_EXHAUSTED, INTERNAL, UNAVAILABLE and DEADLINE_EXCEEDED pass with time or
    // on another target; the 4xx request errors never do.
    switch (error.status) {
        case 429:
        case 500:
        case 503:
        case 504:
            return true;
        default:
            break;
    }
    return error.retryable();
}

bool GeminiAdapter::encodeCountTokens(const ChatRequest& request, QByteArray& body,
                                      QStringList& dropped) const {
    body = GeminiCountTokens::encodeRequest(request, dropped).serialize();
    return true;
}

std::optional<qint64> GeminiAdapter::decodeCountTokens(const QByteArray& answer) const {
    const std::optional<Json> json = Json::parse(answer);
    return json ? GeminiCountTokens::totalTokens(*json) : std::nullopt;
}

bool GeminiAdapter::encodeEmbeddings(const Json& openAiRequest, const QString& model,
                                     QByteArray& body, QStringList& dropped,
                                     ApiError& error) const {
    Json out;
    if (!GeminiEmbeddings::encodeRequest(openAiRequest, model, out, dropped, error))
        return false;
    body = out.serialize();
    return true;
}

bool GeminiAdapter::decodeEmbeddings(const QByteArray& answer, const Json& openAiRequest,
                                     const QString& model, QByteArray& out, ApiError& error) const {
    QString parseError;
    const std::optional<Json> json = Json::parse(answer, &parseError);
    if (!json) {
        error.kind = ApiError::Kind::BadResponse;
        error.message = parseError;
        return false;
    }
    Json openAi;
    if (!GeminiEmbeddings::decodeResponse(*json, openAiRequest, model, openAi, error))
        return false;
    out = openAi.serialize();
    return true;
}

SIGNALBOX_REGISTER_PROVIDER(GeminiAdapter)

}  // namespace signalbox
