#pragma once

#include "json/Json.h"
#include "providers/ApiError.h"

#include <QString>
#include <QStringList>

namespace signalbox {

// OpenAI's /v1/embeddings ↔ Gemini's models/{model}:batchEmbedContents.
class GeminiEmbeddings {
public:
    // An OpenAI embeddings request (input: a string or an array of strings) → the
    // batchEmbedContents body for `model`. False with an InvalidRequest for input Gemini
    // cannot take (token arrays). Fields with no Gemini counterpart go to `dropped`.
    static bool encodeRequest(const Json& openAiBody, const QString& model, Json& out,
                              QStringList& dropped, ApiError& error);

    // The batchEmbedContents answer → an OpenAI embeddings answer naming `model`, in the
    // encoding the OpenAI request asked for ("float", or "base64": little-endian float32
    // bytes). Gemini reports no token counts here, so usage is 0 rather than a guess.
    static bool decodeResponse(const Json& geminiBody, const Json& openAiRequest,
                               const QString& model, Json& out, ApiError& error);
};

}  // namespace signalbox
