#include "providers/gemini/GeminiCountTokens.h"

#include "providers/gemini/GeminiRequestEncoder.h"
#include "providers/gemini/GeminiWire.h"

namespace signalbox {

Json GeminiCountTokens::encodeRequest(const ChatRequest& request, QStringList& dropped) {
    // GenerateContentRequest requires its model ("models/{model}") even here.
    Json inner = Json::object();
    inner.set("model", GeminiWire::modelPath(request.model));
    const Json body = GeminiRequestEncoder::encode(request, dropped);
    for (const Json::Member& m : body.members())
        inner.set(m.first, m.second);
    Json out = Json::object();
    out.set("generateContentRequest", std::move(inner));
    return out;
}

std::optional<qint64> GeminiCountTokens::totalTokens(const Json& response) {
    if (!response["totalTokens"].isNumber())
        return std::nullopt;
    return response["totalTokens"].toInt();
}

}  // namespace signalbox
