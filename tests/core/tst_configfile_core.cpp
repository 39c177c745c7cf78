#include "config/Config.h"
#include "config/ConfigFile.h"
#include "config/ConfigLoader.h"
#include "engine/Engine.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

#include <csignal>
#include <memory>
#include <variant>

using namespace signalbox;

namespace {

const char* const kRunning = R"(listen: 127.0.0.1:0
providers:
  openai:
    kind: openai
    keys: [env:OPENAI_API_KEY, keychain:openai-2]
  demo:
    kind: simulated
    models: [echo]
routes:
  smart:
    strategy: fallback
    retries: 2
    targets:
      - openai/gpt-5
      - target: demo/echo
        weight: 1
cache: {enabled: true, ttl_s: 60}
)";

const char* const kImported = R"(listen: 127.0.0.1:0
providers:
  demo: {kind: simulated, models: [echo]}
routes:
  imported: {targets: [demo/echo]}
)";

// Declaration lines and the file it came from differ between a file and its rewrite.
Config comparable(Config config) {
    config.sourcePath.clear();
    for (auto& entry : config.providers)
        entry.second.line = 0;
    for (auto& entry : config.routes)
        entry.second.line = 0;
    return config;
}

Config loaded(const QString& path) {
    auto result = ConfigLoader::loadFile(path);
    if (auto* error = std::get_if<ConfigError>(&result))
        qFatal("%s", qPrintable(error->toString()));
    return std::get<Config>(std::move(result));
}

QByteArray contentsOf(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// A disk that is full for this process alone: root is not held back by permissions, a
// file size limit holds everyone.
class FullDisk {
public:
    explicit FullDisk(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &old_);
        previous_ = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limited = old_;
        limited.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &limited);
    }
    ~FullDisk() {
        setrlimit(RLIMIT_FSIZE, &old_);
        std::signal(SIGXFSZ, previous_);
    }
    FullDisk(const FullDisk&) = delete;
    FullDisk& operator=(const FullDisk&) = delete;

private:
    rlimit old_{};
    void (*previous_)(int) = nullptr;
};

}  // namespace

// ConfigFile and the engine's save, export and import: what the window's File menu
// does, without the window.
class TestConfigFileCore : public QObject {
    Q_OBJECT

private slots:
    void init();

    void saveThenLoadIsEqual();
    void saveWritesNoSecretOnlyReferences();
    void fullDiskKeepsTheOldFile();
    void unwritableFolderIsRefusedInWords();
    void engineSavesToItsOwnFile();
    void engineWithoutFileRefusesToSave();
    void exportLeavesTheOwnFileAlone();
    void importAdoptsAndSavesToTheOwnFile();
    void importOfABrokenFileChangesNothing();
    void importThatCannotBeSavedChangesNothing();

private:
    std::unique_ptr<QTemporaryDir> dir_;
    QString ownPath_;
};

void TestConfigFileCore::init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    ownPath_ = dir_->filePath(QStringLiteral("signalbox.yaml"));
    QVERIFY(writeFile(ownPath_, kRunning));
}

