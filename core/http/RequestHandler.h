#pragma once

#include <memory>

namespace signalbox {

class HttpExchange;

// What the HTTP transport knows of the application: one call per complete
// request. Each worker thread has its own handler, so a handler needs no locks
// for its own state; it answers through the exchange, now or later.
class RequestHandler {
public:
    virtual ~RequestHandler() = default;
    virtual void handle(const std::shared_ptr<HttpExchange>& exchange) = 0;
};

}  // namespace signalbox
