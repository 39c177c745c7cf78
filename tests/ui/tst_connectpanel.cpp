#include "common/SnippetView.h"
#include "config/Config.h"
#include "connect/ConnectPanel.h"
#include "engine/Engine.h"
#include "governance/Governance.h"
#include "governance/KeyDirectory.h"
#include "governance/KeyService.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QVBoxLayout>

#include <memory>

using namespace signalbox;

namespace {

const QStringList kSnippets{QStringLiteral("connectOpenAiPythonSetup"),
                            QStringLiteral("connectOpenAiPythonCode"),
                            QStringLiteral("connectOpenAiNodeSetup"),
                            QStringLiteral("connectOpenAiNodeCode"),
                            QStringLiteral("connectAnthropicPythonSetup"),
                            QStringLiteral("connectAnthropicPythonCode"),
                            QStringLiteral("connectAnthropicTypeScriptSetup"),
                            QStringLiteral("connectAnthropicTypeScriptCode"),
                            QStringLiteral("connectCurlOpenAi"),
                            QStringLiteral("connectCurlAnthropic"),
                            QStringLiteral("connectClaudeCodeSetup"),
                            QStringLiteral("connectCodexSetup"),
                            QStringLiteral("connectCodexConfig"),
                            QStringLiteral("connectOtherClisSetup")};

// Snippets that use the proxy's address: all but the Codex shell lines.
QStringList addressedSnippets() {
    QStringList names = kSnippets;
    names.removeOne(QStringLiteral("connectCodexSetup"));
    return names;
}

// What a shell would send for a curl snippet, with $SIGNALBOX_API_KEY set to `key`.
struct CurlCall {
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

CurlCall parseCurl(const QString& snippet, const QString& key) {
    CurlCall call;
    const QString text = QString(snippet).replace(QStringLiteral("$SIGNALBOX_API_KEY"), key);
    static const QRegularExpression command(QStringLiteral("^curl (\\S+)"),
                                            QRegularExpression::MultilineOption);
    static const QRegularExpression header(QStringLiteral("-H \"([^:]+): ([^\"]*)\""));
    static const QRegularExpression body(QStringLiteral("-d '([^']*)'"));
    call.url = QUrl(command.match(text).captured(1));
    for (auto it = header.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        call.headers.append({match.captured(1).toLatin1(), match.captured(2).toUtf8()});
    }
    call.body = body.match(text).captured(1).toUtf8();
    return call;
}

}  // namespace

// The Connect panel against a real engine on a free loopback port serving the built-in
// simulated provider, with a temporary data dir for virtual keys. Widgets are found by
// object name; waits are on conditions only.
class TestConnectPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void snippetsCarryTheLiveAddress();
    void snippetsFollowTheProxyToAnotherPort();
    void copyButtonsFillTheClipboard();
    void curlSnippetsWorkAsPasted();
    void keyCreatedForAClientIsShownOnceAndWorks();
    void requiredKeysAreReadFromTheVariable();
    void screenshot();

private:
    void start(bool requireKeys);
    template <typename T>
    T* find(const QString& objectName) const {
        return host_->findChild<T*>(objectName);
    }
    QString snippet(const QString& name) const;
    void showClient(const QString& id);
    int send(const CurlCall& call);

    QNetworkAccessManager network_;
    std::unique_ptr<QTemporaryDir> dataDir_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<QWidget> host_;
};

void TestConnectPanel::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
}

