#pragma once

#include "json/JsonScanner.h"
#include "providers/ApiError.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace signalbox {

// What the proxy reads of a client's JSON body before choosing where it goes: the model,
// whether it streams, and the fallback chain clients written for other gateways send
// (`"fallbacks": [...]` as in LiteLLM and Bifrost, `"models": [...]` as in OpenRouter),
// which is taken out of the body: providers refuse fields they do not know.
struct ClientRequest {
    QByteArray body;  // the client's body, less its fallback fields
    JsonSpan modelSpan;
    QString model;
    bool stream = false;
    QStringList fallbacks;
    // For the request log: who asked (OpenAI's `user`, Anthropic's metadata.user_id),
    // and whether an OpenAI stream sets stream_options: if it does, its choice of usage
    // stands (and the log estimates when it chose none).
    QString user;
    bool hasStreamOptions = false;
    // The client's cap on output (max_tokens, max_completion_tokens); -1 when it set none.
    // Budgets reserve for it.
    qint64 maxOutputTokens = -1;

    // Reports a client error in `error` when the body is not JSON or names no model.
    static std::optional<ClientRequest> read(QByteArray body, ApiError& error);
    // The body with only the model's bytes replaced, when they change: everything else
    // goes out as the client sent it.
    QByteArray withModel(const QString& target) const;
    // withModel(), also asking an OpenAI stream for its usage (stream_options) when the
    // client set no stream options: the log prices streams from the counts.
    QByteArray withModelAndUsage(const QString& target) const;

    // The x-signalbox-tags header ("team=search,env=prod") as a JSON object; empty when
    // there are none. Pairs without '=' and empty keys are left out.
    static QByteArray tagsJson(QByteArrayView header);
};

}  // namespace signalbox
