// signalbox: the window over the engine. Loads (or on first run writes) the config
// in the data dir, shows the panels and starts the proxy on the engine's threads.

#include "engine/Engine.h"
#include "mainwindow/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <memory>

using signalbox::Engine;

namespace {

// The translation context of this file's strings.
class Startup {
    Q_DECLARE_TR_FUNCTIONS(Startup)
};

void installTranslators(QApplication& app) {
    // Qt's own strings (dialog buttons) when the system has them; ours are embedded.
    auto* qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(QLocale::system(), QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(qtTranslator);
    }
    auto* translator = new QTranslator(&app);
    if (translator->load(QLocale::system(), QStringLiteral("signalbox"), QStringLiteral("_"),
                         QStringLiteral(":/i18n"))) {
        QApplication::installTranslator(translator);
    }
}

// Writes the built-in, commented default config. Reads the resource and writes a
// new file rather than QFile::copy, which would keep the resource's read-only mode.
bool writeDefaultConfig(const QString& path, QString* error) {
    QFile source(QStringLiteral(":/config/default-config.yaml"));
    if (!source.open(QIODevice::ReadOnly)) {
        *error = Startup::tr("The built-in default configuration is missing from this build.");
        return false;
    }
    // Unbuffered, as in ConfigFile: a failed last flush must not be committed.
    QSaveFile target(path);
    const QByteArray yaml = source.readAll();
    if (!target.open(QIODevice::WriteOnly | QIODevice::Unbuffered) ||
        target.write(yaml) != yaml.size() || target.error() != QFileDevice::NoError ||
        !target.commit()) {
        *error = Startup::tr("Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(path), target.errorString());
        return false;
    }
    return true;
}

// Saves a picture of the window once the proxy has settled, then quits: for docs.
void screenshotWhenSettled(Engine& engine, QWidget& window, const QString& path) {
    auto taken = std::make_shared<bool>(false);
    auto take = [&window, path, taken] {
        if (*taken) {
            return;
        }
        *taken = true;
        const bool saved = window.grab().save(path, "PNG");
        if (!saved) {
            std::fprintf(stderr, "signalbox: cannot write %s\n", qPrintable(path));
        }
        QCoreApplication::exit(saved ? 0 : 1);
    };
    QObject::connect(&engine, &Engine::proxyStateChanged, &window,
                     [take](Engine::ProxyState state) {
                         if (state != Engine::ProxyState::Starting) {
                             QTimer::singleShot(0, take);
                         }
                     });
    // Whatever the proxy does, the picture is taken.
    QTimer::singleShot(10'000, &window, take);
}

}  // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Signalbox"));
    QApplication::setOrganizationName(QStringLiteral("Signalbox"));
    QApplication::setApplicationVersion(QStringLiteral(SIGNALBOX_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/signalbox.svg")));
    installTranslators(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(Startup::tr("Signalbox, a desktop AI gateway."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           Startup::tr("Keep the configuration and data in <dir>."),
                                           Startup::tr("dir"));
    const QCommandLineOption configOption(QStringLiteral("config"),
                                          Startup::tr("Read the configuration from <file>."),
                                          Startup::tr("file"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        Startup::tr(
            "Save a picture of the window to <file> once the proxy has started, then quit."),
        Startup::tr("file"));
    parser.addOptions({dataDirOption, configOption, screenshotOption});
    parser.process(app);

    const QString dataDir = parser.isSet(dataDirOption)
                                ? parser.value(dataDirOption)
                                : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const QString screenshotPath = parser.value(screenshotOption);
    QString problem;
    QString configPath = parser.value(configOption);
    if (configPath.isEmpty()) {
        configPath = QDir(dataDir).filePath(QStringLiteral("signalbox.yaml"));
        if (!QDir().mkpath(dataDir)) {
            problem = Startup::tr("Cannot create the data folder %1.")
                          .arg(QDir::toNativeSeparators(dataDir));
        } else if (!QFile::exists(configPath)) {
            writeDefaultConfig(configPath, &problem);
        }
    }

    Engine engine;
    if (problem.isEmpty() && !engine.loadConfigFile(configPath, &problem)) {
        problem = Startup::tr("%1\n\nFix the file at the place named above and restart Signalbox.")
                      .arg(problem);
    }
    QString startupWarning;
    if (!problem.isEmpty()) {
        engine.setConfig(std::make_shared<signalbox::Config>());
        startupWarning =
            Startup::tr(
                "Signalbox could not load its configuration:\n\n%1\n\nUntil then it runs on "
                "built-in defaults: the proxy listens on 127.0.0.1:4747 with no providers.")
                .arg(problem);
        if (!screenshotPath.isEmpty()) {
            std::fprintf(stderr, "signalbox: %s\n", qPrintable(startupWarning));
        }
    }

    engine.setDataDir(dataDir);
    signalbox::MainWindow window(engine);
    if (!screenshotPath.isEmpty()) {
        window.resize(1200, 760);
        screenshotWhenSettled(engine, window, screenshotPath);
    }
    window.show();
    if (!startupWarning.isEmpty() && screenshotPath.isEmpty()) {
        // Over the window and window-modal, not a nested event loop before it: the
        // window and the proxy start while the user reads it.
        auto* box = new QMessageBox(QMessageBox::Warning, Startup::tr("Configuration Not Loaded"),
                                    startupWarning, QMessageBox::Ok, &window);
        box->setObjectName(QStringLiteral("configNotLoadedBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &engine, &Engine::stopProxy);
    engine.startProxy();
    return QApplication::exec();
}
