#include "../core/ManualClock.h"
#include "config/Config.h"
#include "engine/Engine.h"
#include "engine/ProxySnapshot.h"
#include "engine/RequestLog.h"
#include "logs/LogFilterBar.h"
#include "logs/LogTableModel.h"
#include "logs/LogsPanel.h"
#include "store/RequestStore.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>
#include <functional>
#include <memory>

using namespace signalbox;

namespace {

constexpr int kBulkRows = 5000;
constexpr int kErrorEvery = 50;  // one bulk row in 50 failed
constexpr int kWriteTimeoutMs = 60'000;
constexpr int kQueryTimeoutMs = 15'000;
constexpr qint64 kMinuteMs = 60 * 1000;

QByteArray idOf(int n) {
    return "sb-" + QByteArray::number(n, 16).rightJustified(16, '0');
}

Attempt attempt(const QString& target, const QByteArray& outcome, qint64 start, qint64 took,
                const QString& error = {}) {
    return Attempt{target, {}, outcome, start, took, error, true};
}

// An ordinary call, older than an hour; one in kErrorEvery a 502.
RequestRecord bulkRecord(int n, qint64 startedAt) {
    RequestRecord r;
    r.id = idOf(n);
    r.startedAt = startedAt;
    r.finishedAt = startedAt + 20;
    r.surface = "openai.chat";
    r.route = QStringLiteral("bulk");
    r.target = QStringLiteral("openai/gpt-4o-mini");
    r.providerKind = QStringLiteral("openai");
    r.model = QStringLiteral("gpt-4o-mini");
    r.calls = 1;
    r.latencyMs = 20 + n % 300;
    r.inputTokens = 100 + n % 50;
    r.outputTokens = 20 + n % 30;
    r.costUsd = 0.0001 * (n % 7 + 1);
    if (n % kErrorEvery == 0) {
        r.status = 502;
        r.error = QStringLiteral("every target failed");
        r.attempts.push_back(attempt(r.target, "500", 0, 20, QStringLiteral("upstream 500")));
    } else {
        r.status = 200;
        r.attempts.push_back(attempt(r.target, "ok", 0, 20));
    }
    return r;
}

}  // namespace

// The Logs panel over a real engine whose store holds thousands of rows, a dozen of them
// recent and distinctive. Widgets found by object name; waits on conditions only.
class TestLogsPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void rowsArriveNewestFirstOnePageAtATime();
    void scrollingFetchesMorePages();
    void errorsFilterNarrowsRows();
    void timeAndSearchFiltersNarrowRows();
    void customRangeNarrowsRowsAndRefusesABackwardOne();
    void statusCodeAndClassFiltersNarrowRows();
    void modelAndTagFiltersNarrowRows();
    void selectingARowShowsItsTrailAndBodies();
    void copyAsCurlPutsTheCommandOnTheClipboard();
    void openInPlaygroundEmitsTheKeptRequest();
    void keyboardReachesFiltersTableAndDetail();
    void columnWidthsAndSplitAreRemembered();
    void newRequestAppearsOnTop();
    void emptyStoreSaysHowToSendARequest();
    void noDataDirSaysSo();
    void screenshot();

private:
    template <typename T>
    T* find(const QString& name) const {
        T* widget = panel_->findChild<T*>(name);
        if (!widget)
            qWarning("no widget %s", qPrintable(name));
        return widget;
    }
    QTableView* table() const { return find<QTableView>(QStringLiteral("logsTable")); }
    LogTableModel* model() const { return qobject_cast<LogTableModel*>(table()->model()); }
    void submit(RequestRecord record);
    void writeDistinctRows();
    void selectRowWithId(const QString& id);
    void makePanel();

    QTemporaryDir settingsDir_;
    QTemporaryDir dataDir_;
    test::ManualClock clock_;  // "now" for the panel's presets and the store's retention
    std::shared_ptr<Config> config_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<LogsPanel> panel_;
    qint64 now_ = 0;
    int nextId_ = 0x100000;
    QString newestId_;  // the newest distinctive row: a fallback after a 429
    QString curlId_;    // an anthropic call through a virtual key, bodies kept
    QString bulkId_;    // a bulk row: no body kept
    // The recent rows, as written: what a filter over them must show.
    struct Recent {
        QString id;
        qint64 startedAt = 0;
        QString target;
        int status = 0;
        bool tagged = false;  // team=search
    };
    std::vector<Recent> recent_;
    int recentCount(const std::function<bool(const Recent&)>& keep) const {
        return int(std::count_if(recent_.begin(), recent_.end(), keep));
    }
};

