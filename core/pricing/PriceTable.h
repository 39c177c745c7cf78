#pragma once

#include "pricing/ModelPrice.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>
#include <unordered_map>

namespace signalbox {

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
