#include "providers/gemini/GeminiWire.h"

#include <QUuid>

namespace signalbox {

namespace {
constexpr QLatin1StringView kGivenPrefix("gemini_");

// Counts are optional in usageMetadata; -1 marks "not reported".
qint64 count(const Json& usage, QByteArrayView key) {
    return usage.contains(key) ? usage[key].toInt(0) : -1;
}
}  // namespace

FinishReason GeminiWire::finishReason(QByteArrayView reason, bool hasToolCalls) {
    if (reason.isEmpty() || reason == "FINISH_REASON_UNSPECIFIED")
        return FinishReason::Unset;
    if (reason == "STOP")
        return hasToolCalls ? FinishReason::ToolCalls : FinishReason::Stop;
    if (reason == "MAX_TOKENS")
        return FinishReason::Length;
    // Every reason that means a filter withheld or cut the output.
    static constexpr QByteArrayView kFiltered[] = {
        "SAFETY",
        "RECITATION",
        "BLOCKLIST",
        "PROHIBITED_CONTENT",
        "SPII",
        "IMAGE_SAFETY",
        "IMAGE_PROHIBITED_CONTENT",
        "IMAGE_RECITATION",
        "LANGUAGE",
        "MODEL_ARMOR",
    };
    for (QByteArrayView filtered : kFiltered) {
        if (reason == filtered)
            return FinishReason::ContentFilter;
    }
    return FinishReason::Other;  // MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL, OTHER, ...
}

QByteArray GeminiWire::finishReasonName(FinishReason reason) {
    switch (reason) {
        case FinishReason::Unset:
            return {};
        case FinishReason::Stop:
        case FinishReason::StopSequence:
        case FinishReason::ToolCalls:
            return "STOP";
        case FinishReason::Length:
            return "MAX_TOKENS";
        case FinishReason::ContentFilter:
            return "SAFETY";
        case FinishReason::Refusal:
        case FinishReason::PauseTurn:
        case FinishReason::Other:
            break;
    }
    return "OTHER";
}

Usage GeminiWire::usage(const Json& metadata) {
    Usage u;
    if (!metadata.isObject())
        return u;
    const qint64 prompt = count(metadata, "promptTokenCount");
    const qint64 toolPrompt = count(metadata, "toolUsePromptTokenCount");
    const qint64 candidates = count(metadata, "candidatesTokenCount");
    const qint64 thoughts = count(metadata, "thoughtsTokenCount");
    if (prompt >= 0 || toolPrompt >= 0)
        u.inputTokens = qMax<qint64>(prompt, 0) + qMax<qint64>(toolPrompt, 0);
    if (candidates >= 0 || thoughts >= 0)
        u.outputTokens = qMax<qint64>(candidates, 0) + qMax<qint64>(thoughts, 0);
    u.cacheReadTokens = qMax<qint64>(count(metadata, "cachedContentTokenCount"), 0);
    u.reasoningTokens = qMax<qint64>(thoughts, 0);
    return u;
}

Json GeminiWire::usageMetadata(const Usage& u) {
    Json m = Json::object();
    const qint64 input = qMax<qint64>(u.inputTokens, 0);
    const qint64 output = qMax<qint64>(u.outputTokens, 0);
    if (u.inputTokens >= 0)
        m.set("promptTokenCount", input);
    if (u.outputTokens >= 0)
        m.set("candidatesTokenCount", qMax<qint64>(output - u.reasoningTokens, 0));
    if (u.inputTokens >= 0 || u.outputTokens >= 0)
        m.set("totalTokenCount", input + output);
    if (u.cacheReadTokens > 0)
        m.set("cachedContentTokenCount", u.cacheReadTokens);
    if (u.reasoningTokens > 0)
        m.set("thoughtsTokenCount", u.reasoningTokens);
    return m;
}

QString GeminiWire::givenToolCallId(const QString& geminiId) {
    return kGivenPrefix + geminiId;
}

QString GeminiWire::toolCallIdBase(const QString& responseId) {
    if (responseId.isEmpty())
        return QUuid::createUuid().toString(QUuid::Id128).left(16);
    // Anthropic clients accept only [a-zA-Z0-9_-] in ids.
    QString base = responseId;
    for (QChar& c : base) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                        (c >= u'0' && c <= u'9') || c == u'_' || c == u'-';
        if (!ok)
            c = u'_';
    }
    return base;
}

QString GeminiWire::madeToolCallId(const QString& base, int n) {
    return QStringLiteral("call_%1_%2").arg(base).arg(n);
}

QString GeminiWire::geminiToolCallId(const QString& canonicalId) {
    return canonicalId.startsWith(kGivenPrefix) ? canonicalId.mid(kGivenPrefix.size()) : QString();
}

QString GeminiWire::modelPath(const QString& model) {
    if (model.startsWith(QLatin1StringView("models/")) ||
        model.startsWith(QLatin1StringView("tunedModels/")))
        return model;
    return QStringLiteral("models/") + model;
}

int GeminiWire::generation(const QString& model) {
    QStringView name(model);
    if (name.startsWith(QLatin1StringView("models/")))
        name = name.sliced(7);
    if (!name.startsWith(QLatin1StringView("gemini-")))
        return 0;
    name = name.sliced(7);
    int n = 0;
    qsizetype digits = 0;
    while (digits < name.size() && name[digits].isDigit() && digits < 3) {
        n = n * 10 + name[digits].digitValue();
        ++digits;
    }
    return digits > 0 ? n : 0;
}

}  // namespace signalbox