void TestConnectPanel::start(bool requireKeys) {
    engine_ = std::make_unique<Engine>();
    auto config = std::make_shared<Config>();
    config->listen.port = 0;
    ProviderConfig demo;
    demo.id = QStringLiteral("demo");
    demo.kind = QStringLiteral("simulated");
    demo.models = {QStringLiteral("echo")};
    config->providers.emplace(demo.id, demo);
    RouteConfig route;
    route.name = QStringLiteral("chat");
    RouteTarget target;
    target.provider = QStringLiteral("demo");
    target.model = QStringLiteral("echo");
    route.targets.push_back(target);
    config->routes.emplace(route.name, route);
    if (requireKeys)
        config->governance.requireKeys = true;
    engine_->setConfig(config);
    dataDir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dataDir_->isValid());
    engine_->setDataDir(dataDir_->path());

    host_ = std::make_unique<QWidget>();
    auto* layout = new QVBoxLayout(host_.get());
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new ConnectPanel(*engine_, host_.get()));
    host_->resize(1000, 760);
    host_->show();
    QVERIFY(QTest::qWaitForWindowExposed(host_.get()));
    engine_->startProxy();
    QTRY_COMPARE_WITH_TIMEOUT(engine_->proxyState(), Engine::ProxyState::Running, 10'000);
}

void TestConnectPanel::cleanup() {
    host_.reset();
    if (engine_) {
        engine_->stopProxy();
        engine_->governance().keyService().waitForIdle();
    }
    engine_.reset();
    dataDir_.reset();
}

QString TestConnectPanel::snippet(const QString& name) const {
    const auto* view = find<SnippetView>(name);
    return view ? view->text() : QString();
}

void TestConnectPanel::showClient(const QString& id) {
    auto* tabs = find<QTabWidget>(QStringLiteral("connectClientTabs"));
    tabs->setCurrentWidget(find<QWidget>(QStringLiteral("connectScroll_") + id));
    QTRY_VERIFY(find<QWidget>(QStringLiteral("connectPage_") + id)->isVisible());
}

int TestConnectPanel::send(const CurlCall& call) {
    QNetworkRequest request(call.url);
    for (const auto& [name, value] : call.headers)
        request.setRawHeader(name, value);
    QNetworkReply* reply = network_.post(request, call.body);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000); }();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        qWarning("%d %s", status, reply->readAll().constData());
    reply->deleteLater();
    return status;
}

void TestConnectPanel::snippetsCarryTheLiveAddress() {
    start(false);
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(engine_->proxyPort());
    QCOMPARE(engine_->proxyUrl(), url);
    QTRY_VERIFY(find<QLabel>(QStringLiteral("connectAddressLabel"))->text().contains(url));
    for (const QString& name : addressedSnippets())
        QVERIFY2(snippet(name).contains(url), qPrintable(name));

    // OpenAI clients take the /v1 base; Anthropic ones add /v1 themselves.
    QVERIFY(snippet(QStringLiteral("connectOpenAiPythonCode"))
                .contains(QStringLiteral("base_url=\"%1/v1\"").arg(url)));
    QVERIFY(snippet(QStringLiteral("connectOpenAiNodeCode"))
                .contains(QStringLiteral("baseURL: \"%1/v1\"").arg(url)));
    QVERIFY(snippet(QStringLiteral("connectOpenAiPythonSetup"))
                .contains(QStringLiteral("export OPENAI_BASE_URL=%1/v1\n").arg(url)));
    QVERIFY(snippet(QStringLiteral("connectCodexConfig"))
                .contains(QStringLiteral("base_url = \"%1/v1\"").arg(url)));
    QVERIFY(snippet(QStringLiteral("connectAnthropicPythonCode"))
                .contains(QStringLiteral("base_url=\"%1\",").arg(url)));
    QVERIFY(snippet(QStringLiteral("connectAnthropicTypeScriptCode"))
                .contains(QStringLiteral("baseURL: \"%1\",").arg(url)));
    for (const QString& name : {QStringLiteral("connectAnthropicPythonSetup"),
                                QStringLiteral("connectAnthropicTypeScriptSetup"),
                                QStringLiteral("connectClaudeCodeSetup")}) {
        QVERIFY2(snippet(name).contains(QStringLiteral("export ANTHROPIC_BASE_URL=%1\n").arg(url)),
                 qPrintable(name));
    }
    for (const QString& name : {QStringLiteral("connectAnthropicPythonSetup"),
                                QStringLiteral("connectAnthropicPythonCode"),
                                QStringLiteral("connectAnthropicTypeScriptSetup"),
                                QStringLiteral("connectAnthropicTypeScriptCode"),
                                QStringLiteral("connectClaudeCodeSetup")})
        QVERIFY2(!snippet(name).contains(QStringLiteral("/v1")), qPrintable(name));
    QVERIFY(snippet(QStringLiteral("connectClaudeCodeSetup"))
                .contains(QStringLiteral("export ANTHROPIC_AUTH_TOKEN=not-needed\n")));

    // The first route is the model, and no key is needed on loopback.
    QVERIFY(snippet(QStringLiteral("connectCurlOpenAi"))
                .contains(QStringLiteral("\"model\": \"chat\"")));
    QVERIFY(snippet(QStringLiteral("connectClaudeCodeSetup"))
                .contains(QStringLiteral("export ANTHROPIC_MODEL=chat\n")));
    QVERIFY(!find<QCheckBox>(QStringLiteral("connectUseKeyCheck"))->isChecked());
    QVERIFY(find<QCheckBox>(QStringLiteral("connectUseKeyCheck"))->isEnabled());
    QVERIFY(!snippet(QStringLiteral("connectOpenAiPythonCode"))
                 .contains(QStringLiteral("SIGNALBOX_API_KEY")));
    QVERIFY(snippet(QStringLiteral("connectOpenAiPythonCode"))
                .contains(QStringLiteral("api_key=\"not-needed\"")));
}

