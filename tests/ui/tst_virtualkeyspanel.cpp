#include "config/Config.h"
#include "engine/Engine.h"
#include "engine/RequestLog.h"
#include "governance/Governance.h"
#include "governance/KeyDirectory.h"
#include "governance/KeyService.h"
#include "store/RequestStore.h"
#include "virtualkeys/VirtualKeysModel.h"
#include "virtualkeys/VirtualKeysPanel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QVBoxLayout>

#include <memory>

using namespace signalbox;

// The Virtual Keys panel as a user meets it: a real engine with a temporary data dir,
// the panel in a shown window, widgets found by object name, waits on conditions only.
class TestVirtualKeysPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void emptyStateTellsHowKeysAreUsed();
    void createdKeyIsShownOnceCopiedAndWorks();
    void dialogValidatesAsYouType();
    void revokeAsksThenMarksTheKeyRevoked();
    void panelWithoutDataDirSaysSo();
    void screenshotWithKeys();

private:
    void makeWindow(bool withDataDir);
    template <typename T>
    T* find(const QString& objectName) const {
        return host_->findChild<T*>(objectName);
    }
    QDialog* openDialog();
    int rowNamed(const QString& name) const;
    QString cell(int row, int column) const;
    QString createKey(KeyChanges settings);  // through the service; returns the id

    std::unique_ptr<QTemporaryDir> dataDir_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<QWidget> host_;
    VirtualKeysPanel* panel_ = nullptr;
};

void TestVirtualKeysPanel::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
}

void TestVirtualKeysPanel::init() {
    makeWindow(true);
}

void TestVirtualKeysPanel::makeWindow(bool withDataDir) {
    host_.reset();
    engine_ = std::make_unique<Engine>();
    auto config = std::make_shared<Config>();
    config->listen.port = 0;
    engine_->setConfig(config);
    if (withDataDir) {
        dataDir_ = std::make_unique<QTemporaryDir>();
        QVERIFY(dataDir_->isValid());
        engine_->setDataDir(dataDir_->path());
    }
    host_ = std::make_unique<QWidget>();
    auto* layout = new QVBoxLayout(host_.get());
    layout->setContentsMargins(0, 0, 0, 0);
    panel_ = new VirtualKeysPanel(*engine_, host_.get());
    layout->addWidget(panel_);
    host_->resize(1240, 520);
    host_->show();
    host_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(host_.get()));
}

void TestVirtualKeysPanel::cleanup() {
    host_.reset();
    if (engine_)
        engine_->governance().keyService().waitForIdle();
    engine_.reset();
    dataDir_.reset();
}

QDialog* TestVirtualKeysPanel::openDialog() {
    auto* button = find<QPushButton>(QStringLiteral("newKeyButton"));
    if (!button || !button->isEnabled())
        return nullptr;
    QTest::mouseClick(button, Qt::LeftButton);
    auto* dialog = panel_->findChild<QDialog*>(QStringLiteral("newKeyDialog"));
    return dialog && dialog->isVisible() ? dialog : nullptr;
}

int TestVirtualKeysPanel::rowNamed(const QString& name) const {
    const QAbstractItemModel* model = find<QTableView>(QStringLiteral("virtualKeysTable"))->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, VirtualKeysModel::Name).data().toString() == name)
            return row;
    }
    return -1;
}

QString TestVirtualKeysPanel::cell(int row, int column) const {
    return find<QTableView>(QStringLiteral("virtualKeysTable"))
        ->model()
        ->index(row, column)
        .data()
        .toString();
}

QString TestVirtualKeysPanel::createKey(KeyChanges settings) {
    QString id;
    QString failure;
    bool answered = false;
    engine_->governance().keyService().create(
        std::move(settings), this, [&](std::optional<KeyReport> report, const QString& error) {
            answered = true;
            failure = error;
            if (report)
                id = report->key.id;
        });
    [&] { QTRY_VERIFY(answered); }();
    if (!answered || !failure.isEmpty())
        qWarning("%s", qPrintable(failure));
    return id;
}

void TestVirtualKeysPanel::emptyStateTellsHowKeysAreUsed() {
    auto* empty = find<QLabel>(QStringLiteral("keysEmptyLabel"));
    QVERIFY(empty);
    QTRY_VERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("API key")));
    QVERIFY(empty->text().contains(QStringLiteral("loopback")));
    QVERIFY(!find<QTableView>(QStringLiteral("virtualKeysTable"))->isVisible());
    QVERIFY(!find<QPushButton>(QStringLiteral("revokeButton"))->isEnabled());
}

