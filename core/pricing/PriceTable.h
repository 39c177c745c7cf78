#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>
#include <unordered_map>

namespace signalbox {

// List prices of one model in USD per million tokens. -1: not priced separately.
struct ModelPrice {
    double input = 0;
    double output = 0;
    double cachedInput = -1;

    // What a call of this many tokens costs, in USD.
    double cost(qint64 inputTokens, qint64 outputTokens) const {
        return (static_cast<double>(inputTokens) * input +
                static_cast<double>(outputTokens) * output) /
               1e6;
    }
};

// Prices by provider kind and model, from resources/pricing.json (compiled in). Azure
// OpenAI deployments are priced as the OpenAI model of the same name.
class PriceTable {
public:
    static const PriceTable& builtIn();
    // Reads the pricing.json format; nullopt and *error when it is not that.
    static std::optional<PriceTable> fromJson(const QByteArray& json, QString* error);

    std::optional<ModelPrice> find(const QString& kind, const QString& model) const;
    size_t size() const { return prices_.size(); }

private:
    std::unordered_map<QString, ModelPrice> prices_;  // "kind/model"
};

}  // namespace signalbox