void TestLogsPanel::submit(RequestRecord record) {
    ProxySnapshot snapshot;
    snapshot.config = config_;
    engine_->requestLog().submit(record, snapshot);
}

void TestLogsPanel::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    // Keeps QSettings (column widths) out of the user's real configuration.
    QVERIFY(settingsDir_.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir_.path());
    QApplication::setOrganizationName(QStringLiteral("SignalboxTest"));
    QApplication::setApplicationName(QStringLiteral("tst_logspanel"));
    QVERIFY(dataDir_.isValid());
    config_ = std::make_shared<Config>();
    config_->listen.port = 0;
    config_->store.logBodies = true;
    engine_ = std::make_unique<Engine>(nullptr, clock_);
    engine_->setConfig(config_);
    engine_->setDataDir(dataDir_.path());
    QVERIFY(engine_->requestLog().store());
    engine_->startProxy();
    QTRY_COMPARE(engine_->proxyState(), Engine::ProxyState::Running);

    now_ = clock_.wall;
    // The bulk ends two hours ago, a second apart.
    const qint64 bulkStart = now_ - 2 * 60 * kMinuteMs - kBulkRows * 1000LL;
    for (int n = 1; n <= kBulkRows; ++n)
        submit(bulkRecord(n, bulkStart + n * 1000LL));
    bulkId_ = QString::fromLatin1(idOf(kBulkRows));
    writeDistinctRows();
    QVERIFY(engine_->requestLog().store()->waitUntilWritten(kWriteTimeoutMs));
}

