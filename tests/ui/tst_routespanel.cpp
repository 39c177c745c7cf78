#include "../integration/ProxyClient.h"
#include "MockProvider.h"
#include "config/Config.h"
#include "config/ConfigLoader.h"
#include "engine/Engine.h"
#include "routes/RouteDraft.h"
#include "routes/RoutesPanel.h"
#include "routing/RouteDryRun.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>
#include <QUndoStack>

#include <memory>
#include <variant>
#include <vector>

using namespace signalbox;
using namespace Qt::StringLiterals;

namespace {

// moc reads this file too; it trips over raw strings, so the YAML is spelled out.
constexpr char kConfig[] =
    "listen: 127.0.0.1:0\n"
    "server: {workers: 1}\n"
    "providers:\n"
    "  oai:\n"
    "    kind: openai\n"
    "    base_url: \"OPENAI_URL\"\n"
    "    keys: [env:SB_ROUTES_KEY]\n"
    "    models: [gpt-5, gpt-5-mini, gpt-4o-mini]\n"
    "  claude:\n"
    "    kind: anthropic\n"
    "    base_url: \"ROOT_URL\"\n"
    "    keys: [env:SB_ROUTES_KEY]\n"
    "    models: [claude-sonnet-4-6, claude-haiku-4-5]\n"
    "  demo: {kind: simulated, models: [echo, flaky]}\n"
    "routes:\n"
    "  chain:\n"
    "    targets: [oai/gpt-4o-mini, claude/claude-haiku-4-5]\n";

QByteArray chat(const QByteArray& model, bool stream = false) {
    return R"({"model":")" + model + R"(","max_tokens":16,)" + (stream ? R"("stream":true,)" : "") +
           R"("messages":[{"role":"user","content":"one two three four five six"}]})";
}

// Routes as compared: declaration lines are the file's, not the route's.
std::map<QString, RouteConfig> withoutLines(std::map<QString, RouteConfig> routes) {
    for (auto& [name, route] : routes)
        route.line = 0;
    return routes;
}

}  // namespace

// The Routes panel against a real engine (proxy on a free loopback port, config in a
// temporary file) whose providers are the mock provider, speaking the real OpenAI and
// Anthropic formats. Widgets are found by object name; waits are on conditions only.
class TestRoutesPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void createRenameAndAddTargets();
    void undoRedoRestoreExactStates();
    void shortcutsUndoRedoAndSave();
    void validationAsYouType();
    void reorderByDragAndByKeyboard();
    void settingsRoundTripThroughTheFile();
    void saveReloadsTheProxyWithoutDroppingRequests();
    void dryRunShowsRetryThenNextTarget();
    void outsideChangesKeepUnsavedEdits();
    void leavingAsksAboutUnsavedEdits();
    void screenshots();

private:
    template <typename T>
    T* find(const QString& objectName) const {
        T* widget = panel_->findChild<T*>(objectName);
        if (!widget)
            qWarning("no widget named %s", qPrintable(objectName));
        return widget;
    }
    void click(const QString& button) {
        auto* b = find<QPushButton>(button);
        QVERIFY2(b->isEnabled(), qPrintable(button));
        QTest::mouseClick(b, Qt::LeftButton);
    }
    void selectRoute(const QString& name);
    void selectTarget(const QString& label);
    void addTarget(const QString& provider, const QString& model);
    void setSpin(const QString& objectName, int value);
    void typeInto(const QString& objectName, const QString& text);
    const RouteConfig& route(const QString& name) const;
    QAbstractItemModel* targetsModel() const {
        return find<QTreeView>(u"routeTargetsTree"_s)->model();
    }
    QStringList targetLabels() const;
    QString problemText() const { return find<QLabel>(u"routesProblemLabel"_s)->text(); }
    bool canSave() const { return find<QPushButton>(u"saveRoutesButton"_s)->isEnabled(); }
    void saveScreenshot(const QString& fileName);

    mock::MockProvider mock_;
    QTemporaryDir dir_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<RoutesPanel> panel_;
    test::ProxyClient client_;
};

void TestRoutesPanel::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    qputenv("SB_ROUTES_KEY", "sk-routes-test");
    QVERIFY(mock_.start());
}

void TestRoutesPanel::init() {
    mock_.state().reset();
    QByteArray yaml(kConfig);
    yaml.replace("OPENAI_URL", mock_.openAiBaseUrl().toUtf8());
    yaml.replace("ROOT_URL", mock_.baseUrl().toUtf8());
    auto loaded = ConfigLoader::loadString(yaml, u"routes.yaml"_s);
    if (auto* error = std::get_if<ConfigError>(&loaded))
        QFAIL(qPrintable(error->toString()));
    auto config = std::make_shared<Config>(std::get<Config>(std::move(loaded)));
    config->sourcePath = dir_.filePath(u"signalbox.yaml"_s);
    engine_ = std::make_unique<Engine>();
    engine_->setConfig(config);
    QString error;
    QVERIFY2(engine_->saveConfig(&error), qPrintable(error));
    engine_->startProxy();
    QTRY_COMPARE_WITH_TIMEOUT(engine_->proxyState(), Engine::ProxyState::Running, 10'000);
    client_.setPort(engine_->proxyPort());

    panel_ = std::make_unique<RoutesPanel>(*engine_);
    panel_->resize(1200, 760);
    panel_->show();
    panel_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(panel_.get()));
}

