#pragma once

namespace signalbox {

// The calls a provider may offer beyond chat. Adapters say which they have.
enum class ProviderEndpoint {
    Chat,
    Completions,  // OpenAI legacy text completions
    Embeddings,
    CountTokens,
    Models,
};

}  // namespace signalbox