// A dozen calls of the last minutes, each different: the screenshot's first screen.
void TestLogsPanel::writeDistinctRows() {
    struct Shape {
        const char* surface;
        const char* route;
        const char* target;
        int status;
        bool cacheHit;
        bool stream;
    };
    const Shape shapes[] = {
        {"openai.chat", "smart", "openai/gpt-4o", 200, false, true},
        {"openai.chat", "cheap", "groq/llama-3.1-8b", 200, false, false},
        {"anthropic.messages", "claude", "anthropic/claude-sonnet-4", 200, false, true},
        {"openai.chat", "smart", "openai/gpt-4o", 200, true, false},
        {"openai.embeddings", "embed", "openai/text-embedding-3-small", 200, false, false},
        {"openai.chat", "smart", "", 503, false, false},
        {"openai.chat", "cheap", "groq/llama-3.1-8b", 429, false, false},
        {"openai.chat", "smart", "openai/gpt-4o", 200, false, false},
        {"anthropic.messages", "claude", "anthropic/claude-haiku-4", 200, false, false},
        {"openai.chat", "smart", "anthropic/claude-sonnet-4", 200, false, true},
    };
    qint64 t = now_ - 10 * kMinuteMs;
    for (const Shape& s : shapes) {
        RequestRecord r;
        r.id = idOf(nextId_++);
        r.startedAt = (t += 37'000);
        r.surface = s.surface;
        r.route = QString::fromLatin1(s.route);
        r.target = QString::fromLatin1(s.target);
        r.providerKind = r.target.section(QLatin1Char('/'), 0, 0);
        r.model = r.target.section(QLatin1Char('/'), 1);
        r.status = s.status;
        r.stream = s.stream;
        r.cacheHit = s.cacheHit;
        r.latencyMs = s.cacheHit ? 3 : 180 + (t / 1000) % 900;
        r.finishedAt = r.startedAt + r.latencyMs;
        r.ttftMs = s.stream ? r.latencyMs / 4 : -1;
        if (s.status == 200) {
            r.attempts.push_back(attempt(r.target, "ok", 0, r.latencyMs));
            r.inputTokens = 300 + (t / 1000) % 2000;
            r.outputTokens = 40 + (t / 1000) % 600;
            r.costUsd = s.cacheHit ? 0.0 : double(r.inputTokens) * 2.5e-6 + r.outputTokens * 1e-5;
        } else {
            r.error = s.status == 503 ? QStringLiteral(
                                            "every target failed: openai/gpt-4o "
                                            "timeout, anthropic/claude-sonnet-4 529")
                                      : QStringLiteral("rate limited by the provider");
            r.attempts.push_back(attempt(QStringLiteral("openai/gpt-4o"), "timeout", 0, 30000,
                                         QStringLiteral("no answer in 30 s")));
            r.attempts.push_back(attempt(QStringLiteral("anthropic/claude-sonnet-4"), "529", 30001,
                                         210, QStringLiteral("overloaded")));
        }
        r.calls = int(r.attempts.size());
        r.requestBody = R"({"model":")" + QByteArray(s.route) +
                        R"(","messages":[{"role":"user","content":"It's a test"}]})";
        r.responseBody = R"({"choices":[{"message":{"role":"assistant","content":"Hi"}}]})";
        if (r.target.startsWith(QLatin1String("anthropic/")))
            r.tags = "{\"team\":\"search\"}";
        recent_.push_back(
            {QString::fromLatin1(r.id), r.startedAt, r.target, r.status, !r.tags.isEmpty()});
        if (QByteArray(s.surface) == "anthropic.messages" && curlId_.isEmpty()) {
            r.virtualKeyId = QStringLiteral("vk-team-a");
            curlId_ = QString::fromLatin1(r.id);
        }
        submit(r);
    }

    // The newest: served by the second target after the first answered 429.
    RequestRecord r;
    r.id = idOf(nextId_++);
    r.startedAt = now_ - 5000;
    r.surface = "openai.chat";
    r.route = QStringLiteral("smart");
    r.target = QStringLiteral("anthropic/claude-sonnet-4");
    r.providerKind = QStringLiteral("anthropic");
    r.model = QStringLiteral("claude-sonnet-4");
    r.attempts = {
        attempt(QStringLiteral("openai/gpt-4o"), "429", 0, 85, QStringLiteral("rate limited")),
        Attempt{QStringLiteral("groq/llama-3.1-70b"), {}, "benched", 85, 0, {}, false},
        attempt(QStringLiteral("anthropic/claude-sonnet-4"), "ok", 86, 912),
    };
    r.calls = 2;
    r.status = 200;
    r.latencyMs = 998;
    r.finishedAt = r.startedAt + r.latencyMs;
    r.inputTokens = 1250;
    r.outputTokens = 310;
    r.costUsd = 0.00841;
    r.requestBody = R"({"model":"smart","messages":[{"role":"user","content":"newest-marker"}]})";
    r.responseBody = R"({"id":"msg_1","content":[{"type":"text","text":"Hello"}]})";
    newestId_ = QString::fromLatin1(r.id);
    recent_.push_back({newestId_, r.startedAt, r.target, r.status, false});
    submit(r);
}

void TestLogsPanel::init() {
    // Each test starts from the default layout.
    QSettings().clear();
    makePanel();
}

void TestLogsPanel::makePanel() {
    panel_ = std::make_unique<LogsPanel>(*engine_, nullptr, clock_);
    panel_->resize(1200, 760);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
    QTRY_VERIFY_WITH_TIMEOUT(model()->hasAnswer(), kQueryTimeoutMs);
}

void TestLogsPanel::cleanup() {
    panel_.reset();
}

