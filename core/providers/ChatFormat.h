#pragma once

#include "json/Json.h"
#include "providers/ApiError.h"
#include "providers/ChatRequest.h"
#include "providers/ChatResponse.h"
#include "providers/StreamDecoder.h"
#include "providers/StreamEncoder.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QStringList>

#include <memory>
#include <optional>

namespace signalbox {

// One wire format of chat calls (OpenAI chat completions, Anthropic Messages, Gemini
// generateContent) and its translation to and from the canonical model. Stateless and
// shared by all threads; stream coders hold the per-call state.
class ChatFormat {
public:
    virtual ~ChatFormat() = default;

    // Short stable name, e.g. "openai", "anthropic", "gemini".
    virtual QByteArrayView name() const = 0;

    // Whether a request of `client`'s format may go to this provider byte for byte, with
    // only the model rewritten. Formats whose providers refuse or rename some fields of
    // it (OpenAI-compatible servers) say no, and the request is rewritten for them.
    virtual bool takesVerbatim(const ChatFormat& client) const { return name() == client.name(); }

    // A client's request body → canonical. On false, `error` says what is wrong in the
    // client's terms (an InvalidRequest with the field in `param`).
    virtual bool decodeRequest(const Json& body, ChatRequest& out, ApiError& error) const = 0;
    // Canonical → a provider's request body for `request.model`. Fields this format
    // cannot carry are named in `dropped` in the client's terms ("top_k",
    // "messages[].cache_control"), each once.
    virtual Json encodeRequest(const ChatRequest& request, QStringList& dropped) const = 0;

    // A provider's non-streamed answer → canonical. False when it is not a valid answer
    // of this format; `error` then is a BadResponse saying why.
    virtual bool decodeResponse(const Json& body, ChatResponse& out, ApiError& error) const = 0;
    // Canonical → the client's answer body.
    virtual Json encodeResponse(const ChatResponse& response) const = 0;

    virtual std::unique_ptr<StreamDecoder> newStreamDecoder() const = 0;
    // `request` is the client's, for what the stream must echo (model, include_usage).
    virtual std::unique_ptr<StreamEncoder> newStreamEncoder(const ChatRequest& request) const = 0;

    // A provider's error answer (status and body, which may be anything) → canonical,
    // keeping the provider's message.
    virtual ApiError decodeError(int status, QByteArrayView body) const = 0;
    // Canonical → the client's error body; the HTTP status is error.status.
    virtual QByteArray encodeError(const ApiError& error) const = 0;

    // The token counts a piece of this format's answer carries (a whole body or one
    // stream event's JSON), or nothing when it carries none. The request log reads
    // pass-through answers with it without decoding them.
    virtual std::optional<Usage> usageIn(const Json& piece) const = 0;
};

}  // namespace signalbox
