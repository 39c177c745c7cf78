#include "providers/anthropic/AnthropicThinkingPlan.h"

#include <QStringList>

#include <algorithm>

namespace signalbox {

namespace {
Json enabledThinking(qint64 budget) {
    Json t = Json::object();
    t.set("type", "enabled");
    t.set("budget_tokens", budget);
    return t;
}

Json typedThinking(const char* type) {
    Json t = Json::object();
    t.set("type", type);
    return t;
}

// Written back exactly as an Anthropic client sent it (display "summarized" is the
// default, so only "omitted" needs saying).
AnthropicThinkingPlan fromAnthropic(const ChatRequest& request) {
    AnthropicThinkingPlan plan;
    plan.maxTokens = request.maxTokens.value_or(AnthropicThinkingPlan::kDefaultMaxTokens);
    plan.effort = request.reasoningEffort.toUtf8();
    if (request.thinking == false) {
        plan.thinking = typedThinking("disabled");
    } else if (request.thinking == true) {
        plan.thinking = request.thinkingBudget ? enabledThinking(*request.thinkingBudget)
                                               : typedThinking("adaptive");
        if (!request.includeThoughts)
            plan.thinking.set("display", "omitted");
    }
    return plan;
}
}  // namespace

AnthropicThinkingPlan AnthropicThinkingPlan::forRequest(const ChatRequest& request,
                                                        bool fromAnthropicClient) {
    if (fromAnthropicClient)
        return fromAnthropic(request);

    AnthropicThinkingPlan plan;
    const QString effort = request.reasoningEffort;
    const bool off = request.thinking == false || effort == QLatin1String("none") ||
                     (request.thinkingBudget && *request.thinkingBudget == 0);
    if (off) {
        // No `thinking` at all: off is the default wherever budgets are taken, and the
        // adaptive-only models refuse {"type":"disabled"}.
        plan.maxTokens = request.maxTokens.value_or(kDefaultMaxTokens);
        return plan;
    }

    // The API refuses thinking along with a tool_choice that forces a tool; the client's
    // choice of tool is the firmer wish.
    const ToolChoice::Mode choice = request.toolChoice.mode;
    const bool forcesTool = !request.tools.empty() && (choice == ToolChoice::Mode::Required ||
                                                       choice == ToolChoice::Mode::Tool);
    const bool asked = request.thinking == true || !effort.isEmpty() || request.thinkingBudget;
    if (forcesTool && asked) {
        plan.maxTokens = request.maxTokens.value_or(kDefaultMaxTokens);
        plan.effortDropped = true;
        return plan;
    }

    // An explicit budget is the client's own: keep it, and when the client's max_tokens
    // leaves no room above it, let that maximum apply to the answer on top of the budget
    // (formats other than Anthropic's count reasoning apart from the answer).
    if (request.thinkingBudget && *request.thinkingBudget > 0) {
        const qint64 budget = std::max(*request.thinkingBudget, kMinimumBudget);
        plan.thinking = enabledThinking(budget);
        plan.turnedOn = true;
        if (!request.maxTokens)
            plan.maxTokens = budget + kDefaultMaxTokens;
        else
            plan.maxTokens =
                *request.maxTokens <= budget ? *request.maxTokens + budget : *request.maxTokens;
        return plan;
    }

    const bool wanted = request.thinking == true || !effort.isEmpty() ||
                        (request.thinkingBudget && *request.thinkingBudget < 0);
    if (!wanted) {
        plan.maxTokens = request.maxTokens.value_or(kDefaultMaxTokens);
        return plan;
    }
    // Gemini's dynamic budget (-1) and a bare "thinking on" leave the depth to us.
    const QString level = effort.isEmpty() ? QStringLiteral("medium") : effort;

    if (takesAdaptiveThinking(request.model)) {
        plan.thinking = typedThinking("adaptive");
        plan.effort = adaptiveEffort(level);
        plan.effortDropped = !effort.isEmpty() && plan.effort.isEmpty();
        plan.turnedOn = true;
        plan.maxTokens = request.maxTokens.value_or(kAdaptiveDefaultMaxTokens);
        return plan;
    }

    // The budget is ours, so it yields to the client's max_tokens: half of it at most,
    // and no thinking at all when not even the minimum budget fits below it.
    qint64 budget = budgetForEffort(level);
    if (request.maxTokens) {
        if (*request.maxTokens <= kMinimumBudget) {
            plan.maxTokens = *request.maxTokens;
            plan.effortDropped = !effort.isEmpty();
            return plan;
        }
        if (*request.maxTokens <= budget)
            budget = std::max(*request.maxTokens / 2, kMinimumBudget);
        plan.maxTokens = *request.maxTokens;
    } else {
        plan.maxTokens = budget + kDefaultMaxTokens;
    }
    plan.thinking = enabledThinking(budget);
    plan.turnedOn = true;
    return plan;
}

bool AnthropicThinkingPlan::takesAdaptiveThinking(const QString& model) {
    const QString id = model.toLower();
    const qsizetype at = id.indexOf(QLatin1String("claude-"));
    if (at < 0)
        return false;
    const QStringList words = id.mid(at + 7).split(QLatin1Char('-'), Qt::SkipEmptyParts);
    int major = -1;
    int minor = 0;
    for (qsizetype i = 0; i < words.size(); ++i) {
        bool isNumber = false;
        const int value = words[i].toInt(&isNumber);
        // An 8-digit snapshot date is not a version.
        if (!isNumber || words[i].size() > 2)
            continue;
        major = value;
        if (i + 1 < words.size() && words[i + 1].size() <= 2) {
            bool minorIsNumber = false;
            const int next = words[i + 1].toInt(&minorIsNumber);
            if (minorIsNumber)
                minor = next;
        }
        break;
    }
    if (major < 0)  // "claude-mythos-preview" has no number and takes adaptive only
        return words.contains(QLatin1String("mythos"));
    return major > 4 || (major == 4 && minor >= 6);
}

qint64 AnthropicThinkingPlan::budgetForEffort(const QString& effort) {
    if (effort == QLatin1String("minimal"))
        return kMinimumBudget;
    if (effort == QLatin1String("low"))
        return 2048;
    if (effort == QLatin1String("high"))
        return 16384;
    if (effort == QLatin1String("xhigh"))
        return 24576;
    if (effort == QLatin1String("max"))
        return 32768;
    return 8192;  // medium, and levels this table does not know
}

QByteArray AnthropicThinkingPlan::adaptiveEffort(const QString& effort) {
    // Anthropic has no "minimal"; its lowest level is the nearest.
    if (effort == QLatin1String("minimal") || effort == QLatin1String("low"))
        return "low";
    if (effort == QLatin1String("medium") || effort == QLatin1String("high") ||
        effort == QLatin1String("xhigh") || effort == QLatin1String("max"))
        return effort.toUtf8();
    return {};
}

}  // namespace signalbox
