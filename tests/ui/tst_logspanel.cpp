#include "config/Config.h"
#include "engine/Engine.h"
#include "engine/ProxySnapshot.h"
#include "engine/RequestLog.h"
#include "logs/LogTableModel.h"
#include "logs/LogsPanel.h"
#include "store/RequestStore.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

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
    void selectingARowShowsItsTrailAndBodies();
    void copyAsCurlPutsTheCommandOnTheClipboard();
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

    QTemporaryDir dataDir_;
    std::shared_ptr<Config> config_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<LogsPanel> panel_;
    qint64 now_ = 0;
    int nextId_ = 0x100000;
    QString newestId_;  // the newest distinctive row: a fallback after a 429
    QString curlId_;    // an anthropic call through a virtual key, bodies kept
};

void TestLogsPanel::submit(RequestRecord record) {
    ProxySnapshot snapshot;
    snapshot.config = config_;
    engine_->requestLog().submit(record, snapshot);
}

void TestLogsPanel::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dataDir_.isValid());
    config_ = std::make_shared<Config>();
    config_->listen.port = 0;
    config_->store.logBodies = true;
    engine_ = std::make_unique<Engine>();
    engine_->setConfig(config_);
    engine_->setDataDir(dataDir_.path());
    QVERIFY(engine_->requestLog().store());
    engine_->startProxy();
    QTRY_COMPARE(engine_->proxyState(), Engine::ProxyState::Running);

    now_ = QDateTime::currentMSecsSinceEpoch();
    // The bulk ends two hours ago, a second apart.
    const qint64 bulkStart = now_ - 2 * 60 * kMinuteMs - kBulkRows * 1000LL;
    for (int n = 1; n <= kBulkRows; ++n)
        submit(bulkRecord(n, bulkStart + n * 1000LL));
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
    submit(r);
}

void TestLogsPanel::init() {
    panel_ = std::make_unique<LogsPanel>(*engine_);
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

void TestLogsPanel::newRequestAppearsOnTop() {
    const int before = model()->rowCount();
    RequestRecord r = bulkRecord(kBulkRows + 1, QDateTime::currentMSecsSinceEpoch());
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
