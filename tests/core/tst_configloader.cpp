#include "config/Config.h"
#include "config/ConfigLoader.h"
#include "config/ProviderKinds.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace signalbox;

namespace {

// The design.md example, with every provider of kind openai (the only real kind so far).
const char* const kDesignExample = R"(listen: 127.0.0.1:4747
providers:
  openai:                      # provider id, used in "openai/gpt-5"
    kind: openai               # adapter; base_url defaults per kind
    keys: [env:OPENAI_API_KEY, keychain:openai-2]
  claude:
    kind: openai
    base_url: https://api.anthropic.com/v1/
    keys: [keychain:anthropic]
  gemini:
    kind: openai
    base_url: https://generativelanguage.googleapis.com/v1beta/openai
    keys: [env:GEMINI_API_KEY]
  local:
    kind: openai
    base_url: http://127.0.0.1:11434/v1
routes:
  smart:                       # clients send "model": "smart"
    strategy: fallback         # fallback | weighted | fastest | cheapest
    retries: 2
    targets:
      - claude/claude-sonnet-4-6
      - openai/gpt-5
      - target: local/llama3.1
        weight: 1
cache: {enabled: false, ttl_s: 3600}
)";

// Every routing setting, groups nested in groups.
const char* const kRoutingExample = R"(providers:
  openai: {kind: openai, keys: [env:A, {ref: "env:B", weight: 3}]}
  claude: {kind: anthropic}
routes:
  smart:
    strategy: fallback
    retries: 2
    retry_on: [connect, 5xx, 429, 418]
    timeouts: {connect_ms: 500, first_byte_ms: 4000}
    backoff_ms: 100
    max_backoff_ms: 800
    max_wait_ms: 3000
    targets:
      - target: claude/claude-sonnet-4-6
        timeouts: {idle_ms: 900, total_ms: 60000}
      - strategy: weighted
        weight: 2
        targets:
          - {target: openai/gpt-5, weight: 3}
          - strategy: cheapest
            targets: [openai/gpt-5-mini, claude/claude-haiku-4-5]
    context_window_fallbacks: [openai/gpt-4.1]
    content_policy_fallbacks: [claude/claude-opus-4-5]
breaker: {failures: 3, window_ms: 10000, cooldown_ms: 2000}
)";

// The store, telemetry and pricing sections, prices before the providers they name.
const char* const kObservabilityExample = R"(pricing:
  openai/gpt-5: {input: 1.25, output: 10, cached_input: 0.125}
  local/llama3.1:
    input: 0
    output: .5
    cache_write: 1e-1
  openai/meta-llama/llama-3: {input: 0.1, output: 0.3}
providers:
  openai: {kind: openai}
  local: {kind: ollama}
store:
  enabled: false
  retention_days: 0
  log_bodies: yes
  max_body_bytes: 1024
telemetry:
  otlp_endpoint: http://127.0.0.1:4318/v1/traces
  otlp_headers: {Authorization: "Bearer abc", x-tenant: "42", X-Flag: "true"}
  service_name: gateway-eu
)";

// Used by refusal cases about routes: two providers on lines 2 and 4.
const char* const kTwoProviders = R"(providers:
  openai:
    kind: openai
  demo:
    kind: simulated
)";

Config load(const QByteArray& yaml) {
    auto result = ConfigLoader::loadString(yaml, QStringLiteral("test.yaml"));
    if (const auto* error = std::get_if<ConfigError>(&result)) {
        qWarning("%s", qPrintable(error->toString()));
        return {};
    }
    return std::get<Config>(result);
}

// For QVERIFY2, which builds its message even when the check passes.
QByteArray errorOf(const std::variant<Config, ConfigError>& result) {
    const auto* error = std::get_if<ConfigError>(&result);
    return error != nullptr ? error->toString().toUtf8() : QByteArray();
}

// Declaration lines differ between a file and its toYaml() rewrite; nothing else may.
Config withoutLines(Config config) {
    for (auto& entry : config.providers) {
        entry.second.line = 0;
    }
    for (auto& entry : config.routes) {
        entry.second.line = 0;
    }
    return config;
}

}  // namespace

class TestConfigLoader : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void designExampleLoads();
    void emptyFileIsDefaultConfig_data();
    void emptyFileIsDefaultConfig();
    void jsonConfigLoads();
    void providerDefaultsAndExtraKinds();
    void targetSplitsAtFirstSlash();
    void weightedTargets();
    void serverAndCacheSections();
    void routingSettings();
    void storeTelemetryAndPricingSections();

    void refusals_data();
    void refusals();

    void roundTrip_data();
    void roundTrip();
    void toYamlQuotesTextThatLooksTyped();

    void loadFileSetsSourcePath();
    void loadFileMissing();
    void loadFileDirectory();
    void errorToStringNamesFileAndLine();

    void parseListenAddress_data();
    void parseListenAddress();
    void listenToString();

    void providerKindsRegistry();
};

void TestConfigLoader::initTestCase() {
    // Kinds an adapter would register; names no real adapter will take.
    ProviderKinds::registerKind({QStringLiteral("example-kind"),
                                 QStringLiteral("https://example.invalid/api"), true,
                                 QStringLiteral("2024-01-01")});
    ProviderKinds::registerKind({QStringLiteral("example-nourl"), QString(), true, {}});
}

void TestConfigLoader::designExampleLoads() {
    auto result = ConfigLoader::loadString(kDesignExample, QStringLiteral("example.yaml"));
    QVERIFY2(std::holds_alternative<Config>(result), errorOf(result).constData());
    const Config config = std::get<Config>(result);

    QCOMPARE(config.listen.host, QHostAddress(QStringLiteral("127.0.0.1")));
    QCOMPARE(config.listen.port, quint16(4747));
    QVERIFY(config.listen.isLoopback());
    QVERIFY(config.sourcePath.isEmpty());

    QCOMPARE(config.providers.size(), size_t(4));
    const ProviderConfig& openai = config.providers.at(QStringLiteral("openai"));
    QCOMPARE(openai.id, QStringLiteral("openai"));
    QCOMPARE(openai.kind, QStringLiteral("openai"));
    QCOMPARE(openai.baseUrl, QStringLiteral("https://api.openai.com/v1"));
    QCOMPARE(openai.keyRefs, QStringList({QStringLiteral("env:OPENAI_API_KEY"),
                                          QStringLiteral("keychain:openai-2")}));
    QVERIFY(openai.models.isEmpty());
    QCOMPARE(openai.line, 3);

    const ProviderConfig& claude = config.providers.at(QStringLiteral("claude"));
    QCOMPARE(claude.baseUrl, QStringLiteral("https://api.anthropic.com/v1"));  // '/' stripped
    QCOMPARE(claude.keyRefs, QStringList{QStringLiteral("keychain:anthropic")});
    QCOMPARE(claude.line, 6);
    QCOMPARE(config.providers.at(QStringLiteral("gemini")).baseUrl,
             QStringLiteral("https://generativelanguage.googleapis.com/v1beta/openai"));
    const ProviderConfig& local = config.providers.at(QStringLiteral("local"));
    QCOMPARE(local.baseUrl, QStringLiteral("http://127.0.0.1:11434/v1"));
    QVERIFY(local.keyRefs.isEmpty());

    QCOMPARE(config.routes.size(), size_t(1));
    const RouteConfig& smart = config.routes.at(QStringLiteral("smart"));
    QCOMPARE(smart.name, QStringLiteral("smart"));
    QCOMPARE(smart.strategy, RouteStrategy::Fallback);
    QCOMPARE(smart.retries, 2);
    QCOMPARE(smart.line, 18);
    QCOMPARE(smart.targets.size(), size_t(3));
    QCOMPARE(smart.targets[0].label(), QStringLiteral("claude/claude-sonnet-4-6"));
    QCOMPARE(smart.targets[1].provider, QStringLiteral("openai"));
    QCOMPARE(smart.targets[1].model, QStringLiteral("gpt-5"));
    QCOMPARE(smart.targets[2].label(), QStringLiteral("local/llama3.1"));
    for (const RouteTarget& target : smart.targets) {
        QCOMPARE(target.weight, 1);
    }

    QCOMPARE(config.cache.enabled, false);
    QCOMPARE(config.cache.ttlSeconds, 3600);
    QVERIFY(config.server == ServerConfig());
}