void TestLogsPanel::rowsArriveNewestFirstOnePageAtATime() {
    LogTableModel* rows = model();
    QCOMPARE(rows->rowCount(), LogTableModel::kPageRows);
    QVERIFY(rows->hasMore());
    QCOMPARE(rows->rowAt(0)->id, newestId_);
    for (int i = 1; i < rows->rowCount(); ++i)
        QVERIFY(rows->rowAt(i - 1)->startedAt >= rows->rowAt(i)->startedAt);
    QVERIFY(find<QLabel>(QStringLiteral("logsStatusLabel"))->text().contains(u"200"));
}

void TestLogsPanel::scrollingFetchesMorePages() {
    LogTableModel* rows = model();
    QTableView* view = table();
    for (int page = 2; page <= 4; ++page) {
        view->scrollToBottom();
        QTRY_COMPARE_WITH_TIMEOUT(rows->rowCount(), page * LogTableModel::kPageRows,
                                  kQueryTimeoutMs);
    }
    // Only what was scrolled to: four pages of the thousands kept, none twice, in order.
    QCOMPARE(rows->rowCount(), 4 * LogTableModel::kPageRows);
    QSet<QString> ids;
    for (int i = 0; i < rows->rowCount(); ++i) {
        ids.insert(rows->rowAt(i)->id);
        if (i > 0)
            QVERIFY(rows->rowAt(i - 1)->startedAt >= rows->rowAt(i)->startedAt);
    }
    QCOMPARE(ids.size(), rows->rowCount());
}

void TestLogsPanel::errorsFilterNarrowsRows() {
    auto* outcome = find<QComboBox>(QStringLiteral("logsStatusFilter"));
    outcome->setCurrentIndex(outcome->findData(int(LogPageQuery::Outcome::Error)));
    // 100 bulk errors and two recent ones: one page holds them all.
    const int errors = kBulkRows / kErrorEvery + 2;
    QTRY_COMPARE_WITH_TIMEOUT(model()->rowCount(), errors, kQueryTimeoutMs);
    QVERIFY(!model()->hasMore());
    for (int i = 0; i < model()->rowCount(); ++i)
        QVERIFY(model()->rowAt(i)->status >= 400);

    outcome->setCurrentIndex(outcome->findData(int(LogPageQuery::Outcome::Any)));
    QTRY_VERIFY_WITH_TIMEOUT(model()->rowCount() == LogTableModel::kPageRows && model()->hasMore(),
                             kQueryTimeoutMs);
}

void TestLogsPanel::timeAndSearchFiltersNarrowRows() {
    auto* range = find<QComboBox>(QStringLiteral("logsTimeFilter"));
    range->setCurrentIndex(0);  // the last hour: only the recent eleven
    QTRY_COMPARE_WITH_TIMEOUT(model()->rowCount(), 11, kQueryTimeoutMs);

    // Typed a key at a time, as a user types.
    auto* search = find<QLineEdit>(QStringLiteral("logsSearchFilter"));
    QTest::keyClicks(search, QStringLiteral("groq"));
    QTRY_COMPARE_WITH_TIMEOUT(model()->rowCount(), 2, kQueryTimeoutMs);
    for (int i = 0; i < 2; ++i)
        QVERIFY(model()->rowAt(i)->target.startsWith(u"groq/"));

    search->setText(QStringLiteral("no such request"));
    QTRY_VERIFY_WITH_TIMEOUT(
        find<QLabel>(QStringLiteral("logsEmptyState"))->isVisible() && model()->hasAnswer(),
        kQueryTimeoutMs);
    QVERIFY(find<QLabel>(QStringLiteral("logsEmptyState"))->text().contains(u"match"));
}

