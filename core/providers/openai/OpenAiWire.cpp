#include "providers/openai/OpenAiWire.h"

#include <QCoreApplication>
#include <QRandomGenerator>

namespace signalbox {

FinishReason OpenAiWire::finishFromWire(QByteArrayView reason) {
    if (reason.isEmpty()) {
        return FinishReason::Unset;
    }
    if (reason == "stop") {
        return FinishReason::Stop;
    }
    if (reason == "length" || reason == "model_length") {  // Mistral: model_length
        return FinishReason::Length;
    }
    if (reason == "tool_calls" || reason == "function_call") {
        return FinishReason::ToolCalls;
    }
    if (reason == "content_filter") {
        return FinishReason::ContentFilter;
    }
    return FinishReason::Other;
}

QByteArray OpenAiWire::finishToWire(FinishReason finish, bool hasToolCalls) {
    switch (finish) {
        case FinishReason::Length:
            return "length";
        case FinishReason::ContentFilter:
            return "content_filter";
        case FinishReason::ToolCalls:
            return "tool_calls";
        case FinishReason::Unset:
        case FinishReason::Stop:
        case FinishReason::StopSequence:
        case FinishReason::Refusal:
        case FinishReason::PauseTurn:
        case FinishReason::Other:
            break;
    }
    return hasToolCalls ? "tool_calls" : "stop";
}

Usage OpenAiWire::usageFromWire(const Json& usage) {
    Usage u;
    if (!usage.isObject()) {
        return u;
    }
    u.inputTokens = usage["prompt_tokens"].toInt(-1);
    u.outputTokens = usage["completion_tokens"].toInt(-1);
    const Json& promptDetails = usage["prompt_tokens_details"];
    if (promptDetails.contains("cached_tokens")) {
        u.cacheReadTokens = promptDetails["cached_tokens"].toInt(0);
    } else {
        u.cacheReadTokens = usage["prompt_cache_hit_tokens"].toInt(0);  // DeepSeek
    }
    u.reasoningTokens = usage["completion_tokens_details"]["reasoning_tokens"].toInt(0);
    return u;
}

Json OpenAiWire::usageToWire(const Usage& usage) {
    const qint64 input = qMax<qint64>(usage.inputTokens, 0);
    const qint64 output = qMax<qint64>(usage.outputTokens, 0);
    Json u = Json::object();
    u.set("prompt_tokens", input);
    u.set("completion_tokens", output);
    u.set("total_tokens", input + output);
    Json prompt = Json::object();
    prompt.set("cached_tokens", usage.cacheReadTokens);
    u.set("prompt_tokens_details", std::move(prompt));
    Json completion = Json::object();
    completion.set("reasoning_tokens", usage.reasoningTokens);
    u.set("completion_tokens_details", std::move(completion));
    return u;
}

void OpenAiWire::mergeUsage(Usage& into, const Usage& later) {
    if (later.inputTokens >= 0) {
        into.inputTokens = later.inputTokens;
        into.cacheReadTokens = later.cacheReadTokens;
        into.cacheWriteTokens = later.cacheWriteTokens;
    }
    if (later.outputTokens >= 0) {
        into.outputTokens = later.outputTokens;
        into.reasoningTokens = later.reasoningTokens;
    }
}

QString OpenAiWire::newCompletionId() {
    quint32 words[3];
    QRandomGenerator::global()->fillRange(words);
    const QByteArray bytes(reinterpret_cast<const char*>(words), sizeof words);
    return QStringLiteral("chatcmpl-") + QString::fromLatin1(bytes.toHex());
}

QString OpenAiWire::tr(const char* text) {
    return QCoreApplication::translate("OpenAiChatFormat", text);
}

}  // namespace signalbox