void TestConfigLoader::emptyFileIsDefaultConfig_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("comments only") << QByteArray("# nothing here yet\n\n# still nothing\n");
    QTest::newRow("document marker") << QByteArray("---\n");
    QTest::newRow("empty sections")
        << QByteArray("server:\nproviders:\nroutes:\ncache:\nstore:\ntelemetry:\npricing:\n");
    QTest::newRow("defaults spelled out") << QByteArray(
        "store: {enabled: true, retention_days: 30, log_bodies: false, max_body_bytes: 65536}\n"
        "telemetry: {otlp_endpoint: \"\", otlp_headers: {}, service_name: signalbox}\n");
}

void TestConfigLoader::emptyFileIsDefaultConfig() {
    QFETCH(QByteArray, yaml);
    auto result = ConfigLoader::loadString(yaml, QStringLiteral("empty.yaml"));
    QVERIFY2(std::holds_alternative<Config>(result), errorOf(result).constData());
    QVERIFY(std::get<Config>(result) == Config());
    QCOMPARE(std::get<Config>(result).listen.toString(), QStringLiteral("127.0.0.1:4747"));
}

void TestConfigLoader::jsonConfigLoads() {
    const QByteArray json = R"({
  "listen": "[::1]:8080",
  "server": {"workers": 4, "max_body_bytes": 1048576},
  "providers": {
    "openai": {"kind": "openai", "keys": ["env:OPENAI_API_KEY"], "models": ["gpt-5", "gpt-5-mini"]},
    "demo": {"kind": "simulated"}
  },
  "routes": {
    "cheap": {"strategy": "weighted", "retries": 1,
              "targets": [{"target": "openai/gpt-5-mini", "weight": 3}, "demo/echo"]}
  },
  "cache": {"enabled": true, "ttl_s": 60}
})";
    auto result = ConfigLoader::loadString(json, QStringLiteral("config.json"));
    QVERIFY2(std::holds_alternative<Config>(result), errorOf(result).constData());
    const Config config = std::get<Config>(result);
    QCOMPARE(config.listen.host, QHostAddress(QHostAddress::LocalHostIPv6));
    QCOMPARE(config.listen.port, quint16(8080));
    QCOMPARE(config.server.workers, 4);
    QCOMPARE(config.server.maxBodyBytes, qint64(1048576));
    QCOMPARE(config.providers.at(QStringLiteral("openai")).models,
             QStringList({QStringLiteral("gpt-5"), QStringLiteral("gpt-5-mini")}));
    QCOMPARE(config.providers.at(QStringLiteral("demo")).kind, QStringLiteral("simulated"));
    QVERIFY(config.providers.at(QStringLiteral("demo")).baseUrl.isEmpty());
    const RouteConfig& cheap = config.routes.at(QStringLiteral("cheap"));
    QCOMPARE(cheap.strategy, RouteStrategy::Weighted);
    QCOMPARE(cheap.retries, 1);
    QCOMPARE(cheap.targets.size(), size_t(2));
    QCOMPARE(cheap.targets[0].weight, 3);
    QCOMPARE(cheap.targets[1].label(), QStringLiteral("demo/echo"));
    QCOMPARE(cheap.targets[1].weight, 1);
    QVERIFY(config.cache.enabled);
    QCOMPARE(config.cache.ttlSeconds, 60);
}

void TestConfigLoader::providerDefaultsAndExtraKinds() {
    const Config config = load(R"(providers:
  ex:
    kind: example-kind
  ex2:
    kind: example-nourl
    base_url: https://somewhere.invalid//
  ex3:
    kind: example-kind
    api_version: 2025-02-02
  demo:
    kind: simulated
    keys: [file:/run/secrets/demo, keychain:demo]
)");
    QCOMPARE(config.providers.size(), size_t(4));
    QCOMPARE(config.providers.at(QStringLiteral("ex")).baseUrl,
             QStringLiteral("https://example.invalid/api"));
    // A kind that versions its URLs gets its default unless the config names one.
    QCOMPARE(config.providers.at(QStringLiteral("ex")).apiVersion, QStringLiteral("2024-01-01"));
    QCOMPARE(config.providers.at(QStringLiteral("ex3")).apiVersion, QStringLiteral("2025-02-02"));
    QVERIFY(config.providers.at(QStringLiteral("ex2")).apiVersion.isEmpty());
    QVERIFY(ConfigLoader::toYaml(config).contains("api_version: 2025-02-02"));
    QVERIFY(!ConfigLoader::toYaml(config).contains("2024-01-01"));
    QCOMPARE(config.providers.at(QStringLiteral("ex2")).baseUrl,
             QStringLiteral("https://somewhere.invalid"));
    QCOMPARE(
        config.providers.at(QStringLiteral("demo")).keyRefs,
        QStringList({QStringLiteral("file:/run/secrets/demo"), QStringLiteral("keychain:demo")}));
}

void TestConfigLoader::targetSplitsAtFirstSlash() {
    const Config config = load(R"(providers:
  openrouter: {kind: openai, base_url: "https://openrouter.ai/api/v1"}
routes:
  llama:
    targets: [openrouter/meta-llama/llama-3.1-8b-instruct]
)");
    const RouteConfig& route = config.routes.at(QStringLiteral("llama"));
    QCOMPARE(route.strategy, RouteStrategy::Fallback);
    QCOMPARE(route.retries, 0);
    QCOMPARE(route.targets.size(), size_t(1));
    QCOMPARE(route.targets[0].provider, QStringLiteral("openrouter"));
    QCOMPARE(route.targets[0].model, QStringLiteral("meta-llama/llama-3.1-8b-instruct"));
}

void TestConfigLoader::weightedTargets() {
    const Config config = load(QByteArray(kTwoProviders) + R"(routes:
  split:
    strategy: weighted
    targets:
      - target: openai/gpt-5
        weight: 9
      - {target: demo/fast}
  fastest: {strategy: fastest, targets: [openai/a, demo/b]}
  cheapest: {strategy: cheapest, retries: 10, targets: [openai/a]}
)");
    QCOMPARE(config.routes.size(), size_t(3));
    const RouteConfig& split = config.routes.at(QStringLiteral("split"));
    QCOMPARE(split.targets[0].weight, 9);
    QCOMPARE(split.targets[1].weight, 1);
    QCOMPARE(split.targets[1].label(), QStringLiteral("demo/fast"));
    QCOMPARE(config.routes.at(QStringLiteral("fastest")).strategy, RouteStrategy::Fastest);
    QCOMPARE(config.routes.at(QStringLiteral("cheapest")).retries, 10);
}

