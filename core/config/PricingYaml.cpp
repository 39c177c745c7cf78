#include "config/PricingYaml.h"

#include "config/ConfigLoader.h"

#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace signalbox::yaml {

namespace {

// Plain decimals, as price lists print them: 3, 0.15, .5, 1e-3. No signs, no hex, no inf.
double readAmount(const Entry& entry, const QString& where) {
    static const QRegularExpression number(
        QStringLiteral("^(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"));
    bool ok = false;
    double value = 0;
    if (entry.value.IsScalar()) {
        const QString text = scalarText(entry.value);
        if (number.match(text).hasMatch())
            value = text.toDouble(&ok);
    }
    if (!ok || !std::isfinite(value)) {
        refuse(blame(entry), within(where, ConfigLoader::tr("'%1' must be a price in USD per "
                                                            "million tokens, a number of at "
                                                            "least 0, got %2")
                                               .arg(entry.name, describe(entry.value))));
    }
    return value;
}

ModelPrice readPrice(const Entry& entry, const std::map<QString, ProviderConfig>& providers) {
    const QString& label = entry.name;
    const qsizetype slash = label.indexOf(QLatin1Char('/'));
    if (slash <= 0 || slash == label.size() - 1) {
        refuse(entry.key,
               ConfigLoader::tr("price %1 in section 'pricing' must be named provider/model")
                   .arg(quoted(label)));
    }
    const QString provider = label.left(slash);
    if (providers.find(provider) == providers.end()) {
        QStringList declared;
        for (const auto& known : providers)
            declared.append(known.first);
        const QString known =
            declared.isEmpty() ? ConfigLoader::tr("no providers are declared")
                               : ConfigLoader::tr("declared providers: %1").arg(joined(declared));
        refuse(entry.key, ConfigLoader::tr("price %1 names provider '%2', which is not declared "
                                           "under 'providers'; %3")
                              .arg(quoted(label), provider, known));
    }
    const QString where = ConfigLoader::tr("price '%1'").arg(label);
    const std::vector<Entry> fields =
        mapEntries(entry,
                   {QStringLiteral("input"), QStringLiteral("output"),
                    QStringLiteral("cached_input"), QStringLiteral("cache_write")},
                   where);
    for (const char* required : {"input", "output"}) {
        if (findEntry(fields, QLatin1String(required)) == nullptr) {
            refuse(entry.key, within(where, ConfigLoader::tr("'%1' is missing; a price needs "
                                                             "input and output, in USD per "
                                                             "million tokens")
                                                .arg(QLatin1String(required))));
        }
    }
    ModelPrice price;
    for (const Entry& field : fields) {
        const double value = readAmount(field, where);
        if (field.name == QLatin1String("input")) {
            price.input = value;
        } else if (field.name == QLatin1String("output")) {
            price.output = value;
        } else if (field.name == QLatin1String("cached_input")) {
            price.cachedInput = value;
        } else {
            price.cacheWrite = value;
        }
    }
    return price;
}

// The shortest text that reads back as the same double: "0.15", not "0.14999999999999999".
std::string priceText(double value) {
    return QString::number(value, 'g', QLocale::FloatingPointShortest).toStdString();
}

}  // namespace

std::map<QString, ModelPrice> readPricing(const Entry& section,
                                          const std::map<QString, ProviderConfig>& providers) {
    std::map<QString, ModelPrice> pricing;
    for (const Entry& entry : mapEntries(section, {}, ConfigLoader::tr("section 'pricing'")))
        pricing[entry.name] = readPrice(entry, providers);
    return pricing;
}

void writePricing(YAML::Emitter& out, const std::map<QString, ModelPrice>& pricing) {
    if (pricing.empty())
        return;
    out << YAML::Key << "pricing" << YAML::Value << YAML::BeginMap;
    for (const auto& [label, price] : pricing) {
        out << YAML::Key << label << YAML::Value << YAML::Flow << YAML::BeginMap;
        out << YAML::Key << "input" << YAML::Value << priceText(price.input);
        out << YAML::Key << "output" << YAML::Value << priceText(price.output);
        if (price.cachedInput >= 0)
            out << YAML::Key << "cached_input" << YAML::Value << priceText(price.cachedInput);
        if (price.cacheWrite >= 0)
            out << YAML::Key << "cache_write" << YAML::Value << priceText(price.cacheWrite);
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

}  // namespace signalbox::yaml
