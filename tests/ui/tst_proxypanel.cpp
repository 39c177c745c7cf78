#include "config/Config.h"
#include "config/ConfigLoader.h"
#include "engine/Engine.h"
#include "proxy/ProxyPanel.h"
#include "proxy/TargetHealthModel.h"
#include "tray/ProxyTrayIcon.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>
#include <vector>

using namespace signalbox;

// The Proxy panel against a real engine on a free loopback port serving the built-in
// simulated provider: real requests raise the rates and fill the breaker table.
class TestProxyPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void showsStateAndUrl();
    void requestsRaiseTheRateAndListTheTarget();
    void failingModelOpensItsBreaker();
    void listenAddressIsValidatedAsTyped();
    void appliedPortMovesTheRunningProxy();
    void samplesOnlyWhileVisible();
    void trayActionsStopAndStart();

private:
    template <typename T>
    T* find(const QString& objectName) const {
        return panel_->findChild<T*>(objectName);
    }
    // Sends `count` chat completions for `model` and waits for every answer.
    void send(const QString& model, int count);
    void typeAddress(const QString& text);
    int rowOf(const QString& target) const;
    QString cell(int row, int column) const;
    bool rateShown() const;

    QTemporaryDir settingsDir_;
    QNetworkAccessManager network_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<ProxyPanel> panel_;
};

void TestProxyPanel::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(settingsDir_.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir_.path());
}

void TestProxyPanel::init() {
    engine_ = std::make_unique<Engine>();
    auto config = std::make_shared<Config>();
    config->listen.port = 0;
    // Three failures within a minute bench a target for a minute: long enough to see.
    config->breaker.failures = 3;
    config->breaker.cooldownMs = 60'000;
    ProviderConfig demo;
    demo.id = QStringLiteral("demo");
    demo.kind = QStringLiteral("simulated");
    demo.models = {QStringLiteral("echo"), QStringLiteral("flaky"), QStringLiteral("down")};
    config->providers.emplace(demo.id, demo);
    engine_->setConfig(config);

    panel_ = std::make_unique<ProxyPanel>(*engine_);
    panel_->resize(1100, 760);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
    engine_->startProxy();
    QTRY_COMPARE_WITH_TIMEOUT(engine_->proxyState(), Engine::ProxyState::Running, 10'000);
}

void TestProxyPanel::cleanup() {
    panel_.reset();
    engine_->stopProxy();
    engine_.reset();
}

void TestProxyPanel::send(const QString& model, int count) {
    std::vector<QNetworkReply*> replies;
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
    for (int i = 0; i < count; ++i) {
        QNetworkRequest request(QUrl(engine_->proxyUrl() + QStringLiteral("/v1/chat/completions")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        replies.push_back(network_.post(request, body));
    }
    for (QNetworkReply* reply : replies) {
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000);
        reply->deleteLater();
    }
}

void TestProxyPanel::typeAddress(const QString& text) {
    auto* edit = find<QLineEdit>(QStringLiteral("proxyListenEdit"));
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

int TestProxyPanel::rowOf(const QString& target) const {
    const QAbstractItemModel* model =
        find<QTableView>(QStringLiteral("proxyTargetsTable"))->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, TargetHealthModel::Target).data().toString() == target)
            return row;
    }
    return -1;
}

QString TestProxyPanel::cell(int row, int column) const {
    const QAbstractItemModel* model =
        find<QTableView>(QStringLiteral("proxyTargetsTable"))->model();
    return model->index(row, column).data().toString();
}

bool TestProxyPanel::rateShown() const {
    // A live figure: the last second saw requests.
    const QString text = find<QLabel>(QStringLiteral("proxyRateLabel"))->text();
    const QString zero =
        QStringLiteral("<b>%1</b> requests/s").arg(QLocale().toString(0.0, 'f', 1));
    return text.contains(QStringLiteral("requests/s")) && !text.contains(zero);
}

