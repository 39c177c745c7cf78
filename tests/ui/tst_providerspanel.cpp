#include "config/Config.h"
#include "engine/Engine.h"
#include "providers/AddKeyDialog.h"
#include "providers/ProvidersPanel.h"
#include "secrets/KeyResolver.h"
#include "secrets/KeyStore.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
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
    void testWaitsForTheProxyToTakeASave();
    void unsavedEditsAskBeforeTheyAreLost();
    void envAndFileKeysAreNamedNotHeld();
    void keyWeightsAreEditedInTheList();
    void keyboardDrivesThePanel();

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
    AddKeyDialog* openAddKeyDialog();
    void addKeyThroughDialog(const QString& scheme, const QString& value, int weight = 1);
    QStringList keyCells(int column) const;
    QString fileText() const;
    std::optional<KeyResult> readKeychain(const QString& name);
    void saveScreenshot(QWidget* widget, const QString& fileName);

    QTemporaryDir dir_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<ProvidersPanel> panel_;
    QStringList questions_;
    QStringList unsavedAsked_;
    ProvidersPanel::UnsavedChoice unsavedAnswer_ = ProvidersPanel::UnsavedChoice::Cancel;
};

void TestProvidersPanel::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    qputenv("SIGNALBOX_TEST_PROVIDER_KEY", "sk-env-secret-12345678");
    qunsetenv("SIGNALBOX_TEST_UNSET_KEY");
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
    panel_->setUnsavedChangesPrompt([this](const QString& name) {
        unsavedAsked_ << name;
        return unsavedAnswer_;
    });
    panel_->resize(1100, 640);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
}

void TestProvidersPanel::cleanup() {
    panel_.reset();
    engine_->stopProxy();
    engine_.reset();
    questions_.clear();
    unsavedAsked_.clear();
    unsavedAnswer_ = ProvidersPanel::UnsavedChoice::Cancel;
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

AddKeyDialog* TestProvidersPanel::openAddKeyDialog() {
    click(QStringLiteral("addKeyButton"));
    // Closed ones are deleted later; the one just opened is the visible one.
    for (AddKeyDialog* dialog : panel_->findChildren<AddKeyDialog*>()) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

void TestProvidersPanel::addKeyThroughDialog(const QString& scheme, const QString& value,
                                             int weight) {
    AddKeyDialog* dialog = openAddKeyDialog();
    QVERIFY(dialog);
    auto* kind = dialog->findChild<QComboBox*>(QStringLiteral("addKeyKindCombo"));
    kind->setCurrentIndex(kind->findData(scheme));
    QCOMPARE(kind->currentData().toString(), scheme);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("addKeyValueEdit")), value);
    dialog->findChild<QSpinBox*>(QStringLiteral("addKeyWeightSpin"))->setValue(weight);
    auto* ok = dialog->findChild<QPushButton*>(QStringLiteral("addKeyOkButton"));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
}