void TestLogsPanel::customRangeNarrowsRowsAndRefusesABackwardOne() {
    auto* from = find<QDateTimeEdit>(QStringLiteral("logsFromFilter"));
    auto* to = find<QDateTimeEdit>(QStringLiteral("logsToFilter"));
    QVERIFY(!from->isVisible());  // only with "Custom range"
    auto* range = find<QComboBox>(QStringLiteral("logsTimeFilter"));
    range->setCurrentIndex(range->findData(int(LogFilterBar::Range::Custom)));
    QVERIFY(from->isVisible() && to->isVisible());
    QVERIFY(from->calendarPopup());
    // It starts as the last day by the injected clock, to the minute begun after now.
    QCOMPARE(from->dateTime().toMSecsSinceEpoch(),
             (now_ - 24 * 60 * kMinuteMs) / kMinuteMs * kMinuteMs);
    QCOMPARE(to->dateTime().toMSecsSinceEpoch(), (now_ + kMinuteMs) / kMinuteMs * kMinuteMs);

    // Minutes, as the pickers show them: the recent rows in between.
    const qint64 fromMs = (now_ - 11 * kMinuteMs) / kMinuteMs * kMinuteMs;
    const qint64 toMs = (now_ - 4 * kMinuteMs) / kMinuteMs * kMinuteMs;
    from->setDateTime(QDateTime::fromMSecsSinceEpoch(fromMs));
    to->setDateTime(QDateTime::fromMSecsSinceEpoch(toMs));
    const int inRange =
        recentCount([&](const Recent& r) { return r.startedAt >= fromMs && r.startedAt < toMs; });
    QVERIFY(inRange > 2 && inRange < int(recent_.size()));
    QTRY_COMPARE_WITH_TIMEOUT(model()->rowCount(), inRange, kQueryTimeoutMs);
    QVERIFY(!model()->hasMore());
    for (int i = 0; i < model()->rowCount(); ++i) {
        QVERIFY(model()->rowAt(i)->startedAt >= fromMs);
        QVERIFY(model()->rowAt(i)->startedAt < toMs);
    }

    // Backwards: said in words, and the rows of the last good range stay.
    auto* bar = find<LogFilterBar>(QStringLiteral("logsFilterBar"));
    QSignalSpy settled(bar, &LogFilterBar::changed);
    to->setDateTime(QDateTime::fromMSecsSinceEpoch(fromMs - 60 * kMinuteMs));
    auto* problem = find<QLabel>(QStringLiteral("logsFilterProblem"));
    QVERIFY(problem->isVisible());
    QVERIFY(problem->text().contains(u"end after it starts"));
    QVERIFY(settled.wait());
    QVERIFY(model()->hasAnswer());
    QCOMPARE(model()->rowCount(), inRange);

    to->setDateTime(QDateTime::fromMSecsSinceEpoch(toMs));
    QVERIFY(!problem->isVisible());
    QVERIFY(settled.wait());
    QTRY_COMPARE_WITH_TIMEOUT(model()->rowCount(), inRange, kQueryTimeoutMs);
}

void TestLogsPanel::statusCodeAndClassFiltersNarrowRows() {
    auto* code = find<QLineEdit>(QStringLiteral("logsStatusCodeFilter"));
    QTest::keyClicks(code, QStringLiteral("429"));
    QTRY_COMPARE_WITH_TIMEOUT(model()->rowCount(),
                              recentCount([](const Recent& r) { return r.status == 429; }),
                              kQueryTimeoutMs);
    QCOMPARE(model()->rowAt(0)->status, 429);

    // Two digits are no code yet: said, and nothing reloads.
    code->setText(QStringLiteral("42"));
    auto* problem = find<QLabel>(QStringLiteral("logsFilterProblem"));
    QVERIFY(problem->isVisible());
    QVERIFY(problem->text().contains(u"three digits"));
    code->clear();
    QVERIFY(!problem->isVisible());

    auto* outcome = find<QComboBox>(QStringLiteral("logsStatusFilter"));
    outcome->setCurrentText(QStringLiteral("5xx server errors"));
    // Every bulk error (502) and the recent 503: one page holds them all.
    const int serverErrors =
        kBulkRows / kErrorEvery + recentCount([](const Recent& r) { return r.status >= 500; });
    QTRY_COMPARE_WITH_TIMEOUT(model()->rowCount(), serverErrors, kQueryTimeoutMs);
    QVERIFY(!model()->hasMore());
    for (int i = 0; i < model()->rowCount(); ++i)
        QVERIFY(model()->rowAt(i)->status >= 500 && model()->rowAt(i)->status < 600);
    outcome->setCurrentText(QStringLiteral("4xx client errors"));
    QTRY_COMPARE_WITH_TIMEOUT(model()->rowCount(), recentCount([](const Recent& r) {
                                  return r.status >= 400 && r.status < 500;
                              }),
                              kQueryTimeoutMs);
    QCOMPARE(model()->rowAt(0)->status, 429);
}