void TestProxyPanel::showsStateAndUrl() {
    const QString url = engine_->proxyUrl();
    QVERIFY(!url.endsWith(QStringLiteral(":0")));
    QTRY_COMPARE(find<QLabel>(QStringLiteral("proxyStateLabel"))->text(),
                 QStringLiteral("Running"));
    QCOMPARE(find<QLabel>(QStringLiteral("proxyAddressLabel"))->text(), url);
    QCOMPARE(find<QLineEdit>(QStringLiteral("proxyListenEdit"))->text(),
             QStringLiteral("127.0.0.1:0"));
    QVERIFY(!find<QPushButton>(QStringLiteral("proxyApplyButton"))->isEnabled());
    QVERIFY(find<QPushButton>(QStringLiteral("proxyStopButton"))->isEnabled());
    QVERIFY(!find<QPushButton>(QStringLiteral("proxyStartButton"))->isEnabled());
    QVERIFY(find<QLabel>(QStringLiteral("proxyTargetsEmptyLabel"))->isVisible());
}

void TestProxyPanel::requestsRaiseTheRateAndListTheTarget() {
    auto* rate = find<QLabel>(QStringLiteral("proxyRateLabel"));
    // The first tick after showing only sets the baseline.
    QTRY_VERIFY(rate->text().contains(QStringLiteral("requests/s")));
    QVERIFY(!rateShown());

    send(QStringLiteral("demo/echo"), 4);
    QTRY_VERIFY(rateShown());
    QTRY_VERIFY(rate->text().contains(QStringLiteral("4 requests, 0 failed")));
    QTRY_VERIFY(rowOf(QStringLiteral("demo/echo")) >= 0);
    const int row = rowOf(QStringLiteral("demo/echo"));
    QCOMPARE(cell(row, TargetHealthModel::Breaker), QStringLiteral("closed"));
    QVERIFY(cell(row, TargetHealthModel::BenchedUntil).isEmpty());
    QCOMPARE(cell(row, TargetHealthModel::Calls), QStringLiteral("4 ok, 0 failed"));
    QVERIFY(cell(row, TargetHealthModel::Latency).endsWith(QStringLiteral(" ms")));
    QVERIFY(!find<QLabel>(QStringLiteral("proxyTargetsEmptyLabel"))->isVisible());
}

void TestProxyPanel::failingModelOpensItsBreaker() {
    send(QStringLiteral("demo/echo"), 6);
    // Flaky fails every other call: some failures, too few to bench it.
    send(QStringLiteral("demo/flaky"), 3);
    send(QStringLiteral("demo/down"), 4);
    QTRY_VERIFY(rowOf(QStringLiteral("demo/down")) >= 0);
    QTRY_COMPARE(cell(rowOf(QStringLiteral("demo/down")), TargetHealthModel::Breaker),
                 QStringLiteral("open: benched"));
    const int down = rowOf(QStringLiteral("demo/down"));
    QVERIFY(cell(down, TargetHealthModel::BenchedUntil).contains(QStringLiteral(" s)")));
    QVERIFY(cell(down, TargetHealthModel::RecentFailures).isEmpty());
    QVERIFY(cell(down, TargetHealthModel::Calls).startsWith(QStringLiteral("0 ok, ")));
    QVERIFY(!cell(down, TargetHealthModel::Calls).contains(QStringLiteral(" 0 failed")));
    const int flaky = rowOf(QStringLiteral("demo/flaky"));
    QVERIFY(cell(flaky, TargetHealthModel::RecentFailures).toInt() > 0);
    QVERIFY(!cell(down, TargetHealthModel::LastError).isEmpty());
    QCOMPARE(cell(rowOf(QStringLiteral("demo/flaky")), TargetHealthModel::Breaker),
             QStringLiteral("closed"));
    QTRY_VERIFY(find<QLabel>(QStringLiteral("proxyRateLabel"))
                    ->text()
                    .contains(QStringLiteral("13 requests, ")));
    QVERIFY(!find<QLabel>(QStringLiteral("proxyRateLabel"))
                 ->text()
                 .contains(QStringLiteral("13 requests, 0 failed")));

    // A screenshot with live figures: a last burst, caught while it shows.
    send(QStringLiteral("demo/echo"), 5);
    send(QStringLiteral("demo/down"), 2);
    QTRY_VERIFY(rateShown() && find<QLabel>(QStringLiteral("proxyRateLabel"))
                                   ->text()
                                   .contains(QStringLiteral("20 requests, ")));
    const QString dir = qEnvironmentVariable("SIGNALBOX_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(panel_->grab().save(QDir(dir).filePath(QStringLiteral("proxy.png")), "PNG"));
    }
}

