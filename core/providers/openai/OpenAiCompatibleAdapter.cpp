#include "providers/openai/OpenAiCompatibleAdapter.h"

#include "config/Config.h"
#include "providers/openai/OpenAiErrorCodec.h"

namespace signalbox {

namespace {
OpenAiFormatOptions optionsOf(const OpenAiCompatiblePreset& preset) {
    OpenAiFormatOptions options;
    options.maxTokensField = preset.maxTokensField;
    options.seedField = preset.seedField;
    for (const QByteArray& field : QByteArray(preset.unsupportedFields).split(',')) {
        if (!field.trimmed().isEmpty()) {
            options.unsupportedFields.append(field.trimmed());
        }
    }
    return options;
}
}  // namespace

OpenAiCompatibleAdapter::OpenAiCompatibleAdapter(const OpenAiCompatiblePreset& preset)
    : kind_(QString::fromUtf8(preset.kind)),
      displayName_(QString::fromUtf8(preset.displayName)),
      defaultBaseUrl_(QString::fromUtf8(preset.defaultBaseUrl)),
      keyOptional_(preset.keyOptional),
      endpoints_(preset.endpoints),
      format_(optionsOf(preset)) {}

bool OpenAiCompatibleAdapter::supports(ProviderEndpoint endpoint) const {
    return (endpoints_ & endpointBit(endpoint)) != 0;
}

QByteArray OpenAiCompatibleAdapter::pathOf(ProviderEndpoint endpoint) {
    switch (endpoint) {
        case ProviderEndpoint::Chat:
            return "/chat/completions";
        case ProviderEndpoint::Completions:
            return "/completions";
        case ProviderEndpoint::Embeddings:
            return "/embeddings";
        case ProviderEndpoint::Models:
            return "/models";
        case ProviderEndpoint::CountTokens:
            break;
    }
    return {};
}

UpstreamRequest OpenAiCompatibleAdapter::prepare(ProviderEndpoint endpoint,
                                                 const ProviderConfig& provider, QByteArrayView key,
                                                 const QString& /*model*/, bool /*stream*/,
                                                 const HttpHeaders& /*clientHeaders*/) const {
    UpstreamRequest request;
    request.url = provider.baseUrl.toUtf8() + pathOf(endpoint);
    if (endpoint == ProviderEndpoint::Models) {
        request.method = "GET";
    }
    if (!key.isEmpty()) {
        request.headers.add("Authorization", "Bearer " + key.toByteArray());
    }
    return request;
}

bool OpenAiCompatibleAdapter::isRetryable(const ApiError& error) const {
    return OpenAiErrorCodec::isRetryable(error);
}

}  // namespace signalbox
