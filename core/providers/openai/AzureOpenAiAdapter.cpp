#include "providers/openai/AzureOpenAiAdapter.h"

#include "config/Config.h"
#include "providers/ProviderRegistry.h"
#include "providers/openai/OpenAiCompatibleAdapter.h"
#include "providers/openai/OpenAiErrorCodec.h"

#include <QUrl>

namespace signalbox {

AzureOpenAiAdapter::AzureOpenAiAdapter() = default;

QString AzureOpenAiAdapter::defaultApiVersion() const {
    // The latest dated GA version of the data-plane inference API ("API version
    // lifecycle" and the REST reference on learn.microsoft.com). Newer features come
    // with preview versions, which a config may name in `api_version`.
    return QStringLiteral("2024-10-21");
}

bool AzureOpenAiAdapter::supports(ProviderEndpoint endpoint) const {
    // GET /openai/models lists what the resource could deploy, not the deployments that
    // requests name, so it is left out.
    return endpoint == ProviderEndpoint::Chat || endpoint == ProviderEndpoint::Completions ||
           endpoint == ProviderEndpoint::Embeddings;
}

UpstreamRequest AzureOpenAiAdapter::prepare(ProviderEndpoint endpoint,
                                            const ProviderConfig& provider, QByteArrayView key,
                                            const QString& model, bool /*stream*/,
                                            const HttpHeaders& /*clientHeaders*/) const {
    QByteArray base = provider.baseUrl.toUtf8();
    if (base.endsWith("/openai")) {
        base.chop(7);  // users paste the endpoint with or without it
    }
    const QString version =
        provider.apiVersion.isEmpty() ? defaultApiVersion() : provider.apiVersion;
    UpstreamRequest request;
    request.url = base + "/openai/deployments/" + QUrl::toPercentEncoding(model) +
                  OpenAiCompatibleAdapter::pathOf(endpoint) +
                  "?api-version=" + QUrl::toPercentEncoding(version);
    if (!key.isEmpty()) {
        request.headers.add("api-key", key.toByteArray());
    }
    return request;
}

bool AzureOpenAiAdapter::isRetryable(const ApiError& error) const {
    return OpenAiErrorCodec::isRetryable(error);
}

SIGNALBOX_REGISTER_PROVIDER(AzureOpenAiAdapter)

}  // namespace signalbox
