#include "common/StatusColors.h"
#include "common/StatusLabel.h"
#include "config/Config.h"
#include "engine/Engine.h"
#include "mainwindow/MainWindow.h"
#include "mainwindow/ShortcutsDialog.h"
#include "providers/ProvidersPanel.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>
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
    void windowStateIsRestored();
    void followsADarkPalette();
    void helpListsTheShortcuts();
    void panelShortcutsStayInTheirPanel();
    void unsavedProviderEditsAreGuarded();
    void embeddedResourcesAreFound();
    void germanTranslationIsUsed();

private:
    template <typename T>
    T* find(const QString& objectName) const {
        return window_->findChild<T*>(objectName);
    }
    void waitUntilRunning();
    void saveScreenshot(QWidget* widget, const QString& fileName);
    ProvidersPanel* providersPanel() const {
        return find<ProvidersPanel>(QStringLiteral("providersPanel"));
    }
    QStackedWidget* stack() const { return find<QStackedWidget>(QStringLiteral("panelStack")); }

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
    QApplication::setApplicationVersion(QStringLiteral("9.8.7"));
}

void TestMainWindow::init() {
    // Every test starts as on a first run: no panel, size or state remembered.
    QSettings().clear();
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

void TestMainWindow::windowStateIsRestored() {
    // The last panel, the Providers splitter and the maximized state come back.
    QTest::keyClick(window_.get(), Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(stack()->currentWidget()->objectName(), QStringLiteral("providersPanel"));
    auto* splitter = find<QSplitter>(QStringLiteral("providersSplitter"));
    QVERIFY(splitter);
    const int total = splitter->sizes().value(0) + splitter->sizes().value(1);
    splitter->setSizes({total / 4, total - total / 4});
    const int left = splitter->sizes().value(0);
    window_->showMaximized();
    QTRY_VERIFY(window_->isMaximized());
    QVERIFY(window_->close());

    MainWindow reopened(*engine_);
    QVERIFY(reopened.windowState().testFlag(Qt::WindowMaximized));
    auto* reopenedStack = reopened.findChild<QStackedWidget*>(QStringLiteral("panelStack"));
    QCOMPARE(reopenedStack->currentWidget()->objectName(), QStringLiteral("providersPanel"));
    QCOMPARE(reopened.findChild<QListWidget*>(QStringLiteral("sidebar"))->currentRow(), 3);
    reopened.showNormal();
    reopened.resize(1200, 760);
    QVERIFY(QTest::qWaitForWindowExposed(&reopened));
    auto* reopenedSplitter = reopened.findChild<QSplitter*>(QStringLiteral("providersSplitter"));
    // The same share of the width, give or take a handle: the window is as wide as before.
    QTRY_VERIFY2(
        qAbs(reopenedSplitter->sizes().value(0) - left) <= 12,
        qPrintable(QStringLiteral("%1 vs %2").arg(reopenedSplitter->sizes().value(0)).arg(left)));
}

namespace {

QPalette darkPalette() {
    QPalette dark;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
        dark.setColor(group, QPalette::Window, window);
        dark.setColor(group, QPalette::WindowText, text);
        dark.setColor(group, QPalette::Base, base);
        dark.setColor(group, QPalette::AlternateBase, window);
        dark.setColor(group, QPalette::Text, text);
        dark.setColor(group, QPalette::Button, window);
        dark.setColor(group, QPalette::ButtonText, text);
        dark.setColor(group, QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
        dark.setColor(group, QPalette::HighlightedText, Qt::white);
        dark.setColor(group, QPalette::PlaceholderText, QColor(0x9a, 0x9c, 0xa0));
        dark.setColor(group, QPalette::ToolTipBase, base);
        dark.setColor(group, QPalette::ToolTipText, text);
        dark.setColor(group, QPalette::Light, QColor(0x45, 0x47, 0x4a));
        dark.setColor(group, QPalette::Midlight, QColor(0x3a, 0x3c, 0x3f));
        dark.setColor(group, QPalette::Mid, QColor(0x25, 0x26, 0x28));
        dark.setColor(group, QPalette::Dark, QColor(0x18, 0x19, 0x1b));
        dark.setColor(group, QPalette::Shadow, Qt::black);
        dark.setColor(group, QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    }
    dark.setColor(QPalette::Disabled, QPalette::Window, window);
    dark.setColor(QPalette::Disabled, QPalette::Base, base);
    dark.setColor(QPalette::Disabled, QPalette::Button, window);
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::PlaceholderText})
        dark.setColor(QPalette::Disabled, role, QColor(0x70, 0x72, 0x76));
    return dark;
}

// The colour of an icon's most opaque pixel, straight (not premultiplied).
QColor inkOf(const QIcon& icon) {
    const QImage image =
        icon.pixmap(QSize(20, 20), 1.0).toImage().convertToFormat(QImage::Format_ARGB32);
    QColor ink;
    int alpha = -1;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (pixel.alpha() > alpha) {
                alpha = pixel.alpha();
                ink = pixel;
            }
        }
    }
    return ink;
}

