#include "config/Config.h"
#include "config/ConfigLoader.h"
#include "engine/Engine.h"
#include "mainwindow/ConfigFileActions.h"
#include "mainwindow/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <variant>

using namespace signalbox;

namespace {

const char* const kOwn = R"(listen: 127.0.0.1:0
providers:
  demo: {kind: simulated, models: [echo]}
routes:
  smart: {targets: [demo/echo], retries: 1}
)";

const char* const kImported = R"(listen: 127.0.0.1:0
providers:
  demo: {kind: simulated, models: [echo]}
routes:
  imported:
    targets: [demo/echo]
)";

Config comparable(Config config) {
    config.sourcePath.clear();
    for (auto& entry : config.providers)
        entry.second.line = 0;
    for (auto& entry : config.routes)
        entry.second.line = 0;
    return config;
}

std::variant<Config, ConfigError> loaded(const QString& path) {
    return ConfigLoader::loadFile(path);
}

QByteArray contentsOf(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

}  // namespace

// File ▸ Import/Export Config in the real window over a real engine whose config lives
// in a temporary data dir, as the window's does; file dialogs are pre-answered.
class TestConfigFile : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void fileMenuHoldsImportAndExport();
    void exportWritesTheRunningConfig();
    void exportToAnUnwritablePlaceSaysWhy();
    void importAdoptsSavesAndTheProxyAnswers();
    void importOfABrokenFileShowsTheErrorAndChangesNothing();
    void importOfANewListenAddressRebinds();
    void cancelledDialogsChangeNothing();

private:
    ConfigFileActions* actions() const {
        return window_->findChild<ConfigFileActions*>(QStringLiteral("configFileActions"));
    }
    QMessageBox* errorBox() const {
        return window_->findChild<QMessageBox*>(QStringLiteral("configFileErrorBox"));
    }
    int postChat(const QString& model);

    QTemporaryDir settingsDir_;
    std::unique_ptr<QTemporaryDir> dataDir_;
    QString ownPath_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<MainWindow> window_;
    QNetworkAccessManager network_;
};

void TestConfigFile::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(settingsDir_.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir_.path());
    QApplication::setOrganizationName(QStringLiteral("SignalboxTest"));
    QApplication::setApplicationName(QStringLiteral("tst_configfile"));
}

void TestConfigFile::init() {
    dataDir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dataDir_->isValid());
    ownPath_ = QFileInfo(dataDir_->filePath(QStringLiteral("signalbox.yaml"))).absoluteFilePath();
    QVERIFY(writeFile(ownPath_, kOwn));
    engine_ = std::make_unique<Engine>();
    QString error;
    QVERIFY2(engine_->loadConfigFile(ownPath_, &error), qPrintable(error));
    window_ = std::make_unique<MainWindow>(*engine_);
    window_->resize(1200, 760);
    window_->show();
    window_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    QVERIFY(actions());
    engine_->startProxy();
    QTRY_COMPARE_WITH_TIMEOUT(engine_->proxyState(), Engine::ProxyState::Running, 10'000);
}

void TestConfigFile::cleanup() {
    window_.reset();
    engine_->stopProxy();
    engine_.reset();
    dataDir_.reset();
}

