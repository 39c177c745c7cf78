#pragma once

#include "providers/ProviderEndpoint.h"

namespace signalbox {

constexpr unsigned endpointBit(ProviderEndpoint endpoint) {
    return 1U << static_cast<unsigned>(endpoint);
}

// One OpenAI-compatible provider as data: everything OpenAiCompatibleAdapter needs to
// serve it. Plain constants, so that a table of them is ready before any static
// initialiser registers them.
struct OpenAiCompatiblePreset {
    const char* kind;  // what configs write after "kind:"
    const char* displayName;
    const char* defaultBaseUrl;  // with its /v1 or equivalent; "" when the user gives it
    const char* maxTokensField;  // "max_tokens" or "max_completion_tokens"
    const char* seedField;
    const char* unsupportedFields;  // comma-separated, see OpenAiFormatOptions
    unsigned endpoints;             // endpointBit() of each endpoint served, chat included
    bool keyOptional;               // local servers run without keys
};

}  // namespace signalbox
