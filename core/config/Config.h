#pragma once

#include "pricing/ModelPrice.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

namespace signalbox {

// Where the proxy listens. Port 0 asks the system for a free port (tests).
struct ListenAddress {
    QHostAddress host{QHostAddress::LocalHost};
    quint16 port = 4747;

    bool isLoopback() const { return host.isLoopback(); }
    QString toString() const;  // "127.0.0.1:4747", "[::1]:4747"

    friend bool operator==(const ListenAddress&, const ListenAddress&) = default;
};

// Parses "HOST:PORT", "[IPV6]:PORT" or "localhost:PORT" (read as 127.0.0.1). HOST must be
// an IP address: a listener binds an address, and a name could resolve to anything.
std::optional<ListenAddress> parseListenAddress(const QString& text);

struct ProviderConfig {
    QString id;             // the name users write in "id/model"
    QString kind;           // adapter family, e.g. "openai"
    QString baseUrl;        // as the provider's official SDK calls it, without trailing '/'
    QStringList keyRefs;    // "env:NAME", "keychain:NAME", "file:PATH"
    QList<int> keyWeights;  // one per key reference: its share of calls (all 1 by default)
    QStringList models;     // models to list in GET /v1/models
    QString apiVersion;     // kinds that version their API in the URL (Azure OpenAI)
    int line = 0;           // where it was declared, for messages

    friend bool operator==(const ProviderConfig&, const ProviderConfig&) = default;
};

// Time limits of one call to a provider, in milliseconds. 0 takes the enclosing value
// (target, then route, then the server's defaults); connect and first byte always end up
// set, idle and total may stay 0 (none).
struct TimeoutConfig {
    int connectMs = 0;    // until the connection is made
    int firstByteMs = 0;  // from the request sent until the response head
    int idleMs = 0;       // the longest silence between two pieces of the body
    int totalMs = 0;      // the whole call

    // These values, with the zeros filled from `outer`.
    TimeoutConfig within(const TimeoutConfig& outer) const;
    bool isEmpty() const { return *this == TimeoutConfig(); }

    friend bool operator==(const TimeoutConfig&, const TimeoutConfig&) = default;
};

enum class RouteStrategy { Fallback, Weighted, Fastest, Cheapest };

// A step of a route: one provider's model, or a group of steps with its own strategy
// (a fallback chain whose second step is a weighted pair, say).
struct RouteTarget {
    QString provider;  // a target; empty for a group
    QString model;
    int weight = 1;  // its share in a weighted group
    TimeoutConfig timeouts;
    std::optional<RouteStrategy> groupStrategy;  // set for a group
    std::vector<RouteTarget> members;            // a group's steps

    bool isGroup() const { return groupStrategy.has_value(); }
    QString label() const { return provider + QLatin1Char('/') + model; }

    friend bool operator==(const RouteTarget&, const RouteTarget&) = default;
};

// Which failures make a route try again: the same target (up to `retries` times), then
// the next. Anything else goes back to the client at once.
struct RetryTriggers {
    bool connect = true;       // the connection could not be made
    bool timeout = true;       // a timeout fired
    bool badResponse = true;   // an answer that cannot be read (garbage, cut before content)
    bool serverErrors = true;  // any 5xx, and in-stream overload errors
    std::vector<int> statuses{408, 409, 429};  // more statuses, 4xx ones in the main

    bool covers(int status) const {
        return std::find(statuses.begin(), statuses.end(), status) != statuses.end();
    }

    friend bool operator==(const RetryTriggers&, const RetryTriggers&) = default;
};

struct RouteConfig {
    QString name;
    RouteStrategy strategy = RouteStrategy::Fallback;
    int retries = 0;  // extra tries of the same target before the route moves on
    std::vector<RouteTarget> targets;
    RetryTriggers retryOn;
    TimeoutConfig timeouts;
    int backoffMs = 200;      // first wait before a retry; doubles each time, jittered
    int maxBackoffMs = 5000;  // the most one wait may last
    int maxWaitMs = 20'000;   // the most a call waits in total before giving up on retries
    // Where a request goes that is too long for the model, or refused by its content
    // policy; tried in order, after which the error reaches the client.
    std::vector<RouteTarget> contextWindowFallbacks;
    std::vector<RouteTarget> contentPolicyFallbacks;
    // What is masked before a request leaves ("email", "phone", "card", "iban",
    // "secret"); unset: governance.redact.
    std::optional<QStringList> redact;
    int line = 0;  // where it was declared, for messages

