#include "config/ConfigLoader.h"
#include "config/ProviderKinds.h"
#include "engine/ProxySnapshot.h"
#include "pricing/ModelPrice.h"
#include "pricing/PriceTable.h"
#include "pricing/Pricing.h"
#include "routing/HealthBoard.h"
#include "routing/RoutePlanner.h"

#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QUrl>

#include <cmath>

using namespace signalbox;

namespace {

// Round numbers, so that every expected cost below can be checked by hand.
const char* const kTable =
    "{\"models\": ["
    "{\"kind\": \"acme\", \"model\": \"big\", \"input\": 3, \"output\": 15,"
    " \"cached_input\": 0.3, \"cache_write\": 3.75},"
    "{\"kind\": \"acme\", \"model\": \"plain\", \"input\": 2, \"output\": 8},"
    "{\"kind\": \"acme\", \"model\": \"tiered\", \"input\": 1, \"output\": 5, \"cached_input\": "
    "0.1,"
    " \"cache_write\": 1.25, \"long_context\": {\"threshold\": 1000, \"input\": 2, \"output\": "
    "7.5}},"
    "{\"kind\": \"acme\", \"model\": \"tiered-own\", \"input\": 1, \"output\": 5,"
    " \"cached_input\": 0.1, \"long_context\": {\"threshold\": 1000, \"input\": 2,"
    " \"output\": 7.5, \"cached_input\": 0.15, \"cache_write\": 3}},"
    "{\"kind\": \"acme\", \"model\": \"snap\", \"input\": 1, \"output\": 1},"
    "{\"kind\": \"acme\", \"model\": \"snap-2025-01-01\", \"input\": 9, \"output\": 9},"
    "{\"kind\": \"anthropic\", \"model\": \"claude-x-5\", \"input\": 3, \"output\": 15},"
    "{\"kind\": \"openai\", \"model\": \"gpt-z\", \"input\": 1.25, \"output\": 10},"
    "{\"kind\": \"openai\", \"model\": \"cheap\", \"input\": 0.1, \"output\": 0.4},"
    "{\"kind\": \"gemini\", \"model\": \"gemini-q\", \"input\": 0.3, \"output\": 2.5},"
    "{\"kind\": \"xai\", \"model\": \"grok-q\", \"input\": 2, \"output\": 6},"
    "{\"kind\": \"mistral\", \"model\": \"mistral-q\", \"input\": 0.5, \"output\": 1.5},"
    "{\"kind\": \"perplexity\", \"model\": \"sonar\", \"input\": 1, \"output\": 1}"
    "]}";

const PriceTable& testTable() {
    static const PriceTable table = *PriceTable::fromJson(kTable, nullptr);
    return table;
}

const std::map<QString, ModelPrice>& noOverrides() {
    static const std::map<QString, ModelPrice> none;
    return none;
}

// The input price a lookup found, -1 for none: one number to compare.
double inputPrice(const Pricing& pricing, const char* providerId, const char* kind,
                  const char* model) {
    const std::optional<ModelPrice> price = pricing.find(
        QString::fromUtf8(providerId), QString::fromUtf8(kind), QString::fromUtf8(model));
    return price ? price->input : -1;
}

bool near(double a, double b) {
    return std::abs(a - b) < 1e-12;
}

QJsonArray builtInRows() {
    QFile file(QStringLiteral(":/signalbox/pricing.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll())
        .object()
        .value(QLatin1String("models"))
        .toArray();
}

}  // namespace

class TestPricing : public QObject {
    Q_OBJECT

private slots:
    void costArithmetic();
    void cachedAndCacheWriteTokens();
    void unknownCountsCountAsZero();
    void longContextTier();
    void overridesWin();
    void datedNamesFallBack();
    void undatedNames_data();
    void undatedNames();
    void aggregatorsUseTheVendorsPrice();
    void localKindsAreFree();
    void unknownModelsHaveNoPrice();
    void malformedTablesAreRefused();
    void builtInRowsHaveDateAndSource();
    void builtInTableCoversShippedKinds();
    void demoProviderIsPriced();
    void cheapestRouteUsesOverrides();
};

void TestPricing::costArithmetic() {
    const Pricing pricing(noOverrides(), testTable());
    // 1M in at $3, 0.5M out at $15.
    QVERIFY(near(*pricing.cost(QStringLiteral("p"), QStringLiteral("acme"), QStringLiteral("big"),
                               1'000'000, 0, 0, 500'000),
                 3 + 7.5));
    const ModelPrice big = *testTable().find(u"acme", u"big");
    QVERIFY(near(big.cost(2'000, 1'000), (2'000 * 3.0 + 1'000 * 15.0) / 1e6));
    QCOMPARE(big.cachedInput, 0.3);
    QCOMPARE(big.cacheWrite, 3.75);
    QVERIFY(!big.longContext);
}

void TestPricing::cachedAndCacheWriteTokens() {
    const Pricing pricing(noOverrides(), testTable());
    // 1M prompt: 200k read from the cache, 100k written to it, 700k plain; 0.5M out.
    const double expected = 0.7 * 3 + 0.2 * 0.3 + 0.1 * 3.75 + 0.5 * 15;
    QVERIFY(near(*pricing.cost(QStringLiteral("p"), QStringLiteral("acme"), QStringLiteral("big"),
                               1'000'000, 200'000, 100'000, 500'000),
                 expected));
    // No cached or cache-write price: both cost what input does.
    QVERIFY(near(*pricing.cost(QStringLiteral("p"), QStringLiteral("acme"), QStringLiteral("plain"),
                               1'000'000, 400'000, 100'000, 0),
                 2.0));
}

void TestPricing::unknownCountsCountAsZero() {
    const Pricing pricing(noOverrides(), testTable());
    const QString p = QStringLiteral("p"), acme = QStringLiteral("acme");
    const QString big = QStringLiteral("big");
    QCOMPARE(*pricing.cost(p, acme, big, -1, -1, -1, -1), 0.0);
    QVERIFY(near(*pricing.cost(p, acme, big, -1, 0, 0, 1'000'000), 15));
    // Cached parts reported without the whole prompt are still billed, never a
    // negative rest.
    QVERIFY(near(*pricing.cost(p, acme, big, -1, 1'000'000, 0, 0), 0.3));
    QVERIFY(near(*pricing.cost(p, acme, big, 100, 1'000'000, 0, 0), 0.3));
}

void TestPricing::longContextTier() {
    const ModelPrice tiered = *testTable().find(u"acme", u"tiered");
    QVERIFY(tiered.longContext);
    QCOMPARE(tiered.longContext->threshold, qint64(1000));
    // At the threshold: the base prices.
    QVERIFY(near(tiered.cost(1000, 0, 0, 1000), (1000 * 1.0 + 1000 * 5.0) / 1e6));
    // Over it: the tier's prices for every token, output included. Cached and
    // cache-write prices the tier leaves out scale as its input does (x2).
    QVERIFY(near(tiered.cost(2000, 500, 500, 1000),
                 (1000 * 2.0 + 500 * 0.2 + 500 * 2.5 + 1000 * 7.5) / 1e6));
    // A tier's own cached and cache-write prices win.
    const ModelPrice own = *testTable().find(u"acme", u"tiered-own");
    QVERIFY(near(own.cost(2000, 500, 500, 0), (1000 * 2.0 + 500 * 0.15 + 500 * 3.0) / 1e6));
    // The two-count form (the cheapest strategy's estimate) knows the tier too.
    QVERIFY(near(tiered.cost(2000, 0), 2000 * 2.0 / 1e6));
}

void TestPricing::overridesWin() {
    std::map<QString, ModelPrice> overrides;
    overrides[QStringLiteral("mine/big")] = ModelPrice{1, 2, 0.5, -1, {}};
    overrides[QStringLiteral("mine/new-model")] = ModelPrice{7, 8, -1, -1, {}};
    overrides[QStringLiteral("local/llama3.1")] = ModelPrice{0.01, 0.02, -1, -1, {}};
    overrides[QStringLiteral("mine/snap")] = ModelPrice{4, 4, -1, -1, {}};
    const Pricing pricing(overrides, testTable());

    QCOMPARE(inputPrice(pricing, "mine", "acme", "big"), 1.0);
    // Another provider of the same kind keeps the table's price.
    QCOMPARE(inputPrice(pricing, "theirs", "acme", "big"), 3.0);
    QCOMPARE(inputPrice(pricing, "mine", "acme", "new-model"), 7.0);
    QCOMPARE(inputPrice(pricing, "theirs", "acme", "new-model"), -1.0);
    // Overrides apply to dated snapshots of the model too, before the table's own rows.
    QCOMPARE(inputPrice(pricing, "mine", "acme", "big-2026-01-02"), 1.0);
    QCOMPARE(inputPrice(pricing, "mine", "acme", "snap-2025-01-01"), 4.0);
    // A local server the user prices costs what they say.
    QCOMPARE(inputPrice(pricing, "local", "ollama", "llama3.1"), 0.01);
    QVERIFY(near(*pricing.cost(QStringLiteral("mine"), QStringLiteral("acme"),
                               QStringLiteral("big"), 1'000'000, 500'000, 0, 1'000'000),
                 0.5 * 1 + 0.5 * 0.5 + 2));
    // A provider id that is a prefix of another's does not borrow its prices.
    QCOMPARE(inputPrice(pricing, "min", "acme", "big"), 3.0);
}

void TestPricing::datedNamesFallBack() {
    const Pricing pricing(noOverrides(), testTable());
    QCOMPARE(inputPrice(pricing, "p", "acme", "big-2024-08-06"), 3.0);
    QCOMPARE(inputPrice(pricing, "p", "acme", "big-20250929"), 3.0);
    // A listed snapshot keeps its own price; an unlisted one takes the undated name's.
    QCOMPARE(inputPrice(pricing, "p", "acme", "snap-2025-01-01"), 9.0);
    QCOMPARE(inputPrice(pricing, "p", "acme", "snap-2025-02-02"), 1.0);
    QCOMPARE(inputPrice(pricing, "p", "acme", "big-2024-13"), -1.0);
    QCOMPARE(inputPrice(pricing, "p", "acme", "big-v2"), -1.0);
}

void TestPricing::undatedNames_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("undated");  // empty: no date to strip
    QTest::newRow("openai") << QStringLiteral("gpt-4o-2024-08-06") << QStringLiteral("gpt-4o");
    QTest::newRow("anthropic") << QStringLiteral("claude-sonnet-4-5-20250929")
                               << QStringLiteral("claude-sonnet-4-5");
    QTest::newRow("undated") << QStringLiteral("gpt-4o") << QString();
    QTest::newRow("mistral yymm") << QStringLiteral("mistral-large-2512") << QString();
    QTest::newRow("not a year") << QStringLiteral("model-12345678") << QString();
    QTest::newRow("short day") << QStringLiteral("x-2024-08-6") << QString();
    QTest::newRow("only a date") << QStringLiteral("-20250929") << QString();
}

void TestPricing::undatedNames() {
    QFETCH(QString, model);
    QFETCH(QString, undated);
    const QStringView result = Pricing::undated(model);
    QCOMPARE(result.isNull(), undated.isEmpty());
    QCOMPARE(result.toString(), undated);
}

void TestPricing::aggregatorsUseTheVendorsPrice() {
    const Pricing pricing(noOverrides(), testTable());
    // OpenRouter and Vercel write Claude versions with dots.
    QCOMPARE(inputPrice(pricing, "or", "openrouter", "anthropic/claude-x.5"), 3.0);
    QCOMPARE(inputPrice(pricing, "v", "vercel", "anthropic/claude-x.5"), 3.0);
    QCOMPARE(inputPrice(pricing, "cf", "cloudflare", "anthropic/claude-x-5"), 3.0);
    QCOMPARE(inputPrice(pricing, "or", "openrouter", "anthropic/claude-x-5-20250101"), 3.0);
    // Each aggregator's names for the vendors.
    QCOMPARE(inputPrice(pricing, "or", "openrouter", "google/gemini-q"), 0.3);
    QCOMPARE(inputPrice(pricing, "cf", "cloudflare", "google-ai-studio/gemini-q"), 0.3);
    QCOMPARE(inputPrice(pricing, "or", "openrouter", "x-ai/grok-q"), 2.0);
    QCOMPARE(inputPrice(pricing, "v", "vercel", "xai/grok-q"), 2.0);
    QCOMPARE(inputPrice(pricing, "cf", "cloudflare", "grok/grok-q"), 2.0);
    QCOMPARE(inputPrice(pricing, "or", "openrouter", "mistralai/mistral-q"), 0.5);
    QCOMPARE(inputPrice(pricing, "v", "vercel", "mistral/mistral-q"), 0.5);
    QCOMPARE(inputPrice(pricing, "cf", "cloudflare", "perplexity-ai/sonar"), 1.0);
    QCOMPARE(inputPrice(pricing, "or", "openrouter", "openai/gpt-z-2025-03-04"), 1.25);
    // OpenRouter's variants: routing ones keep the price, :free is free.
    QCOMPARE(inputPrice(pricing, "or", "openrouter", "openai/gpt-z:nitro"), 1.25);
    QCOMPARE(*pricing.cost(QStringLiteral("or"), QStringLiteral("openrouter"),
                           QStringLiteral("openai/gpt-z:free"), 1000, 0, 0, 1000),
             0.0);
    // Nothing to fall back to.
    QCOMPARE(inputPrice(pricing, "or", "openrouter", "meta-llama/unlisted"), -1.0);
    QCOMPARE(inputPrice(pricing, "or", "openrouter", "gpt-z"), -1.0);
    QCOMPARE(inputPrice(pricing, "or", "openrouter", "openai/"), -1.0);
    // Only aggregators: Groq's "openai/gpt-oss-120b" is Groq's own model and price.
    QCOMPARE(inputPrice(pricing, "g", "groq", "openai/gpt-z"), -1.0);
}

void TestPricing::localKindsAreFree() {
    const Pricing pricing(noOverrides(), testTable());
    for (const char* kind : {"ollama", "lmstudio", "vllm", "llamacpp"}) {
        const std::optional<double> cost =
            pricing.cost(QStringLiteral("local"), QString::fromLatin1(kind),
                         QStringLiteral("llama3.1"), 1'000'000, 0, 0, 1'000'000);
        QVERIFY2(cost.has_value(), kind);
        QCOMPARE(*cost, 0.0);
    }
}

void TestPricing::unknownModelsHaveNoPrice() {
    const Pricing pricing(noOverrides(), testTable());
    QVERIFY(!pricing.find(QStringLiteral("p"), QStringLiteral("acme"), QStringLiteral("nope")));
    QVERIFY(!pricing.cost(QStringLiteral("p"), QStringLiteral("acme"), QStringLiteral("nope"), 1, 0,
                          0, 1));
    QVERIFY(!pricing.find(QStringLiteral("p"), QStringLiteral("no-kind"), QStringLiteral("big")));
    // Azure deployments named after OpenAI models cost what those do.
    QCOMPARE(inputPrice(pricing, "az", "azure-openai", "gpt-z"), 1.25);
    QCOMPARE(inputPrice(pricing, "az", "azure-openai", "gpt-z-2025-05-05"), 1.25);
}

void TestPricing::malformedTablesAreRefused() {
    const char* const bad[] = {
        "[]",
        "{\"models\": []}",
        "{\"models\": [{\"kind\": \"k\", \"model\": \"m\", \"input\": \"cheap\", \"output\": 1}]}",
        "{\"models\": [{\"kind\": \"k\", \"model\": \"m\", \"input\": -1, \"output\": 1}]}",
        "{\"models\": [{\"kind\": \"k\", \"model\": \"m\", \"input\": 1, \"output\": 1,"
        " \"cached_input\": \"x\"}]}",
        "{\"models\": [{\"kind\": \"k\", \"model\": \"m\", \"input\": 1, \"output\": 1,"
        " \"long_context\": {\"input\": 2, \"output\": 2}}]}",
        "{\"models\": [{\"kind\": \"k\", \"model\": \"m\", \"input\": 1, \"output\": 1,"
        " \"long_context\": {\"threshold\": 10, \"input\": 2}}]}",
    };
    for (const char* json : bad) {
        QString error;
        QVERIFY2(!PriceTable::fromJson(json, &error), json);
        QVERIFY2(!error.isEmpty(), json);
    }
}

void TestPricing::builtInRowsHaveDateAndSource() {
    const QJsonArray rows = builtInRows();
    QVERIFY(rows.size() > 50);
    QSet<QString> seen;
    for (const QJsonValue& value : rows) {
        const QJsonObject row = value.toObject();
        const QString kind = row.value(QLatin1String("kind")).toString();
        const QString name = kind + QLatin1Char('/') + row.value(QLatin1String("model")).toString();
        const QByteArray label = name.toUtf8();
        QVERIFY2(!seen.contains(name), label.constData());  // listed twice
        seen.insert(name);

        const QDate date =
            QDate::fromString(row.value(QLatin1String("date")).toString(), Qt::ISODate);
        QVERIFY2(date.isValid() && date.year() >= 2024, label.constData());
        const QString source = row.value(QLatin1String("source")).toString();
        if (kind == QLatin1String("simulated")) {
            // The demo's prices are made up and must say so.
            QVERIFY2(source.contains(QLatin1String("not real"), Qt::CaseInsensitive),
                     label.constData());
        } else {
            const QUrl url(source, QUrl::StrictMode);
            QVERIFY2(
                url.isValid() && url.scheme() == QLatin1String("https") && !url.host().isEmpty(),
                label.constData());
        }
        for (const char* field : {"input", "output", "cached_input", "cache_write"}) {
            const QJsonValue price = row.value(QLatin1String(field));
            QVERIFY2(price.isUndefined() || (price.isDouble() && price.toDouble() >= 0),
                     label.constData());
        }
        QVERIFY2(row.value(QLatin1String("input")).isDouble() &&
                     row.value(QLatin1String("output")).isDouble(),
                 label.constData());
        const QJsonValue tier = row.value(QLatin1String("long_context"));
        if (!tier.isUndefined()) {
            const QJsonObject t = tier.toObject();
            QVERIFY2(t.value(QLatin1String("threshold")).toDouble() >= 1, label.constData());
            QVERIFY2(t.value(QLatin1String("input")).toDouble(-1) >=
                         row.value(QLatin1String("input")).toDouble(),
                     label.constData());
        }
    }
    // Every row made it into the table the engine uses.
    QCOMPARE(PriceTable::builtIn().size(), size_t(rows.size()));
}

void TestPricing::builtInTableCoversShippedKinds() {
    // Every kind that bills by its own list (not aggregators, local servers or Azure,
    // priced as OpenAI) has prices in the table.
    QSet<QString> priced;
    for (const QJsonValue& value : builtInRows())
        priced.insert(value.toObject().value(QLatin1String("kind")).toString());
    const QSet<QString> borrowed = {QStringLiteral("openrouter"), QStringLiteral("vercel"),
                                    QStringLiteral("cloudflare"), QStringLiteral("ollama"),
                                    QStringLiteral("lmstudio"),   QStringLiteral("vllm"),
                                    QStringLiteral("llamacpp"),   QStringLiteral("azure-openai")};
    const QStringList kinds = ProviderKinds::names();
    QVERIFY(kinds.contains(QStringLiteral("openai")));
    for (const QString& kind : kinds) {
        if (!borrowed.contains(kind))
            QVERIFY2(priced.contains(kind), qPrintable(kind));
    }
}

void TestPricing::demoProviderIsPriced() {
    // The default config's demo models show spend on the dashboards from the first run.
    const Pricing pricing(noOverrides());
    for (const char* model : {"echo", "slow", "flaky", "down", "rate", "cut"}) {
        const std::optional<double> cost =
            pricing.cost(QStringLiteral("demo"), QStringLiteral("simulated"),
                         QString::fromLatin1(model), 1'000'000, 0, 0, 1'000'000);
        QVERIFY2(cost && *cost > 0, model);
    }
}

void TestPricing::cheapestRouteUsesOverrides() {
    const QByteArray base =
        "providers:\n"
        "  p: {kind: openai}\n"
        "routes:\n"
        "  thrifty: {strategy: cheapest, targets: [p/gpt-z, p/cheap]}\n";
    HealthBoard health;
    RoutePlanner planner(health, testTable(), 1);
    for (const bool overridden : {false, true}) {
        const QByteArray yaml =
            overridden ? base + "pricing:\n  p/gpt-z: {input: 0.01, output: 0.01}\n" : base;
        auto loaded = ConfigLoader::loadString(yaml, QStringLiteral("test.yaml"));
        QVERIFY(std::holds_alternative<Config>(loaded));
        ProxySnapshot snapshot;
        snapshot.config = std::make_shared<const Config>(std::get<Config>(std::move(loaded)));
        const auto plan =
            planner.plan(snapshot, QStringLiteral("thrifty"), {}, QByteArray("{}"), nullptr);
        QVERIFY(plan);
        QCOMPARE(plan->targets.size(), size_t(2));
        QCOMPARE(plan->targets[0].model,
                 overridden ? QStringLiteral("gpt-z") : QStringLiteral("cheap"));
    }
}

QTEST_GUILESS_MAIN(TestPricing)
#include "tst_pricing.moc"
