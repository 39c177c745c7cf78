#include "config/Config.h"
#include "engine/Engine.h"
#include "mainwindow/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QUrl>

#include <memory>

using namespace signalbox;

// The window as a user meets it: a real engine on a free loopback port, widgets
// found by object name, waits on conditions only.
class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void startsOnTheDashboard();
    void sidebarClicksSwitchPanels();
    void ctrlNumberSwitchesPanels();
    void proxyPanelShowsRunningProxy();
    void proxyStopsAndStartsFromButtons();
    void ctrlQClosesAndGeometryIsRestored();
    void embeddedResourcesAreFound();
    void germanTranslationIsUsed();

private:
    template <typename T>
    T* find(const QString& objectName) const {
        return window_->findChild<T*>(objectName);
    }
    void waitUntilRunning();
    void saveScreenshot(QWidget* widget, const QString& fileName);

    const QStringList panelNames_{
        QStringLiteral("dashboardPanel"),   QStringLiteral("playgroundPanel"),
        QStringLiteral("routesPanel"),      QStringLiteral("providersPanel"),
        QStringLiteral("virtualKeysPanel"), QStringLiteral("logsPanel"),
        QStringLiteral("proxyPanel"),       QStringLiteral("connectPanel")};
    QTemporaryDir settingsDir_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<MainWindow> window_;
};

void TestMainWindow::initTestCase() {
    // Keeps QSettings (window geometry) out of the user's real configuration.
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(settingsDir_.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir_.path());
    QApplication::setOrganizationName(QStringLiteral("SignalboxTest"));
    QApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
}

void TestMainWindow::init() {
    engine_ = std::make_unique<Engine>();
    auto config = std::make_shared<Config>();
    config->listen.port = 0;
    engine_->setConfig(config);
    window_ = std::make_unique<MainWindow>(*engine_);
    window_->resize(1200, 760);
    window_->show();
    window_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    engine_->startProxy();
}

void TestMainWindow::cleanup() {
    window_.reset();
    engine_->stopProxy();
    engine_.reset();
}

void TestMainWindow::waitUntilRunning() {
    QTRY_COMPARE_WITH_TIMEOUT(engine_->proxyState(), Engine::ProxyState::Running, 10'000);
}

void TestMainWindow::saveScreenshot(QWidget* widget, const QString& fileName) {
    const QString dir = qEnvironmentVariable("SIGNALBOX_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(widget->grab().save(QDir(dir).filePath(fileName), "PNG"));
    }
}

void TestMainWindow::startsOnTheDashboard() {
    QCOMPARE(window_->windowTitle(), QStringLiteral("Signalbox"));
    auto* sidebar = find<QListWidget>(QStringLiteral("sidebar"));
    auto* stack = find<QStackedWidget>(QStringLiteral("panelStack"));
    QVERIFY(sidebar);
    QVERIFY(stack);
    QCOMPARE(sidebar->count(), panelNames_.size());
    QCOMPARE(stack->count(), panelNames_.size());
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("dashboardPanel"));

    waitUntilRunning();
    QTRY_VERIFY(find<QLabel>(QStringLiteral("dashboardProxyLabel"))
                    ->text()
                    .contains(engine_->proxyUrl() + QStringLiteral("/v1")));
    saveScreenshot(window_.get(), QStringLiteral("mainwindow.png"));
}

void TestMainWindow::sidebarClicksSwitchPanels() {
    auto* sidebar = find<QListWidget>(QStringLiteral("sidebar"));
    auto* stack = find<QStackedWidget>(QStringLiteral("panelStack"));
    // Backwards, so that every click changes the panel (row 0 is already shown).
    for (int row = sidebar->count() - 1; row >= 0; --row) {
        const QRect rect = sidebar->visualItemRect(sidebar->item(row));
        QVERIFY(!rect.isEmpty());
        QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(stack->currentWidget()->objectName(), panelNames_.at(row));
        QVERIFY(stack->currentWidget()->isVisible());
    }
}

void TestMainWindow::ctrlNumberSwitchesPanels() {
    auto* stack = find<QStackedWidget>(QStringLiteral("panelStack"));
    for (int row = panelNames_.size() - 1; row >= 0; --row) {
        QTest::keyClick(window_.get(), static_cast<Qt::Key>(Qt::Key_1 + row), Qt::ControlModifier);
        QCOMPARE(stack->currentWidget()->objectName(), panelNames_.at(row));
        QCOMPARE(find<QListWidget>(QStringLiteral("sidebar"))->currentRow(), row);
    }
}

