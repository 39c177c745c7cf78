#include "providers/openai/OpenAiAdapter.h"

#include "providers/ProviderRegistry.h"

namespace signalbox {

namespace {
// https://platform.openai.com/docs/api-reference (base URL, Bearer auth).
constexpr OpenAiCompatiblePreset kOpenAi{
    "openai",
    "OpenAI",
    "https://api.openai.com/v1",
    "max_completion_tokens",
    "seed",
    "",
    endpointBit(ProviderEndpoint::Chat) | endpointBit(ProviderEndpoint::Completions) |
        endpointBit(ProviderEndpoint::Embeddings) | endpointBit(ProviderEndpoint::Models),
    false,
};
}  // namespace

OpenAiAdapter::OpenAiAdapter() : OpenAiCompatibleAdapter(kOpenAi) {}

SIGNALBOX_REGISTER_PROVIDER(OpenAiAdapter)

}  // namespace signalbox