void TestLogsPanel::modelAndTagFiltersNarrowRows() {
    auto* target = find<QComboBox>(QStringLiteral("logsTargetFilter"));
    target->setCurrentText(QStringLiteral("groq/llama-3.1-8b"));
    const int groq = recentCount([](const Recent& r) { return r.target.startsWith(u"groq/"); });
    QTRY_COMPARE_WITH_TIMEOUT(model()->rowCount(), groq, kQueryTimeoutMs);
    target->setCurrentText(QString());

    auto* tag = find<QLineEdit>(QStringLiteral("logsTagFilter"));
    QTest::keyClicks(tag, QStringLiteral("team=search"));
    const int tagged = recentCount([](const Recent& r) { return r.tagged; });
    QVERIFY(tagged >= 2);
    QTRY_COMPARE_WITH_TIMEOUT(model()->rowCount(), tagged, kQueryTimeoutMs);
    for (int i = 0; i < model()->rowCount(); ++i)
        QVERIFY(model()->rowAt(i)->target.startsWith(u"anthropic/"));

    tag->setText(QStringLiteral("team"));
    auto* problem = find<QLabel>(QStringLiteral("logsFilterProblem"));
    QVERIFY(problem->isVisible());
    QVERIFY(problem->text().contains(u"key=value"));
    QCOMPARE(model()->rowCount(), tagged);
}

void TestLogsPanel::selectRowWithId(const QString& id) {
    for (int i = 0; i < model()->rowCount(); ++i) {
        if (model()->rowAt(i)->id == id) {
            table()->selectRow(i);
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("%1 is not shown").arg(id)));
}

void TestLogsPanel::selectingARowShowsItsTrailAndBodies() {
    selectRowWithId(newestId_);
    auto* trail = find<QTreeWidget>(QStringLiteral("logsTrail"));
    QTRY_VERIFY_WITH_TIMEOUT(trail->isVisible() && trail->topLevelItemCount() == 3,
                             kQueryTimeoutMs);
    QCOMPARE(trail->topLevelItem(0)->text(1), QStringLiteral("openai/gpt-4o"));
    QCOMPARE(trail->topLevelItem(0)->text(2), QStringLiteral("429"));
    QVERIFY(trail->topLevelItem(1)->text(2).contains(u"benched"));
    QCOMPARE(trail->topLevelItem(2)->text(2), QStringLiteral("ok"));
    QVERIFY(find<QPlainTextEdit>(QStringLiteral("logsRequestBody"))
                ->toPlainText()
                .contains(u"newest-marker"));
    QVERIFY(find<QLabel>(QStringLiteral("logsDetailTitle"))->text().contains(newestId_));
}