void TestConfigLoader::serverAndCacheSections() {
    const Config config = load(R"(listen: localhost:0
server:
  workers: 0
  max_body_bytes: 10000000000
  max_header_bytes: 1024
  header_timeout_ms: 1
  idle_timeout_ms: 2
  drain_timeout_ms: 3
  upstream_connect_timeout_ms: 4
cache:
  enabled: yes
  ttl_s: 1
)");
    QCOMPARE(config.listen.host, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(config.listen.port, quint16(0));
    QCOMPARE(config.server.workers, 0);
    QCOMPARE(config.server.maxBodyBytes, qint64(10'000'000'000));
    QCOMPARE(config.server.maxHeaderBytes, 1024);
    QCOMPARE(config.server.headerTimeoutMs, 1);
    QCOMPARE(config.server.idleTimeoutMs, 2);
    QCOMPARE(config.server.drainTimeoutMs, 3);
    QCOMPARE(config.server.upstreamConnectTimeoutMs, 4);
    QVERIFY(config.cache.enabled);
    QCOMPARE(config.cache.ttlSeconds, 1);
}

void TestConfigLoader::routingSettings() {
    auto result = ConfigLoader::loadString(kRoutingExample, QStringLiteral("routing.yaml"));
    QVERIFY2(std::holds_alternative<Config>(result), errorOf(result).constData());
    const Config config = std::get<Config>(result);
    const ProviderConfig& openai = config.providers.at(QStringLiteral("openai"));
    QCOMPARE(openai.keyRefs, QStringList({QStringLiteral("env:A"), QStringLiteral("env:B")}));
    QCOMPARE(openai.keyWeights, QList<int>({1, 3}));

    const RouteConfig& smart = config.routes.at(QStringLiteral("smart"));
    QCOMPARE(smart.retries, 2);
    QVERIFY(smart.retryOn.connect && smart.retryOn.serverErrors);
    QVERIFY(!smart.retryOn.timeout && !smart.retryOn.badResponse);
    QVERIFY(smart.retryOn.statuses == std::vector<int>({429, 418}));
    QCOMPARE(smart.timeouts, (TimeoutConfig{500, 4000, 0, 0}));
    QCOMPARE(smart.backoffMs, 100);
    QCOMPARE(smart.maxBackoffMs, 800);
    QCOMPARE(smart.maxWaitMs, 3000);
    QCOMPARE(smart.targets.size(), size_t(2));
    QCOMPARE(smart.targets[0].timeouts, (TimeoutConfig{0, 0, 900, 60000}));
    // Each level fills what it leaves open from the one around it.
    QCOMPARE(smart.targets[0].timeouts.within(smart.timeouts),
             (TimeoutConfig{500, 4000, 900, 60000}));

    const RouteTarget& group = smart.targets[1];
    QVERIFY(group.isGroup());
    QCOMPARE(*group.groupStrategy, RouteStrategy::Weighted);
    QCOMPARE(group.weight, 2);
    QCOMPARE(group.members.size(), size_t(2));
    QCOMPARE(group.members[0].label(), QStringLiteral("openai/gpt-5"));
    QCOMPARE(group.members[0].weight, 3);
    QCOMPARE(*group.members[1].groupStrategy, RouteStrategy::Cheapest);
    QCOMPARE(group.members[1].members[1].label(), QStringLiteral("claude/claude-haiku-4-5"));

    QCOMPARE(smart.contextWindowFallbacks.size(), size_t(1));
    QCOMPARE(smart.contextWindowFallbacks[0].label(), QStringLiteral("openai/gpt-4.1"));
    QCOMPARE(smart.contentPolicyFallbacks[0].label(), QStringLiteral("claude/claude-opus-4-5"));
    QCOMPARE(config.breaker, (BreakerConfig{3, 10000, 2000}));

    // Defaults: the usual transient failures, and a route with no timeouts of its own.
    const RouteConfig plain;
    QVERIFY(plain.retryOn.connect && plain.retryOn.timeout && plain.retryOn.badResponse &&
            plain.retryOn.serverErrors);
    QVERIFY(plain.retryOn.statuses == std::vector<int>({408, 409, 429}));
    QVERIFY(plain.timeouts.isEmpty());
}

void TestConfigLoader::storeTelemetryAndPricingSections() {
    auto result =
        ConfigLoader::loadString(kObservabilityExample, QStringLiteral("observability.yaml"));
    QVERIFY2(std::holds_alternative<Config>(result), errorOf(result).constData());
    const Config config = std::get<Config>(result);

    QCOMPARE(config.store, (StoreConfig{false, 0, true, 1024}));
    QCOMPARE(config.telemetry.otlpEndpoint, QStringLiteral("http://127.0.0.1:4318/v1/traces"));
    QCOMPARE(config.telemetry.serviceName, QStringLiteral("gateway-eu"));
    const std::map<QString, QString> headers = {
        {QStringLiteral("Authorization"), QStringLiteral("Bearer abc")},
        {QStringLiteral("X-Flag"), QStringLiteral("true")},
        {QStringLiteral("x-tenant"), QStringLiteral("42")}};
    QVERIFY(config.telemetry.otlpHeaders == headers);

    QCOMPARE(config.pricing.size(), size_t(3));
    const ModelPrice& gpt = config.pricing.at(QStringLiteral("openai/gpt-5"));
    QCOMPARE(gpt.input, 1.25);
    QCOMPARE(gpt.output, 10.0);
    QCOMPARE(gpt.cachedInput, 0.125);
    QCOMPARE(gpt.cacheWrite, -1.0);  // not given: costs as input
    const ModelPrice& llama = config.pricing.at(QStringLiteral("local/llama3.1"));
    QCOMPARE(llama.input, 0.0);
    QCOMPARE(llama.output, 0.5);
    QCOMPARE(llama.cachedInput, -1.0);
    QCOMPARE(llama.cacheWrite, 0.1);
    // The model part keeps its own slashes.
    QVERIFY(config.pricing.count(QStringLiteral("openai/meta-llama/llama-3")) == 1);

    // Export off, spelled either way; defaults are not written back.
    for (const char* empty :
         {"telemetry: {otlp_endpoint: \"\"}\n", "telemetry:\n  otlp_endpoint:\n"}) {
        const Config off = load(empty);
        QVERIFY(off.telemetry.otlpEndpoint.isEmpty());
        QVERIFY(off == Config());
    }
    const QByteArray written = ConfigLoader::toYaml(Config());
    for (const char* section : {"store", "telemetry", "pricing"})
        QVERIFY2(!written.contains(section), written.constData());
}

void TestConfigLoader::refusals_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<QStringList>("words");      // each must appear in the message
    QTest::addColumn<QStringList>("forbidden");  // none may appear (secrets)

    const QByteArray providers(kTwoProviders);  // lines 1-5; routes start on line 6
    const auto row = [](const char* name, const QByteArray& yaml, int line,
                        const QStringList& words, const QStringList& forbidden = {}) {
        QTest::newRow(name) << yaml << line << words << forbidden;
    };

    row("provider: api_version on a kind without one",
        "providers:\n  x:\n    kind: example-nourl\n    base_url: http://a.invalid\n"
        "    api_version: 1\n",
        5, {QStringLiteral("kind 'example-nourl' takes no 'api_version'")});

    // Routes.
    row("route: unknown key",
        providers + "routes:\n  smart:\n    retires: 2\n    targets: [openai/x]\n", 8,
        {QStringLiteral("unknown key 'retires' in route 'smart'; expected one of: strategy, "
                        "retries, targets, retry_on, timeouts")});
    row("route: retries not a number",
        providers + "routes:\n  smart:\n    retries: many\n    targets: [openai/x]\n", 8,
        {QStringLiteral("'retries' must be an integer from 0 to 10, got 'many'")});
    row("route: retries too many",
        providers + "routes:\n  smart:\n    retries: 11\n    targets: [openai/x]\n", 8,
        {QStringLiteral("from 0 to 10"), QStringLiteral("'11'")});
    row("route: retries fractional",
        providers + "routes:\n  smart:\n    retries: 1.5\n    targets: [openai/x]\n", 8,
        {QStringLiteral("'retries'"), QStringLiteral("'1.5'")});
    row("route: unknown strategy",
        providers + "routes:\n  smart:\n    strategy: roundrobin\n    targets: [openai/x]\n", 8,
        {QStringLiteral("'strategy' must be one of: fallback, weighted, fastest, cheapest"),
         QStringLiteral("'roundrobin'")});
    row("route: no targets", providers + "routes:\n  smart:\n    retries: 1\n", 7,
        {QStringLiteral("route 'smart' has no 'targets'")});
    row("route: empty targets", providers + "routes:\n  smart:\n    targets: []\n", 8,
        {QStringLiteral("'targets' is empty")});
    row("route: targets not a list", providers + "routes:\n  smart:\n    targets: openai/x\n", 8,
        {QStringLiteral("'targets' must be a list"), QStringLiteral("'openai/x'")});
    row("route: undeclared provider",
        providers + "routes:\n  smart:\n    targets:\n      - openai/gpt-5\n      - nope/gpt-5\n",
        10,
        {QStringLiteral("'nope/gpt-5'"), QStringLiteral("provider 'nope'"),
         QStringLiteral("not declared"), QStringLiteral("demo, openai")});
    row("route: undeclared provider in map",
        providers + "routes:\n  smart:\n    targets:\n      - target: nope/x\n        weight: 2\n",
        9, {QStringLiteral("provider 'nope'"), QStringLiteral("not declared")});
    row("route: no providers at all",
        QByteArray("routes:\n  smart:\n    targets: [openai/gpt-5]\n"), 3,
        {QStringLiteral("provider 'openai'"), QStringLiteral("no providers are declared")});
    row("route: target without slash", providers + "routes:\n  smart:\n    targets: [gpt-5]\n", 8,
        {QStringLiteral("'gpt-5'"), QStringLiteral("provider/model")});
    row("route: target without model", providers + "routes:\n  smart:\n    targets: [openai/]\n", 8,
        {QStringLiteral("provider/model")});
    row("route: target map without target",
        providers + "routes:\n  smart:\n    targets:\n      - weight: 2\n", 9,
        {QStringLiteral("'target: provider/model'")});
    row("route: target map unknown key",
        providers +
            "routes:\n  smart:\n    targets:\n      - target: openai/x\n        wieght: 2\n",
        10,
        {QStringLiteral("unknown key 'wieght'"), QStringLiteral("route 'smart'"),
         QStringLiteral("expected one of: target, weight, timeouts")});
    row("route: unknown retry trigger",
        providers + "routes:\n  smart:\n    retry_on: [sometimes]\n    targets: [openai/x]\n", 8,
        {QStringLiteral("each entry of 'retry_on' must be connect, timeout, bad_response, 5xx or "
                        "an HTTP status from 400 to 599; got 'sometimes'")});
    row("route: retry status out of range",
        providers + "routes:\n  smart:\n    retry_on: [200]\n    targets: [openai/x]\n", 8,
        {QStringLiteral("got '200'")});
    row("route: unknown timeout",
        providers + "routes:\n  smart:\n    timeouts: {read_ms: 5}\n    targets: [openai/x]\n", 8,
        {QStringLiteral("unknown key 'read_ms'"), QStringLiteral("first_byte_ms")});
    row("route: timeout zero",
        providers + "routes:\n  smart:\n    timeouts: {idle_ms: 0}\n    targets: [openai/x]\n", 8,
        {QStringLiteral("'idle_ms' must be an integer of at least 1, got '0'")});
    row("route: group without targets",
        providers + "routes:\n  smart:\n    targets:\n      - strategy: weighted\n", 9,
        {QStringLiteral("a group needs both 'strategy' and 'targets'")});
    row("route: group with a typo",
        providers +
            "routes:\n  smart:\n    targets:\n      - {strategy: fastest, targets: [openai/x], "
            "retries: 2}\n",
        9, {QStringLiteral("unknown key 'retries' in a group of route 'smart'")});
    row("route: groups too deep",
        providers +
            "routes:\n  smart:\n    targets:\n      - strategy: fallback\n        targets:\n"
            "          - strategy: fallback\n            targets:\n"
            "              - strategy: fallback\n                targets:\n"
            "                  - strategy: fallback\n                    targets:\n"
            "                      - strategy: fallback\n                        targets: "
            "[openai/x]\n",
        17, {QStringLiteral("groups nest at most 4 deep")});
    row("route: fallback to an unknown provider",
        providers +
            "routes:\n  smart:\n    targets: [openai/x]\n    context_window_fallbacks: [big/x]\n",
        9, {QStringLiteral("names provider 'big', which is not declared")});
    row("breaker: unknown key", QByteArray("breaker:\n  cooldown_s: 30\n"), 2,
        {QStringLiteral("unknown key 'cooldown_s' in section 'breaker'"),
         QStringLiteral("cooldown_ms")});
    row("key listed twice",
        QByteArray(
            "providers:\n  p:\n    kind: openai\n    keys: [env:A, {ref: env:A, weight: 2}]\n"),
        4, {QStringLiteral("key 'env:A' is listed twice")});
    row("route: weight zero",
        providers +
            "routes:\n  smart:\n    targets:\n      - target: openai/x\n        weight: 0\n",
        10, {QStringLiteral("'weight' must be an integer from 1 to"), QStringLiteral("'0'")});
    row("route: target nested list",
        providers + "routes:\n  smart:\n    targets:\n      - [openai/x]\n", 9,
        {QStringLiteral("each target must be"), QStringLiteral("a list")});
    row("route: duplicate target",
        providers +
            "routes:\n  smart:\n    targets:\n      - openai/x\n      - demo/y\n      - openai/x\n",
        11, {QStringLiteral("'openai/x' is listed twice")});
    row("route: name with slash", providers + "routes:\n  team/smart:\n    targets: [openai/x]\n",
        7, {QStringLiteral("'team/smart'"), QStringLiteral("no '/'")});
    row("route: not a map", providers + "routes:\n  smart: openai/x\n", 7,
        {QStringLiteral("route 'smart' must be a map"), QStringLiteral("'openai/x'")});
    row("route: duplicate name",
        providers + "routes:\n  smart:\n    targets: [openai/x]\n  smart:\n    targets: [demo/x]\n",
        9, {QStringLiteral("duplicate key 'smart'"), QStringLiteral("line 7")});

    // Providers.
    row("provider: no kind", QByteArray("providers:\n  openai:\n    keys: [env:X]\n"), 2,
        {QStringLiteral("provider 'openai' has no 'kind'"), QStringLiteral("openai"),
         QStringLiteral("simulated")});
    row("provider: empty kind", QByteArray("providers:\n  openai:\n    kind:\n    keys: [env:X]\n"),
        3, {QStringLiteral("'kind' must be a non-empty string, got nothing")});
    row("provider: unknown kind", QByteArray("providers:\n  openai:\n    kind: nosuchkind\n"), 3,
        {QStringLiteral("unknown kind 'nosuchkind' in provider 'openai'"),
         QStringLiteral("expected one of:"), QStringLiteral("anthropic, azure-openai, cerebras"),
         QStringLiteral("gemini, groq")});
    row("provider: bad id", QByteArray("providers:\n  my provider:\n    kind: openai\n"), 2,
        {QStringLiteral("'my provider'"), QStringLiteral("letters, digits")});
    row("provider: id with slash", QByteArray("providers:\n  a/b:\n    kind: openai\n"), 2,
        {QStringLiteral("'a/b'"), QStringLiteral("may hold only")});
    row("provider: unknown key holding a key",
        QByteArray("providers:\n  openai:\n    kind: openai\n    api_key: sk-SECRET-VALUE-1234\n"),
        4,
        {QStringLiteral("unknown key 'api_key' in provider 'openai'; expected one of: kind, "
                        "base_url, keys, models")},
        {QStringLiteral("SECRET")});
    row("provider: base_url not http",
        QByteArray("providers:\n  p:\n    kind: openai\n    base_url: ftp://example.com/v1\n"), 4,
        {QStringLiteral("'base_url' must be an http:// or https:// URL"),
         QStringLiteral("'ftp://example.com/v1'")});
    row("provider: base_url no host",
        QByteArray("providers:\n  p:\n    kind: openai\n    base_url: https://\n"), 4,
        {QStringLiteral("'base_url' must be an http:// or https:// URL")});
    row("provider: base_url with password",
        QByteArray("providers:\n  p:\n    kind: openai\n    base_url: "
                   "https://me:hunter2@example.com/v1\n"),
        4, {QStringLiteral("user name or password")}, {QStringLiteral("hunter2")});
    row("provider: base_url with query",
        QByteArray(
            "providers:\n  p:\n    kind: openai\n    base_url: https://example.com/v1?x=1\n"),
        4, {QStringLiteral("query")});
    row("provider: base_url with '@' in its query",
        QByteArray("providers:\n  p:\n    kind: openai\n    base_url: http://example.com?u=a@b\n"),
        4, {QStringLiteral("query"), QStringLiteral("'http://example.com?u=a@b'")});
    row("provider: kind needs base_url", QByteArray("providers:\n  p:\n    kind: example-nourl\n"),
        2, {QStringLiteral("provider 'p' of kind 'example-nourl' needs a 'base_url'")});
    row("provider: simulated takes no base_url",
        QByteArray("providers:\n  demo:\n    kind: simulated\n    base_url: http://localhost:1\n"),
        4, {QStringLiteral("kind 'simulated' takes no 'base_url'")});
    row("provider: key pasted in place of a reference",
        QByteArray("providers:\n  p:\n    kind: openai\n    keys:\n      - env:OK\n      - "
                   "sk-proj-SECRET987654\n"),
        6, {QStringLiteral("env:NAME, keychain:NAME, file:PATH")}, {QStringLiteral("SECRET")});
    row("provider: key with colon pasted",
        QByteArray("providers:\n  p:\n    kind: openai\n    keys: [\"Bearer: SECRET987654\"]\n"), 4,
        {QStringLiteral("env:NAME, keychain:NAME, file:PATH")}, {QStringLiteral("SECRET")});
    row("provider: keys a single value",
        QByteArray("providers:\n  p:\n    kind: openai\n    keys: sk-SECRET987654\n"), 4,
        {QStringLiteral("'keys' must be a list, got a single value")}, {QStringLiteral("SECRET")});
    row("provider: unknown key source",
        QByteArray("providers:\n  p:\n    kind: openai\n    keys: [vault:openai]\n"), 4,
        {QStringLiteral("unknown key source 'vault:'"), QStringLiteral("env:NAME")});
    row("provider: empty key name",
        QByteArray("providers:\n  p:\n    kind: openai\n    keys:\n      - \"keychain:\"\n"), 5,
        {QStringLiteral("'keychain:' needs a name")});
    row("provider: bad env name",
        QByteArray("providers:\n  p:\n    kind: openai\n    keys: [env:1BAD-NAME]\n"), 4,
        {QStringLiteral("environment variable name")});
    row("provider: key ref not a string",
        QByteArray("providers:\n  p:\n    kind: openai\n    keys:\n      - [env, X]\n"), 5,
        {QStringLiteral("each entry of 'keys'"), QStringLiteral("a list")});
    row("provider: key map without ref",
        QByteArray("providers:\n  p:\n    kind: openai\n    keys:\n      - {env: X}\n"), 5,
        {QStringLiteral("unknown key 'env' in a key of provider 'p'"),
         QStringLiteral("expected one of: ref, weight")});
    row("provider: models not a list",
        QByteArray("providers:\n  p:\n    kind: openai\n    models: {a: b}\n"), 4,
        {QStringLiteral("'models' must be a list, got a map")});
    row("provider: empty model",
        QByteArray("providers:\n  p:\n    kind: openai\n    models: [gpt-5, \"\"]\n"), 4,
        {QStringLiteral("each entry of 'models' must be a non-empty string")});
    row("provider: not a map", QByteArray("providers:\n  p: openai\n"), 2,
        {QStringLiteral("provider 'p' must be a map, got 'openai'")});
    row("providers: not a map", QByteArray("providers:\n  - openai\n"), 2,
        {QStringLiteral("section 'providers' must be a map, got a list")});

    // Server and cache.
    row("server: unknown key", QByteArray("server:\n  threads: 4\n"), 2,
        {QStringLiteral("unknown key 'threads' in section 'server'"), QStringLiteral("workers")});
    row("server: negative workers", QByteArray("server:\n  workers: -1\n"), 2,
        {QStringLiteral("'workers' must be an integer from 0 to 1024, got '-1'")});
    row("server: body bytes zero", QByteArray("server:\n  max_body_bytes: 0\n"), 2,
        {QStringLiteral("'max_body_bytes' must be an integer of at least 1, got '0'")});
    row("server: header bytes too small", QByteArray("server:\n  max_header_bytes: 100\n"), 2,
        {QStringLiteral("'max_header_bytes' must be an integer from 1024 to 1048576, got '100'")});
    row("server: header bytes too big", QByteArray("server:\n  max_header_bytes: 2000000\n"), 2,
        {QStringLiteral("from 1024 to 1048576")});
    row("server: zero timeout", QByteArray("server:\n  idle_timeout_ms: 0\n"), 2,
        {QStringLiteral("'idle_timeout_ms' must be an integer of at least 1, got '0'")});
    row("server: timeout overflows int", QByteArray("server:\n  drain_timeout_ms: 99999999999\n"),
        2,
        {QStringLiteral("'drain_timeout_ms' must be an integer from 1 to 2147483647, got "
                        "'99999999999'")});
    row("server: timeout a list", QByteArray("server:\n  header_timeout_ms: [1]\n"), 2,
        {QStringLiteral("'header_timeout_ms'"), QStringLiteral("got a list")});
    row("server: connect timeout empty",
        QByteArray("server:\n  upstream_connect_timeout_ms:\n  workers: 1\n"), 2,
        {QStringLiteral("'upstream_connect_timeout_ms'"), QStringLiteral("got nothing")});
    row("server: not a map", QByteArray("server: fast\n"), 1,
        {QStringLiteral("section 'server' must be a map, got 'fast'")});
    row("cache: bad bool", QByteArray("cache:\n  enabled: maybe\n"), 2,
        {QStringLiteral("'enabled' must be true or false, got 'maybe'")});
    row("cache: zero ttl", QByteArray("cache: {enabled: true, ttl_s: 0}\n"), 1,
        {QStringLiteral("'ttl_s' must be an integer of at least 1, got '0'")});
    row("cache: unknown key", QByteArray("cache:\n  enabled: true\n  ttl: 5\n"), 3,
        {QStringLiteral("unknown key 'ttl' in section 'cache'; expected one of: enabled, ttl_s")});

    // Store.
    row("store: unknown key", QByteArray("store:\n  retention: 5\n"), 2,
        {QStringLiteral("unknown key 'retention' in section 'store'; expected one of: enabled, "
                        "retention_days, log_bodies, max_body_bytes")});
    row("store: negative retention", QByteArray("store:\n  retention_days: -1\n"), 2,
        {QStringLiteral("'retention_days' must be an integer of at least 0, got '-1'")});
    row("store: body bytes too small", QByteArray("store: {max_body_bytes: 100}\n"), 1,
        {QStringLiteral("'max_body_bytes' must be an integer from 1024 to 16777216, got '100'")});
    row("store: body bytes too big", QByteArray("store:\n  max_body_bytes: 16777217\n"), 2,
        {QStringLiteral("from 1024 to 16777216")});
    row("store: bad bool", QByteArray("store:\n  enabled: true\n  log_bodies: sometimes\n"), 3,
        {QStringLiteral("section 'store': 'log_bodies' must be true or false, got 'sometimes'")});
    row("store: not a map", QByteArray("store: on\n"), 1,
        {QStringLiteral("section 'store' must be a map, got 'on'")});

    // Telemetry.
    row("telemetry: unknown key", QByteArray("telemetry:\n  endpoint: http://a\n"), 2,
        {QStringLiteral("unknown key 'endpoint' in section 'telemetry'; expected one of: "
                        "otlp_endpoint, otlp_headers, service_name")});
    row("telemetry: not http",
        QByteArray("telemetry:\n  otlp_endpoint: ftp://collector:4318/v1/traces\n"), 2,
        {QStringLiteral("'otlp_endpoint' must be an http:// or https:// URL with a host, or "
                        "empty, got 'ftp://collector:4318/v1/traces'")});
    row("telemetry: no scheme", QByteArray("telemetry:\n  otlp_endpoint: collector:4318\n"), 2,
        {QStringLiteral("'otlp_endpoint' must be an http:// or https:// URL")});
    row("telemetry: no host", QByteArray("telemetry:\n  otlp_endpoint: \"http://\"\n"), 2,
        {QStringLiteral("URL with a host")});
    row("telemetry: endpoint a list", QByteArray("telemetry:\n  otlp_endpoint: [a]\n"), 2,
        {QStringLiteral("'otlp_endpoint'"), QStringLiteral("got a list")});
    row("telemetry: password in the URL",
        QByteArray("telemetry:\n  otlp_endpoint: https://me:s3cret@collector/v1/traces\n"), 2,
        {QStringLiteral("must not hold a user name or password")}, {QStringLiteral("s3cret")});
    row("telemetry: bad header name",
        QByteArray("telemetry:\n  otlp_headers:\n    \"bad header\": x\n"), 3,
        {QStringLiteral("header name 'bad header' may hold only letters, digits")});
    row("telemetry: header on two lines",
        QByteArray("telemetry:\n  otlp_headers:\n    Authorization: \"Bearer abc\\ndef\"\n"), 3,
        {QStringLiteral("the value of header 'Authorization' must be one line of text")},
        {QStringLiteral("abc")});
    row("telemetry: header without value",
        QByteArray("telemetry:\n  otlp_headers:\n    Authorization:\n"), 3,
        {QStringLiteral("the value of header 'Authorization'"), QStringLiteral("got nothing")});
    row("telemetry: header twice",
        QByteArray("telemetry:\n  otlp_headers:\n    X-Key: a\n    x-key: b\n"), 4,
        {QStringLiteral("header 'x-key' is given twice (as 'X-Key' too)")});
    row("telemetry: headers a list", QByteArray("telemetry:\n  otlp_headers: [a]\n"), 2,
        {QStringLiteral("'otlp_headers' of section 'telemetry' must be a map, got a list")});
    row("telemetry: empty service name", QByteArray("telemetry:\n  service_name: \"\"\n"), 2,
        {QStringLiteral("'service_name' must be a non-empty string")});

    // Pricing (providers on lines 1-5).
    row("pricing: undeclared provider",
        providers + "pricing:\n  ghost/gpt-5: {input: 1, output: 2}\n", 7,
        {QStringLiteral("price 'ghost/gpt-5' names provider 'ghost', which is not declared "
                        "under 'providers'; declared providers: demo, openai")});
    row("pricing: no providers", QByteArray("pricing:\n  a/b: {input: 1, output: 1}\n"), 2,
        {QStringLiteral("no providers are declared")});
    row("pricing: no model", providers + "pricing:\n  gpt-5: {input: 1, output: 2}\n", 7,
        {QStringLiteral("price 'gpt-5' in section 'pricing' must be named provider/model")});
    row("pricing: output missing", providers + "pricing:\n  openai/gpt-5: {input: 1}\n", 7,
        {QStringLiteral("price 'openai/gpt-5': 'output' is missing; a price needs input and "
                        "output")});
    row("pricing: negative",
        providers + "pricing:\n  openai/gpt-5:\n    input: -1\n    output: 2\n", 8,
        {QStringLiteral("price 'openai/gpt-5': 'input' must be a price in USD per million "
                        "tokens, a number of at least 0, got '-1'")});
    row("pricing: not a number",
        providers + "pricing:\n  openai/gpt-5:\n    input: 1\n    output: cheap\n", 9,
        {QStringLiteral("'output' must be a price"), QStringLiteral("got 'cheap'")});
    row("pricing: infinite", providers + "pricing:\n  openai/gpt-5: {input: .inf, output: 1}\n", 7,
        {QStringLiteral("'input' must be a price")});
    row("pricing: unknown field",
        providers + "pricing:\n  openai/gpt-5: {input: 1, output: 2, cache_read: 1}\n", 7,
        {QStringLiteral("unknown key 'cache_read' in price 'openai/gpt-5'; expected one of: "
                        "input, output, cached_input, cache_write")});
    row("pricing: not a map", providers + "pricing:\n  openai/gpt-5: 3\n", 7,
        {QStringLiteral("price 'openai/gpt-5' must be a map, got '3'")});

    // Top level.
    row("governance: unknown key", QByteArray("governance:\n  require_key: true\n"), 2,
        {QStringLiteral("unknown key 'require_key' in section 'governance'")});
    row("governance: redact kind", QByteArray("governance:\n  redact: [email, ssn]\n"), 2,
        {QStringLiteral("'redact' takes a list of: email, phone, card, iban, secret"),
         QStringLiteral("'ssn'")});
    row("governance: admin token pasted",
        QByteArray("governance:\n  admin_token: tok-123456789abcdef\n"), 2,
        {QStringLiteral("'admin_token' must be a key reference")},
        {QStringLiteral("tok-123456789abcdef")});
    row("governance: admin token unknown source",
        QByteArray("governance:\n  admin_token: vault:admin\n"), 2,
        {QStringLiteral("'admin_token' must be a key reference")});
    row("governance: origin with a path",
        QByteArray("governance:\n  allowed_origins: [http://localhost:3000/app]\n"), 2,
        {QStringLiteral("'allowed_origins' takes browser origins")});
    row("governance: host with a scheme",
        QByteArray("governance:\n  allowed_hosts: [http://gw.example]\n"), 2,
        {QStringLiteral("'allowed_hosts' takes host names")});
    row("governance: open beyond loopback",
        QByteArray("listen: 0.0.0.0:4747\ngovernance:\n  require_keys: false\n"), 1,
        {QStringLiteral("listening on 0.0.0.0:4747 with governance.require_keys: false")});
    row("route: redact kind",
        providers +
            "routes:\n  r:\n    targets: [openai/x]\n    redact: "
            "[mail]\n",
        9, {QStringLiteral("route 'r'"), QStringLiteral("'mail'")});
    row("top: unknown key", QByteArray("listen: 127.0.0.1:1\nrouts: {}\n"), 2,
        {QStringLiteral("unknown key 'routs'"),
         QStringLiteral("expected one of: listen, server, providers, routes, cache")});
    row("top: a list", QByteArray("- listen\n- routes\n"), 1,
        {QStringLiteral("must be a map of sections"), QStringLiteral("got a list")});
    row("top: a string", QByteArray("hello\n"), 1,
        {QStringLiteral("must be a map of sections"), QStringLiteral("'hello'")});
    row("top: duplicate section",
        QByteArray("providers:\n  a: {kind: openai}\nlisten: 127.0.0.1:1\nproviders:\n  b: {kind: "
                   "openai}\n"),
        4, {QStringLiteral("duplicate key 'providers'"), QStringLiteral("first given on line 1")});
    row("top: two documents", QByteArray("listen: 127.0.0.1:1\n---\nlisten: 127.0.0.1:2\n"), 3,
        {QStringLiteral("more than one YAML document")});
    row("listen: bad port", QByteArray("# comment\nlisten: 127.0.0.1:70000\n"), 2,
        {QStringLiteral("'listen' must be HOST:PORT"), QStringLiteral("'127.0.0.1:70000'")});
    row("listen: host name", QByteArray("listen: example.com:80\n"), 1,
        {QStringLiteral("'listen' must be HOST:PORT"), QStringLiteral("'example.com:80'")});
    row("listen: port only", QByteArray("listen: 4747\n"), 1,
        {QStringLiteral("'listen' must be HOST:PORT"), QStringLiteral("'4747'")});

    // Syntax.
    row("syntax: unclosed flow list",
        QByteArray("providers:\n  p:\n    kind: openai\n    keys: [env:A, env:B\nroutes: {}\n"), 5,
        {QStringLiteral("YAML syntax error")});
    row("syntax: bad indentation",
        QByteArray("providers:\n  p:\n    kind: openai\n   keys: [env:A]\n"), 4,
        {QStringLiteral("YAML syntax error")});
    row("syntax: broken JSON",
        QByteArray("{\n  \"listen\": \"127.0.0.1:1\",\n  \"routes\": {\n}\n"), 5,
        {QStringLiteral("YAML syntax error")});
}

void TestConfigLoader::refusals() {
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(QStringList, words);
    QFETCH(QStringList, forbidden);

    auto result = ConfigLoader::loadString(yaml, QStringLiteral("bad.yaml"));
    QVERIFY2(std::holds_alternative<ConfigError>(result), "a bad config was accepted");
    const ConfigError error = std::get<ConfigError>(result);
    QCOMPARE(error.file, QStringLiteral("bad.yaml"));
    QVERIFY2(error.line == line, qPrintable(QStringLiteral("line %1, expected %2: %3")
                                                .arg(error.line)
                                                .arg(line)
                                                .arg(error.message)));
    for (const QString& word : words) {
        QVERIFY2(error.message.contains(word),
                 qPrintable(QStringLiteral("'%1' not in: %2").arg(word, error.message)));
    }
    for (const QString& word : forbidden) {
        QVERIFY2(!error.message.contains(word),
                 qPrintable(QStringLiteral("'%1' leaked into: %2").arg(word, error.message)));
    }
}

void TestConfigLoader::roundTrip_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::newRow("design example") << QByteArray(kDesignExample);
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("ipv6 and limits") << QByteArray(R"(listen: "[::1]:0"
server: {workers: 3, max_body_bytes: 10000000000, max_header_bytes: 2048, header_timeout_ms: 5,
         idle_timeout_ms: 6, drain_timeout_ms: 7, upstream_connect_timeout_ms: 8}
cache: {enabled: true, ttl_s: 3600}
)");
    QTest::newRow("awkward names") << QByteArray(R"(listen: 0.0.0.0:80
providers:
  demo: {kind: simulated, models: ["null", "~", "123", "true", "a: b", "#x", "[y]", "é-model"]}
  ex: {kind: example-kind, keys: ["file:/path with spaces/key", "keychain:#1"]}
  ex2: {kind: example-nourl, base_url: "http://[::1]:8080/v1"}
routes:
  "route with spaces":
    strategy: weighted
    retries: 3
    targets:
      - {target: "demo/null", weight: 5}
      - "demo/a: b"
      - ex/meta-llama/llama-3
  "yes": {targets: [ex2/x]}
)");
    QTest::newRow("routing") << QByteArray(kRoutingExample);
    QTest::newRow("governance") << QByteArray(R"(listen: 0.0.0.0:4747
providers:
  p: {kind: openai}
routes:
  plain: {targets: [p/x], redact: []}
  careful: {targets: [p/x], redact: [card, iban]}
cache: {enabled: true, ttl_s: 60, max_mb: 12}
governance:
  require_keys: true
  admin_token: env:SIGNALBOX_ADMIN_TOKEN
  allowed_hosts: [gateway.example.com, 10.0.0.5]
  allowed_origins: [http://localhost:3000, https://app.example.com]
  redact: [email, phone, card, iban, secret]
  budget_output_tokens: 1000
)");
    QTest::newRow("store, telemetry and pricing") << QByteArray(kObservabilityExample);
    QTest::newRow("awkward prices and headers") << QByteArray(R"(providers:
  p: {kind: openai}
pricing:
  "p/null": {input: 0.1, output: 3e-7, cached_input: 0, cache_write: 123456789.125}
  p/x: {input: 1000000, output: 0.30000000000000004}
store: {retention_days: 3650}
telemetry:
  otlp_endpoint: "https://collector.example:4318/v1/traces?x=1"
  otlp_headers: {"X-Empty": "", "X-Num": "1.5", "x-colon": "a: b"}
)");
}

void TestConfigLoader::roundTrip() {
    QFETCH(QByteArray, yaml);
    auto first = ConfigLoader::loadString(yaml, QStringLiteral("in.yaml"));
    QVERIFY2(std::holds_alternative<Config>(first), errorOf(first).constData());
    const Config original = std::get<Config>(first);

    const QByteArray written = ConfigLoader::toYaml(original);
    auto second = ConfigLoader::loadString(written, QStringLiteral("out.yaml"));
    QVERIFY2(std::holds_alternative<Config>(second),
             (errorOf(second) + '\n' + written).constData());
    QVERIFY2(withoutLines(std::get<Config>(second)) == withoutLines(original), written.constData());
    // Writing is stable: the rewrite of a rewrite is the same text.
    QCOMPARE(ConfigLoader::toYaml(std::get<Config>(second)), written);
}

void TestConfigLoader::toYamlQuotesTextThatLooksTyped() {
    // Other YAML readers would turn these into numbers, booleans or null.
    const Config config = load(R"(providers:
  demo: {kind: simulated, models: ["123", "1.5", "true", "no", "null", "gpt-5"]}
routes:
  "on": {targets: [demo/gpt-5]}
)");
    QCOMPARE(config.providers.size(), size_t(1));
    const QByteArray written = ConfigLoader::toYaml(config);
    for (const char* text : {"\"123\"", "\"1.5\"", "\"true\"", "\"no\"", "\"null\"", "\"on\":"}) {
        QVERIFY2(written.contains(text), written.constData());
    }
    QVERIFY2(written.contains("gpt-5") && !written.contains("\"gpt-5\""), written.constData());
}

void TestConfigLoader::loadFileSetsSourcePath() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("signalbox.yaml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kDesignExample);
    file.close();

    auto result = ConfigLoader::loadFile(path);
    QVERIFY2(std::holds_alternative<Config>(result), errorOf(result).constData());
    QCOMPARE(std::get<Config>(result).sourcePath, path);
    QCOMPARE(std::get<Config>(result).routes.size(), size_t(1));

    // Errors from a file name that file.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("listen: 127.0.0.1:4747\nrouts: {}\n");
    file.close();
    auto bad = ConfigLoader::loadFile(path);
    QVERIFY(std::holds_alternative<ConfigError>(bad));
    QCOMPARE(std::get<ConfigError>(bad).file, path);
    QCOMPARE(std::get<ConfigError>(bad).line, 2);
}

void TestConfigLoader::loadFileMissing() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing.yaml"));
    auto result = ConfigLoader::loadFile(path);
    QVERIFY(std::holds_alternative<ConfigError>(result));
    const ConfigError error = std::get<ConfigError>(result);
    QCOMPARE(error.file, path);
    QCOMPARE(error.line, 0);
    QVERIFY2(error.message.contains(QStringLiteral("cannot read")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("No such file")), qPrintable(error.message));
}

void TestConfigLoader::loadFileDirectory() {
    QTemporaryDir dir;
    auto result = ConfigLoader::loadFile(dir.path());
    QVERIFY(std::holds_alternative<ConfigError>(result));
    QCOMPARE(std::get<ConfigError>(result).line, 0);
    QVERIFY(std::get<ConfigError>(result).message.contains(QStringLiteral("directory")));
}

void TestConfigLoader::errorToStringNamesFileAndLine() {
    auto result = ConfigLoader::loadString("cache:\n  enabled: maybe\n", QStringLiteral("c.yaml"));
    QVERIFY(std::holds_alternative<ConfigError>(result));
    QVERIFY(std::get<ConfigError>(result).toString().startsWith(QStringLiteral("c.yaml:2: ")));
}

void TestConfigLoader::parseListenAddress_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("written");

    const auto good = [](const char* text, const char* host, int port, const char* written) {
        QTest::newRow(text) << QString::fromLatin1(text) << true << QString::fromLatin1(host)
                            << port << QString::fromLatin1(written);
    };
    const auto bad = [](const char* text) {
        QTest::newRow(*text != 0 ? text : "(empty)")
            << QString::fromLatin1(text) << false << QString() << 0 << QString();
    };
    good("127.0.0.1:4747", "127.0.0.1", 4747, "127.0.0.1:4747");
    good("0.0.0.0:80", "0.0.0.0", 80, "0.0.0.0:80");
    good("localhost:8080", "127.0.0.1", 8080, "127.0.0.1:8080");
    good("LOCALHOST:1", "127.0.0.1", 1, "127.0.0.1:1");
    good("127.0.0.1:0", "127.0.0.1", 0, "127.0.0.1:0");
    good("127.0.0.1:65535", "127.0.0.1", 65535, "127.0.0.1:65535");
    good("[::1]:4747", "::1", 4747, "[::1]:4747");
    good("[::]:9000", "::", 9000, "[::]:9000");
    good("[2001:db8::1]:443", "2001:db8::1", 443, "[2001:db8::1]:443");
    good(" 10.0.0.5:22 ", "10.0.0.5", 22, "10.0.0.5:22");
    bad("");
    bad("127.0.0.1");
    bad("127.0.0.1:");
    bad(":4747");
    bad("127.0.0.1:65536");
    bad("127.0.0.1:99999");
    bad("127.0.0.1:-1");
    bad("127.0.0.1:+80");
    bad("127.0.0.1:80a");
    bad("127.0.0.1: 80");
    bad("::1:4747");
    bad("[::1]4747");
    bad("[::1]:");
    bad("[::1:4747");
    bad("[127.0.0.1]:80");
    bad("[localhost]:80");
    bad("example.com:80");
    bad("999.1.1.1:80");
    bad("4747");
}