QStringList TestProvidersPanel::keyCells(int column) const {
    QStringList cells;
    auto* keys = panel_->findChild<QTreeWidget*>(QStringLiteral("providerKeysList"));
    for (int row = 0; row < keys->topLevelItemCount(); ++row)
        cells << keys->topLevelItem(row)->text(column);
    return cells;
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

    // A key goes to the keychain; the config only names it. While the keychain works the
    // panel says so and the key buttons rest.
    const QByteArray secret = "sk-sim-secret-0123456789wxyz";
    addKeyThroughDialog(QStringLiteral("keychain"), QString::fromUtf8(secret));
    auto* busy = find<QProgressBar>(QStringLiteral("providersBusyIndicator"));
    QVERIFY(busy->isVisible());
    QVERIFY(!find<QPushButton>(QStringLiteral("addKeyButton"))->isEnabled());
    QVERIFY(!find<QPushButton>(QStringLiteral("removeProviderButton"))->isEnabled());
    QCOMPARE(find<QLabel>(QStringLiteral("providersStatusLabel"))->text(),
             QStringLiteral("Storing the key in the keychain…"));
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
    QTRY_VERIFY(!busy->isVisible());
    QVERIFY(find<QPushButton>(QStringLiteral("addKeyButton"))->isEnabled());

    // Masked until revealed.
    auto* keys = find<QTreeWidget>(QStringLiteral("providerKeysList"));
    QCOMPARE(keys->topLevelItemCount(), 1);
    QCOMPARE(keys->topLevelItem(0)->text(0), ref);
    QCOMPARE(keys->topLevelItem(0)->text(1), QStringLiteral("1"));
    QTRY_COMPARE_WITH_TIMEOUT(keys->topLevelItem(0)->text(2), QStringLiteral("••••wxyz"), 15'000);
    keys->setCurrentItem(keys->topLevelItem(0));
    click(QStringLiteral("revealKeyButton"));
    QTRY_COMPARE_WITH_TIMEOUT(keys->topLevelItem(0)->text(2), QString::fromUtf8(secret), 15'000);
    QTRY_VERIFY(!busy->isVisible());
    click(QStringLiteral("revealKeyButton"));
    QCOMPARE(keys->topLevelItem(0)->text(2), QStringLiteral("••••wxyz"));

    // A second key, then removed again: from the config and from the keychain.
    addKeyThroughDialog(QStringLiteral("keychain"), QStringLiteral("sk-sim-second-key-5678"));
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
    QTRY_COMPARE_WITH_TIMEOUT(keys->topLevelItem(0)->text(2), QStringLiteral("••••wxyz"), 15'000);

    // A key named by an environment variable, with twice the share of calls.
    addKeyThroughDialog(QStringLiteral("env"), QStringLiteral("SIGNALBOX_TEST_PROVIDER_KEY"), 2);
    QTRY_COMPARE(keys->topLevelItemCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(keys->topLevelItem(0)->text(2), QStringLiteral("••••wxyz"), 15'000);

    // A real call through the proxy.
    auto* result = find<QLabel>(QStringLiteral("providerTestLabel"));
    QTRY_VERIFY(find<QPushButton>(QStringLiteral("testProviderButton"))->isEnabled());
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
    addKeyThroughDialog(QStringLiteral("keychain"), QStringLiteral("sk-dead-0000abcd"));
    QTRY_COMPARE_WITH_TIMEOUT(
        engine_->config()->providers.at(QStringLiteral("dead")).keyRefs.size(), 1, 15'000);
    auto* result = find<QLabel>(QStringLiteral("providerTestLabel"));
    click(QStringLiteral("testProviderButton"));
    // "Waiting…" (for the reload of the save) and "Testing…" come first.
    QTRY_VERIFY_WITH_TIMEOUT(!result->text().isEmpty() &&
                                 !result->text().startsWith(QStringLiteral("Testing")) &&
                                 !result->text().startsWith(QStringLiteral("Waiting")),
                             30'000);
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

void TestProvidersPanel::testWaitsForTheProxyToTakeASave() {
    // A keychain key makes every reload wait for the keychain: the window of the race.
    addProvider(QStringLiteral("simulated"), QStringLiteral("sim"), {}, QStringLiteral("echo"));
    addKeyThroughDialog(QStringLiteral("keychain"), QStringLiteral("sk-sim-wait-0000abcd"));
    QTRY_COMPARE_WITH_TIMEOUT(engine_->config()->providers.at(QStringLiteral("sim")).keyRefs.size(),
                              1, 15'000);

    // Saved and tested at once: the test waits for the proxy to serve the new provider,
    // where it would otherwise meet the old configuration and find no "fresh".
    click(QStringLiteral("newProviderButton"));
    find<QComboBox>(QStringLiteral("providerKindCombo"))
        ->setCurrentText(QStringLiteral("simulated"));
    type(QStringLiteral("providerIdEdit"), QStringLiteral("fresh"));
    type(QStringLiteral("providerModelsEdit"), QStringLiteral("echo"));
    click(QStringLiteral("saveProviderButton"));
    click(QStringLiteral("testProviderButton"));
    auto* result = find<QLabel>(QStringLiteral("providerTestLabel"));
    QVERIFY2(result->text().startsWith(QStringLiteral("Waiting")), qPrintable(result->text()));
    QVERIFY(!find<QPushButton>(QStringLiteral("testProviderButton"))->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("OK")), 20'000);
    QVERIFY2(result->text().contains(QStringLiteral("fresh")), qPrintable(result->text()));
    QVERIFY(find<QPushButton>(QStringLiteral("testProviderButton"))->isEnabled());

    // Nothing pending: the test starts at once.
    click(QStringLiteral("testProviderButton"));
    QVERIFY2(result->text().startsWith(QStringLiteral("Testing")), qPrintable(result->text()));
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("OK")), 20'000);
}

void TestProvidersPanel::unsavedEditsAskBeforeTheyAreLost() {
    addProvider(QStringLiteral("simulated"), QStringLiteral("a"), {}, QStringLiteral("echo"));
    addProvider(QStringLiteral("simulated"), QStringLiteral("b"), {}, QStringLiteral("echo"));
    auto* list = find<QTreeWidget>(QStringLiteral("providersList"));
    auto* id = find<QLineEdit>(QStringLiteral("providerIdEdit"));
    auto* models = find<QLineEdit>(QStringLiteral("providerModelsEdit"));
    const auto clickProvider = [&](int row) {
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(list->topLevelItem(row)).center());
    };
    QCOMPARE(id->text(), QStringLiteral("b"));
    QVERIFY(!panel_->hasUnsavedChanges());
    QVERIFY(panel_->confirmLeave());
    QVERIFY(unsavedAsked_.isEmpty());

    // Cancel: the edit stays, and so does the selection.
    type(QStringLiteral("providerModelsEdit"), QStringLiteral("echo, other"));
    QVERIFY(panel_->hasUnsavedChanges());
    clickProvider(0);
    QCOMPARE(unsavedAsked_, QStringList{QStringLiteral("b")});
    QCOMPARE(id->text(), QStringLiteral("b"));
    QCOMPARE(models->text(), QStringLiteral("echo, other"));
    QCOMPARE(list->currentItem()->text(0), QStringLiteral("b"));

    // Discard: on to the other provider; the edit never reached the config.
    unsavedAnswer_ = ProvidersPanel::UnsavedChoice::Discard;
    clickProvider(0);
    QCOMPARE(unsavedAsked_.size(), 2);
    QCOMPARE(id->text(), QStringLiteral("a"));
    QCOMPARE(list->currentItem()->text(0), QStringLiteral("a"));
    QCOMPARE(engine_->config()->providers.at(QStringLiteral("b")).models,
             QStringList{QStringLiteral("echo")});

    // Save: the edit is saved, then New provider goes ahead.
    type(QStringLiteral("providerModelsEdit"), QStringLiteral("echo, extra"));
    unsavedAnswer_ = ProvidersPanel::UnsavedChoice::Save;
    click(QStringLiteral("newProviderButton"));
    QCOMPARE(unsavedAsked_.size(), 3);
    QCOMPARE(engine_->config()->providers.at(QStringLiteral("a")).models,
             (QStringList{QStringLiteral("echo"), QStringLiteral("extra")}));
    QVERIFY(fileText().contains(QStringLiteral("extra")));
    QVERIFY(id->text().isEmpty());

    // A new provider that was typed in is an edit too; a Save that fails keeps the user.
    type(QStringLiteral("providerIdEdit"), QStringLiteral("two words"));
    clickProvider(1);
    QCOMPARE(unsavedAsked_.size(), 4);
    QCOMPARE(unsavedAsked_.last(), QStringLiteral("two words"));
    QCOMPARE(id->text(), QStringLiteral("two words"));
    QVERIFY(find<QLabel>(QStringLiteral("providersErrorLabel"))
                ->text()
                .contains(QStringLiteral("without spaces")));
    unsavedAnswer_ = ProvidersPanel::UnsavedChoice::Discard;
    QVERIFY(panel_->confirmLeave());
    QVERIFY(id->text().isEmpty());
    QVERIFY(!panel_->hasUnsavedChanges());
    QCOMPARE(engine_->config()->providers.size(), 2u);
}

void TestProvidersPanel::envAndFileKeysAreNamedNotHeld() {
    const QString keyFile = dir_.filePath(QStringLiteral("refs.key"));
    {
        QFile file(keyFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("sk-file-secret-87654321\n");
    }
    addProvider(QStringLiteral("simulated"), QStringLiteral("refs"), {}, QStringLiteral("echo"));

    // The dialog refuses what the config would.
    AddKeyDialog* dialog = openAddKeyDialog();
    QVERIFY(dialog);
    auto* kind = dialog->findChild<QComboBox*>(QStringLiteral("addKeyKindCombo"));
    kind->setCurrentIndex(kind->findData(QStringLiteral("env")));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("addKeyValueEdit")),
                     QStringLiteral("1BAD"));
    QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("addKeyOkButton"))->isEnabled());
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("addKeyProblemLabel"))
                ->text()
                .contains(QStringLiteral("letters, digits")));
    saveScreenshot(dialog, QStringLiteral("providers-addkey.png"));
    // A file that is not there yet may be named, with a note that it must come.
    kind->setCurrentIndex(kind->findData(QStringLiteral("file")));
    QVERIFY(dialog->findChild<QLineEdit*>(QStringLiteral("addKeyValueEdit"))->text().isEmpty());
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("addKeyValueEdit")),
                     dir_.filePath(QStringLiteral("later.key")));
    QVERIFY(dialog->findChild<QPushButton*>(QStringLiteral("addKeyOkButton"))->isEnabled());
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("addKeyProblemLabel"))
                ->text()
                .contains(QStringLiteral("no such file")));
    // Escape closes it, and nothing is added.
    QTest::keyClick(dialog, Qt::Key_Escape);
    QVERIFY(!dialog->isVisible());
    QVERIFY(engine_->config()->providers.at(QStringLiteral("refs")).keyRefs.isEmpty());

    addKeyThroughDialog(QStringLiteral("env"), QStringLiteral("SIGNALBOX_TEST_PROVIDER_KEY"));
    addKeyThroughDialog(QStringLiteral("file"), keyFile, 2);
    addKeyThroughDialog(QStringLiteral("env"), QStringLiteral("SIGNALBOX_TEST_UNSET_KEY"));
    const ProviderConfig& refs = engine_->config()->providers.at(QStringLiteral("refs"));
    QCOMPARE(refs.keyRefs, (QStringList{QStringLiteral("env:SIGNALBOX_TEST_PROVIDER_KEY"),
                                        QStringLiteral("file:") + keyFile,
                                        QStringLiteral("env:SIGNALBOX_TEST_UNSET_KEY")}));
    QCOMPARE(refs.keyWeights, (QList<int>{1, 2, 1}));
    QVERIFY2(fileText().contains(QStringLiteral("weight: 2")), qPrintable(fileText()));

    // Shown by reference, never the key, not even masked; a missing one says what to do.
    QTRY_COMPARE(keyCells(2).value(0), QStringLiteral("found, not shown"));
    QTRY_COMPARE(keyCells(2).value(1), QStringLiteral("found, not shown"));
    QTRY_VERIFY(keyCells(2).value(2).startsWith(QStringLiteral("cannot be read")));
    QVERIFY2(keyCells(2).value(2).contains(
                 QStringLiteral("Set SIGNALBOX_TEST_UNSET_KEY where Signalbox starts")),
             qPrintable(keyCells(2).value(2)));
    for (const QString& cell : keyCells(2)) {
        QVERIFY(!cell.contains(QStringLiteral("5678")));
        QVERIFY(!cell.contains(QStringLiteral("4321")));
    }
    QCOMPARE(keyCells(1),
             (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("1")}));
    auto* keys = find<QTreeWidget>(QStringLiteral("providerKeysList"));
    for (int row = 0; row < keys->topLevelItemCount(); ++row) {
        keys->setCurrentItem(keys->topLevelItem(row));
        QVERIFY(!find<QPushButton>(QStringLiteral("revealKeyButton"))->isEnabled());
    }

    // The same reference twice is refused with what to do instead.
    addKeyThroughDialog(QStringLiteral("env"), QStringLiteral("SIGNALBOX_TEST_PROVIDER_KEY"));
    QVERIFY(find<QLabel>(QStringLiteral("providersErrorLabel"))
                ->text()
                .contains(QStringLiteral("Change its weight")));
    QCOMPARE(engine_->config()->providers.at(QStringLiteral("refs")).keyRefs.size(), 3);

    // Removing a file key leaves the file alone.
    keys->setCurrentItem(keys->topLevelItem(1));
    click(QStringLiteral("removeKeyButton"));
    QVERIFY2(questions_.last().contains(QStringLiteral("file itself stays")),
             qPrintable(questions_.last()));
    QCOMPARE(engine_->config()->providers.at(QStringLiteral("refs")).keyWeights,
             (QList<int>{1, 1}));
    QVERIFY(QFile::exists(keyFile));
}

