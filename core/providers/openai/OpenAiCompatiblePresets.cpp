// The OpenAI-compatible providers Signalbox knows by name, as data. Each row registers
// an OpenAiCompatibleAdapter of its kind. Base URLs are the ones each provider's docs
// give for OpenAI SDKs; "max" is the token-limit field it documents.

#include "providers/ProviderRegistry.h"
#include "providers/openai/OpenAiCompatibleAdapter.h"

namespace signalbox {

namespace {

constexpr unsigned kChat = endpointBit(ProviderEndpoint::Chat);
constexpr unsigned kCompletions = endpointBit(ProviderEndpoint::Completions);
constexpr unsigned kEmbeddings = endpointBit(ProviderEndpoint::Embeddings);
constexpr unsigned kModels = endpointBit(ProviderEndpoint::Models);
constexpr unsigned kLocalServer = kChat | kCompletions | kEmbeddings | kModels;

constexpr const char* kMaxTokens = "max_tokens";
constexpr const char* kMaxCompletionTokens = "max_completion_tokens";

// clang-format off
constexpr OpenAiCompatiblePreset kPresets[] = {
    // kind, display name, default base URL, max field, seed field, refused fields,
    // endpoints, key optional
    //
    // docs.mistral.ai: the API refuses unknown fields (422 extra_forbidden), has no
    // user, metadata, reasoning_effort or stream_options (usage ends every stream
    // anyway), and calls the seed random_seed.
    {"mistral", "Mistral AI", "https://api.mistral.ai/v1", kMaxTokens, "random_seed",
     "user,metadata,reasoning_effort,stream_options", kChat | kEmbeddings | kModels, false},
    // console.groq.com/docs/openai: messages[].name is refused with a 400.
    {"groq", "Groq", "https://api.groq.com/openai/v1", kMaxCompletionTokens, "seed",
     "messages[].name", kChat | kModels, false},
    // api-docs.deepseek.com: the base URL is the host; /v1 works too.
    {"deepseek", "DeepSeek", "https://api.deepseek.com", kMaxTokens, "seed", "",
     kChat | kModels, false},
    // docs.together.ai/docs/inference/openai-compatibility
    {"together", "Together AI", "https://api.together.ai/v1", kMaxTokens, "seed", "",
     kChat | kCompletions | kEmbeddings | kModels, false},
    // docs.fireworks.ai/tools-sdks/openai-compatibility
    {"fireworks", "Fireworks AI", "https://api.fireworks.ai/inference/v1", kMaxTokens, "seed",
     "", kChat | kCompletions | kEmbeddings | kModels, false},
    // openrouter.ai/docs: OpenAI SDKs at /api/v1.
    {"openrouter", "OpenRouter", "https://openrouter.ai/api/v1", kMaxTokens, "seed", "",
     kChat | kCompletions | kModels, false},
    // docs.x.ai
    {"xai", "xAI", "https://api.x.ai/v1", kMaxCompletionTokens, "seed", "", kChat | kModels,
     false},
    // inference-docs.cerebras.ai
    {"cerebras", "Cerebras", "https://api.cerebras.ai/v1", kMaxCompletionTokens, "seed", "",
     kChat | kCompletions | kModels, false},
    // docs.perplexity.ai/docs/sonar/openai-compatibility: no version path.
    {"perplexity", "Perplexity", "https://api.perplexity.ai", kMaxTokens, "seed", "", kChat,
     false},
    // vercel.com/docs/ai-gateway/sdks-and-apis/openai-chat-completions
    {"vercel", "Vercel AI Gateway", "https://ai-gateway.vercel.sh/v1", kMaxTokens, "seed", "",
     kChat | kEmbeddings | kModels, false},
    // developers.cloudflare.com/ai-gateway/chat-completion: the unified endpoint is
    // https://gateway.ai.cloudflare.com/v1/{account_id}/{gateway_id}/compat, so the user
    // gives it; models are "provider/model". Keys may be stored in the gateway (BYOK).
    {"cloudflare", "Cloudflare AI Gateway", "", kMaxTokens, "seed", "", kChat, true},
    // docs.ollama.com/api/openai-compatibility
    {"ollama", "Ollama", "http://127.0.0.1:11434/v1", kMaxTokens, "seed", "", kLocalServer,
     true},
    // lmstudio.ai/docs/api/openai-api
    {"lmstudio", "LM Studio", "http://127.0.0.1:1234/v1", kMaxTokens, "seed", "", kLocalServer,
     true},
    // docs.vllm.ai: `vllm serve` listens on port 8000.
    {"vllm", "vLLM", "http://127.0.0.1:8000/v1", kMaxTokens, "seed", "", kLocalServer, true},
    // llama.cpp's llama-server listens on 127.0.0.1:8080.
    {"llamacpp", "llama.cpp", "http://127.0.0.1:8080/v1", kMaxTokens, "seed", "", kLocalServer,
     true},
};
// clang-format on

// One static initialiser for the whole table: the registration macro names one class.
[[maybe_unused]] const bool registeredOpenAiCompatiblePresets = [] {
    for (const OpenAiCompatiblePreset& preset : kPresets) {
        ProviderRegistry::add(std::make_unique<OpenAiCompatibleAdapter>(preset));
    }
    return true;
}();

}  // namespace

}  // namespace signalbox
