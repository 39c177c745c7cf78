#include "providers/anthropic/AnthropicFormat.h"

#include "providers/anthropic/AnthropicErrorCodec.h"
#include "providers/anthropic/AnthropicRequestReader.h"
#include "providers/anthropic/AnthropicRequestWriter.h"
#include "providers/anthropic/AnthropicResponseCodec.h"
#include "providers/anthropic/AnthropicStreamDecoder.h"
#include "providers/anthropic/AnthropicStreamEncoder.h"
#include "providers/anthropic/AnthropicVocabulary.h"

namespace signalbox {

bool AnthropicFormat::decodeRequest(const Json& body, ChatRequest& out, ApiError& error) const {
    out.sourceFormat = this;
    return AnthropicRequestReader::read(body, out, error);
}

Json AnthropicFormat::encodeRequest(const ChatRequest& request, QStringList& dropped) const {
    return AnthropicRequestWriter::write(request, dropped);
}

bool AnthropicFormat::decodeResponse(const Json& body, ChatResponse& out, ApiError& error) const {
    return AnthropicResponseCodec::decode(body, out, error);
}

Json AnthropicFormat::encodeResponse(const ChatResponse& response) const {
    return AnthropicResponseCodec::encode(response);
}

std::unique_ptr<StreamDecoder> AnthropicFormat::newStreamDecoder() const {
    return std::make_unique<AnthropicStreamDecoder>();
}

std::unique_ptr<StreamEncoder> AnthropicFormat::newStreamEncoder(const ChatRequest& request) const {
    return std::make_unique<AnthropicStreamEncoder>(request.model);
}

ApiError AnthropicFormat::decodeError(int status, QByteArrayView body) const {
    return AnthropicErrorCodec::decode(status, body);
}

QByteArray AnthropicFormat::encodeError(const ApiError& error) const {
    return AnthropicErrorCodec::toJson(error).serialize();
}

std::optional<Usage> AnthropicFormat::usageIn(const Json& piece) const {
    // A whole message and message_delta carry it on top, message_start in its message.
    const Json* usage = &piece["usage"];
    if (!usage->isObject())
        usage = &piece["message"]["usage"];
    if (!usage->isObject())
        return std::nullopt;
    AnthropicVocabulary::UsageCounts counts;
    counts.update(*usage);
    return counts.toCanonical();
}

}  // namespace signalbox