void TestProvidersPanel::keyWeightsAreEditedInTheList() {
    addProvider(QStringLiteral("simulated"), QStringLiteral("w"), {}, QStringLiteral("echo"));
    addKeyThroughDialog(QStringLiteral("env"), QStringLiteral("SIGNALBOX_TEST_PROVIDER_KEY"));
    addKeyThroughDialog(QStringLiteral("env"), QStringLiteral("SIGNALBOX_TEST_OTHER_KEY"));
    auto* keys = find<QTreeWidget>(QStringLiteral("providerKeysList"));
    QCOMPARE(keys->topLevelItemCount(), 2);

    // F2 on a row opens its weight; Enter saves it.
    panel_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(panel_.get()));
    keys->setFocus();
    keys->setCurrentItem(keys->topLevelItem(1));
    QTest::keyClick(keys, Qt::Key_F2);
    QSpinBox* editor = nullptr;
    QTRY_VERIFY((editor = keys->findChild<QSpinBox*>(QStringLiteral("keyWeightEditor"))));
    QCOMPARE(editor->value(), 1);
    QCOMPARE(editor->minimum(), 1);
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("5"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(engine_->config()->providers.at(QStringLiteral("w")).keyWeights,
                 (QList<int>{1, 5}));
    QVERIFY2(fileText().contains(QStringLiteral("weight: 5")), qPrintable(fileText()));
    QCOMPARE(keys->topLevelItem(1)->text(1), QStringLiteral("5"));
    QVERIFY(find<QLabel>(QStringLiteral("providersStatusLabel"))
                ->text()
                .contains(QStringLiteral("weight 5")));
}

