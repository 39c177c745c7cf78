#pragma once

#include <QByteArray>
#include <QByteArrayList>

namespace signalbox {

// How one OpenAI-format provider differs from OpenAI's own API in what a request may
// carry. Adapters fill it from what the provider documents.
struct OpenAiFormatOptions {
    // OpenAI's reasoning models refuse max_tokens; most compatible servers only know it.
    QByteArray maxTokensField = "max_completion_tokens";
    QByteArray seedField = "seed";  // Mistral calls it random_seed
    // Request fields the provider refuses (Mistral rejects any field it does not know):
    // top-level names like "user" or "stream_options", or "messages[].name". The encoder
    // leaves them out and names them as dropped (stream_options, which the gateway adds
    // itself, silently).
    QByteArrayList unsupportedFields;

    bool supports(QByteArrayView field) const { return !unsupportedFields.contains(field); }
};

}  // namespace signalbox
