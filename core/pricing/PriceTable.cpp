#include "pricing/PriceTable.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace signalbox {

namespace {

QString compact(const QJsonObject& o) {
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// A price is a number of at least 0; `fallback` when the field is absent.
bool readPrice(const QJsonObject& o, const char* name, double fallback, double* price) {
    const QJsonValue value = o.value(QLatin1String(name));
    if (value.isUndefined()) {
        *price = fallback;
        return true;
    }
    *price = value.toDouble(-1);
    return value.isDouble() && *price >= 0;
}

// {threshold, input, output, cached_input?, cache_write?}
bool readLongContext(const QJsonObject& o, ModelPrice::LongContext* tier) {
    const QJsonValue threshold = o.value(QLatin1String("threshold"));
    if (!threshold.isDouble() || threshold.toDouble() < 1 || !o.contains(QLatin1String("input")) ||
        !o.contains(QLatin1String("output")))
        return false;
    tier->threshold = static_cast<qint64>(threshold.toDouble());
    return readPrice(o, "input", 0, &tier->input) && readPrice(o, "output", 0, &tier->output) &&
           readPrice(o, "cached_input", -1, &tier->cachedInput) &&
           readPrice(o, "cache_write", -1, &tier->cacheWrite);
}

}  // namespace

std::optional<PriceTable> PriceTable::fromJson(const QByteArray& json, QString* error) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    const QJsonArray models = doc.object().value(QLatin1String("models")).toArray();
    if (doc.isNull() || models.isEmpty()) {
        if (error) {
            *error = doc.isNull() ? parseError.errorString()
                                  : QStringLiteral("no \"models\" list of prices");
        }
        return std::nullopt;
    }
    PriceTable table;
    for (const QJsonValue& item : models) {
        const QJsonObject o = item.toObject();
        const QString kind = o.value(QLatin1String("kind")).toString();
        const QString model = o.value(QLatin1String("model")).toString();
        if (kind.isEmpty() || model.isEmpty() || !o.value(QLatin1String("input")).isDouble() ||
            !o.value(QLatin1String("output")).isDouble()) {
            if (error)
                *error = QStringLiteral("a price needs kind, model, input and output: %1")
                             .arg(compact(o));
            return std::nullopt;
        }
        ModelPrice price;
        if (!readPrice(o, "input", 0, &price.input) || !readPrice(o, "output", 0, &price.output) ||
            !readPrice(o, "cached_input", -1, &price.cachedInput) ||
            !readPrice(o, "cache_write", -1, &price.cacheWrite)) {
            if (error)
                *error = QStringLiteral("prices must be numbers of at least 0: %1").arg(compact(o));
            return std::nullopt;
        }
        const QJsonValue tier = o.value(QLatin1String("long_context"));
        if (!tier.isUndefined()) {
            ModelPrice::LongContext longContext;
            if (!tier.isObject() || !readLongContext(tier.toObject(), &longContext)) {
                if (error)
                    *error = QStringLiteral(
                                 "long_context needs a threshold of at least 1 and "
                                 "input and output prices of at least 0: %1")
                                 .arg(compact(o));
                return std::nullopt;
            }
            price.longContext = longContext;
        }
        Models& prices = table.kinds_[kind];
        if (prices.insert_or_assign(model, price).second)
            ++table.size_;
    }
    return table;
}

const PriceTable& PriceTable::builtIn() {
    static const PriceTable table = [] {
        QFile file(QStringLiteral(":/signalbox/pricing.json"));
        QString error;
        std::optional<PriceTable> read;
        if (file.open(QIODevice::ReadOnly))
            read = fromJson(file.readAll(), &error);
        if (!read) {
            // A build without its price list: say so once; nothing is priced.
            std::fprintf(stderr, "signalbox: the built-in price list is unreadable (%s)\n",
                         qPrintable(error.isEmpty() ? file.errorString() : error));
            return PriceTable();
        }
        return std::move(*read);
    }();
    return table;
}

std::optional<ModelPrice> PriceTable::find(QStringView kind, QStringView model) const {
    if (kind == QLatin1String("azure-openai"))
        kind = u"openai";
    const auto prices = kinds_.find(kind);
    if (prices == kinds_.end())
        return std::nullopt;
    const auto it = prices->second.find(model);
    if (it == prices->second.end())
        return std::nullopt;
    return it->second;
}

}  // namespace signalbox