void TestVirtualKeysPanel::createdKeyIsShownOnceCopiedAndWorks() {
    QPointer<QDialog> dialog = openDialog();
    QVERIFY(dialog);
    auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("keyNameEdit"));
    QVERIFY(name);
    QTest::keyClicks(name, QStringLiteral("search-backend"));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("keyModelsEdit")),
                     QStringLiteral("fast, openai/*"));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("keyBudgetEdit")),
                     QStringLiteral("10"));
    auto* create = dialog->findChild<QPushButton*>(QStringLiteral("createKeyButton"));
    QVERIFY(create->isEnabled());
    QTest::mouseClick(create, Qt::LeftButton);

    auto* secretField = dialog->findChild<QLineEdit*>(QStringLiteral("keySecretField"));
    QVERIFY(secretField);
    QTRY_VERIFY(secretField->isVisible() && !secretField->text().isEmpty());
    const QString secret = secretField->text();
    QVERIFY(secret.startsWith(QStringLiteral("sbk-")));
    QVERIFY(secretField->isReadOnly());
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("keySecretWarning"))
                ->text()
                .contains(QStringLiteral("only time")));

    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("copySecretButton")),
                      Qt::LeftButton);
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), secret);

    // The proxy knows the key at once.
    const auto entry = engine_->governance().keys().find(secret.toLatin1());
    QVERIFY(entry);
    QCOMPARE(entry->key.name, QStringLiteral("search-backend"));
    QCOMPARE(entry->key.routes, (QStringList{QStringLiteral("fast"), QStringLiteral("openai/*")}));
    QCOMPARE(entry->key.budgetUsd, std::optional<double>(10.0));

    // The table has it, by its hint only; closing the dialog wipes and deletes the secret.
    QTRY_VERIFY(rowNamed(QStringLiteral("search-backend")) >= 0);
    const int row = rowNamed(QStringLiteral("search-backend"));
    QCOMPARE(cell(row, VirtualKeysModel::Key), QStringLiteral("sbk-…") + secret.right(4));
    QCOMPARE(cell(row, VirtualKeysModel::Status), QStringLiteral("active"));
    QCOMPARE(cell(row, VirtualKeysModel::Budget), QStringLiteral("$0.00 of $10.00 / month"));
    QCOMPARE(cell(row, VirtualKeysModel::Models), QStringLiteral("fast, openai/*"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("closeKeyDialogButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(dialog.isNull());
    for (const QLineEdit* edit : host_->findChildren<QLineEdit*>())
        QVERIFY(!edit->text().contains(secret));
    QVERIFY(find<QTableView>(QStringLiteral("virtualKeysTable"))->isVisible());
}

void TestVirtualKeysPanel::dialogValidatesAsYouType() {
    auto* refresh = find<QPushButton>(QStringLiteral("refreshButton"));
    refresh->setFocus();
    QTRY_VERIFY(refresh->hasFocus());
    QTest::keyClick(refresh, Qt::Key_N, Qt::ControlModifier);
    QPointer<QDialog> dialog = panel_->findChild<QDialog*>(QStringLiteral("newKeyDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto* create = dialog->findChild<QPushButton*>(QStringLiteral("createKeyButton"));
    auto* problem = dialog->findChild<QLabel*>(QStringLiteral("keyProblemLabel"));
    auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("keyNameEdit"));
    auto* budget = dialog->findChild<QLineEdit*>(QStringLiteral("keyBudgetEdit"));

    // An empty name: nothing to create, and the reason is shown.
    QVERIFY(!create->isEnabled());
    QVERIFY(problem->isVisible());
    QVERIFY(problem->text().contains(QStringLiteral("name")));

    QTest::keyClicks(name, QStringLiteral("alice"));
    QVERIFY(create->isEnabled());
    QVERIFY(!problem->isVisible());

    QTest::keyClicks(budget, QStringLiteral("ten"));
    QVERIFY(!create->isEnabled());
    QVERIFY(problem->text().contains(QStringLiteral("budget")));
    budget->clear();
    QTest::keyClicks(budget, QStringLiteral("-5"));
    QVERIFY(!create->isEnabled());
    budget->clear();
    QTest::keyClicks(budget, QStringLiteral("12.50"));
    QVERIFY(create->isEnabled());

    name->clear();
    QTest::keyClicks(name, QStringLiteral("   "));
    QVERIFY(!create->isEnabled());

    // Cancel creates nothing.
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("cancelKeyButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(dialog.isNull());
    QVERIFY(engine_->governance().keys().all().empty());
}

void TestVirtualKeysPanel::revokeAsksThenMarksTheKeyRevoked() {
    KeyChanges settings;
    settings.name = QStringLiteral("ci-runner");
    const QString id = createKey(settings);
    QVERIFY(!id.isEmpty());
    QTest::mouseClick(find<QPushButton>(QStringLiteral("refreshButton")), Qt::LeftButton);
    QTRY_VERIFY(rowNamed(QStringLiteral("ci-runner")) >= 0);

    auto* table = find<QTableView>(QStringLiteral("virtualKeysTable"));
    auto* revoke = find<QPushButton>(QStringLiteral("revokeButton"));
    QVERIFY(!revoke->isEnabled());
    table->selectRow(rowNamed(QStringLiteral("ci-runner")));
    QVERIFY(revoke->isEnabled());

    // Declined: nothing changes.
    QStringList asked;
    panel_->setRevokeConfirmation([&](const QString& name) {
        asked << name;
        return false;
    });
    QTest::mouseClick(revoke, Qt::LeftButton);
    QCOMPARE(asked, QStringList{QStringLiteral("ci-runner")});
    QVERIFY(!engine_->governance().keys().byId(id)->key.revoked());

    // Confirmed, from the Delete key.
    panel_->setRevokeConfirmation([&](const QString& name) {
        asked << name;
        return true;
    });
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Delete);
    QCOMPARE(asked.size(), 2);
    QTRY_COMPARE(cell(rowNamed(QStringLiteral("ci-runner")), VirtualKeysModel::Status),
                 QStringLiteral("revoked"));
    QVERIFY(engine_->governance().keys().byId(id)->key.revoked());
    QTRY_VERIFY(!revoke->isEnabled());
    QVERIFY(!find<QLabel>(QStringLiteral("keysErrorLabel"))->isVisible());
}

void TestVirtualKeysPanel::panelWithoutDataDirSaysSo() {
    cleanup();
    makeWindow(false);
    auto* unavailable = find<QLabel>(QStringLiteral("keysUnavailableLabel"));
    QVERIFY(unavailable);
    QVERIFY(unavailable->isVisible());
    QVERIFY(unavailable->text().contains(QStringLiteral("data folder")));
    QVERIFY(unavailable->text().contains(QStringLiteral("--data-dir")));
    QVERIFY(!find<QPushButton>(QStringLiteral("newKeyButton"))->isEnabled());
    QVERIFY(!find<QPushButton>(QStringLiteral("revokeButton"))->isEnabled());
    QTest::keyClick(panel_, Qt::Key_N, Qt::ControlModifier);
    QVERIFY(!panel_->findChild<QDialog*>(QStringLiteral("newKeyDialog")));
}

void TestVirtualKeysPanel::screenshotWithKeys() {
    KeyChanges search;
    search.name = QStringLiteral("search-backend");
    search.routes = QStringList{QStringLiteral("fast"), QStringLiteral("openai/*")};
    search.budgetUsd = std::optional<double>(10.0);
    search.period = BudgetPeriod::Month;
    search.rpm = 120;
    search.tpm = 200'000;
    const QString searchId = createKey(search);
    KeyChanges alice;
    alice.name = QStringLiteral("alice");
    alice.budgetUsd = std::optional<double>(2.0);
    alice.period = BudgetPeriod::Day;
    alice.expiresAtMs = QDateTime::currentDateTime().addDays(30).toMSecsSinceEpoch();
    const QString aliceId = createKey(alice);
    KeyChanges old;
    old.name = QStringLiteral("old-laptop");
    const QString oldId = createKey(old);
    QVERIFY(!searchId.isEmpty() && !aliceId.isEmpty() && !oldId.isEmpty());

    // Spend, as the proxy logs it.
    RequestStore* store = engine_->requestLog().store();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    int logged = 0;
    const auto spend = [&](const QString& keyId, double usd) {
        RequestRecord record;
        record.id = "sb-" + QByteArray::number(++logged, 16).rightJustified(16, '0');
        record.startedAt = now;
        record.finishedAt = now;
        record.surface = "openai.chat";
        record.route = QStringLiteral("fast");
        record.status = 200;
        record.costUsd = usd;
        record.inputTokens = 1200;
        record.outputTokens = 300;
        record.virtualKeyId = keyId;
        store->submit(record);
    };
    spend(searchId, 3.20);
    spend(searchId, 1.05);
    spend(aliceId, 1.91);
    QVERIFY(store->waitUntilWritten(10'000));

    bool revoked = false;
    engine_->governance().keyService().revoke(
        oldId, this, [&](std::optional<KeyReport>, const QString&) { revoked = true; });
    QTRY_VERIFY(revoked);

    auto* refresh = find<QPushButton>(QStringLiteral("refreshButton"));
    refresh->setFocus();
    QTRY_VERIFY(refresh->hasFocus());
    QTest::keyClick(refresh, Qt::Key_F5);
    QTRY_COMPARE(cell(rowNamed(QStringLiteral("search-backend")), VirtualKeysModel::Budget),
                 QStringLiteral("$4.25 of $10.00 / month"));
    QCOMPARE(cell(rowNamed(QStringLiteral("alice")), VirtualKeysModel::Budget),
             QStringLiteral("$1.91 of $2.00 / day"));
    QCOMPARE(cell(rowNamed(QStringLiteral("old-laptop")), VirtualKeysModel::Status),
             QStringLiteral("revoked"));
    find<QTableView>(QStringLiteral("virtualKeysTable"))
        ->selectRow(rowNamed(QStringLiteral("search-backend")));

    const QString dir = qEnvironmentVariable("SIGNALBOX_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(panel_->grab().save(QDir(dir).filePath(QStringLiteral("virtualkeys.png")), "PNG"));
    }
}

QTEST_MAIN(TestVirtualKeysPanel)
#include "tst_virtualkeyspanel.moc"
