#pragma once

#include "MockState.h"
#include "http/RequestHandler.h"

#include <QJsonObject>

#include <memory>

namespace signalbox::mock {

struct MockReplyContext;

// The mock provider's request handler (one per worker thread). It speaks each
// provider's API under that provider's paths:
//   OpenAI      POST /v1/chat/completions, /v1/completions, /v1/embeddings;
//               GET /v1/models
//   Azure       POST /openai/deployments/{deployment}/chat/completions,
//               …/completions, …/embeddings (?api-version= required)
//   Anthropic   POST /v1/messages, /v1/messages/count_tokens; GET /v1/models
//               and /v1/models/{id} when x-api-key or anthropic-version is sent
//   Gemini      POST /v1beta/models/{model}:generateContent,
//               :streamGenerateContent, :countTokens, :embedContent,
//               :batchEmbedContents; GET /v1beta/models[/{model}]
// and a control API under /mock: POST /mock/faults (a fault object or an array
// of them, each serving the first request it matches), DELETE /mock/faults,
// GET /mock/requests (?model= and ?key= narrow it), POST /mock/reset. A request
// may also carry its own fault in the x-mock-fault header (JSON); model lists
// take only that one, never a queued fault.
class MockHandler : public RequestHandler {
public:
    explicit MockHandler(std::shared_ptr<MockState> state) : state_(std::move(state)) {}
    void handle(const std::shared_ptr<HttpExchange>& exchange) override;

private:
    void control(const std::shared_ptr<HttpExchange>& exchange);
    void openAi(const std::shared_ptr<HttpExchange>& exchange);
    void azure(const std::shared_ptr<HttpExchange>& exchange);
    void anthropic(const std::shared_ptr<HttpExchange>& exchange);
    void gemini(const std::shared_ptr<HttpExchange>& exchange);
    // The fault for this request (header, else the queue unless `queued` is off)
    // with what every reply needs.
    MockReplyContext context(const std::shared_ptr<HttpExchange>& exchange, bool queued = true);
    // True when a key is expected and `sent` is not it.
    bool wrongKey(QByteArrayView sent) const;

    std::shared_ptr<MockState> state_;
};

}  // namespace signalbox::mock