    friend bool operator==(const RouteConfig&, const RouteConfig&) = default;
};

inline constexpr RouteStrategy kRouteStrategies[] = {
    RouteStrategy::Fallback, RouteStrategy::Weighted, RouteStrategy::Fastest,
    RouteStrategy::Cheapest};
QString strategyName(RouteStrategy strategy);
std::optional<RouteStrategy> strategyFromName(QStringView name);

// When a target (or a provider key) is benched: `failures` failed calls within
// `windowMs` open its breaker for `cooldownMs`; then one trial call decides.
struct BreakerConfig {
    int failures = 5;
    int windowMs = 60'000;
    int cooldownMs = 30'000;

    friend bool operator==(const BreakerConfig&, const BreakerConfig&) = default;
};

// The exact-match response cache (core/governance/ResponseCache), in memory.
struct CacheConfig {
    bool enabled = false;
    int ttlSeconds = 3600;
    int maxMegabytes = 256;  // least recently used answers go past this

    friend bool operator==(const CacheConfig&, const CacheConfig&) = default;
};

// The request log: signalbox.db in the data dir (core/store).
struct StoreConfig {
    bool enabled = true;
    int retentionDays = 30;  // rows older than this are deleted in the background; 0 keeps all
    bool logBodies = false;  // also keep request and response bodies (redacted, capped)
    int maxBodyBytes = 64 * 1024;  // each stored body is cut to this
    friend bool operator==(const StoreConfig&, const StoreConfig&) = default;
};

// Where traces go (OTLP/HTTP with JSON bodies). An empty endpoint turns export off.
struct TelemetryConfig {
    QString otlpEndpoint;  // the collector's traces URL, e.g. http://127.0.0.1:4318/v1/traces
    std::map<QString, QString> otlpHeaders;  // sent with every export (a collector's auth)
    QString serviceName = QStringLiteral("signalbox");  // the resource's service.name
    friend bool operator==(const TelemetryConfig&, const TelemetryConfig&) = default;
};

// Who may use the proxy and what leaves the machine: virtual keys, the admin API, the
// DNS-rebinding guard and redaction (core/governance).
struct GovernanceConfig {
    // Whether every proxied request needs a virtual key. Unset: only when listening beyond
    // loopback (where it must not be false).
    std::optional<bool> requireKeys;
    QString adminTokenRef;  // key reference of the /admin token; empty: /admin is off
    // Host names a client may address the proxy by besides loopback names and the listen
    // address; anything else is refused (DNS rebinding).
    QStringList allowedHosts;
    // Browser origins allowed to call the proxy ("http://localhost:3000"); other Origins
    // are refused.
    QStringList allowedOrigins;
    QStringList redact;  // the default of every route; see RouteConfig::redact
    // A request that sets no output limit is budgeted for this many output tokens.
    int budgetOutputTokens = 4096;

    bool keysRequired(const ListenAddress& listen) const {
        return requireKeys.value_or(!listen.isLoopback());
    }

    friend bool operator==(const GovernanceConfig&, const GovernanceConfig&) = default;
};

// Limits of the inbound HTTP server. Defaults suit a desktop proxy.
struct ServerConfig {
    int workers = 0;  // 0: one per core
    qint64 maxBodyBytes = 32 * 1024 * 1024;
    int maxHeaderBytes = 64 * 1024;
    int headerTimeoutMs = 10'000;  // whole request head must arrive in this time
    int idleTimeoutMs = 60'000;    // keep-alive connection with nothing to do
    int drainTimeoutMs = 30'000;   // SIGTERM waits this long for in-flight requests
    // Defaults of every call to a provider; routes and targets may set their own.
    int upstreamConnectTimeoutMs = 10'000;
    // A provider that sends nothing (no head, no chunk) for this long is given up on.
    // Generous: reasoning models can think for minutes before the first token.
    int upstreamStallTimeoutMs = 300'000;

    TimeoutConfig upstreamTimeouts() const {
        return {upstreamConnectTimeoutMs, upstreamStallTimeoutMs, upstreamStallTimeoutMs, 0};
    }

    friend bool operator==(const ServerConfig&, const ServerConfig&) = default;
};

// The running configuration. Immutable once loaded: a reload builds a new one.
struct Config {
    QString sourcePath;  // file it came from, empty for built-in
    ListenAddress listen;
    ServerConfig server;
    CacheConfig cache;
    BreakerConfig breaker;
    StoreConfig store;
    TelemetryConfig telemetry;
    GovernanceConfig governance;
    // Prices that replace or add to the built-in table, by "provider-id/model".
    std::map<QString, ModelPrice> pricing;
    std::map<QString, ProviderConfig> providers;
    std::map<QString, RouteConfig> routes;

    // Compares everything, declaration lines included.
    friend bool operator==(const Config&, const Config&) = default;
};

}  // namespace signalbox