void TestConfigFileCore::saveThenLoadIsEqual() {
    const Config original = loaded(ownPath_);
    const QString path = dir_->filePath(QStringLiteral("copy.yaml"));
    QString error;
    QVERIFY2(ConfigFile::save(original, path, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    const Config again = loaded(path);
    QVERIFY(comparable(again) == comparable(original));
    QCOMPARE(again.routes.at(QStringLiteral("smart")).targets.size(), size_t(2));
    // Saving over an existing file replaces it whole.
    QVERIFY2(ConfigFile::save(original, ownPath_, &error), qPrintable(error));
    QCOMPARE(contentsOf(ownPath_), contentsOf(path));
}

void TestConfigFileCore::saveWritesNoSecretOnlyReferences() {
    qputenv("OPENAI_API_KEY", "sk-test-secret-value-1234");
    const Config config = loaded(ownPath_);
    const QString path = dir_->filePath(QStringLiteral("copy.yaml"));
    QString error;
    QVERIFY2(ConfigFile::save(config, path, &error), qPrintable(error));
    const QByteArray written = contentsOf(path);
    QVERIFY2(written.contains("env:OPENAI_API_KEY"), written.constData());
    QVERIFY2(!written.contains("sk-test-secret"), written.constData());
    qunsetenv("OPENAI_API_KEY");
}

void TestConfigFileCore::fullDiskKeepsTheOldFile() {
    const QByteArray before = contentsOf(ownPath_);
    Config bigger = loaded(ownPath_);
    for (int i = 0; i < 50; ++i) {
        RouteConfig route;
        route.name = QStringLiteral("route-%1").arg(i);
        route.targets.push_back(bigger.routes.at(QStringLiteral("smart")).targets.front());
        bigger.routes.emplace(route.name, route);
    }
    QVERIFY(ConfigLoader::toYaml(bigger).size() > 2 * before.size());

    QString error;
    bool saved = true;
    {
        const FullDisk full(rlim_t(before.size() / 2));
        saved = ConfigFile::save(bigger, ownPath_, &error);
    }
    QVERIFY(!saved);
    QVERIFY2(error.contains(QDir::toNativeSeparators(ownPath_)), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("previous file is unchanged")), qPrintable(error));
    QCOMPARE(contentsOf(ownPath_), before);
    // No half-written temporary file is left beside it.
    QCOMPARE(QDir(dir_->path()).entryList(QDir::Files),
             QStringList{QStringLiteral("signalbox.yaml")});
}

void TestConfigFileCore::unwritableFolderIsRefusedInWords() {
    // A "folder" that is a file cannot be written into, even by root.
    const QString blocked = dir_->filePath(QStringLiteral("blocked"));
    QVERIFY(writeFile(blocked, "not a folder"));
    const QString path = QDir(blocked).filePath(QStringLiteral("signalbox.yaml"));
    QString error;
    QVERIFY(!ConfigFile::save(loaded(ownPath_), path, &error));
    QVERIFY2(
        error.startsWith(QStringLiteral("Cannot write %1: ").arg(QDir::toNativeSeparators(path))),
        qPrintable(error));
    QCOMPARE(contentsOf(blocked), QByteArray("not a folder"));

    // And a folder where the file should be.
    QVERIFY(QDir(dir_->path()).mkdir(QStringLiteral("folder.yaml")));
    QVERIFY(
        !ConfigFile::save(loaded(ownPath_), dir_->filePath(QStringLiteral("folder.yaml")), &error));
    QVERIFY2(error.contains(QLatin1String("folder.yaml")), qPrintable(error));
}

void TestConfigFileCore::engineSavesToItsOwnFile() {
    Engine engine;
    QString error;
    QVERIFY2(engine.loadConfigFile(ownPath_, &error), qPrintable(error));
    auto changed = std::make_shared<Config>(*engine.config());
    changed->routes.erase(QStringLiteral("smart"));
    changed->cache.ttlSeconds = 120;
    engine.setConfig(changed);
    QVERIFY2(engine.saveConfig(&error), qPrintable(error));
    const Config again = loaded(ownPath_);
    QVERIFY(comparable(again) == comparable(*changed));
    QVERIFY(again.routes.empty());
}

void TestConfigFileCore::engineWithoutFileRefusesToSave() {
    Engine engine;  // built-in defaults: no file of its own
    QString error;
    QVERIFY(!engine.saveConfig(&error));
    QVERIFY(!error.isEmpty());
}

void TestConfigFileCore::exportLeavesTheOwnFileAlone() {
    Engine engine;
    QString error;
    QVERIFY2(engine.loadConfigFile(ownPath_, &error), qPrintable(error));
    const QByteArray before = contentsOf(ownPath_);
    const QString exported = dir_->filePath(QStringLiteral("exported.yaml"));
    QVERIFY2(engine.exportConfig(exported, &error), qPrintable(error));
    QVERIFY(comparable(loaded(exported)) == comparable(*engine.config()));
    QCOMPARE(contentsOf(ownPath_), before);
    QCOMPARE(engine.config()->sourcePath, QFileInfo(ownPath_).absoluteFilePath());
}

void TestConfigFileCore::importAdoptsAndSavesToTheOwnFile() {
    Engine engine;
    QString error;
    QVERIFY2(engine.loadConfigFile(ownPath_, &error), qPrintable(error));
    const QString importedPath = dir_->filePath(QStringLiteral("imported.yaml"));
    QVERIFY(writeFile(importedPath, kImported));

    QVERIFY2(engine.importConfigFile(importedPath, &error), qPrintable(error));
    const Config& running = *engine.config();
    QVERIFY(running.routes.count(QStringLiteral("imported")) == 1);
    QVERIFY(running.routes.count(QStringLiteral("smart")) == 0);
    QCOMPARE(running.sourcePath, QFileInfo(ownPath_).absoluteFilePath());
    QVERIFY(comparable(loaded(ownPath_)) == comparable(running));
    QVERIFY(comparable(loaded(importedPath)) == comparable(running));
    QCOMPARE(contentsOf(importedPath), QByteArray(kImported));  // the source is only read
}

void TestConfigFileCore::importOfABrokenFileChangesNothing() {
    Engine engine;
    QString error;
    QVERIFY2(engine.loadConfigFile(ownPath_, &error), qPrintable(error));
    const auto before = engine.config();
    const QByteArray ownBefore = contentsOf(ownPath_);
    const QString broken = dir_->filePath(QStringLiteral("broken.yaml"));
    QVERIFY(
        writeFile(broken, "providers:\n  demo: {kind: simulated}\nroutes:\n  r: {targts: []}\n"));

    QVERIFY(!engine.importConfigFile(broken, &error));
    QVERIFY2(error.startsWith(broken + QStringLiteral(":4: ")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("targts")), qPrintable(error));
    QCOMPARE(engine.config(), before);
    QCOMPARE(contentsOf(ownPath_), ownBefore);

    QVERIFY(!engine.importConfigFile(dir_->filePath(QStringLiteral("missing.yaml")), &error));
    QVERIFY2(error.contains(QLatin1String("missing.yaml")), qPrintable(error));
    QCOMPARE(engine.config(), before);
}

void TestConfigFileCore::importThatCannotBeSavedChangesNothing() {
    Engine engine;
    QString error;
    QVERIFY2(engine.loadConfigFile(ownPath_, &error), qPrintable(error));
    const auto before = engine.config();
    const QByteArray ownBefore = contentsOf(ownPath_);
    const QString importedPath = dir_->filePath(QStringLiteral("imported.yaml"));
    QVERIFY(writeFile(importedPath, kImported));

    bool imported = true;
    {
        const FullDisk full(4);
        imported = engine.importConfigFile(importedPath, &error);
    }
    QVERIFY(!imported);
    QVERIFY2(error.contains(QDir::toNativeSeparators(QFileInfo(ownPath_).absoluteFilePath())),
             qPrintable(error));
    QCOMPARE(engine.config(), before);
    QCOMPARE(contentsOf(ownPath_), ownBefore);
}

QTEST_GUILESS_MAIN(TestConfigFileCore)
#include "tst_configfile_core.moc"