void TestConfigLoader::parseListenAddress() {
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, written);

    const std::optional<ListenAddress> address = signalbox::parseListenAddress(text);
    QCOMPARE(address.has_value(), ok);
    if (!ok) {
        return;
    }
    QCOMPARE(address->host, QHostAddress(host));
    QCOMPARE(int(address->port), port);
    QCOMPARE(address->toString(), written);
    // What toString() writes, parseListenAddress() reads back.
    QVERIFY(signalbox::parseListenAddress(address->toString()) == address);
}

void TestConfigLoader::listenToString() {
    QCOMPARE(ListenAddress().toString(), QStringLiteral("127.0.0.1:4747"));
    ListenAddress v6;
    v6.host = QHostAddress(QHostAddress::LocalHostIPv6);
    v6.port = 1;
    QCOMPARE(v6.toString(), QStringLiteral("[::1]:1"));
}

void TestConfigLoader::providerKindsRegistry() {
    const QStringList names = ProviderKinds::names();
    QVERIFY(names.contains(QStringLiteral("openai")));
    QVERIFY(names.contains(QStringLiteral("simulated")));
    QVERIFY(std::is_sorted(names.begin(), names.end()));

    const ProviderKindInfo* openai = ProviderKinds::find(QStringLiteral("openai"));
    QVERIFY(openai != nullptr);
    QCOMPARE(openai->defaultBaseUrl, QStringLiteral("https://api.openai.com/v1"));
    QVERIFY(openai->needsBaseUrl);
    const ProviderKindInfo* simulated = ProviderKinds::find(QStringLiteral("simulated"));
    QVERIFY(simulated != nullptr);
    QVERIFY(simulated->defaultBaseUrl.isEmpty());
    QVERIFY(!simulated->needsBaseUrl);
    QVERIFY(ProviderKinds::find(QStringLiteral("nosuchkind")) == nullptr);
    QVERIFY(ProviderKinds::find(QStringLiteral("OpenAI")) == nullptr);

    // A late registration keeps earlier pointers valid and is found afterwards.
    ProviderKinds::registerKind(
        {QStringLiteral("example-late"), QStringLiteral("http://x.invalid"), true, {}});
    QCOMPARE(ProviderKinds::find(QStringLiteral("openai")), openai);
    QVERIFY(ProviderKinds::find(QStringLiteral("example-late")) != nullptr);
    QVERIFY(ProviderKinds::names().contains(QStringLiteral("example-late")));
}

QTEST_GUILESS_MAIN(TestConfigLoader)
#include "tst_configloader.moc"
