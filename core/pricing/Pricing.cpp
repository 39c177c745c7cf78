#include "pricing/Pricing.h"

#include <initializer_list>

namespace signalbox {

namespace {

bool isDigits(QStringView text) {
    for (const QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}

bool isOneOf(QStringView kind, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        if (kind == QLatin1String(name))
            return true;
    }
    return false;
}

// Servers on the user's own machine: free, not unknown.
bool isLocalKind(QStringView kind) {
    return isOneOf(kind, {"ollama", "lmstudio", "vllm", "llamacpp"});
}

// Gateways that name models "vendor/model" and charge the vendor's list price.
bool isAggregatorKind(QStringView kind) {
    return isOneOf(kind, {"openrouter", "vercel", "cloudflare"});
}

// The price table's kind for an aggregator's vendor prefix: OpenRouter writes google,
// x-ai and mistralai; Cloudflare's unified API google-ai-studio, grok and perplexity-ai;
// Vercel uses the kinds' own names but for google.
QStringView vendorKind(QStringView vendor) {
    if (isOneOf(vendor, {"google", "google-ai-studio"}))
        return u"gemini";
    if (isOneOf(vendor, {"x-ai", "grok"}))
        return u"xai";
    if (vendor == QLatin1String("mistralai"))
        return u"mistral";
    if (vendor == QLatin1String("perplexity-ai"))
        return u"perplexity";
    return vendor;
}

}  // namespace

QStringView Pricing::undated(QStringView model) {
    const qsizetype n = model.size();
    // -YYYY-MM-DD (OpenAI)
    if (n > 11 && model[n - 11] == QLatin1Char('-') && model[n - 6] == QLatin1Char('-') &&
        model[n - 3] == QLatin1Char('-') && model.sliced(n - 10, 2) == QLatin1String("20") &&
        isDigits(model.sliced(n - 10, 4)) && isDigits(model.sliced(n - 5, 2)) &&
        isDigits(model.sliced(n - 2, 2)))
        return model.first(n - 11);
    // -YYYYMMDD (Anthropic)
    if (n > 9 && model[n - 9] == QLatin1Char('-') &&
        model.sliced(n - 8, 2) == QLatin1String("20") && isDigits(model.sliced(n - 8)))
        return model.first(n - 9);
    return {};
}

std::optional<ModelPrice> Pricing::findOverride(QStringView providerId, QStringView model) const {
    // Overrides are the few the user wrote: a scan beats building a key to look up.
    const qsizetype length = providerId.size() + 1 + model.size();
    for (const auto& [key, price] : *overrides_) {
        if (key.size() == length && key.startsWith(providerId) &&
            key[providerId.size()] == QLatin1Char('/') && key.endsWith(model))
            return price;
    }
    return std::nullopt;
}

std::optional<ModelPrice> Pricing::findInTable(QStringView kind, QStringView model) const {
    if (std::optional<ModelPrice> price = table_->find(kind, model))
        return price;
    if (const QStringView bare = undated(model); !bare.isNull())
        return table_->find(kind, bare);
    return std::nullopt;
}

std::optional<ModelPrice> Pricing::findViaVendor(QStringView model) const {
    const qsizetype slash = model.indexOf(QLatin1Char('/'));
    if (slash <= 0 || slash == model.size() - 1)
        return std::nullopt;
    const QStringView vendor = model.first(slash);
    QStringView name = model.sliced(slash + 1);
    if (const qsizetype colon = name.lastIndexOf(QLatin1Char(':')); colon > 0) {
        // OpenRouter's variants: ":free" is free, ":nitro", ":floor" and the like
        // change routing, not the list price.
        if (name.sliced(colon + 1) == QLatin1String("free"))
            return ModelPrice{};
        name = name.first(colon);
    }
    const QStringView kind = vendorKind(vendor);
    if (std::optional<ModelPrice> price = findInTable(kind, name))
        return price;
    // OpenRouter and Vercel write Claude versions with dots ("claude-sonnet-4.5"),
    // Anthropic with dashes.
    if (kind == QLatin1String("anthropic") && name.contains(QLatin1Char('.'))) {
        const QString dashed = name.toString().replace(QLatin1Char('.'), QLatin1Char('-'));
        return findInTable(kind, dashed);
    }
    return std::nullopt;
}

std::optional<ModelPrice> Pricing::find(const QString& providerId, const QString& kind,
                                        const QString& model) const {
    if (!overrides_->empty()) {
        if (std::optional<ModelPrice> price = findOverride(providerId, model))
            return price;
        if (const QStringView bare = undated(model); !bare.isNull()) {
            if (std::optional<ModelPrice> price = findOverride(providerId, bare))
                return price;
        }
    }
    if (std::optional<ModelPrice> price = findInTable(kind, model))
        return price;
    if (isAggregatorKind(kind)) {
        if (std::optional<ModelPrice> price = findViaVendor(model))
            return price;
    }
    if (isLocalKind(kind))
        return ModelPrice{};
    return std::nullopt;
}

std::optional<double> Pricing::cost(const QString& providerId, const QString& kind,
                                    const QString& model, qint64 inputTokens,
                                    qint64 cachedInputTokens, qint64 cacheWriteTokens,
                                    qint64 outputTokens) const {
    const std::optional<ModelPrice> price = find(providerId, kind, model);
    if (!price)
        return std::nullopt;
    return price->cost(inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens);
}

}  // namespace signalbox