void TestConnectPanel::snippetsFollowTheProxyToAnotherPort() {
    start(false);
    const quint16 before = engine_->proxyPort();
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    QVERIFY(port != before);

    engine_->stopProxy();
    QTRY_COMPARE(engine_->proxyState(), Engine::ProxyState::Stopped);
    QTRY_VERIFY(find<QLabel>(QStringLiteral("connectAddressLabel"))
                    ->text()
                    .contains(QStringLiteral("not running")));
    auto config = std::make_shared<Config>(*engine_->config());
    config->listen.port = port;
    engine_->setConfig(config);
    engine_->startProxy();
    QTRY_COMPARE_WITH_TIMEOUT(engine_->proxyState(), Engine::ProxyState::Running, 10'000);

    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(port);
    QTRY_VERIFY(snippet(QStringLiteral("connectClaudeCodeSetup")).contains(url));
    for (const QString& name : addressedSnippets()) {
        QVERIFY2(snippet(name).contains(url), qPrintable(name));
        QVERIFY2(!snippet(name).contains(QStringLiteral(":%1").arg(before)), qPrintable(name));
    }
    QVERIFY(find<QLabel>(QStringLiteral("connectAddressLabel"))->text().contains(url));
}

void TestConnectPanel::copyButtonsFillTheClipboard() {
    start(false);
    showClient(QStringLiteral("curl"));
    auto* curl = find<SnippetView>(QStringLiteral("connectCurlOpenAi"));
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(curl->findChild<QPushButton*>(QStringLiteral("snippetCopyButton")),
                      Qt::LeftButton);
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), curl->text());

    // One click copies a client's whole setup.
    showClient(QStringLiteral("claudeCode"));
    QGuiApplication::clipboard()->clear();
    auto* setup = find<QPushButton>(QStringLiteral("connectSetupButton_claudeCode"));
    QTest::mouseClick(setup, Qt::LeftButton);
    QTRY_COMPARE(QGuiApplication::clipboard()->text(),
                 snippet(QStringLiteral("connectClaudeCodeSetup")));
    QVERIFY(QGuiApplication::clipboard()->text().endsWith(QStringLiteral("\nclaude")));
    QCOMPARE(setup->text(), QStringLiteral("Setup copied"));
    QTRY_COMPARE_WITH_TIMEOUT(setup->text(), QStringLiteral("Copy setup"), 5000);
}

