// signalboxd: the headless gateway. Same engine as the window, no display needed.
#include "KeysCommand.h"
#include "UnixSignalWatcher.h"
#include "config/Config.h"
#include "engine/Engine.h"
#include "engine/RequestLog.h"
#include "governance/Governance.h"
#include "governance/KeyDirectory.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

#include <csignal>
#include <cstdio>

using signalbox::Engine;

namespace {
void say(const QString& line) {
    std::fprintf(stderr, "%s\n", qPrintable(line));
    std::fflush(stderr);
}
}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("signalboxd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SIGNALBOX_VERSION));
    if (QCoreApplication::arguments().value(1) == QLatin1String("keys"))
        return signalbox::runKeysCommand(QCoreApplication::arguments());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("signalboxd",
                                    "Signalbox AI gateway, headless: an OpenAI-compatible "
                                    "proxy that routes calls to your providers.\n"
                                    "Virtual keys: signalboxd keys --help"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(
        QStringLiteral("config"),
        QCoreApplication::translate("signalboxd", "Config file (YAML or JSON)."),
        QStringLiteral("file"));
    const QCommandLineOption listenOption(
        QStringLiteral("listen"),
        QCoreApplication::translate(
            "signalboxd", "Address to listen on, overriding the config (default 127.0.0.1:4747)."),
        QStringLiteral("host:port"));
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"),
        QCoreApplication::translate("signalboxd",
                                    "Folder for the request log (signalbox.db) and state; default: "
                                    "the user's data folder."),
        QStringLiteral("dir"));
    parser.addOptions({configOption, listenOption, dataDirOption});
    parser.process(app);

    Engine engine;
    if (parser.isSet(configOption)) {
        QString error;
        if (!engine.loadConfigFile(parser.value(configOption), &error)) {
            say(QCoreApplication::translate("signalboxd", "signalboxd: config refused: %1")
                    .arg(error));
            return 2;
        }
    }
    if (parser.isSet(listenOption)) {
        const auto listen = signalbox::parseListenAddress(parser.value(listenOption));
        if (!listen) {
            say(QCoreApplication::translate(
                    "signalboxd",
                    "signalboxd: --listen expects HOST:PORT, e.g. 127.0.0.1:4747; got '%1'")
                    .arg(parser.value(listenOption)));
            return 2;
        }
        auto config = std::make_shared<signalbox::Config>(*engine.config());
        config->listen = *listen;
        if (!listen->isLoopback() && !config->governance.keysRequired(*listen)) {
            say(QCoreApplication::translate(
                    "signalboxd",
                    "signalboxd: --listen %1 with governance.require_keys: false would let "
                    "anyone who can reach it spend your provider keys; listen on 127.0.0.1, or "
                    "require virtual keys")
                    .arg(listen->toString()));
            return 2;
        }
        engine.setConfig(std::move(config));
    }
    const QString dataDir = parser.isSet(dataDirOption)
                                ? parser.value(dataDirOption)
                                : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (QDir().mkpath(dataDir)) {
        // The store says what goes wrong once, on stderr, and requests flow without it.
        engine.setDataDir(dataDir);
    } else if (parser.isSet(dataDirOption)) {
        say(QCoreApplication::translate("signalboxd", "signalboxd: cannot create the data dir %1")
                .arg(dataDir));
        return 2;
    } else {
        say(QCoreApplication::translate("signalboxd",
                                        "signalboxd: cannot create the data dir %1; requests "
                                        "are not logged. Pass --data-dir with a writable folder.")
                .arg(dataDir));
    }

    signalbox::UnixSignalWatcher stopSignals({SIGTERM, SIGINT});
    QObject::connect(
        &stopSignals, &signalbox::UnixSignalWatcher::received, &engine, [&engine](int) {
            if (engine.proxyState() == Engine::ProxyState::Draining)
                return;
            say(QCoreApplication::translate(
                "signalboxd", "signalboxd: stopping; letting requests in flight finish"));
            engine.drainAndStop([] { QCoreApplication::exit(0); });
        });
    QObject::connect(
        &engine, &Engine::proxyStateChanged, &app,
        [&engine](Engine::ProxyState state) {
            if (state == Engine::ProxyState::Running) {
                say(QCoreApplication::translate("signalboxd", "signalboxd %1 listening on %2")
                        .arg(QCoreApplication::applicationVersion(), engine.proxyUrl()));
                const signalbox::Config& config = *engine.config();
                if (config.governance.keysRequired(config.listen) &&
                    !engine.governance().keys().anyInForce()) {
                    say(QCoreApplication::translate(
                        "signalboxd",
                        "signalboxd: every request needs a virtual key, and there is none yet: "
                        "create one with 'signalboxd keys create --name NAME' (same --data-dir)."));
                }
            } else if (state == Engine::ProxyState::Failed) {
                say(QCoreApplication::translate("signalboxd", "signalboxd: %1")
                        .arg(engine.lastError()));
                QCoreApplication::exit(1);
            }
        },
        Qt::QueuedConnection);  // queued: a refusal during startProxy() must reach a running loop
    engine.startProxy();
    return app.exec();
}
