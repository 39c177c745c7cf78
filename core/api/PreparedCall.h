#pragma once

#include "providers/ApiError.h"
#include "providers/ChatRequest.h"
#include "providers/ProviderEndpoint.h"

#include <QByteArray>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace signalbox {

struct ResolvedTarget;

// What one target is sent for one request, made afresh for each target of a route since
// each may speak its own format:
//  - pass-through: client and provider speak the same format; the body goes out with
//    only the model rewritten and the answer comes back byte for byte;
//  - translate: the canonical request written in the provider's format, its answer
//    (whole or streamed) read back and written in the client's;
//  - mapped: a small whole-body call (token counts, embeddings) whose answer `mapper`
//    turns into the client's shape.
struct PreparedCall {
    enum class Mode { PassThrough, Translate, Mapped };
    // Turns a provider's successful whole answer into the client's body.
    using ResponseMapper =
        std::function<std::optional<QByteArray>(const QByteArray& body, ApiError& error)>;

    Mode mode = Mode::PassThrough;
    ProviderEndpoint endpoint = ProviderEndpoint::Chat;
    QByteArray body;
    bool stream = false;
    QStringList dropped;                         // what the provider's format cannot carry
    std::shared_ptr<const ChatRequest> request;  // Translate: the client's request
    ResponseMapper mapper;                       // Mapped
    // Set when the request cannot go to this target. `skip`: another target may take it
    // (this one lacks the endpoint); otherwise the request itself is at fault.
    std::optional<ApiError> error;
    bool skip = false;
};

using CallPreparer = std::function<PreparedCall(const ResolvedTarget& target)>;

}  // namespace signalbox
