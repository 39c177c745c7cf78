#pragma once

#include "pricing/ModelPrice.h"

#include <QByteArray>
#include <QHashFunctions>
#include <QString>
#include <QStringView>

#include <optional>
#include <unordered_map>

namespace signalbox {

// Prices by provider kind and model, from resources/pricing.json (compiled in). Azure
// OpenAI deployments are priced as the OpenAI model of the same name. Read-only once
// built, so one table serves every thread.
class PriceTable {
public:
    static const PriceTable& builtIn();
    // Reads the pricing.json format; nullopt and *error when it is not that.
    static std::optional<PriceTable> fromJson(const QByteArray& json, QString* error);

    // Exact names only; Pricing adds the fallbacks. Allocates nothing.
    std::optional<ModelPrice> find(QStringView kind, QStringView model) const;
    size_t size() const { return size_; }

private:
    // Lets a lookup use a view of part of a name (a model without its date suffix).
    struct TextHash {
        using is_transparent = void;
        size_t operator()(QStringView text) const noexcept { return qHash(text); }
    };
    struct TextEqual {
        using is_transparent = void;
        bool operator()(QStringView a, QStringView b) const noexcept { return a == b; }
    };
    using Models = std::unordered_map<QString, ModelPrice, TextHash, TextEqual>;

    std::unordered_map<QString, Models, TextHash, TextEqual> kinds_;
    size_t size_ = 0;
};

}  // namespace signalbox
