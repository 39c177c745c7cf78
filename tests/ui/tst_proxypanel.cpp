#include "MockProvider.h"
#include "config/Config.h"
#include "config/ConfigLoader.h"
#include "engine/Engine.h"
#include "proxy/KeyHealthModel.h"
#include "proxy/ProxyPanel.h"
#include "proxy/TargetHealthModel.h"
#include "routing/Clock.h"
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
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <memory>
#include <vector>

using namespace signalbox;

namespace {

// Real time that a test may move on: calls keep their true latency for the table and the
// screenshot, while a rest or a cooldown can be run out at once.
class SkippingClock final : public Clock {
public:
    qint64 monotonicMs() const override { return Clock::system().monotonicMs() + skipped_; }
    qint64 wallMs() const override { return Clock::system().wallMs() + skipped_; }
    void advance(qint64 ms) { skipped_ += ms; }
    void reset() { skipped_ = 0; }

private:
    std::atomic<qint64> skipped_{0};  // read by the proxy's worker threads
};

// Two providers that rotate two keys each, served by the mock provider, beside the
// built-in simulated one. moc reads this file too, so the YAML is spelled out.
constexpr char kKeyedConfig[] =
    "listen: 127.0.0.1:0\n"
    "breaker: {failures: 3, window_ms: 60000, cooldown_ms: 60000}\n"
    "providers:\n"
    "  demo: {kind: simulated, models: [echo, down]}\n"
    "  openai:\n"
    "    kind: openai\n"
    "    base_url: \"MOCK_URL\"\n"
    "    keys: [env:OPENAI_API_KEY, env:OPENAI_API_KEY_2]\n"
    "  mistral:\n"
    "    kind: openai\n"
    "    base_url: \"MOCK_URL\"\n"
    "    keys: [{ref: env:MISTRAL_API_KEY, weight: 2}, env:MISTRAL_API_KEY_2]\n"
    "routes:\n"
    "  chat: {retries: 1, backoff_ms: 5, targets: [openai/gpt-4o-mini]}\n";

constexpr char kOpenAiKey[] = "sk-proj-panel-aaaa1111";
constexpr char kOpenAiKey2[] = "sk-proj-panel-bbbb2222";
constexpr char kMistralKey[] = "mistral-panel-cccc3333";
constexpr char kMistralKey2[] = "mistral-panel-dddd4444";

}  // namespace

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
    void keysRestAndBenchOnTheirOwn();
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
    const KeyHealthModel* keysModel() const;
    int keyRowOf(const QString& provider, const QString& ref) const;
    QString keyCell(const QString& provider, const QString& ref, int column) const;
    bool rateShown() const;

    QTemporaryDir settingsDir_;
    QNetworkAccessManager network_;
    SkippingClock clock_;  // breakers and rests run on it; outlives every engine
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<ProxyPanel> panel_;
};

void TestProxyPanel::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(settingsDir_.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir_.path());
}

void TestProxyPanel::init() {
    clock_.reset();
    engine_ = std::make_unique<Engine>(nullptr, clock_);
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

const KeyHealthModel* TestProxyPanel::keysModel() const {
    return qobject_cast<const KeyHealthModel*>(
        find<QTableView>(QStringLiteral("proxyKeysTable"))->model());
}

int TestProxyPanel::keyRowOf(const QString& provider, const QString& ref) const {
    const KeyHealthModel* model = keysModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->row(row).key.providerId == provider && model->row(row).key.ref == ref)
            return row;
    }
    return -1;
}

