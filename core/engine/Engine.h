#pragma once

#include "config/Config.h"
#include "engine/SnapshotSlot.h"
#include "routing/Clock.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

namespace signalbox {

class Governance;
class HealthBoard;
class HttpServer;
class KeyResolver;
class RequestLog;

// The composition root and the one door for ui/ and app/: it owns the running
// configuration, the key stores and the proxy server (on its own threads).
class Engine : public QObject {
    Q_OBJECT
public:
    enum class ProxyState { Stopped, Starting, Running, Draining, Failed };
    Q_ENUM(ProxyState)

    // `clock` times breakers, rests and latencies; tests pass one they control.
    explicit Engine(QObject* parent = nullptr, const Clock& clock = Clock::system());
    ~Engine() override;

    // Loads and validates a config file; on failure returns false and sets
    // *error to "file:line: what was expected". Does not touch the running proxy.
    bool loadConfigFile(const QString& path, QString* error);
    void setConfig(std::shared_ptr<const Config> config);
    std::shared_ptr<const Config> config() const { return config_; }

    // Writes the running config to its own file (config()->sourcePath), atomically: on
    // failure the old file stays and *error says why in words.
    bool saveConfig(QString* error) const;
    // Writes the running config to `path`; its own file stays as it is.
    bool exportConfig(const QString& path, QString* error) const;
    // Loads `path`, validated as loadConfigFile() does, saves it to the running config's
    // own file and adopts it: the proxy reloads, and rebinds if the listen address
    // changed. On any failure nothing changes. Without a file of its own (built-in
    // defaults) the imported file becomes the config's file.
    bool importConfigFile(const QString& path, QString* error);
    // An edit from the window: `next` is checked as signalboxd would read it, adopted
    // (the proxy reloads; requests in flight finish on the config they started with) and
    // written to the config's own file. Refused: nothing changed, *error says why.
    // NotWritten: running, but the file could not be written (*error says why).
    enum class ApplyResult { Refused, NotWritten, Saved };
    ApplyResult applyConfig(const Config& next, QString* error);

    // Keeps the request log (signalbox.db) in `dir`. Without it requests are counted for
    // /metrics and traced, but not stored.
    void setDataDir(const QString& dir);
    RequestLog& requestLog() const { return *log_; }
    // Virtual keys (kept in the data dir's database), their meters and the response cache.
    Governance& governance() const { return *governance_; }

    KeyResolver& keys() { return *keys_; }
    // What the proxy has seen of each target and provider key: breaker state, latency,
    // rests. Thread-safe; survives restarts and reloads.
    const HealthBoard& health() const { return *health_; }

    // Resolves the config's key references, then listens on config().listen.
    // Asynchronous: watch proxyStateChanged(). Virtual keys are read from the store
    // first; listening beyond loopback is refused unless they are required and the data
    // dir that holds them is set.
    void startProxy();
    void stopProxy();
    // Stops accepting, lets in-flight requests finish (up to the drain timeout),
    // then stops and calls done.
    void drainAndStop(std::function<void()> done);

    ProxyState proxyState() const { return state_; }
    QString proxyUrl() const;  // e.g. "http://127.0.0.1:4747"
    // What a client on this machine calls: proxyUrl() with a wildcard host (0.0.0.0, ::)
    // made loopback, which every system connects to.
    QString localUrl() const;
    quint16 proxyPort() const { return boundPort_; }
    QString lastError() const { return lastError_; }

signals:
    void proxyStateChanged(signalbox::Engine::ProxyState state);
    // config() is a new one (a panel's edit, an import, a reload).
    void configChanged();
    // A running proxy serves config() from now on: its keys are resolved and new
    // requests take it.
    void proxyReloaded();

private:
    void setState(ProxyState state, const QString& error = {});
    // Resolves the config's keys off the hot path, then hands over a snapshot.
    void buildSnapshot(std::shared_ptr<const Config> config,
                       std::function<void(std::shared_ptr<const ProxySnapshot>)> ready);
    void listenWith(std::shared_ptr<const ProxySnapshot> snapshot);
    void serve(std::shared_ptr<const ProxySnapshot> snapshot);
    // Listening failed. A proxy that was running stays where it is (serving `snapshot`,
    // when given) and says why in lastError(); otherwise it fails.
    void failListening(const QString& error,
                       std::shared_ptr<const ProxySnapshot> snapshot = nullptr);
    // Stops `server` accepting; its requests in flight finish, then it is deleted.
    void retire(std::unique_ptr<HttpServer> server);

    std::shared_ptr<const Config> config_;
    SnapshotSlot snapshots_;
    quint64 generation_ = 0;  // drops answers for superseded starts and reloads
    std::unique_ptr<KeyResolver> keys_;
    std::unique_ptr<HealthBoard> health_;
    std::unique_ptr<RequestLog> log_;
    std::unique_ptr<Governance> governance_;
    std::unique_ptr<HttpServer> server_;
    ListenAddress listening_;                            // where server_ listens
    std::vector<std::unique_ptr<HttpServer>> retiring_;  // draining after a move
    QTimer* keyRefresh_ = nullptr;                       // notices keys another process changed
    ProxyState state_ = ProxyState::Stopped;
    quint16 boundPort_ = 0;
    QString lastError_;
};

}  // namespace signalbox