bool sameRgb(const QColor& a, const QColor& b) {
    return qAbs(a.red() - b.red()) <= 8 && qAbs(a.green() - b.green()) <= 8 &&
           qAbs(a.blue() - b.blue()) <= 8;
}

}  // namespace

void TestMainWindow::followsADarkPalette() {
    auto* sidebar = find<QListWidget>(QStringLiteral("sidebar"));
    const QPalette light = QApplication::palette();
    QVERIFY(!StatusColors::isDark(light));
    const QColor lightInk = light.color(QPalette::Active, QPalette::WindowText);
    for (int row = 0; row < sidebar->count(); ++row)
        QVERIFY2(sameRgb(inkOf(sidebar->item(row)->icon()), lightInk),
                 qPrintable(QString::number(row)));
    auto* keysError = find<StatusLabel>(QStringLiteral("keysErrorLabel"));
    QVERIFY(keysError);
    QCOMPARE(keysError->palette().color(QPalette::WindowText), StatusColors::error(light));

    // The system switches to dark while the window is open.
    const QPalette dark = darkPalette();
    QApplication::setPalette(dark);
    const QColor darkInk = dark.color(QPalette::Active, QPalette::WindowText);
    QTRY_COMPARE(sidebar->palette().color(QPalette::Window), dark.color(QPalette::Window));
    for (int row = 0; row < sidebar->count(); ++row)
        QVERIFY2(sameRgb(inkOf(sidebar->item(row)->icon()), darkInk),
                 qPrintable(inkOf(sidebar->item(row)->icon()).name()));
    // Coloured text takes the dark variant: lighter, to read on a dark window.
    QCOMPARE(keysError->palette().color(QPalette::WindowText), StatusColors::error(dark));
    QVERIFY(StatusColors::error(dark).lightness() > StatusColors::error(light).lightness());
    QCOMPARE(keysError->palette().color(QPalette::Window), dark.color(QPalette::Window));

    waitUntilRunning();
    QTRY_VERIFY(find<QLabel>(QStringLiteral("dashboardProxyLabel"))
                    ->text()
                    .contains(engine_->proxyUrl() + QStringLiteral("/v1")));
    saveScreenshot(window_.get(), QStringLiteral("mainwindow-dark.png"));

    // And back.
    QApplication::setPalette(light);
    QTRY_COMPARE(sidebar->palette().color(QPalette::Window), light.color(QPalette::Window));
    QVERIFY(sameRgb(inkOf(sidebar->item(0)->icon()), lightInk));
    QCOMPARE(keysError->palette().color(QPalette::WindowText), StatusColors::error(light));
}

