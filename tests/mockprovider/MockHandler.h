#pragma once

#include "MockState.h"
#include "http/RequestHandler.h"

#include <memory>

namespace signalbox::mock {

// The mock provider's request handler (one per worker thread): the OpenAI
// chat-completions and models endpoints under /v1, and a control API under
// /mock: POST /mock/faults (a fault object or an array of them, served in
// order), GET /mock/requests, POST /mock/reset. A request may also carry its
// own fault in the x-mock-fault header (JSON).
class MockHandler : public RequestHandler {
public:
    explicit MockHandler(std::shared_ptr<MockState> state) : state_(std::move(state)) {}
    void handle(const std::shared_ptr<HttpExchange>& exchange) override;

private:
    void control(const std::shared_ptr<HttpExchange>& exchange);
    std::shared_ptr<MockState> state_;
};

}  // namespace signalbox::mock
