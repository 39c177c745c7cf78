#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>

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
    QString id;           // the name users write in "id/model"
    QString kind;         // adapter family, e.g. "openai"
    QString baseUrl;      // as the provider's official SDK calls it, without trailing '/'
    QStringList keyRefs;  // "env:NAME", "keychain:NAME", "file:PATH"
    QStringList models;   // models to list in GET /v1/models
    QString apiVersion;   // kinds that version their API in the URL (Azure OpenAI)
    int line = 0;         // where it was declared, for messages

    friend bool operator==(const ProviderConfig&, const ProviderConfig&) = default;
};

struct RouteTarget {
    QString provider;
    QString model;
    int weight = 1;

    QString label() const { return provider + QLatin1Char('/') + model; }

    friend bool operator==(const RouteTarget&, const RouteTarget&) = default;
};

struct RouteConfig {
    QString name;
    QString strategy = QStringLiteral("fallback");
    int retries = 0;
    std::vector<RouteTarget> targets;
    int line = 0;  // where it was declared, for messages

    friend bool operator==(const RouteConfig&, const RouteConfig&) = default;
};

struct CacheConfig {
    bool enabled = false;
    int ttlSeconds = 3600;

    friend bool operator==(const CacheConfig&, const CacheConfig&) = default;
};

// Limits of the inbound HTTP server. Defaults suit a desktop proxy.
struct ServerConfig {
    int workers = 0;  // 0: one per core
    qint64 maxBodyBytes = 32 * 1024 * 1024;
    int maxHeaderBytes = 64 * 1024;
    int headerTimeoutMs = 10'000;  // whole request head must arrive in this time
    int idleTimeoutMs = 60'000;    // keep-alive connection with nothing to do
    int drainTimeoutMs = 30'000;   // SIGTERM waits this long for in-flight requests
    int upstreamConnectTimeoutMs = 10'000;
    // A provider that sends nothing (no head, no chunk) for this long is given up on.
    // Generous: reasoning models can think for minutes before the first token.
    int upstreamStallTimeoutMs = 300'000;

    friend bool operator==(const ServerConfig&, const ServerConfig&) = default;
};

// The running configuration. Immutable once loaded: a reload builds a new one.
struct Config {
    QString sourcePath;  // file it came from, empty for built-in
    ListenAddress listen;
    ServerConfig server;
    CacheConfig cache;
    std::map<QString, ProviderConfig> providers;
    std::map<QString, RouteConfig> routes;

    // Compares everything, declaration lines included.
    friend bool operator==(const Config&, const Config&) = default;
};

}  // namespace signalbox
