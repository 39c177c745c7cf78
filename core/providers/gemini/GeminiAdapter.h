#pragma once

#include "providers/ProviderAdapter.h"
#include "providers/gemini/GeminiFormat.h"

namespace signalbox {

// Google AI Studio's Gemini API. The key goes in the x-goog-api-key header, never in the
// URL's ?key=, because URLs end up in logs. The API version is part of the URL
// (v1beta by default; configs may set api_version: v1 or v1alpha).
class GeminiAdapter : public ProviderAdapter {
public:
    QString kind() const override { return QStringLiteral("gemini"); }
    QString displayName() const override { return QStringLiteral("Google Gemini"); }
    QString defaultBaseUrl() const override {
        return QStringLiteral("https://generativelanguage.googleapis.com");
    }
    QString defaultApiVersion() const override { return QStringLiteral("v1beta"); }

    const ChatFormat& chatFormat() const override { return format_; }
    bool supports(ProviderEndpoint endpoint) const override;

    UpstreamRequest prepare(ProviderEndpoint endpoint, const ProviderConfig& provider,
                            QByteArrayView key, const QString& model, bool stream,
                            const HttpHeaders& clientHeaders) const override;

    bool encodeCountTokens(const ChatRequest& request, QByteArray& body,
                           QStringList& dropped) const override;
    std::optional<qint64> decodeCountTokens(const QByteArray& answer) const override;
    bool encodeEmbeddings(const Json& openAiRequest, const QString& model, QByteArray& body,
                          QStringList& dropped, ApiError& error) const override;
    bool decodeEmbeddings(const QByteArray& answer, const Json& openAiRequest, const QString& model,
                          QByteArray& out, ApiError& error) const override;

    bool isRetryable(const ApiError& error) const override;

private:
    GeminiFormat format_;
};

}  // namespace signalbox
