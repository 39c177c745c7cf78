#include "pricing/PriceTable.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace signalbox {

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
        const QJsonValue input = o.value(QLatin1String("input"));
        const QJsonValue output = o.value(QLatin1String("output"));
        if (kind.isEmpty() || model.isEmpty() || !input.isDouble() || !output.isDouble()) {
            if (error) {
                *error =
                    QStringLiteral("a price needs kind, model, input and output: %1")
                        .arg(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
            }
            return std::nullopt;
        }
        ModelPrice price;
        price.input = input.toDouble();
        price.output = output.toDouble();
        price.cachedInput = o.value(QLatin1String("cached_input")).toDouble(-1);
        table.prices_[kind + QLatin1Char('/') + model] = price;
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

std::optional<ModelPrice> PriceTable::find(const QString& kind, const QString& model) const {
    const QString priced = kind == QLatin1String("azure-openai") ? QStringLiteral("openai") : kind;
    const auto it = prices_.find(priced + QLatin1Char('/') + model);
    if (it == prices_.end())
        return std::nullopt;
    return it->second;
}

}  // namespace signalbox
