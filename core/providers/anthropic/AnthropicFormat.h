#pragma once

#include "providers/ChatFormat.h"

namespace signalbox {

// The Anthropic Messages API (POST /v1/messages) as a chat format: what Anthropic clients
// send Signalbox and what it sends Anthropic, answers and event streams both ways.
class AnthropicFormat : public ChatFormat {
public:
    QByteArrayView name() const override { return "anthropic"; }

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