void TestRoutesPanel::cleanup() {
    panel_.reset();
    engine_->stopProxy();
    engine_.reset();
}

void TestRoutesPanel::selectRoute(const QString& name) {
    auto* list = find<QListWidget>(u"routesList"_s);
    const QList<QListWidgetItem*> items = list->findItems(name, Qt::MatchExactly);
    QCOMPARE(items.size(), 1);
    list->setCurrentItem(items.front());
    QCOMPARE(find<QLineEdit>(u"routeNameEdit"_s)->text(), name);
}

void TestRoutesPanel::selectTarget(const QString& label) {
    auto* tree = find<QTreeView>(u"routeTargetsTree"_s);
    const QModelIndexList found = tree->model()->match(
        tree->model()->index(0, 0), Qt::UserRole, label, 1, Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(found.size(), 1);
    tree->setCurrentIndex(found.front());
    QCOMPARE(find<QLabel>(u"selectedTargetLabel"_s)->text(), label);
}

void TestRoutesPanel::addTarget(const QString& provider, const QString& model) {
    auto* providers = find<QComboBox>(u"addTargetProviderCombo"_s);
    const int index = providers->findText(provider);
    QVERIFY(index >= 0);
    providers->setCurrentIndex(index);
    auto* models = find<QComboBox>(u"addTargetModelCombo"_s);
    models->lineEdit()->clear();
    QTest::keyClicks(models->lineEdit(), model);
    click(u"addTargetButton"_s);
}

void TestRoutesPanel::setSpin(const QString& objectName, int value) {
    auto* spin = find<QSpinBox>(objectName);
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, QString::number(value));
    QTest::keyClick(spin, Qt::Key_Tab);
    QCOMPARE(spin->value(), value);
}

void TestRoutesPanel::typeInto(const QString& objectName, const QString& text) {
    auto* edit = find<QLineEdit>(objectName);
    edit->setFocus();
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Delete);
    else
        QTest::keyClicks(edit, text);
}

const RouteConfig& TestRoutesPanel::route(const QString& name) const {
    const RouteDraft& draft = panel_->draft();
    const int index = draft.indexOf(name);
    if (index < 0)
        qFatal("no route %s in the draft", qPrintable(name));
    return draft.route(index);
}

QStringList TestRoutesPanel::targetLabels() const {
    // The tree as shown: groups as "[a, b]".
    QStringList labels;
    QAbstractItemModel* model = targetsModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        const QString label = index.data(Qt::UserRole).toString();  // empty for a group
        if (!label.isEmpty()) {
            labels << label;
            continue;
        }
        QStringList members;
        for (int member = 0; member < model->rowCount(index); ++member)
            members << model->index(member, 0, index).data(Qt::UserRole).toString();
        labels << u"["_s + members.join(u", "_s) + u"]"_s;
    }
    return labels;
}

void TestRoutesPanel::saveScreenshot(const QString& fileName) {
    const QString dir = qEnvironmentVariable("SIGNALBOX_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(panel_->grab().save(QDir(dir).filePath(fileName), "PNG"));
    }
}

void TestRoutesPanel::createRenameAndAddTargets() {
    QCOMPARE(find<QListWidget>(u"routesList"_s)->count(), 1);
    QVERIFY(!canSave());
    QVERIFY(!find<QLabel>(u"routesUnsavedLabel"_s)->isVisible());

    click(u"newRouteButton"_s);
    QCOMPARE(panel_->draft().count(), 2);
    auto* name = find<QLineEdit>(u"routeNameEdit"_s);
    QCOMPARE(name->text(), u"route"_s);
    QVERIFY(name->hasFocus());
    // A route without targets cannot be saved, and says so.
    QVERIFY2(problemText().contains(u"no targets"_s), qPrintable(problemText()));
    QVERIFY(!canSave());
    QVERIFY(find<QLabel>(u"routesUnsavedLabel"_s)->isVisible());

    // Typing over the selected name renames it, letter by letter.
    QTest::keyClicks(name, u"smart"_s);
    QCOMPARE(route(u"smart"_s).name, u"smart"_s);
    QCOMPARE(find<QListWidget>(u"routesList"_s)->currentItem()->text(), u"smart"_s);

    // From a provider's list, and a model the list does not hold.
    addTarget(u"claude"_s, u"claude-sonnet-4-6"_s);
    addTarget(u"oai"_s, u"gpt-5-preview"_s);
    QCOMPARE(targetLabels(), (QStringList{u"claude/claude-sonnet-4-6"_s, u"oai/gpt-5-preview"_s}));
    // A new target goes after the selected one.
    selectTarget(u"claude/claude-sonnet-4-6"_s);
    addTarget(u"demo"_s, u"echo"_s);
    QCOMPARE(targetLabels(),
             (QStringList{u"claude/claude-sonnet-4-6"_s, u"demo/echo"_s, u"oai/gpt-5-preview"_s}));
    QVERIFY2(problemText().isEmpty(), qPrintable(problemText()));
    QVERIFY(canSave());

    // Renamed again later: the list follows, the targets stay.
    typeInto(u"routeNameEdit"_s, u"smart-2"_s);
    QCOMPARE(route(u"smart-2"_s).targets.size(), size_t(3));
    QVERIFY(panel_->draft().indexOf(u"smart"_s) < 0);
    QVERIFY(
        !find<QListWidget>(u"routesList"_s)->findItems(u"smart-2"_s, Qt::MatchExactly).isEmpty());
}