void TestConnectPanel::curlSnippetsWorkAsPasted() {
    start(false);
    const CurlCall openAi = parseCurl(snippet(QStringLiteral("connectCurlOpenAi")), QString());
    QCOMPARE(openAi.url.toString(), engine_->proxyUrl() + QStringLiteral("/v1/chat/completions"));
    QCOMPARE(send(openAi), 200);
    const CurlCall anthropic =
        parseCurl(snippet(QStringLiteral("connectCurlAnthropic")), QString());
    QCOMPARE(anthropic.url.toString(), engine_->proxyUrl() + QStringLiteral("/v1/messages"));
    QCOMPARE(send(anthropic), 200);
}

void TestConnectPanel::keyCreatedForAClientIsShownOnceAndWorks() {
    start(false);
    showClient(QStringLiteral("claudeCode"));
    auto* create = find<QPushButton>(QStringLiteral("connectCreateKeyButton"));
    QTRY_VERIFY(create->isEnabled());
    QVERIFY(create->text().contains(QStringLiteral("Claude Code")));
    QTest::mouseClick(create, Qt::LeftButton);

    static const QRegularExpression exported(
        QStringLiteral("^export SIGNALBOX_API_KEY=(sbk-[A-Za-z0-9_-]+)$"),
        QRegularExpression::MultilineOption);
    QTRY_VERIFY(exported.match(snippet(QStringLiteral("connectClaudeCodeSetup"))).hasMatch());
    const QString secret =
        exported.match(snippet(QStringLiteral("connectClaudeCodeSetup"))).captured(1);
    const auto entry = engine_->governance().keys().find(secret.toLatin1());
    QVERIFY(entry);
    QCOMPARE(entry->key.name, QStringLiteral("claude-code"));
    QVERIFY(snippet(QStringLiteral("connectClaudeCodeSetup"))
                .contains(QStringLiteral("export ANTHROPIC_AUTH_TOKEN=\"$SIGNALBOX_API_KEY\"\n")));
    QVERIFY(find<QCheckBox>(QStringLiteral("connectUseKeyCheck"))->isChecked());
    auto* combo = find<QComboBox>(QStringLiteral("connectKeyCombo"));
    QCOMPARE(combo->currentData().toString(), entry->key.id);
    auto* warning = find<QLabel>(QStringLiteral("connectSecretWarning"));
    QVERIFY(warning->isVisible());
    QVERIFY(warning->text().contains(QStringLiteral("only time")));

    // The key works with the snippets, on both surfaces.
    const CurlCall openAi = parseCurl(snippet(QStringLiteral("connectCurlOpenAi")), secret);
    QVERIFY(openAi.headers.contains({"Authorization", "Bearer " + secret.toLatin1()}));
    QCOMPARE(send(openAi), 200);
    const CurlCall anthropic = parseCurl(snippet(QStringLiteral("connectCurlAnthropic")), secret);
    QVERIFY(anthropic.headers.contains({"x-api-key", secret.toLatin1()}));
    QCOMPARE(send(anthropic), 200);

    // A second key for the same client gets a name of its own.
    QTRY_VERIFY(create->isEnabled());
    QTest::mouseClick(create, Qt::LeftButton);
    QTRY_VERIFY(!snippet(QStringLiteral("connectClaudeCodeSetup")).contains(secret));
    QTRY_VERIFY(exported.match(snippet(QStringLiteral("connectClaudeCodeSetup"))).hasMatch());
    const QString second =
        exported.match(snippet(QStringLiteral("connectClaudeCodeSetup"))).captured(1);
    QCOMPARE(engine_->governance().keys().find(second.toLatin1())->key.name,
             QStringLiteral("claude-code-2"));

    // Choosing another key ends the showing: only its name remains.
    combo->setCurrentIndex(combo->findData(entry->key.id));
    for (const QString& name : kSnippets)
        QVERIFY2(!snippet(name).contains(second), qPrintable(name));
    QVERIFY(snippet(QStringLiteral("connectClaudeCodeSetup"))
                .startsWith(QStringLiteral("# Set SIGNALBOX_API_KEY to the secret of the virtual "
                                           "key \"claude-code\" (sbk-…")));
    QVERIFY(!warning->isVisible());

    // So does leaving the panel; a key created on another tab is named for that client.
    showClient(QStringLiteral("openAiPython"));
    QTRY_VERIFY(create->text().contains(QStringLiteral("OpenAI Python")));
    QTest::mouseClick(create, Qt::LeftButton);
    QTRY_VERIFY(exported.match(snippet(QStringLiteral("connectOpenAiPythonSetup"))).hasMatch());
    const QString third =
        exported.match(snippet(QStringLiteral("connectOpenAiPythonSetup"))).captured(1);
    QCOMPARE(engine_->governance().keys().find(third.toLatin1())->key.name,
             QStringLiteral("openai-python"));
    QVERIFY(snippet(QStringLiteral("connectOpenAiPythonCode"))
                .contains(QStringLiteral("api_key=os.environ[\"SIGNALBOX_API_KEY\"]")));
    auto* panel = find<ConnectPanel>(QStringLiteral("connectPanel"));
    panel->hide();
    panel->show();
    for (const QString& name : kSnippets)
        QVERIFY2(!snippet(name).contains(third), qPrintable(name));
}

