#pragma once

#include "routing/AttemptTrail.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace signalbox {

// One proxied request as the log keeps it: a row of the `requests` table, a sample of
// the metrics and a trace. Filled by the call as it goes, handed over once at its end.
// Token counts are -1 when unknown.
struct RequestRecord {
    QByteArray id;          // x-signalbox-request-id, "sb-" and 16 hex digits
    qint64 startedAt = 0;   // Unix milliseconds, when the request arrived
    qint64 finishedAt = 0;  // when the last byte of the answer went out (or the client left)
    // The inbound API: "openai.chat", "openai.completions", "openai.embeddings",
    // "anthropic.messages", "anthropic.count_tokens".
    QByteArray surface;
    QString route;         // the client's "model": a route name or "provider/model"
    QString target;        // provider/model that served it, or was tried last; empty if none
    QString providerKind;  // the target provider's kind, e.g. "openai"
    QString model;         // the target's model name as the provider knows it
    std::vector<Attempt> attempts;  // every try and every target passed over
    int calls = 0;                  // attempts that reached a provider
    int status = 0;  // HTTP status sent to the client; 499 when it left before an answer
    QString error;   // what went wrong, in words; empty on success
    bool stream = false;
    bool truncated = false;   // a stream that ended early after bytes reached the client
    qint64 latencyMs = -1;    // request arrived until the answer ended
    qint64 ttftMs = -1;       // request arrived until the first content went out
    qint64 inputTokens = -1;  // the whole prompt, cached parts included
    qint64 outputTokens = -1;
    qint64 cachedInputTokens = -1;  // part of the input read from the provider's cache
    qint64 cacheWriteTokens = -1;   // part of the input written to it (Anthropic)
    qint64 reasoningTokens = -1;    // part of the output spent thinking
    std::optional<double> costUsd;  // unset when the model has no price
    bool costEstimated = false;     // tokens were estimated: the provider reported none
    bool cacheHit = false;
    // A cache hit: what the answer cost when it was first made (what the hit saved).
    std::optional<double> cacheSavedUsd;
    QString virtualKeyId;
    // What redaction masked before the request left, counted by kind as a JSON object
    // ({"email":2,"card":1}); empty when nothing was. Never what was masked.
    QByteArray redactions;
    QString user;            // the OpenAI `user` field or Anthropic metadata.user_id
    QByteArray tags;         // a JSON object from x-signalbox-tags; empty for none
    QByteArray requestBody;  // kept only when the store logs bodies: redacted, capped
    QByteArray responseBody;

    bool ok() const { return status >= 200 && status < 300 && !truncated; }
};

}  // namespace signalbox