void TestRoutesPanel::undoRedoRestoreExactStates() {
    const RouteDraft& draft = panel_->draft();
    std::vector<std::vector<RouteConfig>> states{draft.routes()};
    click(u"newRouteButton"_s);
    states.push_back(draft.routes());
    QTest::keyClicks(find<QLineEdit>(u"routeNameEdit"_s), u"fast"_s);
    states.push_back(draft.routes());
    addTarget(u"oai"_s, u"gpt-5-mini"_s);
    states.push_back(draft.routes());
    setSpin(u"routeRetriesSpin"_s, 3);
    states.push_back(draft.routes());
    find<QCheckBox>(u"retryBadResponseCheck"_s)->click();
    states.push_back(draft.routes());
    find<QComboBox>(u"routeStrategyCombo"_s)->setCurrentIndex(1);  // weighted
    states.push_back(draft.routes());
    QCOMPARE(route(u"fast"_s).strategy, RouteStrategy::Weighted);
    QCOMPARE(route(u"fast"_s).retries, 3);
    QVERIFY(!route(u"fast"_s).retryOn.badResponse);
    // Typing a name (four letters) and a number were one step each.
    QCOMPARE(draft.undoStack()->count(), int(states.size()) - 1);

    for (int step = int(states.size()) - 2; step >= 0; --step) {
        click(u"undoRoutesButton"_s);
        QVERIFY2(draft.routes() == states[size_t(step)], qPrintable(QString::number(step)));
    }
    QVERIFY(!find<QPushButton>(u"undoRoutesButton"_s)->isEnabled());
    QVERIFY(!panel_->hasUnsavedChanges());
    QVERIFY(!canSave());
    for (size_t step = 1; step < states.size(); ++step) {
        click(u"redoRoutesButton"_s);
        QVERIFY2(draft.routes() == states[step], qPrintable(QString::number(step)));
    }
    // The form shows the state it is in.
    QCOMPARE(find<QLineEdit>(u"routeNameEdit"_s)->text(), u"fast"_s);
    QCOMPARE(find<QSpinBox>(u"routeRetriesSpin"_s)->value(), 3);
    QVERIFY(!find<QCheckBox>(u"retryBadResponseCheck"_s)->isChecked());

    // Revert is a step too: undone, the edits are back.
    click(u"revertRoutesButton"_s);
    QVERIFY(draft.routes() == states.front());
    QVERIFY(!panel_->hasUnsavedChanges());
    click(u"undoRoutesButton"_s);
    QVERIFY(draft.routes() == states.back());
}