void TestLogsPanel::copyAsCurlPutsTheCommandOnTheClipboard() {
    auto* copy = find<QPushButton>(QStringLiteral("copyCurlButton"));
    QVERIFY(!copy->isEnabled());  // nothing selected
    selectRowWithId(curlId_);
    QTRY_VERIFY_WITH_TIMEOUT(copy->isVisible() && copy->isEnabled(), kQueryTimeoutMs);
    QApplication::clipboard()->clear();
    QTest::mouseClick(copy, Qt::LeftButton);
    const QString curl = QApplication::clipboard()->text();
    QVERIFY2(curl.contains(engine_->proxyUrl() + QStringLiteral("/v1/messages")), qPrintable(curl));
    QVERIFY(curl.contains(u"anthropic-version"));
    QVERIFY(curl.contains(u"$SIGNALBOX_API_KEY"));
    // The body's quote survives the shell's single quotes.
    QVERIFY2(curl.contains(u"\"content\":\"It'\\''s a test\""), qPrintable(curl));
}

void TestLogsPanel::openInPlaygroundEmitsTheKeptRequest() {
    auto* open = find<QPushButton>(QStringLiteral("openInPlaygroundButton"));
    auto* action = find<QAction>(QStringLiteral("logsOpenInPlaygroundAction"));
    QVERIFY(!open->isEnabled());
    QVERIFY(!action->isEnabled());
    QSignalSpy opened(panel_.get(), &LogsPanel::openInPlayground);

    selectRowWithId(newestId_);
    QTRY_VERIFY_WITH_TIMEOUT(open->isVisible() && open->isEnabled(), kQueryTimeoutMs);
    QVERIFY(action->isEnabled());
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened[0][0].toString(), newestId_);
    QCOMPARE(opened[0][1].toString(), QStringLiteral("smart"));
    QCOMPARE(opened[0][2].toString(), QStringLiteral("openai.chat"));
    QVERIFY(opened[0][3].toByteArray().contains("newest-marker"));
    action->trigger();  // the context menu's way
    QCOMPARE(opened.count(), 2);

    // Logged without its body: nothing to open, and the reason on the button.
    selectRowWithId(bulkId_);
    QTRY_VERIFY_WITH_TIMEOUT(
        find<QLabel>(QStringLiteral("logsDetailTitle"))->text().contains(bulkId_), kQueryTimeoutMs);
    QVERIFY(!open->isEnabled());
    QVERIFY(open->toolTip().contains(u"store.log_bodies"));
    QVERIFY(!action->isEnabled());
    QVERIFY(action->toolTip().contains(u"store.log_bodies"));
    action->trigger();
    QCOMPARE(opened.count(), 2);
}

