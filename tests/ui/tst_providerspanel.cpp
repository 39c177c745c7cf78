#include "config/Config.h"
#include "engine/Engine.h"
#include "providers/ProvidersPanel.h"
#include "secrets/KeyResolver.h"
#include "secrets/KeyStore.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>
#include <optional>

using namespace signalbox;

// The panel against a real engine (proxy on a free loopback port, config in a temporary
// file) and a real keychain: CTest runs this under dbus-run-session with gnome-keyring
// (tests/with-keyring.sh) in Xvfb. Widgets are found by object name; waits are on
// conditions only.
class TestProvidersPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void kindFieldsFollowTheKind();
    void simulatedProviderRoundTrip();
    void unreachableProviderIsReportedInWords();
    void invalidConfigIsRefusedInWords();

private:
    template <typename T>
    T* find(const QString& objectName) const {
        T* widget = panel_->findChild<T*>(objectName);
        if (!widget)
            qWarning("no widget named %s", qPrintable(objectName));
        return widget;
    }
    void click(const QString& button) {
        QTest::mouseClick(find<QPushButton>(button), Qt::LeftButton);
    }
    void type(const QString& edit, const QString& text) {
        auto* line = find<QLineEdit>(edit);
        line->clear();
        QTest::keyClicks(line, text);
    }
    void addProvider(const QString& kind, const QString& id, const QString& baseUrl,
                     const QString& models);
    QString fileText() const;
    std::optional<KeyResult> readKeychain(const QString& name);
    void saveScreenshot(QWidget* widget, const QString& fileName);

    QTemporaryDir dir_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<ProvidersPanel> panel_;
    QByteArray nextSecret_;
    QStringList questions_;
};

void TestProvidersPanel::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
}

