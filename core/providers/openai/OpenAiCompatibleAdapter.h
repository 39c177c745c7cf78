#pragma once

#include "providers/ProviderAdapter.h"
#include "providers/openai/OpenAiChatFormat.h"
#include "providers/openai/OpenAiCompatiblePreset.h"

namespace signalbox {

// A provider that speaks OpenAI's API under its own base URL: {base}/chat/completions,
// /completions, /embeddings and GET /models, with a Bearer key when one is given. The
// preset says which of those it has and how its requests differ.
class OpenAiCompatibleAdapter : public ProviderAdapter {
public:
    explicit OpenAiCompatibleAdapter(const OpenAiCompatiblePreset& preset);

    QString kind() const override { return kind_; }
    QString displayName() const override { return displayName_; }
    QString defaultBaseUrl() const override { return defaultBaseUrl_; }
    bool keyOptional() const override { return keyOptional_; }

    const ChatFormat& chatFormat() const override { return format_; }
    bool supports(ProviderEndpoint endpoint) const override;

    UpstreamRequest prepare(ProviderEndpoint endpoint, const ProviderConfig& provider,
                            QByteArrayView key, const QString& model, bool stream,
                            const HttpHeaders& clientHeaders) const override;

    bool isRetryable(const ApiError& error) const override;

    // The path of `endpoint` under an OpenAI-style base URL; empty for none.
    static QByteArray pathOf(ProviderEndpoint endpoint);

private:
    QString kind_;
    QString displayName_;
    QString defaultBaseUrl_;
    bool keyOptional_;
    unsigned endpoints_;
    OpenAiChatFormat format_;
};

}  // namespace signalbox
