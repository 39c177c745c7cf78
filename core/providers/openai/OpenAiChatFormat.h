#pragma once

#include "providers/ChatFormat.h"
#include "providers/openai/OpenAiFormatOptions.h"

namespace signalbox {

// OpenAI chat completions, the format of OpenAI, Azure OpenAI and every
// OpenAI-compatible server. One instance per adapter, since providers differ in what a
// request may carry (OpenAiFormatOptions); the inbound /v1/chat/completions surface uses
// the defaults, which are OpenAI's own rules.
class OpenAiChatFormat : public ChatFormat {
public:
    OpenAiChatFormat() = default;
    explicit OpenAiChatFormat(OpenAiFormatOptions options);

    const OpenAiFormatOptions& options() const { return options_; }

    QByteArrayView name() const override { return "openai"; }
    bool takesVerbatim(const ChatFormat& client) const override;

    bool decodeRequest(const Json& body, ChatRequest& out, ApiError& error) const override;
    Json encodeRequest(const ChatRequest& request, QStringList& dropped) const override;

    bool decodeResponse(const Json& body, ChatResponse& out, ApiError& error) const override;
    Json encodeResponse(const ChatResponse& response) const override;

    std::unique_ptr<StreamDecoder> newStreamDecoder() const override;
    std::unique_ptr<StreamEncoder> newStreamEncoder(const ChatRequest& request) const override;

    ApiError decodeError(int status, QByteArrayView body) const override;
    QByteArray encodeError(const ApiError& error) const override;
    std::optional<Usage> usageIn(const Json& piece) const override;

private:
    OpenAiFormatOptions options_;
};

}  // namespace signalbox