void TestMainWindow::proxyPanelShowsRunningProxy() {
    QTest::keyClick(window_.get(), Qt::Key_7, Qt::ControlModifier);
    auto* stateLabel = find<QLabel>(QStringLiteral("proxyStateLabel"));
    auto* addressLabel = find<QLabel>(QStringLiteral("proxyAddressLabel"));
    QVERIFY(stateLabel);
    QVERIFY(addressLabel);
    QVERIFY(stateLabel->isVisible());

    QTRY_COMPARE_WITH_TIMEOUT(stateLabel->text(), QStringLiteral("Running"), 10'000);
    const QUrl address(addressLabel->text());
    QVERIFY2(address.isValid(), qPrintable(addressLabel->text()));
    QCOMPARE(address.host(), QStringLiteral("127.0.0.1"));
    QVERIFY2(address.port() > 0, qPrintable(addressLabel->text()));
    QCOMPARE(address.port(), static_cast<int>(engine_->proxyPort()));
    QVERIFY(!find<QPushButton>(QStringLiteral("proxyStartButton"))->isEnabled());
    QVERIFY(find<QPushButton>(QStringLiteral("proxyStopButton"))->isEnabled());
    saveScreenshot(find<QWidget>(QStringLiteral("proxyPanel")), QStringLiteral("proxy.png"));
}

void TestMainWindow::proxyStopsAndStartsFromButtons() {
    QTest::keyClick(window_.get(), Qt::Key_7, Qt::ControlModifier);
    auto* stateLabel = find<QLabel>(QStringLiteral("proxyStateLabel"));
    auto* start = find<QPushButton>(QStringLiteral("proxyStartButton"));
    auto* stop = find<QPushButton>(QStringLiteral("proxyStopButton"));
    QTRY_COMPARE_WITH_TIMEOUT(stateLabel->text(), QStringLiteral("Running"), 10'000);

    QTest::mouseClick(stop, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(stateLabel->text(), QStringLiteral("Stopped"), 10'000);
    QCOMPARE(engine_->proxyState(), Engine::ProxyState::Stopped);
    QTRY_VERIFY(start->isEnabled());
    QVERIFY(!stop->isEnabled());
    QVERIFY(find<QLabel>(QStringLiteral("proxyStatusLabel"))
                ->text()
                .contains(QStringLiteral("Stopped")));

    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(stateLabel->text(), QStringLiteral("Running"), 10'000);
    QVERIFY(QUrl(find<QLabel>(QStringLiteral("proxyAddressLabel"))->text()).port() > 0);
    QVERIFY(find<QLabel>(QStringLiteral("proxyStatusLabel"))->text().contains(engine_->proxyUrl()));
}

void TestMainWindow::ctrlQClosesAndGeometryIsRestored() {
    window_->resize(900, 640);
    QTRY_COMPARE(window_->size(), QSize(900, 640));
    QTest::keyClick(window_.get(), Qt::Key_Q, Qt::ControlModifier);
    QTRY_VERIFY(!window_->isVisible());

    MainWindow reopened(*engine_);
    QCOMPARE(reopened.size(), QSize(900, 640));
}

void TestMainWindow::embeddedResourcesAreFound() {
    // A static library's resources only count if they reach the executable.
    for (const char* name : {"signalbox", "dashboard", "playground", "routes", "providers",
                             "virtualkeys", "logs", "proxy", "connect"}) {
        const QString path = QStringLiteral(":/icons/%1.svg").arg(QLatin1StringView(name));
        QVERIFY2(QFile::exists(path), qPrintable(path));
        QVERIFY2(!QIcon(path).pixmap(20, 20).isNull(), qPrintable(path));
    }
    QVERIFY(QFile::exists(QStringLiteral(":/config/default-config.yaml")));
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/signalbox_de.qm")));
    auto* sidebar = find<QListWidget>(QStringLiteral("sidebar"));
    for (int row = 0; row < sidebar->count(); ++row) {
        QVERIFY(!sidebar->item(row)->icon().isNull());
    }
}

void TestMainWindow::germanTranslationIsUsed() {
    QTranslator german;
    QVERIFY(german.load(QLocale(QLocale::German, QLocale::Germany), QStringLiteral("signalbox"),
                        QStringLiteral("_"), QStringLiteral(":/i18n")));
    QVERIFY(QApplication::installTranslator(&german));
    // Panels take their words when built, as in main(): a fresh window.
    MainWindow germanWindow(*engine_);
    QApplication::removeTranslator(&german);

    auto* sidebar = germanWindow.findChild<QListWidget*>(QStringLiteral("sidebar"));
    QStringList titles;
    for (int row = 0; row < sidebar->count(); ++row) {
        titles << sidebar->item(row)->text();
    }
    QVERIFY2(titles.contains(QStringLiteral("Anbieter & Schlüssel")),
             qPrintable(titles.join(u',')));
    QVERIFY(!titles.contains(QStringLiteral("Providers & Keys")));
    QCOMPARE(germanWindow.findChild<QPushButton*>(QStringLiteral("proxyStartButton"))->text(),
             QStringLiteral("Starten"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
