#pragma once

#include "providers/ProviderAdapter.h"
#include "providers/openai/OpenAiChatFormat.h"

namespace signalbox {

// Azure OpenAI (kind "azure-openai"): a resource's endpoint from the user
// (https://RESOURCE.openai.azure.com), the model named by its deployment,
// {base}/openai/deployments/{deployment}/chat/completions?api-version=..., and the key
// in an `api-key` header. Requests take max_completion_tokens, which the GA API has
// since 2024-10-21 and the o-series deployments require.
class AzureOpenAiAdapter : public ProviderAdapter {
public:
    AzureOpenAiAdapter();

    QString kind() const override { return QStringLiteral("azure-openai"); }
    QString displayName() const override { return QStringLiteral("Azure OpenAI"); }
    QString defaultBaseUrl() const override { return {}; }
    QString defaultApiVersion() const override;

    const ChatFormat& chatFormat() const override { return format_; }
    bool supports(ProviderEndpoint endpoint) const override;

    UpstreamRequest prepare(ProviderEndpoint endpoint, const ProviderConfig& provider,
                            QByteArrayView key, const QString& model, bool stream,
                            const HttpHeaders& clientHeaders) const override;

    bool isRetryable(const ApiError& error) const override;

private:
    OpenAiChatFormat format_;
};

}  // namespace signalbox