int TestConfigFile::postChat(const QString& model) {
    const QByteArray body =
        QJsonDocument(
            QJsonObject{
                {QStringLiteral("model"), model},
                {QStringLiteral("messages"), QJsonArray{QJsonObject{
                                                 {QStringLiteral("role"), QStringLiteral("user")},
                                                 {QStringLiteral("content"), QStringLiteral("hi")},
                                             }}},
            })
            .toJson(QJsonDocument::Compact);
    QNetworkRequest request(QUrl(engine_->proxyUrl() + QStringLiteral("/v1/chat/completions")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    std::unique_ptr<QNetworkReply> reply(network_.post(request, body));
    [&] { QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000); }();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

void TestConfigFile::fileMenuHoldsImportAndExport() {
    auto* menu = window_->menuBar()->findChild<QMenu*>(QStringLiteral("fileMenu"));
    QVERIFY(menu);
    QStringList names;
    for (QAction* action : menu->actions())
        names << action->objectName();
    QVERIFY2(names.contains(QStringLiteral("importConfigAction")), qPrintable(names.join(u',')));
    QVERIFY(names.contains(QStringLiteral("exportConfigAction")));
    QVERIFY(names.contains(QStringLiteral("quitAction")));
    QCOMPARE(actions()->importAction()->shortcut(), QKeySequence(QKeySequence::Open));
    QCOMPARE(actions()->exportAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+S")));
}

void TestConfigFile::exportWritesTheRunningConfig() {
    const QString exported = dataDir_->filePath(QStringLiteral("exported.yaml"));
    QString asked;
    actions()->setExportPathChooser([&](const QString&, const QString& suggested) {
        asked = suggested;
        return exported;
    });
    const QByteArray ownBefore = contentsOf(ownPath_);

    QTest::keyClick(window_.get(), Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(QFile::exists(exported));
    QVERIFY2(asked.endsWith(QStringLiteral("signalbox.yaml")), qPrintable(asked));
    auto result = loaded(exported);
    QVERIFY(std::holds_alternative<Config>(result));
    QVERIFY(comparable(std::get<Config>(result)) == comparable(*engine_->config()));
    QTRY_VERIFY2(
        window_->statusBar()->currentMessage().contains(QDir::toNativeSeparators(exported)),
        qPrintable(window_->statusBar()->currentMessage()));
    QCOMPARE(contentsOf(ownPath_), ownBefore);
    QCOMPARE(engine_->config()->sourcePath, ownPath_);
    QVERIFY(!errorBox());
}

void TestConfigFile::exportToAnUnwritablePlaceSaysWhy() {
    // A "folder" that is a file stops root too.
    const QString blocked = dataDir_->filePath(QStringLiteral("blocked"));
    QVERIFY(writeFile(blocked, "a file"));
    const QString target = QDir(blocked).filePath(QStringLiteral("signalbox.yaml"));
    actions()->setExportPathChooser([&](const QString&, const QString&) { return target; });

    actions()->exportAction()->trigger();
    QTRY_VERIFY(errorBox() && errorBox()->isVisible());
    QVERIFY2(errorBox()->text().contains(QDir::toNativeSeparators(target)),
             qPrintable(errorBox()->text()));
    QCOMPARE(contentsOf(blocked), QByteArray("a file"));
    errorBox()->accept();
    QTRY_VERIFY(!errorBox());
}

void TestConfigFile::importAdoptsSavesAndTheProxyAnswers() {
    QCOMPARE(postChat(QStringLiteral("smart")), 200);
    const QString source = dataDir_->filePath(QStringLiteral("import-me.yaml"));
    QVERIFY(writeFile(source, kImported));
    actions()->setImportPathChooser([&](const QString&, const QString&) { return source; });

    QTest::keyClick(window_.get(), Qt::Key_O, Qt::ControlModifier);
    QTRY_VERIFY(engine_->config()->routes.count(QStringLiteral("imported")) == 1);
    QCOMPARE(engine_->config()->routes.count(QStringLiteral("smart")), size_t(0));
    // The window keeps its own file, which now holds the imported config.
    QCOMPARE(engine_->config()->sourcePath, ownPath_);
    auto saved = loaded(ownPath_);
    QVERIFY(std::holds_alternative<Config>(saved));
    QVERIFY(comparable(std::get<Config>(saved)) == comparable(*engine_->config()));
    QCOMPARE(contentsOf(source), QByteArray(kImported));
    QTRY_VERIFY2(window_->statusBar()->currentMessage().contains(QDir::toNativeSeparators(source)),
                 qPrintable(window_->statusBar()->currentMessage()));
    QVERIFY(!errorBox());

    // The running proxy reloaded: the new route answers, the old one is gone.
    QCOMPARE(engine_->proxyState(), Engine::ProxyState::Running);
    QTRY_COMPARE_WITH_TIMEOUT(postChat(QStringLiteral("imported")), 200, 10'000);
    QCOMPARE(postChat(QStringLiteral("smart")) / 100, 4);
}

void TestConfigFile::importOfABrokenFileShowsTheErrorAndChangesNothing() {
    const QString broken = dataDir_->filePath(QStringLiteral("broken.yaml"));
    QVERIFY(
        writeFile(broken, "providers:\n  demo: {kind: simulated}\nroutes:\n  r: {targts: []}\n"));
    actions()->setImportPathChooser([&](const QString&, const QString&) { return broken; });
    const auto before = engine_->config();
    const QByteArray ownBefore = contentsOf(ownPath_);

    actions()->importAction()->trigger();
    QTRY_VERIFY(errorBox() && errorBox()->isVisible());
    const QString text = errorBox()->text();
    QVERIFY2(text.contains(broken + QStringLiteral(":4: ")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("targts")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Nothing was changed")), qPrintable(text));
    QCOMPARE(engine_->config(), before);
    QCOMPARE(contentsOf(ownPath_), ownBefore);
    QCOMPARE(engine_->proxyState(), Engine::ProxyState::Running);
    errorBox()->accept();
    QTRY_VERIFY(!errorBox());
    QCOMPARE(postChat(QStringLiteral("smart")), 200);
}

void TestConfigFile::importOfANewListenAddressRebinds() {
    const QString before = engine_->proxyUrl();
    QVERIFY2(before.startsWith(QStringLiteral("http://127.0.0.1:")), qPrintable(before));
    // Another loopback address: the same machine, but a socket of its own.
    const QString source = dataDir_->filePath(QStringLiteral("moved.yaml"));
    QVERIFY(writeFile(source, QByteArray(kImported).replace("127.0.0.1:0", "127.0.0.2:0")));
    actions()->setImportPathChooser([&](const QString&, const QString&) { return source; });

    actions()->importAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(engine_->proxyState(), Engine::ProxyState::Running, 10'000);
    QTRY_VERIFY2(engine_->proxyUrl().startsWith(QStringLiteral("http://127.0.0.2:")),
                 qPrintable(engine_->proxyUrl()));
    QVERIFY(!errorBox());
    QCOMPARE(postChat(QStringLiteral("imported")), 200);
}

void TestConfigFile::cancelledDialogsChangeNothing() {
    int asked = 0;
    auto cancel = [&](const QString&, const QString&) {
        ++asked;
        return QString();
    };
    actions()->setImportPathChooser(cancel);
    actions()->setExportPathChooser(cancel);
    const auto before = engine_->config();
    const QByteArray ownBefore = contentsOf(ownPath_);
    const QStringList filesBefore = QDir(dataDir_->path()).entryList(QDir::Files);

    actions()->importAction()->trigger();
    actions()->exportAction()->trigger();
    QTRY_COMPARE(asked, 2);
    QCOMPARE(engine_->config(), before);
    QCOMPARE(contentsOf(ownPath_), ownBefore);
    QCOMPARE(QDir(dataDir_->path()).entryList(QDir::Files), filesBefore);
    QVERIFY(!errorBox());
}

QTEST_MAIN(TestConfigFile)
#include "tst_configfile.moc"
