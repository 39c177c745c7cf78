#include "providers/anthropic/AnthropicAdapter.h"

#include "config/Config.h"
#include "providers/ProviderRegistry.h"
#include "providers/anthropic/AnthropicFormat.h"

namespace signalbox {

const ChatFormat& AnthropicAdapter::chatFormat() const {
    static const AnthropicFormat format;
    return format;
}

bool AnthropicAdapter::supports(ProviderEndpoint endpoint) const {
    switch (endpoint) {
        case ProviderEndpoint::Chat:
        case ProviderEndpoint::CountTokens:
        case ProviderEndpoint::Models:
            return true;
        case ProviderEndpoint::Completions:
        case ProviderEndpoint::Embeddings:
            break;
    }
    return false;
}

UpstreamRequest AnthropicAdapter::prepare(ProviderEndpoint endpoint, const ProviderConfig& provider,
                                          QByteArrayView key, const QString& /*model*/, bool stream,
                                          const HttpHeaders& clientHeaders) const {
    QString base = provider.baseUrl.isEmpty() ? defaultBaseUrl() : provider.baseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    UpstreamRequest request;
    switch (endpoint) {
        case ProviderEndpoint::Models:
            request.method = "GET";
            request.url = (base + QLatin1String("/v1/models")).toUtf8();
            break;
        case ProviderEndpoint::CountTokens:
            request.url = (base + QLatin1String("/v1/messages/count_tokens")).toUtf8();
            break;
        case ProviderEndpoint::Chat:
        case ProviderEndpoint::Completions:
        case ProviderEndpoint::Embeddings:
            request.url = (base + QLatin1String("/v1/messages")).toUtf8();
            break;
    }
    if (!key.isEmpty())
        request.headers.add("x-api-key", key.toByteArray());
    const QByteArrayView version = clientHeaders.value("anthropic-version");
    request.headers.add("anthropic-version",
                        version.isEmpty() ? QByteArray(kApiVersion) : version.toByteArray());
    // Several anthropic-beta lines are as valid as one comma-separated list.
    for (const HttpHeaders::Field& field : clientHeaders.fields()) {
        if (field.first.compare("anthropic-beta", Qt::CaseInsensitive) == 0)
            request.headers.add("anthropic-beta", field.second);
    }
    if (stream && endpoint == ProviderEndpoint::Chat)
        request.headers.add("accept", "text/event-stream");
    return request;
}

bool AnthropicAdapter::isRetryable(const ApiError& error) const {
    switch (error.kind) {
        case ApiError::Kind::Timeout:
        case ApiError::Kind::Unreachable:
        case ApiError::Kind::BadResponse:
        case ApiError::Kind::Overloaded:
        case ApiError::Kind::RateLimited:
            return true;
        default:
            break;
    }
    return error.status == 429 || error.status >= 500;
}

SIGNALBOX_REGISTER_PROVIDER(AnthropicAdapter)

}  // namespace signalbox
