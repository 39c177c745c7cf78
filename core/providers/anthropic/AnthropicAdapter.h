#pragma once

#include "providers/ProviderAdapter.h"

namespace signalbox {

// Anthropic's own API: x-api-key auth, the anthropic-version header, Messages, token
// counting and the model list under {base_url}/v1.
class AnthropicAdapter : public ProviderAdapter {
public:
    // The version this gateway's Anthropic format is written against.
    static constexpr const char* kApiVersion = "2023-06-01";

    QString kind() const override { return QStringLiteral("anthropic"); }
    QString displayName() const override { return QStringLiteral("Anthropic"); }
    // As the Anthropic SDKs take base_url: without the /v1 the paths add.
    QString defaultBaseUrl() const override { return QStringLiteral("https://api.anthropic.com"); }

    const ChatFormat& chatFormat() const override;
    bool supports(ProviderEndpoint endpoint) const override;

    // A client that speaks Anthropic's format chose its anthropic-version and betas;
    // they are passed on. Other clients get kApiVersion.
    UpstreamRequest prepare(ProviderEndpoint endpoint, const ProviderConfig& provider,
                            QByteArrayView key, const QString& model, bool stream,
                            const HttpHeaders& clientHeaders) const override;

    // Overloaded (529), rate limits (429) and other 5xx may pass; 4xx answers will not.
    bool isRetryable(const ApiError& error) const override;
};

}  // namespace signalbox
