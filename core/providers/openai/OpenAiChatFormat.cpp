#include "providers/openai/OpenAiChatFormat.h"

#include "providers/openai/OpenAiErrorCodec.h"
#include "providers/openai/OpenAiRequestDecoder.h"
#include "providers/openai/OpenAiRequestEncoder.h"
#include "providers/openai/OpenAiResponseCodec.h"
#include "providers/openai/OpenAiStreamDecoder.h"
#include "providers/openai/OpenAiStreamEncoder.h"
#include "providers/openai/OpenAiWire.h"

namespace signalbox {

OpenAiChatFormat::OpenAiChatFormat(OpenAiFormatOptions options) : options_(std::move(options)) {}

bool OpenAiChatFormat::decodeRequest(const Json& body, ChatRequest& out, ApiError& error) const {
    return OpenAiRequestDecoder::decode(body, out, error);
}

Json OpenAiChatFormat::encodeRequest(const ChatRequest& request, QStringList& dropped) const {
    const bool sameFormat =
        request.sourceFormat != nullptr && request.sourceFormat->name() == name();
    return OpenAiRequestEncoder::encode(request, options_, sameFormat, dropped);
}

bool OpenAiChatFormat::decodeResponse(const Json& body, ChatResponse& out, ApiError& error) const {
    return OpenAiResponseCodec::decode(body, out, error);
}

Json OpenAiChatFormat::encodeResponse(const ChatResponse& response) const {
    return OpenAiResponseCodec::encode(response);
}

std::unique_ptr<StreamDecoder> OpenAiChatFormat::newStreamDecoder() const {
    return std::make_unique<OpenAiStreamDecoder>();
}

std::unique_ptr<StreamEncoder> OpenAiChatFormat::newStreamEncoder(
    const ChatRequest& request) const {
    return std::make_unique<OpenAiStreamEncoder>(request.model, request.includeUsage);
}

bool OpenAiChatFormat::takesVerbatim(const ChatFormat& client) const {
    // A client's max_tokens or max_completion_tokens is understood nearly everywhere; a
    // refused or renamed field is not.
    return client.name() == name() && options_.unsupportedFields.isEmpty() &&
           options_.seedField == "seed";
}

ApiError OpenAiChatFormat::decodeError(int status, QByteArrayView body) const {
    return OpenAiErrorCodec::decode(status, body);
}

QByteArray OpenAiChatFormat::encodeError(const ApiError& error) const {
    return OpenAiErrorCodec::toJson(error).serialize();
}

std::optional<Usage> OpenAiChatFormat::usageIn(const Json& piece) const {
    const Json& usage = piece["usage"];
    if (!usage.isObject())
        return std::nullopt;  // chunks before the last carry "usage": null
    return OpenAiWire::usageFromWire(usage);
}

}  // namespace signalbox
