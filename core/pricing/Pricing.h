#pragma once

#include "pricing/ModelPrice.h"
#include "pricing/PriceTable.h"

#include <QString>
#include <QStringView>

#include <map>
#include <optional>

namespace signalbox {

// The prices in effect for one config: its `pricing` overrides (by "provider-id/model")
// over the built-in table (by kind and model). A view: it copies neither, so both must
// outlive it; making one costs two pointers, so make one where it is needed (a snapshot's
// config lives as long as the calls that read it). Const and allocation-free on the
// common paths, so worker threads share it freely.
//
// A model is found by its exact name, then without a date suffix ("gpt-4o-2024-08-06",
// "claude-sonnet-4-5-20250929"), overrides before the table. Aggregators whose models are
// "vendor/model" (openrouter, vercel, cloudflare) fall back to the vendor's own price;
// OpenRouter's ":free" variants cost nothing. Local servers (ollama, lmstudio, vllm,
// llamacpp) cost nothing unless overridden. Anything else unlisted has no price.
class Pricing {
public:
    explicit Pricing(const std::map<QString, ModelPrice>& overrides,
                     const PriceTable& table = PriceTable::builtIn())
        : overrides_(&overrides), table_(&table) {}
    // A temporary would be gone before the first lookup.
    Pricing(std::map<QString, ModelPrice>&&, const PriceTable& = PriceTable::builtIn()) = delete;

    std::optional<ModelPrice> find(const QString& providerId, const QString& kind,
                                   const QString& model) const;
    // USD for one call, nullopt when the model has no price. Token counts mean what
    // Usage's do: inputTokens is the whole prompt, cached and cache-write parts
    // included; a negative count is unknown and counts as 0.
    std::optional<double> cost(const QString& providerId, const QString& kind, const QString& model,
                               qint64 inputTokens, qint64 cachedInputTokens,
                               qint64 cacheWriteTokens, qint64 outputTokens) const;

    // "gpt-4o" for "gpt-4o-2024-08-06" or "claude-x-20250929"; a null view when `model`
    // carries no date.
    static QStringView undated(QStringView model);

private:
    std::optional<ModelPrice> findOverride(QStringView providerId, QStringView model) const;
    std::optional<ModelPrice> findInTable(QStringView kind, QStringView model) const;
    std::optional<ModelPrice> findViaVendor(QStringView model) const;

    const std::map<QString, ModelPrice>* overrides_;
    const PriceTable* table_;
};

}  // namespace signalbox