void TestRoutesPanel::shortcutsUndoRedoAndSave() {
    selectRoute(u"chain"_s);
    setSpin(u"routeRetriesSpin"_s, 2);
    auto* name = find<QLineEdit>(u"routeNameEdit"_s);
    name->setFocus();
    name->selectAll();
    QTest::keyClicks(name, u"cheap"_s);
    QCOMPARE(panel_->draft().route(0).name, u"cheap"_s);
    // In the field too, Ctrl+Z is the panel's: the whole rename goes back at once, and
    // then the edit before it, which the field knows nothing of.
    QTest::keyClick(name, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(panel_->draft().route(0).name, u"chain"_s);
    QCOMPARE(name->text(), u"chain"_s);
    QVERIFY(find<QPushButton>(u"redoRoutesButton"_s)->isEnabled());
    QTest::keyClick(name, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(panel_->draft().route(0).retries, 0);
    QCOMPARE(find<QSpinBox>(u"routeRetriesSpin"_s)->value(), 0);
    QVERIFY(!panel_->hasUnsavedChanges());
    QTest::keyClick(name, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QTest::keyClick(name, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(panel_->draft().route(0).retries, 2);
    QCOMPARE(panel_->draft().route(0).name, u"cheap"_s);
    QCOMPARE(name->text(), u"cheap"_s);

    QTest::keyClick(name, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(!panel_->hasUnsavedChanges());
    QCOMPARE(engine_->config()->routes.count(u"cheap"_s), size_t(1));
    QCOMPARE(engine_->config()->routes.count(u"chain"_s), size_t(0));
}

void TestRoutesPanel::validationAsYouType() {
    selectRoute(u"chain"_s);
    auto* nameProblem = find<QLabel>(u"routeNameProblem"_s);

    typeInto(u"routeNameEdit"_s, u"my route"_s);
    QVERIFY(nameProblem->isVisible());
    QVERIFY2(nameProblem->text().contains(u"space or '/'"_s), qPrintable(nameProblem->text()));
    QVERIFY(!canSave());
    QVERIFY(!find<QListWidget>(u"routesList"_s)->currentItem()->icon().isNull());

    typeInto(u"routeNameEdit"_s, QString());
    QVERIFY2(nameProblem->text().contains(u"Give the route a name"_s),
             qPrintable(nameProblem->text()));
    typeInto(u"routeNameEdit"_s, u"chain"_s);
    QVERIFY(!nameProblem->isVisible());
    QVERIFY(problemText().isEmpty());

    // Two routes of one name.
    click(u"newRouteButton"_s);
    QTest::keyClicks(find<QLineEdit>(u"routeNameEdit"_s), u"chain"_s);
    QVERIFY2(nameProblem->text().contains(u"Another route is named 'chain'"_s),
             qPrintable(nameProblem->text()));
    QVERIFY(!canSave());
    typeInto(u"routeNameEdit"_s, u"second"_s);
    QVERIFY2(problemText().contains(u"no targets"_s), qPrintable(problemText()));
    addTarget(u"oai"_s, u"gpt-5"_s);
    QVERIFY2(problemText().isEmpty(), qPrintable(problemText()));
    QVERIFY(canSave());

    // A weight under 1.
    selectTarget(u"oai/gpt-5"_s);
    setSpin(u"targetWeightSpin"_s, 0);
    QVERIFY2(problemText().contains(u"weight"_s), qPrintable(problemText()));
    QVERIFY(!canSave());
    setSpin(u"targetWeightSpin"_s, 2);
    QVERIFY(canSave());

    // The config loader's own verdict: a fallback on a provider that is not declared.
    typeInto(u"contextFallbacksEdit"_s, u"nowhere/big-model"_s);
    QVERIFY2(problemText().contains(u"nowhere"_s) && problemText().contains(u"not declared"_s),
             qPrintable(problemText()));
    QVERIFY(!canSave());
    typeInto(u"contextFallbacksEdit"_s, u"claude/claude-sonnet-4-6"_s);
    QVERIFY2(problemText().isEmpty(), qPrintable(problemText()));

    // A status that is none.
    typeInto(u"retryStatusesEdit"_s, u"408, 4o9"_s);
    auto* statusProblem = find<QLabel>(u"retryStatusesProblem"_s);
    QVERIFY(statusProblem->isVisible());
    QVERIFY2(statusProblem->text().contains(u"'4o9'"_s), qPrintable(statusProblem->text()));
    QVERIFY(!canSave());
    typeInto(u"retryStatusesEdit"_s, u"408, 409"_s);
    QVERIFY(!statusProblem->isVisible());
    QVERIFY(canSave());
    const std::vector<int> statuses{408, 409};
    QVERIFY(route(u"second"_s).retryOn.statuses == statuses);

    // A route removed while a field holds what it cannot take: the route that takes its
    // place shows its own values, and nothing stops saving.
    selectRoute(u"chain"_s);
    typeInto(u"retryStatusesEdit"_s, u"408, 409, x"_s);
    QVERIFY(statusProblem->isVisible());
    QVERIFY(!canSave());
    click(u"removeRouteButton"_s);
    QCOMPARE(find<QLineEdit>(u"routeNameEdit"_s)->text(), u"second"_s);
    QCOMPARE(find<QLineEdit>(u"retryStatusesEdit"_s)->text(), u"408, 409"_s);
    QVERIFY(!statusProblem->isVisible());
    QVERIFY(canSave());
}

void TestRoutesPanel::reorderByDragAndByKeyboard() {
    selectRoute(u"chain"_s);
    selectTarget(u"claude/claude-haiku-4-5"_s);
    addTarget(u"demo"_s, u"echo"_s);
    QCOMPARE(targetLabels(),
             (QStringList{u"oai/gpt-4o-mini"_s, u"claude/claude-haiku-4-5"_s, u"demo/echo"_s}));
    QAbstractItemModel* model = targetsModel();

    // Dragged from the end to the top, as the tree view drops it.
    std::unique_ptr<QMimeData> data(model->mimeData({model->index(2, 0)}));
    QVERIFY(model->canDropMimeData(data.get(), Qt::MoveAction, 0, 0, {}));
    QVERIFY(model->dropMimeData(data.get(), Qt::MoveAction, 0, 0, {}));
    QCOMPARE(targetLabels(),
             (QStringList{u"demo/echo"_s, u"oai/gpt-4o-mini"_s, u"claude/claude-haiku-4-5"_s}));
    QCOMPARE(find<QLabel>(u"selectedTargetLabel"_s)->text(), u"demo/echo"_s);

    // Into a group, and out of it again.
    selectTarget(u"oai/gpt-4o-mini"_s);
    click(u"groupTargetButton"_s);
    QCOMPARE(targetLabels(),
             (QStringList{u"demo/echo"_s, u"[oai/gpt-4o-mini]"_s, u"claude/claude-haiku-4-5"_s}));
    data.reset(model->mimeData({model->index(2, 0)}));
    const QModelIndex group = model->index(1, 0);
    QVERIFY(model->dropMimeData(data.get(), Qt::MoveAction, -1, -1, group));
    QCOMPARE(targetLabels(),
             (QStringList{u"demo/echo"_s, u"[oai/gpt-4o-mini, claude/claude-haiku-4-5]"_s}));
    // A group does not go into itself.
    data.reset(model->mimeData({model->index(1, 0)}));
    QVERIFY(!model->canDropMimeData(data.get(), Qt::MoveAction, 0, 0, model->index(1, 0)));
    const QModelIndex member = model->index(1, 0, model->index(1, 0));
    data.reset(model->mimeData({member}));
    QVERIFY(model->dropMimeData(data.get(), Qt::MoveAction, 0, 0, {}));
    QCOMPARE(targetLabels(),
             (QStringList{u"claude/claude-haiku-4-5"_s, u"demo/echo"_s, u"[oai/gpt-4o-mini]"_s}));

    // By keyboard: Alt+Down and Alt+Up on the tree, and out of a group from its edge.
    auto* tree = find<QTreeView>(u"routeTargetsTree"_s);
    selectTarget(u"claude/claude-haiku-4-5"_s);
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(targetLabels(),
             (QStringList{u"demo/echo"_s, u"claude/claude-haiku-4-5"_s, u"[oai/gpt-4o-mini]"_s}));
    QTest::keyClick(tree, Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(targetLabels(),
             (QStringList{u"claude/claude-haiku-4-5"_s, u"demo/echo"_s, u"[oai/gpt-4o-mini]"_s}));
    selectTarget(u"oai/gpt-4o-mini"_s);
    QTest::keyClick(tree, Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(targetLabels(), (QStringList{u"claude/claude-haiku-4-5"_s, u"demo/echo"_s,
                                          u"oai/gpt-4o-mini"_s, u"[]"_s}));
    QVERIFY2(problemText().contains(u"group"_s), qPrintable(problemText()));
    QVERIFY(!canSave());
    // The empty group goes with Delete; the buttons move too.
    tree->setCurrentIndex(model->index(3, 0));
    QTest::keyClick(tree, Qt::Key_Delete);
    click(u"moveTargetUpButton"_s);
    click(u"moveTargetUpButton"_s);
    QCOMPARE(targetLabels(),
             (QStringList{u"oai/gpt-4o-mini"_s, u"claude/claude-haiku-4-5"_s, u"demo/echo"_s}));
    QVERIFY(!find<QPushButton>(u"moveTargetUpButton"_s)->isEnabled());
    QVERIFY(canSave());

    // Every move was a step of its own.
    click(u"undoRoutesButton"_s);
    click(u"undoRoutesButton"_s);
    QCOMPARE(targetLabels(),
             (QStringList{u"claude/claude-haiku-4-5"_s, u"demo/echo"_s, u"oai/gpt-4o-mini"_s}));
}

void TestRoutesPanel::settingsRoundTripThroughTheFile() {
    selectRoute(u"chain"_s);
    find<QComboBox>(u"routeStrategyCombo"_s)->setCurrentIndex(0);
    setSpin(u"routeRetriesSpin"_s, 2);
    setSpin(u"routeBackoffSpin"_s, 50);
    setSpin(u"routeMaxBackoffSpin"_s, 800);
    setSpin(u"routeMaxWaitSpin"_s, 4000);
    setSpin(u"routeFirstByteTimeoutSpin"_s, 30000);
    setSpin(u"routeIdleTimeoutSpin"_s, 15000);
    find<QCheckBox>(u"retryBadResponseCheck"_s)->click();
    typeInto(u"retryStatusesEdit"_s, u"408, 429, 418"_s);
    typeInto(u"contextFallbacksEdit"_s, u"claude/claude-sonnet-4-6"_s);
    typeInto(u"contentPolicyFallbacksEdit"_s, u"demo/echo"_s);
    addTarget(u"oai"_s, u"gpt-5-mini"_s);
    setSpin(u"targetConnectTimeoutSpin"_s, 2000);
    selectTarget(u"claude/claude-haiku-4-5"_s);
    click(u"groupTargetButton"_s);
    selectTarget(u"claude/claude-haiku-4-5"_s);
    addTarget(u"oai"_s, u"gpt-5"_s);  // into the group, after the selected member
    setSpin(u"targetWeightSpin"_s, 3);

    const RouteConfig edited = route(u"chain"_s);
    QCOMPARE(edited.retries, 2);
    QCOMPARE(edited.backoffMs, 50);
    QCOMPARE(edited.maxBackoffMs, 800);
    QCOMPARE(edited.maxWaitMs, 4000);
    QCOMPARE(edited.timeouts.firstByteMs, 30000);
    QCOMPARE(edited.timeouts.idleMs, 15000);
    QVERIFY(!edited.retryOn.badResponse);
    QCOMPARE(targetLabels(), (QStringList{u"oai/gpt-4o-mini"_s, u"oai/gpt-5-mini"_s,
                                          u"[claude/claude-haiku-4-5, oai/gpt-5]"_s}));
    QCOMPARE(edited.targets[1].timeouts.connectMs, 2000);
    QCOMPARE(*edited.targets[2].groupStrategy, RouteStrategy::Weighted);
    QCOMPARE(edited.targets[2].members[1].weight, 3);
    QVERIFY2(problemText().isEmpty(), qPrintable(problemText()));

    click(u"saveRoutesButton"_s);
    QVERIFY(!panel_->hasUnsavedChanges());
    QVERIFY(!find<QLabel>(u"routesUnsavedLabel"_s)->isVisible());
    // The file, read as signalboxd reads it, holds the routes as edited.
    auto reread = ConfigLoader::loadFile(engine_->config()->sourcePath);
    if (auto* error = std::get_if<ConfigError>(&reread))
        QFAIL(qPrintable(error->toString()));
    const auto fileRoutes = withoutLines(std::get<Config>(reread).routes);
    QVERIFY(fileRoutes == panel_->draft().toMap());
    QVERIFY(withoutLines(engine_->config()->routes) == panel_->draft().toMap());
    // The providers the panel did not touch are still there.
    QCOMPARE(std::get<Config>(reread).providers.size(), size_t(3));
}

void TestRoutesPanel::saveReloadsTheProxyWithoutDroppingRequests() {
    // A slow stream through the route as saved: oai/gpt-4o-mini first.
    mock::MockFault slow;
    slow.model = u"gpt-4o-mini"_s;
    slow.chunkDelayMs = 150;
    mock_.state().pushFault(slow);
    std::unique_ptr<QNetworkReply> inFlight(client_.post(chat("chain", true)));
    QSignalSpy firstBytes(inFlight.get(), &QNetworkReply::readyRead);
    QVERIFY(firstBytes.wait(10'000));
    QByteArray streamed = inFlight->readAll();
    QCOMPARE(inFlight->rawHeader("x-signalbox-target"), QByteArray("oai/gpt-4o-mini"));

    // Meanwhile: claude first, saved.
    selectRoute(u"chain"_s);
    selectTarget(u"claude/claude-haiku-4-5"_s);
    click(u"moveTargetUpButton"_s);
    click(u"saveRoutesButton"_s);
    auto* status = find<QLabel>(u"routesStatusLabel"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains(u"New requests take the new routes"_s),
                              qPrintable(status->text()), 10'000);
    QVERIFY2(!inFlight->isFinished(), "the stream should still be running across the reload");

    // The stream started before the reload ends as it began, complete.
    connect(inFlight.get(), &QNetworkReply::readyRead, this,
            [&] { streamed += inFlight->readAll(); });
    QVERIFY(test::ProxyClient::finish(inFlight.get(), 20'000));
    streamed += inFlight->readAll();
    QCOMPARE(inFlight->error(), QNetworkReply::NoError);
    QCOMPARE(test::ProxyClient::status(inFlight.get()), 200);
    QVERIFY2(streamed.contains("data: [DONE]"), streamed.constData());
    QVERIFY2(!streamed.contains("\"error\""), streamed.constData());
    QVERIFY(streamed.contains("six"));

    // A new request goes to the new first target.
    std::unique_ptr<QNetworkReply> next(client_.post(chat("chain")));
    QVERIFY(test::ProxyClient::finish(next.get()));
    QCOMPARE(test::ProxyClient::status(next.get()), 200);
    QCOMPARE(next->rawHeader("x-signalbox-target"), QByteArray("claude/claude-haiku-4-5"));
    QVERIFY(next->rawHeader("x-signalbox-trail").startsWith("claude/claude-haiku-4-5 ok"));
    QCOMPARE(mock_.state().count(u"claude-haiku-4-5"_s), 1);
    QCOMPARE(mock_.state().count(u"gpt-4o-mini"_s), 1);
}

void TestRoutesPanel::dryRunShowsRetryThenNextTarget() {
    selectRoute(u"chain"_s);
    setSpin(u"routeRetriesSpin"_s, 1);
    auto* tabs = find<QTabWidget>(u"routeTabs"_s);
    tabs->setCurrentWidget(find<QWidget>(u"dryRunView"_s));
    auto* table = find<QTableWidget>(u"dryRunOutcomesTable"_s);
    auto* steps = find<QTreeWidget>(u"dryRunStepsList"_s);
    auto* summary = find<QLabel>(u"dryRunSummaryLabel"_s);
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 0)->text(), u"oai/gpt-4o-mini"_s);
    QCOMPARE(table->item(1, 0)->text(), u"claude/claude-haiku-4-5"_s);
    // All answer: the first target serves.
    QCOMPARE(steps->topLevelItemCount(), 1);
    QVERIFY2(summary->text().contains(u"oai/gpt-4o-mini"_s), qPrintable(summary->text()));

    auto* first = qobject_cast<QComboBox*>(table->cellWidget(0, 1));
    QVERIFY(first);
    first->setCurrentIndex(first->findData(int(SimulatedOutcome::Overloaded)));
    QCOMPARE(steps->topLevelItemCount(), 3);
    const auto step = [&](int row, int column) { return steps->topLevelItem(row)->text(column); };
    QCOMPARE(step(0, 1), u"oai/gpt-4o-mini"_s);
    QCOMPARE(step(0, 2), u"1"_s);
    QVERIFY2(step(0, 4).contains(u"retry 1 of 1"_s), qPrintable(step(0, 4)));
    QCOMPARE(step(1, 1), u"oai/gpt-4o-mini"_s);
    QCOMPARE(step(1, 2), u"2"_s);
    QVERIFY2(step(1, 4).contains(u"next target"_s), qPrintable(step(1, 4)));
    QCOMPARE(step(2, 1), u"claude/claude-haiku-4-5"_s);
    QVERIFY2(summary->text().contains(u"Served by claude/claude-haiku-4-5"_s),
             qPrintable(summary->text()));
    // It ran on the draft: the saved route does not retry.
    QCOMPARE(engine_->config()->routes.at(u"chain"_s).retries, 0);

    // A client error is not a trigger: it goes back at once.
    first->setCurrentIndex(first->findData(int(SimulatedOutcome::BadRequest)));
    QCOMPARE(steps->topLevelItemCount(), 1);
    QVERIFY2(summary->text().contains(u"400"_s), qPrintable(summary->text()));
    // Edits of the route run again at once, picks kept: no retries now.
    first->setCurrentIndex(first->findData(int(SimulatedOutcome::Overloaded)));
    tabs->setCurrentIndex(0);
    setSpin(u"routeRetriesSpin"_s, 0);
    tabs->setCurrentWidget(find<QWidget>(u"dryRunView"_s));
    QCOMPARE(steps->topLevelItemCount(), 2);
    click(u"dryRunResetButton"_s);
    QCOMPARE(steps->topLevelItemCount(), 1);
}

void TestRoutesPanel::outsideChangesKeepUnsavedEdits() {
    // No edits: another change shows at once.
    Config next = *engine_->config();
    RouteConfig extra;
    extra.name = u"outside"_s;
    RouteTarget echo;
    echo.provider = u"demo"_s;
    echo.model = u"echo"_s;
    extra.targets.push_back(echo);
    next.routes[extra.name] = extra;
    QString error;
    QCOMPARE(engine_->applyConfig(next, &error), Engine::ApplyResult::Saved);
    QVERIFY(panel_->draft().indexOf(u"outside"_s) >= 0);
    QVERIFY(!panel_->hasUnsavedChanges());

    // With edits: they stay, and the panel says the routes changed underneath.
    selectRoute(u"chain"_s);
    setSpin(u"routeRetriesSpin"_s, 4);
    next = *engine_->config();
    next.routes.erase(u"outside"_s);
    QCOMPARE(engine_->applyConfig(next, &error), Engine::ApplyResult::Saved);
    QCOMPARE(route(u"chain"_s).retries, 4);
    QVERIFY(panel_->draft().indexOf(u"outside"_s) >= 0);
    QVERIFY(panel_->hasUnsavedChanges());
    const QString status = find<QLabel>(u"routesStatusLabel"_s)->text();
    QVERIFY2(status.contains(u"changed elsewhere"_s), qPrintable(status));
    // Revert takes the routes as they are now.
    click(u"revertRoutesButton"_s);
    QVERIFY(panel_->draft().indexOf(u"outside"_s) < 0);
    QCOMPARE(route(u"chain"_s).retries, 0);
    QVERIFY(!panel_->hasUnsavedChanges());

    // A provider removed elsewhere: the check follows the config it would join.
    next = *engine_->config();
    next.routes[u"chain"_s].targets.pop_back();
    next.providers.erase(u"claude"_s);
    QCOMPARE(engine_->applyConfig(next, &error), Engine::ApplyResult::Saved);
    addTarget(u"demo"_s, u"flaky"_s);
    QVERIFY2(problemText().isEmpty(), qPrintable(problemText()));
    QCOMPARE(find<QComboBox>(u"addTargetProviderCombo"_s)->findText(u"claude"_s), -1);
}

void TestRoutesPanel::leavingAsksAboutUnsavedEdits() {
    int asked = 0;
    RoutesPanel::UnsavedChoice answer = RoutesPanel::UnsavedChoice::Cancel;
    panel_->setUnsavedChangesPrompt([&] {
        ++asked;
        return answer;
    });
    QVERIFY(panel_->confirmLeave());
    QCOMPARE(asked, 0);
    selectRoute(u"chain"_s);
    setSpin(u"routeRetriesSpin"_s, 2);
    QVERIFY(!panel_->confirmLeave());
    QCOMPARE(route(u"chain"_s).retries, 2);
    answer = RoutesPanel::UnsavedChoice::Save;
    QVERIFY(panel_->confirmLeave());
    QCOMPARE(engine_->config()->routes.at(u"chain"_s).retries, 2);
    setSpin(u"routeRetriesSpin"_s, 3);
    answer = RoutesPanel::UnsavedChoice::Discard;
    QVERIFY(panel_->confirmLeave());
    QCOMPARE(route(u"chain"_s).retries, 2);
    QCOMPARE(asked, 3);
}

void TestRoutesPanel::screenshots() {
    // A route as a user would build it: a strong model, then a weighted pair, then a
    // last resort that needs no key.
    click(u"newRouteButton"_s);
    QTest::keyClicks(find<QLineEdit>(u"routeNameEdit"_s), u"smart"_s);
    addTarget(u"claude"_s, u"claude-sonnet-4-6"_s);
    addTarget(u"oai"_s, u"gpt-5"_s);
    addTarget(u"demo"_s, u"echo"_s);
    selectTarget(u"oai/gpt-5"_s);
    click(u"groupTargetButton"_s);
    selectTarget(u"oai/gpt-5"_s);
    setSpin(u"targetWeightSpin"_s, 3);
    addTarget(u"oai"_s, u"gpt-5-mini"_s);
    setSpin(u"routeRetriesSpin"_s, 1);
    setSpin(u"routeFirstByteTimeoutSpin"_s, 60000);
    typeInto(u"contextFallbacksEdit"_s, u"oai/gpt-5"_s);
    selectTarget(u"claude/claude-sonnet-4-6"_s);
    setSpin(u"targetFirstByteTimeoutSpin"_s, 20000);
    selectTarget(u"oai/gpt-5"_s);
    QCOMPARE(targetLabels(), (QStringList{u"claude/claude-sonnet-4-6"_s,
                                          u"[oai/gpt-5, oai/gpt-5-mini]"_s, u"demo/echo"_s}));
    QVERIFY2(problemText().isEmpty(), qPrintable(problemText()));
    QVERIFY(canSave());
    find<QTreeView>(u"routeTargetsTree"_s)->setFocus();
    saveScreenshot(u"routes.png"_s);

    // The strong model is overloaded, and the pair's first pick times out.
    auto* tabs = find<QTabWidget>(u"routeTabs"_s);
    tabs->setCurrentWidget(find<QWidget>(u"dryRunView"_s));
    auto* table = find<QTableWidget>(u"dryRunOutcomesTable"_s);
    QCOMPARE(table->rowCount(), 4);
    auto pick = [&](int row, SimulatedOutcome outcome) {
        auto* combo = qobject_cast<QComboBox*>(table->cellWidget(row, 1));
        combo->setCurrentIndex(combo->findData(int(outcome)));
    };
    pick(0, SimulatedOutcome::Overloaded);
    pick(1, SimulatedOutcome::Timeout);
    auto* steps = find<QTreeWidget>(u"dryRunStepsList"_s);
    QVERIFY(steps->topLevelItemCount() >= 4);
    QVERIFY2(find<QLabel>(u"dryRunSummaryLabel"_s)->text().contains(u"Served by"_s),
             qPrintable(find<QLabel>(u"dryRunSummaryLabel"_s)->text()));
    saveScreenshot(u"routes-dryrun.png"_s);

    // The pair is drawn at random by weight: other draws try oai/gpt-5-mini first.
    auto* draw = find<QPushButton>(u"dryRunDrawButton"_s);
    QVERIFY(draw->isEnabled());
    QSet<int> stepCounts;
    for (int i = 0; i < 12; ++i) {
        click(u"dryRunDrawButton"_s);
        stepCounts << steps->topLevelItemCount();
    }
    QCOMPARE(stepCounts, (QSet<int>{3, 5}));
    // A plain fallback chain has one order only.
    selectRoute(u"chain"_s);
    QVERIFY(!draw->isEnabled());
}

QTEST_MAIN(TestRoutesPanel)
#include "tst_routespanel.moc"
