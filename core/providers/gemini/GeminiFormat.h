#pragma once

#include "providers/ChatFormat.h"

namespace signalbox {

// Google's Gemini API (generativelanguage.googleapis.com, v1beta generateContent and
// streamGenerateContent?alt=sse) as a provider format.
//
// Gemini is not a client surface of Signalbox yet; decodeRequest, encodeResponse and
// newStreamEncoder are the exact inverses of the provider side, kept for round-trip
// checks and for a Gemini-native surface later.
//
// A prompt blocked before generation (promptFeedback.blockReason, no candidates) is
// not an error: it reads as an empty answer that finished with ContentFilter, which
// clients hear as finish_reason "content_filter".
class GeminiFormat : public ChatFormat {
public:
    QByteArrayView name() const override { return "gemini"; }

    bool decodeRequest(const Json& body, ChatRequest& out, ApiError& error) const override;
    Json encodeRequest(const ChatRequest& request, QStringList& dropped) const override;

    bool decodeResponse(const Json& body, ChatResponse& out, ApiError& error) const override;
    Json encodeResponse(const ChatResponse& response) const override;

    std::unique_ptr<StreamDecoder> newStreamDecoder() const override;
    std::unique_ptr<StreamEncoder> newStreamEncoder(const ChatRequest& request) const override;

    ApiError decodeError(int status, QByteArrayView body) const override;
    QByteArray encodeError(const ApiError& error) const override;
    std::optional<Usage> usageIn(const Json& piece) const override;
};

}  // namespace signalbox