void TestProvidersPanel::init() {
    engine_ = std::make_unique<Engine>();
    auto config = std::make_shared<Config>();
    config->listen.port = 0;
    config->sourcePath = dir_.filePath(QStringLiteral("signalbox.yaml"));
    engine_->setConfig(config);
    QString error;
    QVERIFY2(engine_->saveConfig(&error), qPrintable(error));
    engine_->startProxy();
    QTRY_COMPARE_WITH_TIMEOUT(engine_->proxyState(), Engine::ProxyState::Running, 10'000);

    panel_ = std::make_unique<ProvidersPanel>(*engine_);
    panel_->setConfirmation([this](const QString& question) {
        questions_ << question;
        return true;
    });
    panel_->setSecretPrompt([this](const QString&) { return std::optional(nextSecret_); });
    panel_->resize(1100, 640);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
}

void TestProvidersPanel::cleanup() {
    panel_.reset();
    engine_->stopProxy();
    engine_.reset();
    questions_.clear();
}

void TestProvidersPanel::addProvider(const QString& kind, const QString& id, const QString& baseUrl,
                                     const QString& models) {
    click(QStringLiteral("newProviderButton"));
    auto* kinds = find<QComboBox>(QStringLiteral("providerKindCombo"));
    const int index = kinds->findText(kind);
    QVERIFY(index >= 0);
    kinds->setCurrentIndex(index);
    type(QStringLiteral("providerIdEdit"), id);
    if (!baseUrl.isEmpty())
        type(QStringLiteral("providerBaseUrlEdit"), baseUrl);
    type(QStringLiteral("providerModelsEdit"), models);
    click(QStringLiteral("saveProviderButton"));
    QVERIFY2(find<QLabel>(QStringLiteral("providersErrorLabel"))->text().isEmpty(),
             qPrintable(find<QLabel>(QStringLiteral("providersErrorLabel"))->text()));
}

QString TestProvidersPanel::fileText() const {
    QFile file(engine_->config()->sourcePath);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

std::optional<KeyResult> TestProvidersPanel::readKeychain(const QString& name) {
    std::optional<KeyResult> answer;
    KeyStore* store = engine_->keys().store(QStringLiteral("keychain"));
    if (!store)
        return answer;
    store->read(name, [&answer](KeyResult r) { answer = std::move(r); });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 15'000); }();
    return answer;
}

void TestProvidersPanel::saveScreenshot(QWidget* widget, const QString& fileName) {
    const QString dir = qEnvironmentVariable("SIGNALBOX_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(widget->grab().save(QDir(dir).filePath(fileName), "PNG"));
    }
}

void TestProvidersPanel::kindFieldsFollowTheKind() {
    auto* kinds = find<QComboBox>(QStringLiteral("providerKindCombo"));
    auto* baseUrl = find<QLineEdit>(QStringLiteral("providerBaseUrlEdit"));
    auto* apiVersion = find<QLineEdit>(QStringLiteral("providerApiVersionEdit"));
    // Every kind the engine has can be picked.
    for (const char* kind : {"openai", "anthropic", "azure-openai", "simulated"})
        QVERIFY2(kinds->findText(QLatin1StringView(kind)) >= 0, kind);

    kinds->setCurrentText(QStringLiteral("openai"));
    QCOMPARE(baseUrl->placeholderText(), QStringLiteral("https://api.openai.com/v1"));
    QVERIFY(baseUrl->isEnabled());
    QVERIFY(!apiVersion->isVisible());

    kinds->setCurrentText(QStringLiteral("azure-openai"));
    QVERIFY(apiVersion->isVisible());
    QVERIFY(!apiVersion->placeholderText().isEmpty());

    kinds->setCurrentText(QStringLiteral("simulated"));
    QVERIFY(!baseUrl->isEnabled());
    QVERIFY(!apiVersion->isVisible());
}

void TestProvidersPanel::simulatedProviderRoundTrip() {
    addProvider(QStringLiteral("simulated"), QStringLiteral("sim"), {}, QStringLiteral("echo"));
    QVERIFY(engine_->config()->providers.count(QStringLiteral("sim")) == 1);
    QCOMPARE(engine_->config()->providers.at(QStringLiteral("sim")).kind,
             QStringLiteral("simulated"));
    QVERIFY2(fileText().contains(QStringLiteral("sim:")), qPrintable(fileText()));
    auto* list = find<QTreeWidget>(QStringLiteral("providersList"));
    QCOMPARE(list->topLevelItemCount(), 1);
    QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("sim"));
    QCOMPARE(list->topLevelItem(0)->text(3), QStringLiteral("0"));

    // A key goes to the keychain; the config only names it.
    const QByteArray secret = "sk-sim-secret-0123456789wxyz";
    nextSecret_ = secret;
    click(QStringLiteral("addKeyButton"));
    const QString ref = QStringLiteral("keychain:signalbox-sim-1");
    QTRY_COMPARE_WITH_TIMEOUT(engine_->config()->providers.at(QStringLiteral("sim")).keyRefs,
                              QStringList{ref}, 15'000);
    QVERIFY2(fileText().contains(ref), qPrintable(fileText()));
    QVERIFY(!fileText().contains(QString::fromUtf8(secret)));
    QVERIFY(!fileText().contains(QStringLiteral("0123456789wxyz")));
    std::optional<KeyResult> stored = readKeychain(QStringLiteral("signalbox-sim-1"));
    QVERIFY(stored && stored->ok);
    QCOMPARE(stored->secret, secret);
    QCOMPARE(list->topLevelItem(0)->text(3), QStringLiteral("1"));

    // Masked until revealed.
    auto* keys = find<QTreeWidget>(QStringLiteral("providerKeysList"));
    QCOMPARE(keys->topLevelItemCount(), 1);
    QCOMPARE(keys->topLevelItem(0)->text(0), ref);
    QTRY_COMPARE_WITH_TIMEOUT(keys->topLevelItem(0)->text(1), QStringLiteral("••••wxyz"), 15'000);
    keys->setCurrentItem(keys->topLevelItem(0));
    click(QStringLiteral("revealKeyButton"));
    QTRY_COMPARE_WITH_TIMEOUT(keys->topLevelItem(0)->text(1), QString::fromUtf8(secret), 15'000);
    click(QStringLiteral("revealKeyButton"));
    QCOMPARE(keys->topLevelItem(0)->text(1), QStringLiteral("••••wxyz"));

    // A second key, then removed again: from the config and from the keychain.
    nextSecret_ = "sk-sim-second-key-5678";
    click(QStringLiteral("addKeyButton"));
    QTRY_COMPARE_WITH_TIMEOUT(engine_->config()->providers.at(QStringLiteral("sim")).keyRefs.size(),
                              2, 15'000);
    QTRY_COMPARE_WITH_TIMEOUT(keys->topLevelItemCount(), 2, 15'000);
    QCOMPARE(keys->topLevelItem(1)->text(0), QStringLiteral("keychain:signalbox-sim-2"));
    keys->setCurrentItem(keys->topLevelItem(1));
    click(QStringLiteral("removeKeyButton"));
    QCOMPARE(questions_.size(), 1);
    QCOMPARE(engine_->config()->providers.at(QStringLiteral("sim")).keyRefs, QStringList{ref});
    QVERIFY(!fileText().contains(QStringLiteral("signalbox-sim-2")));
    QTRY_VERIFY_WITH_TIMEOUT(!readKeychain(QStringLiteral("signalbox-sim-2")).value().ok, 15'000);

    // A second provider, then back to the first by clicking it in the list.
    addProvider(QStringLiteral("anthropic"), QStringLiteral("claude"), {},
                QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(list->topLevelItemCount(), 2);
    QCOMPARE(keys->topLevelItemCount(), 0);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualItemRect(list->topLevelItem(1)).center());
    QCOMPARE(find<QLineEdit>(QStringLiteral("providerIdEdit"))->text(), QStringLiteral("sim"));
    QCOMPARE(keys->topLevelItemCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(keys->topLevelItem(0)->text(1), QStringLiteral("••••wxyz"), 15'000);

    // A real call through the proxy.
    auto* result = find<QLabel>(QStringLiteral("providerTestLabel"));
    click(QStringLiteral("testProviderButton"));
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("OK")), 20'000);
    QVERIFY2(result->text().contains(QStringLiteral(" ms")), qPrintable(result->text()));
    saveScreenshot(panel_.get(), QStringLiteral("providers.png"));

    // Removed, with its keychain entry.
    click(QStringLiteral("removeProviderButton"));
    QCOMPARE(questions_.size(), 2);
    QCOMPARE(engine_->config()->providers.count(QStringLiteral("sim")), 0u);
    QCOMPARE(engine_->config()->providers.size(), 1u);
    QVERIFY(!fileText().contains(QStringLiteral("sim:")));
    QVERIFY(fileText().contains(QStringLiteral("claude:")));
    QCOMPARE(list->topLevelItemCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!readKeychain(QStringLiteral("signalbox-sim-1")).value().ok, 15'000);
}

void TestProvidersPanel::unreachableProviderIsReportedInWords() {
    // A port that was free a moment ago: nothing listens there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();

    addProvider(QStringLiteral("openai"), QStringLiteral("dead"),
                QStringLiteral("http://127.0.0.1:%1/v1").arg(port), QStringLiteral("gpt-4o-mini"));
    QCOMPARE(engine_->config()->providers.at(QStringLiteral("dead")).baseUrl,
             QStringLiteral("http://127.0.0.1:%1/v1").arg(port));
    nextSecret_ = "sk-dead-0000abcd";
    click(QStringLiteral("addKeyButton"));
    QTRY_COMPARE_WITH_TIMEOUT(
        engine_->config()->providers.at(QStringLiteral("dead")).keyRefs.size(), 1, 15'000);
    auto* result = find<QLabel>(QStringLiteral("providerTestLabel"));
    click(QStringLiteral("testProviderButton"));
    QTRY_VERIFY_WITH_TIMEOUT(
        !result->text().isEmpty() && !result->text().startsWith(QStringLiteral("Testing")), 30'000);
    QVERIFY2(result->text().startsWith(QStringLiteral("Unreachable")), qPrintable(result->text()));
    click(QStringLiteral("removeProviderButton"));
    QVERIFY(engine_->config()->providers.empty());
}

void TestProvidersPanel::invalidConfigIsRefusedInWords() {
    // Azure has no default endpoint: without a base URL the config would be refused.
    click(QStringLiteral("newProviderButton"));
    find<QComboBox>(QStringLiteral("providerKindCombo"))
        ->setCurrentText(QStringLiteral("azure-openai"));
    type(QStringLiteral("providerIdEdit"), QStringLiteral("azure"));
    click(QStringLiteral("saveProviderButton"));
    auto* error = find<QLabel>(QStringLiteral("providersErrorLabel"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(QStringLiteral("Not saved")), qPrintable(error->text()));
    QVERIFY(engine_->config()->providers.empty());
    QVERIFY(!fileText().contains(QStringLiteral("azure")));

    type(QStringLiteral("providerIdEdit"), QStringLiteral("two words"));
    click(QStringLiteral("saveProviderButton"));
    QVERIFY(error->text().contains(QStringLiteral("without spaces")));
}

QTEST_MAIN(TestProvidersPanel)
#include "tst_providerspanel.moc"