void TestMainWindow::helpListsTheShortcuts() {
    QTest::keyClick(window_.get(), Qt::Key_F1);
    QPointer<ShortcutsDialog> dialog;
    QTRY_VERIFY((dialog = find<ShortcutsDialog>(QStringLiteral("shortcutsDialog"))) &&
                dialog->isVisible());
    auto* list = dialog->findChild<QTreeWidget*>(QStringLiteral("shortcutsList"));
    QVERIFY(list);
    // "group/action" -> keys, for every row.
    QMap<QString, QString> rows;
    for (int g = 0; g < list->topLevelItemCount(); ++g) {
        const QTreeWidgetItem* group = list->topLevelItem(g);
        for (int r = 0; r < group->childCount(); ++r)
            rows.insert(group->text(0) + u'/' + group->child(r)->text(0), group->child(r)->text(1));
    }
    const auto has = [&](const QString& key, const QString& keys) {
        if (rows.value(key) == keys)
            return true;
        qWarning("%s: %s", qPrintable(key), qPrintable(rows.value(key)));
        return false;
    };
    QVERIFY(has(QStringLiteral("Window/Show Providers & Keys"), QStringLiteral("Ctrl+4")));
    QVERIFY(has(QStringLiteral("Window/Show Connect"), QStringLiteral("Ctrl+8")));
    QVERIFY(has(QStringLiteral("Window/Quit"), QStringLiteral("Ctrl+Q")));
    QVERIFY(has(QStringLiteral("Window/Keyboard Shortcuts"), QStringLiteral("F1 or Ctrl+/")));
    QVERIFY(has(QStringLiteral("Providers & Keys/New provider"), QStringLiteral("Ctrl+N")));
    QVERIFY(has(QStringLiteral("Providers & Keys/Save the provider"), QStringLiteral("Ctrl+S")));
    QVERIFY(has(QStringLiteral("Providers & Keys/Remove the selected key"), QStringLiteral("Del")));
    QVERIFY(has(QStringLiteral("Virtual Keys/New virtual key"), QStringLiteral("Ctrl+N")));
    QVERIFY(has(QStringLiteral("Virtual Keys/Read the keys again"), QStringLiteral("F5")));
    QVERIFY(has(QStringLiteral("Connect/Copy the setup of the client shown"),
                QStringLiteral("Ctrl+Shift+C")));
    QVERIFY(
        has(QStringLiteral("Everywhere/Close a dialog without changes"), QStringLiteral("Esc")));

    // Escape closes it; Ctrl+/ opens it too.
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(!dialog);
    QTest::keyClick(window_.get(), Qt::Key_Slash, Qt::ControlModifier);
    QTRY_VERIFY((dialog = find<ShortcutsDialog>(QStringLiteral("shortcutsDialog"))) &&
                dialog->isVisible());
    saveScreenshot(dialog, QStringLiteral("shortcuts.png"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("shortcutsCloseButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(!dialog);

    // About names the version and closes with Escape.
    find<QAction>(QStringLiteral("aboutAction"))->trigger();
    QPointer<QMessageBox> about;
    QTRY_VERIFY((about = find<QMessageBox>(QStringLiteral("aboutBox"))) && about->isVisible());
    QVERIFY2(about->text().contains(QStringLiteral("Signalbox 9.8.7")), qPrintable(about->text()));
    QTest::keyClick(about, Qt::Key_Escape);
    QTRY_VERIFY(!about);
}

void TestMainWindow::panelShortcutsStayInTheirPanel() {
    ProvidersPanel* providers = providersPanel();
    QAction* newProvider = nullptr;
    for (QAction* action : providers->findChildren<QAction*>()) {
        if (action->text() == QStringLiteral("New provider"))
            newProvider = action;
    }
    QVERIFY(newProvider);
    QCOMPARE(newProvider->shortcutContext(), Qt::WidgetWithChildrenShortcut);
    QSignalSpy triggered(newProvider, &QAction::triggered);

    // Ctrl+5 lands in Virtual Keys with the focus inside it: its Ctrl+N is not Providers'.
    QTest::keyClick(window_.get(), Qt::Key_5, Qt::ControlModifier);
    QWidget* virtualKeys = find<QWidget>(QStringLiteral("virtualKeysPanel"));
    QTRY_VERIFY(virtualKeys->isAncestorOf(QApplication::focusWidget()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(triggered.count(), 0);

    // Ctrl+4: focus in Providers, where Ctrl+N starts a new provider.
    QTest::keyClick(window_.get(), Qt::Key_4, Qt::ControlModifier);
    QTRY_VERIFY(providers->isAncestorOf(QApplication::focusWidget()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(triggered.count(), 1);
    QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("providerIdEdit"));
}

void TestMainWindow::unsavedProviderEditsAreGuarded() {
    ProvidersPanel* providers = providersPanel();
    QStringList asked;
    ProvidersPanel::UnsavedChoice answer = ProvidersPanel::UnsavedChoice::Cancel;
    providers->setUnsavedChangesPrompt([&](const QString& name) {
        asked << name;
        return answer;
    });
    QTest::keyClick(window_.get(), Qt::Key_4, Qt::ControlModifier);
    auto* id = providers->findChild<QLineEdit*>(QStringLiteral("providerIdEdit"));
    id->setFocus();
    QTest::keyClicks(id, QStringLiteral("draft"));
    QVERIFY(providers->hasUnsavedChanges());

    // Leaving for another panel asks; Cancel stays, with the edit.
    QTest::keyClick(window_.get(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(asked, QStringList{QStringLiteral("draft")});
    QCOMPARE(stack()->currentWidget(), providers);
    QCOMPARE(find<QListWidget>(QStringLiteral("sidebar"))->currentRow(), 3);
    QCOMPARE(id->text(), QStringLiteral("draft"));

    // Closing the window asks too; Cancel keeps it open.
    QTest::keyClick(window_.get(), Qt::Key_Q, Qt::ControlModifier);
    QCOMPARE(asked.size(), 2);
    QVERIFY(window_->isVisible());

    // Discard leaves, and the form is as saved (empty) when the user comes back.
    answer = ProvidersPanel::UnsavedChoice::Discard;
    QTest::keyClick(window_.get(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(asked.size(), 3);
    QCOMPARE(stack()->currentWidget()->objectName(), QStringLiteral("dashboardPanel"));
    QVERIFY(id->text().isEmpty());
    QVERIFY(!providers->hasUnsavedChanges());
    QTest::keyClick(window_.get(), Qt::Key_4, Qt::ControlModifier);
    QTest::keyClick(window_.get(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(asked.size(), 3);  // nothing to ask about
    QTest::keyClick(window_.get(), Qt::Key_Q, Qt::ControlModifier);
    QTRY_VERIFY(!window_->isVisible());
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