void TestLogsPanel::keyboardReachesFiltersTableAndDetail() {
    panel_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(panel_.get()));
    const auto focused = [] { return QApplication::focusWidget(); };

    // Ctrl+F from anywhere in the panel: the text filter.
    table()->setFocus();
    QTRY_VERIFY(table()->hasFocus());
    QTest::keyClick(table(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(find<QLineEdit>(QStringLiteral("logsSearchFilter"))->hasFocus());

    // Tab walks the filters in reading order.
    auto* range = find<QComboBox>(QStringLiteral("logsTimeFilter"));
    range->setFocus();
    QTRY_VERIFY(range->hasFocus());
    const QStringList order = {
        QStringLiteral("logsStatusFilter"), QStringLiteral("logsStatusCodeFilter"),
        QStringLiteral("logsSearchFilter"), QStringLiteral("logsRouteFilter"),
        QStringLiteral("logsTargetFilter"), QStringLiteral("logsKeyFilter"),
        QStringLiteral("logsTagFilter")};
    for (const QString& name : order) {
        QTest::keyClick(focused(), Qt::Key_Tab);
        QVERIFY2(find<QWidget>(name)->hasFocus(), qPrintable(name));
    }

    // Enter on a row: its detail takes the keys; Escape gives them back.
    selectRowWithId(newestId_);
    table()->setFocus();
    QTRY_VERIFY(table()->hasFocus());
    QTest::keyClick(table(), Qt::Key_Return);
    auto* body = find<QPlainTextEdit>(QStringLiteral("logsRequestBody"));
    QTRY_VERIFY_WITH_TIMEOUT(body->hasFocus(), kQueryTimeoutMs);
    QVERIFY(body->toPlainText().contains(u"newest-marker"));
    QTest::keyClick(body, Qt::Key_Escape);
    QTRY_VERIFY(table()->hasFocus());

    // Ctrl+C: the whole row, its id first.
    QApplication::clipboard()->clear();
    QTest::keyClick(table(), Qt::Key_C, Qt::ControlModifier);
    const QString copied = QApplication::clipboard()->text();
    QVERIFY2(copied.startsWith(newestId_ + u'\t'), qPrintable(copied));
    QVERIFY(copied.contains(u"\tsmart\tanthropic/claude-sonnet-4\t200\t"));
}

void TestLogsPanel::columnWidthsAndSplitAreRemembered() {
    QHeaderView* header = table()->horizontalHeader();
    auto* splitter = find<QSplitter>(QStringLiteral("logsSplitter"));
    header->resizeSection(LogTableModel::Route, 211);
    header->resizeSection(LogTableModel::Latency, 133);
    splitter->setSizes({250, 400});
    const QList<int> sizes = splitter->sizes();
    QVERIFY(sizes.value(0) < sizes.value(1));

    panel_.reset();  // as when the window closes
    makePanel();
    header = table()->horizontalHeader();
    splitter = find<QSplitter>(QStringLiteral("logsSplitter"));
    QCOMPARE(header->sectionSize(LogTableModel::Route), 211);
    QCOMPARE(header->sectionSize(LogTableModel::Latency), 133);
    QTRY_VERIFY(splitter->isVisible());
    QCOMPARE(splitter->sizes(), sizes);
    QCOMPARE(QSettings().value(QLatin1String(LogsPanel::kColumnCountKey)).toInt(),
             int(LogTableModel::ColumnCount));
}

void TestLogsPanel::newRequestAppearsOnTop() {
    const int before = model()->rowCount();
    RequestRecord r = bulkRecord(kBulkRows + 1, clock_.wall);
    r.id = idOf(nextId_++);
    r.route = QStringLiteral("fast");
    const QString id = QString::fromLatin1(r.id);
    submit(r);
    QVERIFY(engine_->requestLog().store()->waitUntilWritten(kWriteTimeoutMs));
    // No reload: the timer's query of what is newer puts it on top of the rows shown.
    QTRY_COMPARE_WITH_TIMEOUT(model()->rowAt(0)->id, id, LogsPanel::kRefreshMs * 5);
    QCOMPARE(model()->rowCount(), before + 1);
    QCOMPARE(model()->rowAt(1)->id, newestId_);
}

void TestLogsPanel::emptyStoreSaysHowToSendARequest() {
    QTemporaryDir emptyDir;
    QVERIFY(emptyDir.isValid());
    Engine engine;
    engine.setConfig(config_);
    engine.setDataDir(emptyDir.path());
    LogsPanel panel(engine);
    panel.show();
    auto* empty = panel.findChild<QLabel*>(QStringLiteral("logsEmptyState"));
    QTRY_VERIFY_WITH_TIMEOUT(empty->isVisible() && empty->text().contains(u"No requests yet"),
                             kQueryTimeoutMs);
    QVERIFY(empty->text().contains(u"/v1/chat/completions"));
}

void TestLogsPanel::noDataDirSaysSo() {
    Engine engine;
    engine.setConfig(config_);
    LogsPanel panel(engine);
    panel.show();
    auto* empty = panel.findChild<QLabel*>(QStringLiteral("logsEmptyState"));
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(u"data directory"));
}

void TestLogsPanel::screenshot() {
    selectRowWithId(newestId_);
    QTRY_VERIFY_WITH_TIMEOUT(find<QTreeWidget>(QStringLiteral("logsTrail"))->isVisible(),
                             kQueryTimeoutMs);
    const QString dir = qEnvironmentVariable("SIGNALBOX_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(panel_->grab().save(QDir(dir).filePath(QStringLiteral("logs.png")), "PNG"));
    }
}

QTEST_MAIN(TestLogsPanel)
#include "tst_logspanel.moc"
