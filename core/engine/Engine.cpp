#include "engine/Engine.h"

#include "api/ProxyHandler.h"
#include "config/ConfigFile.h"
#include "config/ConfigLoader.h"
#include "engine/ProcessLimits.h"
#include "engine/RequestLog.h"
#include "governance/Governance.h"
#include "governance/KeyService.h"
#include "http/HttpServer.h"
#include "http/UpstreamClient.h"
#include "routing/HealthBoard.h"
#include "secrets/KeyResolver.h"
#include "store/RequestStore.h"

#include <QPointer>

#include <algorithm>

namespace signalbox {

Engine::Engine(QObject* parent, const Clock& clock)
    : QObject(parent),
      config_(std::make_shared<Config>()),
      keys_(std::make_unique<KeyResolver>()),
      health_(std::make_unique<HealthBoard>(clock)),
      log_(std::make_unique<RequestLog>(clock)),
      governance_(std::make_unique<Governance>(clock)) {
    UpstreamClient::initGlobal();
    log_->configure(*config_);
    governance_->configure(*config_);
    keyRefresh_ = new QTimer(this);
    keyRefresh_->setInterval(std::chrono::seconds(1));
    connect(keyRefresh_, &QTimer::timeout, this,
            [this] { governance_->keyService().refreshIfChanged(); });
    raiseOpenFileLimit();
}

Engine::~Engine() {
    // The workers hand records to the log: they stop first, once no admin answer is on
    // its way to them.
    governance_->keyService().waitForIdle();
    server_.reset();
    retiring_.clear();
}

void Engine::setDataDir(const QString& dir) {
    log_->open(dir);
    log_->configure(*config_);
    if (RequestStore* store = log_->store(); store && !governance_->keyService().isOpen())
        governance_->keyService().open(store->databasePath(), store);
}

bool Engine::loadConfigFile(const QString& path, QString* error) {
    auto result = ConfigLoader::loadFile(path);
    if (auto* failure = std::get_if<ConfigError>(&result)) {
        if (error)
            *error = failure->toString();
        return false;
    }
    setConfig(std::make_shared<Config>(std::move(std::get<Config>(result))));
    return true;
}

bool Engine::saveConfig(QString* error) const {
    return ConfigFile::save(*config_, config_->sourcePath, error);
}

bool Engine::exportConfig(const QString& path, QString* error) const {
    return ConfigFile::save(*config_, path, error);
}

bool Engine::importConfigFile(const QString& path, QString* error) {
    auto result = ConfigLoader::loadFile(path);
    if (auto* failure = std::get_if<ConfigError>(&result)) {
        if (error)
            *error = failure->toString();
        return false;
    }
    auto imported = std::make_shared<Config>(std::move(std::get<Config>(result)));
    if (!config_->sourcePath.isEmpty()) {
        // The window and signalboxd keep reading their own file, not the one imported.
        imported->sourcePath = config_->sourcePath;
        if (!ConfigFile::save(*imported, imported->sourcePath, error))
            return false;
    }
    setConfig(std::move(imported));
    return true;
}

Engine::ApplyResult Engine::applyConfig(const Config& next, QString* error) {
    const QString source =
        next.sourcePath.isEmpty() ? QStringLiteral("signalbox.yaml") : next.sourcePath;
    auto checked = ConfigLoader::loadString(ConfigLoader::toYaml(next), source);
    if (const auto* failure = std::get_if<ConfigError>(&checked)) {
        if (error)
            *error = failure->toString();
        return ApplyResult::Refused;
    }
    auto config = std::make_shared<Config>(std::move(std::get<Config>(checked)));
    config->sourcePath = next.sourcePath;
    setConfig(std::move(config));
    return saveConfig(error) ? ApplyResult::Saved : ApplyResult::NotWritten;
}

void Engine::setConfig(std::shared_ptr<const Config> config) {
    config_ = std::move(config);
    log_->configure(*config_);
    governance_->configure(*config_);
    if (state_ == ProxyState::Starting) {
        // A start is resolving keys for the old config: start over with this one.
        buildSnapshot(config_,
                      [this](std::shared_ptr<const ProxySnapshot> s) { listenWith(std::move(s)); });
    } else if (state_ == ProxyState::Running && config_->listen != listening_) {
        // A new address: the listener moves there and the old one finishes its requests.
        buildSnapshot(config_,
                      [this](std::shared_ptr<const ProxySnapshot> s) { listenWith(std::move(s)); });
    } else if (state_ == ProxyState::Running) {
        // Hot reload: requests in flight keep the snapshot they started with.
        buildSnapshot(config_, [this](std::shared_ptr<const ProxySnapshot> s) {
            snapshots_.store(std::move(s));
            emit proxyReloaded();
        });
    }
    emit configChanged();
}

QString Engine::proxyUrl() const {
    // Where it listens, which differs from the config while a move is under way or failed.
    ListenAddress shown = server_ ? listening_ : config_->listen;
    if (boundPort_ != 0)
        shown.port = boundPort_;
    return QStringLiteral("http://") + shown.toString();
}

QString Engine::localUrl() const {
    ListenAddress shown = server_ ? listening_ : config_->listen;
    if (boundPort_ != 0)
        shown.port = boundPort_;
    if (shown.host == QHostAddress::AnyIPv4)
        shown.host = QHostAddress::LocalHost;
    else if (shown.host == QHostAddress::AnyIPv6 || shown.host == QHostAddress::Any)
        shown.host = QHostAddress::LocalHostIPv6;
    return QStringLiteral("http://") + shown.toString();
}

void Engine::buildSnapshot(std::shared_ptr<const Config> config,
                           std::function<void(std::shared_ptr<const ProxySnapshot>)> ready) {
    QStringList refs;
    for (const auto& [id, provider] : config->providers)
        refs += provider.keyRefs;
    const QString& adminRef = config->governance.adminTokenRef;
    if (!adminRef.isEmpty() && !refs.contains(adminRef))
        refs += adminRef;
    const quint64 generation = ++generation_;
    QPointer<Engine> guard(this);
    keys_->resolveAll(refs, [guard, generation, config, ready = std::move(ready)](
                                std::map<QString, QByteArray> secrets, QStringList errors) {
        if (!guard || guard->generation_ != generation)
            return;
        auto snapshot = std::make_shared<ProxySnapshot>();
        snapshot->config = config;
        snapshot->redacts =
            !config->governance.redact.isEmpty() ||
            std::any_of(config->routes.begin(), config->routes.end(), [](const auto& route) {
                return route.second.redact && !route.second.redact->isEmpty();
            });
        if (const QString& ref = config->governance.adminTokenRef; !ref.isEmpty()) {
            const auto found = secrets.find(ref);
            if (found != secrets.end())
                snapshot->adminToken = found->second;
            else
                snapshot->adminTokenError = tr("%1 could not be read").arg(ref);
        }
        for (const auto& [id, provider] : config->providers) {
            for (qsizetype i = 0; i < provider.keyRefs.size(); ++i) {
                const QString& ref = provider.keyRefs[i];
                const auto found = secrets.find(ref);
                if (found != secrets.end()) {
                    snapshot->providerKeys[id].push_back(
                        {found->second, ref, provider.keyWeights.value(i, 1)});
                } else {
                    // The resolver's own words ("REF: why"), which never hold a secret.
                    const QString prefix = ref + QStringLiteral(": ");
                    const auto why =
                        std::find_if(errors.cbegin(), errors.cend(),
                                     [&](const QString& e) { return e.startsWith(prefix); });
                    snapshot->keyErrors[id].push_back(
                        why != errors.cend() ? *why : tr("key %1 could not be read").arg(ref));
                }
            }
        }
        ready(std::move(snapshot));
    });
}

void Engine::startProxy() {
    if (state_ == ProxyState::Running || state_ == ProxyState::Starting) {
        return;
    }
    setState(ProxyState::Starting);
    buildSnapshot(config_,
                  [this](std::shared_ptr<const ProxySnapshot> s) { listenWith(std::move(s)); });
}

void Engine::listenWith(std::shared_ptr<const ProxySnapshot> snapshot) {
    const Config& config = *snapshot->config;
    KeyService& keys = governance_->keyService();
    if (!config.governance.keysRequired(config.listen)) {
        // The loader refuses this in a file; --listen and the window change the address
        // after it.
        if (!config.listen.isLoopback()) {
            failListening(
                tr("Refusing to listen on %1 with governance.require_keys: false: anyone "
                   "who can reach it could spend your provider keys. Listen on 127.0.0.1, "
                   "or require virtual keys.")
                    .arg(config.listen.toString()));
            return;
        }
    } else if (!config.listen.isLoopback() && !keys.isOpen()) {
        failListening(tr("Refusing to listen on %1: beyond loopback every client must present a "
                         "virtual key, and virtual keys live in the data directory, which is not "
                         "set. Give signalboxd --data-dir, or listen on 127.0.0.1.")
                          .arg(config.listen.toString()));
        return;
    }
    if (!keys.isOpen()) {
        serve(std::move(snapshot));
        return;
    }
    // The keys and what they spent are read before the first request may use one.
    const quint64 generation = generation_;
    keys.load(this, [this, generation, snapshot = std::move(snapshot)](const QString& error) {
        if (generation != generation_)
            return;
        if (!error.isEmpty()) {
            const Config& running = *snapshot->config;
            if (running.governance.keysRequired(running.listen)) {
                failListening(tr("The virtual keys could not be read, and every request needs "
                                 "one: %1")
                                  .arg(error));
                return;
            }
            // Local use goes on; virtual keys are refused until the store can be read
            // (the refresh timer tries again).
            qWarning("%s", qPrintable(tr("signalbox: the virtual keys could not be read (%1); "
                                         "requests that present one are refused until they "
                                         "can be.")
                                          .arg(error)));
        }
        serve(snapshot);
    });
}

void Engine::serve(std::shared_ptr<const ProxySnapshot> snapshot) {
    const Config& config = *snapshot->config;
    snapshots_.store(std::move(snapshot));
    ServerLimits limits;
    limits.maxHeaderBytes = config.server.maxHeaderBytes;
    limits.maxBodyBytes = config.server.maxBodyBytes;
    limits.headerTimeoutMs = config.server.headerTimeoutMs;
    limits.idleTimeoutMs = config.server.idleTimeoutMs;
    const SnapshotSlot* slot = &snapshots_;
    HealthBoard* health = health_.get();
    RequestLog* log = log_.get();
    Governance* governance = governance_.get();
    auto next = std::make_unique<HttpServer>(
        [slot, health, log, governance] {
            return std::make_unique<ProxyHandler>(*slot, *health, *log, *governance);
        },
        limits, config.server.workers);
    QString error;
    bool bound = next->listen(config.listen.host, config.listen.port, &error);
    if (!bound && server_ && config.listen.port != 0 && listening_.port == config.listen.port) {
        // 0.0.0.0:P cannot be bound while 127.0.0.1:P listens: the old one lets go first.
        retire(std::move(server_));
        boundPort_ = 0;
        bound = next->listen(config.listen.host, config.listen.port, &error);
    }
    if (!bound) {
        failListening(error);
        return;
    }
    // A move: the old listener finishes its requests in flight and goes.
    const bool moved = state_ == ProxyState::Running;
    retire(std::move(server_));
    server_ = std::move(next);
    listening_ = config.listen;
    boundPort_ = server_->port();
    if (governance_->keyService().isOpen())
        keyRefresh_->start();
    if (moved) {
        lastError_.clear();
        emit proxyReloaded();
        emit proxyStateChanged(state_);  // same state, new address
    } else {
        setState(ProxyState::Running);
    }
}

void Engine::failListening(const QString& error, std::shared_ptr<const ProxySnapshot> snapshot) {
    if (server_ && state_ == ProxyState::Running) {
        // A move that cannot be made: the proxy stays where it is, on the new config.
        if (snapshot) {
            snapshots_.store(std::move(snapshot));
            emit proxyReloaded();
        }
        ListenAddress here = listening_;
        here.port = boundPort_;
        lastError_ = tr("still on %1, because it cannot move to %2: %3")
                         .arg(here.toString(), config_->listen.toString(), error);
        emit proxyStateChanged(state_);
        return;
    }
    retire(std::move(server_));
    boundPort_ = 0;
    keyRefresh_->stop();
    setState(ProxyState::Failed, error);
}

void Engine::retire(std::unique_ptr<HttpServer> server) {
    if (!server)
        return;
    HttpServer* draining = server.get();
    retiring_.push_back(std::move(server));
    draining->drain(config_->server.drainTimeoutMs, [this, draining] {
        // Leave the drain callback before the server is destroyed.
        QMetaObject::invokeMethod(
            this,
            [this, draining] {
                std::erase_if(retiring_, [draining](const std::unique_ptr<HttpServer>& s) {
                    return s.get() == draining;
                });
            },
            Qt::QueuedConnection);
    });
}

void Engine::stopProxy() {
    ++generation_;
    keyRefresh_->stop();
    governance_->keyService().waitForIdle();
    server_.reset();
    retiring_.clear();
    boundPort_ = 0;
    setState(ProxyState::Stopped);
}

void Engine::drainAndStop(std::function<void()> done) {
    if (!server_) {
        stopProxy();
        if (done)
            done();
        return;
    }
    ++generation_;  // a start or move under way is dropped
    setState(ProxyState::Draining);
    server_->drain(config_->server.drainTimeoutMs, [this, done = std::move(done)] {
        // Leave the drain callback before the server is destroyed.
        QMetaObject::invokeMethod(
            this,
            [this, done] {
                stopProxy();
                if (done)
                    done();
            },
            Qt::QueuedConnection);
    });
}

void Engine::setState(ProxyState state, const QString& error) {
    lastError_ = error;
    if (state_ == state && error.isEmpty()) {
        return;
    }
    state_ = state;
    emit proxyStateChanged(state);
}

}  // namespace signalbox