QString TestProxyPanel::keyCell(const QString& provider, const QString& ref, int column) const {
    const int row = keyRowOf(provider, ref);
    return row < 0 ? QStringLiteral("(no row)") : keysModel()->index(row, column).data().toString();
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
    // The simulated provider has a single key: no key table, a line that says why.
    QVERIFY(find<QLabel>(QStringLiteral("proxyKeysEmptyLabel"))->isVisible());
    QVERIFY(!find<QTableView>(QStringLiteral("proxyKeysTable"))->isVisible());
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

void TestProxyPanel::keysRestAndBenchOnTheirOwn() {
    // Two providers with two keys each at the mock provider: one OpenAI key is rate
    // limited and rests for the 30 s it is told; one Mistral key was revoked and is benched.
    qputenv("OPENAI_API_KEY", kOpenAiKey);
    qputenv("OPENAI_API_KEY_2", kOpenAiKey2);
    qputenv("MISTRAL_API_KEY", kMistralKey);
    qputenv("MISTRAL_API_KEY_2", kMistralKey2);
    mock::MockProvider mock;
    QVERIFY(mock.start());
    QByteArray yaml(kKeyedConfig);
    yaml.replace("MOCK_URL", mock.openAiBaseUrl().toUtf8());
    auto loaded = ConfigLoader::loadString(yaml, QStringLiteral("keys.yaml"));
    if (auto* error = std::get_if<ConfigError>(&loaded))
        QFAIL(qPrintable(error->toString()));
    engine_->stopProxy();
    QTRY_COMPARE(engine_->proxyState(), Engine::ProxyState::Stopped);
    engine_->setConfig(std::make_shared<Config>(std::get<Config>(std::move(loaded))));
    engine_->startProxy();
    QTRY_COMPARE_WITH_TIMEOUT(engine_->proxyState(), Engine::ProxyState::Running, 10'000);
    QVERIFY(find<QLabel>(QStringLiteral("proxyKeysEmptyLabel"))->isVisible());
    panel_->resize(1200, 760);  // as wide as the other panels' screenshots

    mock::MockFault limited;
    limited.model = QStringLiteral("gpt-4o-mini");
    limited.key = kOpenAiKey;
    limited.status = 429;
    limited.retryAfter = "30";
    limited.times = -1;
    mock.state().pushFault(limited);
    mock::MockFault revoked;
    revoked.model = QStringLiteral("mistral-small-latest");
    revoked.key = kMistralKey2;
    revoked.status = 401;
    revoked.times = -1;
    // Providers quote the key they were sent; the gateway masks it before anyone sees it.
    revoked.body = QByteArray("{\"error\":{\"message\":\"Incorrect API key provided: ") +
                   kMistralKey2 +
                   ".\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
    mock.state().pushFault(revoked);

    // One at a time, so the rotation's turns are the test's: the first OpenAI call
    // meets the rate limit and its retry takes the other key.
    for (int i = 0; i < 4; ++i)
        send(QStringLiteral("chat"), 1);
    // Weights 2 and 1: the revoked key has its third turn by the ninth call.
    for (int i = 0; i < 9; ++i)
        send(QStringLiteral("mistral/mistral-small-latest"), 1);
    send(QStringLiteral("demo/echo"), 4);
    send(QStringLiteral("demo/down"), 3);

    // A tick after the last answer: the tables below show all of it.
    auto* rate = find<QLabel>(QStringLiteral("proxyRateLabel"));
    QTRY_VERIFY(rate->text().contains(QStringLiteral("20 requests, 6 failed")));

    const QString openai = QStringLiteral("openai");
    const QString mistral = QStringLiteral("mistral");
    const QString limitedRef = QStringLiteral("env:OPENAI_API_KEY");
    const QString revokedRef = QStringLiteral("env:MISTRAL_API_KEY_2");
    QTRY_VERIFY(find<QTableView>(QStringLiteral("proxyKeysTable"))->isVisible());
    QVERIFY(!find<QLabel>(QStringLiteral("proxyKeysEmptyLabel"))->isVisible());
    QTRY_COMPARE(keysModel()->rowCount(), 4);
    // Grouped by provider, in the config's order; the provider is named once.
    QCOMPARE(keyRowOf(mistral, QStringLiteral("env:MISTRAL_API_KEY")), 0);
    QCOMPARE(keyRowOf(mistral, revokedRef), 1);
    QCOMPARE(keyRowOf(openai, limitedRef), 2);
    QCOMPARE(keyRowOf(openai, QStringLiteral("env:OPENAI_API_KEY_2")), 3);
    QCOMPARE(keysModel()->index(0, KeyHealthModel::Provider).data().toString(), mistral);
    QVERIFY(keysModel()->index(1, KeyHealthModel::Provider).data().toString().isEmpty());
    QCOMPARE(keysModel()->index(2, KeyHealthModel::Provider).data().toString(), openai);

    // The rate-limited key rests for the provider's 30 s; its twin served every call.
    QTRY_COMPARE(keyCell(openai, limitedRef, KeyHealthModel::Breaker),
                 QStringLiteral("closed, resting (rate limited)"));
    const QString back = keyCell(openai, limitedRef, KeyHealthModel::AvailableAgain);
    const QRegularExpressionMatch left =
        QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d \\(in (\\d+) s\\)$")).match(back);
    QVERIFY2(left.hasMatch(), qPrintable(back));
    QVERIFY2(left.captured(1).toInt() > 15 && left.captured(1).toInt() <= 30, qPrintable(back));
    QCOMPARE(keyCell(openai, limitedRef, KeyHealthModel::RecentFailures), QStringLiteral("1"));
    QCOMPARE(keyCell(openai, limitedRef, KeyHealthModel::Calls), QStringLiteral("0 ok, 1 failed"));
    QVERIFY(
        keyCell(openai, limitedRef, KeyHealthModel::LastError).contains(QStringLiteral("429")) ||
        keyCell(openai, limitedRef, KeyHealthModel::LastError)
            .contains(QStringLiteral("Rate limit")));
    const QString twin = QStringLiteral("env:OPENAI_API_KEY_2");
    QCOMPARE(keyCell(openai, twin, KeyHealthModel::Breaker), QStringLiteral("closed"));
    QVERIFY(keyCell(openai, twin, KeyHealthModel::AvailableAgain).isEmpty());
    QCOMPARE(keyCell(openai, twin, KeyHealthModel::Calls), QStringLiteral("4 ok, 0 failed"));
    QCOMPARE(keyCell(openai, twin, KeyHealthModel::Weight), QStringLiteral("1"));
    // The target itself stayed healthy: a key's rate limit is not the model's fault.
    QCOMPARE(cell(rowOf(QStringLiteral("openai/gpt-4o-mini")), TargetHealthModel::Breaker),
             QStringLiteral("closed"));

    // The revoked key is benched for the breaker's minute; the other serves on.
    QTRY_COMPARE(keyCell(mistral, revokedRef, KeyHealthModel::Breaker),
                 QStringLiteral("open: benched"));
    QVERIFY(keyCell(mistral, revokedRef, KeyHealthModel::AvailableAgain)
                .contains(QStringLiteral(" s)")));
    QCOMPARE(keyCell(mistral, revokedRef, KeyHealthModel::Calls), QStringLiteral("0 ok, 3 failed"));
    QCOMPARE(keyCell(mistral, QStringLiteral("env:MISTRAL_API_KEY"), KeyHealthModel::Weight),
             QStringLiteral("2"));
    QCOMPARE(keyCell(mistral, QStringLiteral("env:MISTRAL_API_KEY"), KeyHealthModel::Breaker),
             QStringLiteral("closed"));
    const QString revokedError = keyCell(mistral, revokedRef, KeyHealthModel::LastError);
    QVERIFY2(revokedError.contains(QStringLiteral("Incorrect API key provided")),
             qPrintable(revokedError));
    // Keys are named by reference; no secret reaches a cell or a tooltip.
    for (int row = 0; row < keysModel()->rowCount(); ++row) {
        for (int column = 0; column < KeyHealthModel::Count; ++column) {
            const QModelIndex at = keysModel()->index(row, column);
            for (const QString& text :
                 {at.data().toString(), at.data(Qt::ToolTipRole).toString()}) {
                for (const char* secret : {kOpenAiKey, kOpenAiKey2, kMistralKey, kMistralKey2})
                    QVERIFY2(!text.contains(QLatin1String(secret)), qPrintable(text));
            }
        }
    }

    // A screenshot with live figures: a last burst, caught while it shows.
    send(QStringLiteral("demo/echo"), 3);
    send(QStringLiteral("chat"), 2);
    QTRY_VERIFY(rateShown() && rate->text().contains(QStringLiteral("25 requests, 6 failed")));
    const QString dir = qEnvironmentVariable("SIGNALBOX_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(panel_->grab().save(QDir(dir).filePath(QStringLiteral("proxy.png")), "PNG"));
    }

    // The rest runs out: the key is back in the rotation, the revoked one still benched.
    clock_.advance(31'000);
    QTRY_COMPARE(keyCell(openai, limitedRef, KeyHealthModel::Breaker), QStringLiteral("closed"));
    QVERIFY(keyCell(openai, limitedRef, KeyHealthModel::AvailableAgain).isEmpty());
    QCOMPARE(keyCell(mistral, revokedRef, KeyHealthModel::Breaker),
             QStringLiteral("open: benched"));
    // Its cooldown ends: the next call may try it once.
    clock_.advance(30'000);
    QTRY_COMPARE(keyCell(mistral, revokedRef, KeyHealthModel::Breaker),
                 QStringLiteral("half-open: trying one call"));

    // A provider taken out of the config takes its keys out of the table.
    auto without = std::make_shared<Config>(*engine_->config());
    without->providers.erase(mistral);
    engine_->setConfig(without);
    QTRY_COMPARE(keysModel()->rowCount(), 2);
    QCOMPARE(keyRowOf(mistral, revokedRef), -1);
    QCOMPARE(keysModel()->index(0, KeyHealthModel::Provider).data().toString(), openai);
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