void TestProxyPanel::listenAddressIsValidatedAsTyped() {
    auto* apply = find<QPushButton>(QStringLiteral("proxyApplyButton"));
    auto* hint = find<QLabel>(QStringLiteral("proxyListenHint"));
    typeAddress(QStringLiteral("example.com:80"));
    QVERIFY(!apply->isEnabled());
    QVERIFY(hint->text().contains(QStringLiteral("IP address")));
    typeAddress(QStringLiteral("127.0.0.1:99999"));
    QVERIFY(!apply->isEnabled());
    typeAddress(QStringLiteral("0.0.0.0:4747"));
    QVERIFY(apply->isEnabled());
    QVERIFY(hint->text().contains(QStringLiteral("virtual key")));
    typeAddress(QStringLiteral("127.0.0.1:4747"));
    QVERIFY(apply->isEnabled());
    QVERIFY(hint->text().contains(QStringLiteral("Only programs on this computer")));
    typeAddress(QStringLiteral("127.0.0.1:0"));
    QVERIFY(!apply->isEnabled());  // what the config says already
}

void TestProxyPanel::appliedPortMovesTheRunningProxy() {
    // The config has a file of its own, as the window's does: the address is saved in it.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto withFile = std::make_shared<Config>(*engine_->config());
    withFile->sourcePath = dir.filePath(QStringLiteral("signalbox.yaml"));
    engine_->setConfig(withFile);
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    typeAddress(QStringLiteral("127.0.0.1:%1").arg(port));
    auto* apply = find<QPushButton>(QStringLiteral("proxyApplyButton"));
    QVERIFY(apply->isEnabled());
    QTest::mouseClick(apply, Qt::LeftButton);
    QCOMPARE(engine_->config()->listen.port, port);
    QVERIFY(!apply->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(engine_->proxyState(), Engine::ProxyState::Running, 10'000);
    QCOMPARE(engine_->proxyPort(), port);
    QTRY_COMPARE(find<QLabel>(QStringLiteral("proxyAddressLabel"))->text(),
                 QStringLiteral("http://127.0.0.1:%1").arg(port));

    // Served on the new port.
    QNetworkReply* reply = network_.get(
        QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/models").arg(port))));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();

    auto saved = ConfigLoader::loadFile(withFile->sourcePath);
    QVERIFY(std::holds_alternative<Config>(saved));
    QCOMPARE(std::get<Config>(saved).listen.port, port);
}

void TestProxyPanel::samplesOnlyWhileVisible() {
    auto* timer = find<QTimer>(QStringLiteral("proxyRefreshTimer"));
    QVERIFY(timer->isActive());
    panel_->hide();
    QVERIFY(!timer->isActive());
    panel_->show();
    QVERIFY(timer->isActive());
}

void TestProxyPanel::trayActionsStopAndStart() {
    ProxyTrayIcon tray(*engine_, panel_.get());
    QVERIFY(tray.toolTip().contains(engine_->proxyUrl()));
    QVERIFY(tray.stopAction()->isEnabled());
    QVERIFY(!tray.startAction()->isEnabled());

    tray.stopAction()->trigger();
    QTRY_COMPARE(engine_->proxyState(), Engine::ProxyState::Stopped);
    QVERIFY(tray.startAction()->isEnabled());
    QVERIFY(!tray.stopAction()->isEnabled());
    QVERIFY(tray.toolTip().contains(QStringLiteral("Stopped")));
    QTRY_VERIFY(find<QPushButton>(QStringLiteral("proxyStartButton"))->isEnabled());

    tray.startAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(engine_->proxyState(), Engine::ProxyState::Running, 10'000);
    QVERIFY(tray.toolTip().contains(engine_->proxyUrl()));
    QVERIFY(tray.contextMenu()->actions().contains(tray.quitAction()));

    panel_->hide();
    tray.showWindowAction()->trigger();
    QVERIFY(panel_->isVisible());
}

QTEST_MAIN(TestProxyPanel)
#include "tst_proxypanel.moc"