void TestConnectPanel::requiredKeysAreReadFromTheVariable() {
    start(true);
    auto* useKey = find<QCheckBox>(QStringLiteral("connectUseKeyCheck"));
    QVERIFY(useKey->isChecked());
    QVERIFY(!useKey->isEnabled());
    QVERIFY(find<QLabel>(QStringLiteral("connectKeyLabel"))
                ->text()
                .contains(QStringLiteral("SIGNALBOX_API_KEY")));
    QTRY_COMPARE(find<QComboBox>(QStringLiteral("connectKeyCombo"))->currentText(),
                 QStringLiteral("No keys yet"));
    for (const QString& name : kSnippets) {
        QVERIFY2(snippet(name).contains(QStringLiteral("SIGNALBOX_API_KEY")), qPrintable(name));
        QVERIFY2(!snippet(name).contains(QStringLiteral("not-needed")), qPrintable(name));
    }
    QVERIFY(snippet(QStringLiteral("connectOpenAiNodeCode"))
                .contains(QStringLiteral("apiKey: process.env.SIGNALBOX_API_KEY,")));
    QVERIFY(snippet(QStringLiteral("connectAnthropicPythonSetup"))
                .contains(QStringLiteral("export ANTHROPIC_API_KEY=\"$SIGNALBOX_API_KEY\"")));

    // Without a key the proxy refuses the snippet's request; with one it serves it.
    const QString curl = snippet(QStringLiteral("connectCurlOpenAi"));
    QCOMPARE(send(parseCurl(curl, QString())), 401);
    KeyChanges settings;
    settings.name = QStringLiteral("ci");
    QByteArray secret;
    engine_->governance().keyService().create(settings, this,
                                              [&](std::optional<KeyReport> report, const QString&) {
                                                  if (report)
                                                      secret = report->secret;
                                              });
    QTRY_VERIFY(!secret.isEmpty());
    QCOMPARE(send(parseCurl(curl, QString::fromLatin1(secret))), 200);
}

void TestConnectPanel::screenshot() {
    start(false);
    showClient(QStringLiteral("claudeCode"));
    QTRY_VERIFY(find<QPushButton>(QStringLiteral("connectCreateKeyButton"))->isEnabled());
    // The page is laid out once shown: every line of the setup in view.
    const auto* setup = find<SnippetView>(QStringLiteral("connectClaudeCodeSetup"));
    QTRY_VERIFY(setup->height() >= setup->sizeHint().height());
    const QString dir = qEnvironmentVariable("SIGNALBOX_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(find<ConnectPanel>(QStringLiteral("connectPanel"))
                    ->grab()
                    .save(QDir(dir).filePath(QStringLiteral("connect.png")), "PNG"));
    }
}

QTEST_MAIN(TestConnectPanel)
#include "tst_connectpanel.moc"