void TestProvidersPanel::keyboardDrivesThePanel() {
    panel_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(panel_.get()));
    auto* list = find<QTreeWidget>(QStringLiteral("providersList"));
    list->setFocus();

    // Ctrl+N: a new provider, the cursor in its id.
    QTest::keyClick(list, Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("providerIdEdit"));
    find<QComboBox>(QStringLiteral("providerKindCombo"))
        ->setCurrentText(QStringLiteral("simulated"));
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("kb"));
    // Tab skips what a simulated provider does not use (base URL, API version).
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("providerModelsEdit"));
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("echo"));
    // Enter saves.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(engine_->config()->providers.count(QStringLiteral("kb")), 1u);

    // Ctrl+T tests it.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_T, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(
        find<QLabel>(QStringLiteral("providerTestLabel"))->text().startsWith(QStringLiteral("OK")),
        20'000);

    // Ctrl+S saves an edit.
    type(QStringLiteral("providerModelsEdit"), QStringLiteral("echo, more"));
    QTest::keyClick(find<QLineEdit>(QStringLiteral("providerModelsEdit")), Qt::Key_S,
                    Qt::ControlModifier);
    QCOMPARE(engine_->config()->providers.at(QStringLiteral("kb")).models.size(), 2);

    // Delete in the list removes the selected provider, after asking.
    list->setFocus();
    QCOMPARE(list->currentItem()->text(0), QStringLiteral("kb"));
    QTest::keyClick(list, Qt::Key_Delete);
    QCOMPARE(questions_.size(), 1);
    QVERIFY(engine_->config()->providers.empty());
}

QTEST_MAIN(TestProvidersPanel)
#include "tst_providerspanel.moc"
