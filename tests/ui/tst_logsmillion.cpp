// The Logs panel over a real signalbox.db of a million requests (the store's own schema,
// written in bulk by BulkRequestLog): the table holds what was scrolled to, a page at a
// time, and every filter shows exactly the rows computed here from the generator, in
// the keyset order. How fast is shown by query plans (tst_requestqueries), not timed
// here: the times printed are for the record only.

#include "../core/BulkRequestLog.h"
#include "../core/ManualClock.h"
#include "config/Config.h"
#include "engine/Engine.h"
#include "engine/RequestLog.h"
#include "logs/LogFilterBar.h"
#include "logs/LogTableModel.h"
#include "logs/LogsPanel.h"
#include "store/RequestQueries.h"
#include "store/RequestStore.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace signalbox;

namespace {

constexpr qint64 kRows = 1'000'000;
constexpr int kQueryTimeoutMs = 30'000;
constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kDayMs = 24 * 60 * kMinuteMs;

using Row = test::BulkRequestLog::Row;

}  // namespace

class TestLogsMillion : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void holdsOnePageOfTheMillion();
    void scrollingReadsTheExactNextPage();
    void routeFilterGivesEveryRowOfARareRoute();
    void statusInACustomRangeGivesItsRows();
    void timeRangeGivesItsRows();
    void textSearchGoesThroughTheWholeLog();
    void tagFilterGivesItsRows();
    void statusClassAndRouteGiveTheNewestRows();
    void refreshingAnOldMatchKeepsItsRows();

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
    // Waits for the model's answers until `done` holds; the milliseconds it took.
    qint64 waitFor(const std::function<bool()>& done);
    // Waits for the first page of a filter just set (after the bar settles).
    qint64 waitForFirstPage();
    // Scrolls to the end of the rows, page by page; false when a page did not come.
    bool scrollToTheEnd();
    // The model's rows [first, first + expected.size()) are those rows, in that order.
    bool rowsAre(const std::vector<qint64>& expected, int first = 0) const;
    std::vector<qint64> expect(const std::function<bool(const Row&)>& keep,
                               size_t limit = size_t(-1)) const {
        return bulk_->newestFirst(keep, limit);
    }

    QTemporaryDir settingsDir_;
    QTemporaryDir dataDir_;
    test::ManualClock clock_;
    std::unique_ptr<test::BulkRequestLog> bulk_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<LogsPanel> panel_;
};

void TestLogsMillion::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(settingsDir_.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir_.path());
    QApplication::setOrganizationName(QStringLiteral("SignalboxTest"));
    QApplication::setApplicationName(QStringLiteral("tst_logsmillion"));
    QVERIFY(dataDir_.isValid());

    // Three weeks of traffic ending ten minutes before the clock's now: all within the
    // store's retention, so its writer deletes nothing when it opens the file.
    // The Logs table reads rows only: the hourly rollups stay empty, which saves seconds.
    bulk_ = std::make_unique<test::BulkRequestLog>(kRows, clock_.wall - 10 * kMinuteMs,
                                                   test::BulkRequestLog::Rollups::Skip);
    QVERIFY(clock_.wall - bulk_->oldestMs() < 30 * kDayMs);
    QElapsedTimer took;
    took.start();
    QString error;
    QVERIFY2(bulk_->write(dataDir_.filePath(QStringLiteral("signalbox.db")), &error),
             qPrintable(error));
    qInfo("%lld requests written in %lld ms", kRows, took.elapsed());

    auto config = std::make_shared<Config>();
    config->listen.port = 0;
    engine_ = std::make_unique<Engine>(nullptr, clock_);
    engine_->setConfig(config);
    engine_->setDataDir(dataDir_.path());
    QVERIFY(engine_->requestLog().store());
    QVERIFY(engine_->requestLog().store()->waitUntilWritten(kQueryTimeoutMs));
}

void TestLogsMillion::init() {
    QElapsedTimer took;
    took.start();
    panel_ = std::make_unique<LogsPanel>(*engine_, nullptr, clock_);
    panel_->resize(1200, 760);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
    waitFor([this] { return model()->hasAnswer(); });
    QVERIFY(model()->hasAnswer());
    qInfo("the first page: %lld ms after the panel was made", took.elapsed());
}

void TestLogsMillion::cleanup() {
    panel_.reset();
}

qint64 TestLogsMillion::waitFor(const std::function<bool()>& done) {
    QElapsedTimer took;
    took.start();
    QSignalSpy answers(model(), &LogTableModel::changed);
    while (!done() && took.elapsed() < kQueryTimeoutMs)
        answers.wait(kQueryTimeoutMs - int(took.elapsed()));
    return took.elapsed();
}

qint64 TestLogsMillion::waitForFirstPage() {
    auto* bar = find<LogFilterBar>(QStringLiteral("logsFilterBar"));
    QSignalSpy settled(bar, &LogFilterBar::changed);
    if (!settled.wait(kQueryTimeoutMs))
        return -1;
    return waitFor([this] { return model()->hasAnswer() && !model()->isLoading(); });
}

bool TestLogsMillion::scrollToTheEnd() {
    while (model()->hasMore()) {
        const int before = model()->rowCount();
        table()->scrollToBottom();
        waitFor([&] {
            return !model()->isLoading() && (model()->rowCount() > before || !model()->hasMore());
        });
        if (model()->rowCount() == before && model()->hasMore())
            return false;
    }
    return true;
}

bool TestLogsMillion::rowsAre(const std::vector<qint64>& expected, int first) const {
    if (model()->rowCount() < first + int(expected.size())) {
        qWarning("%d rows, %d expected", model()->rowCount(), first + int(expected.size()));
        return false;
    }
    for (size_t i = 0; i < expected.size(); ++i) {
        const QString want = bulk_->row(expected[i]).id();
        const QString got = model()->rowAt(first + int(i))->id;
        if (got != want) {
            qWarning("row %d is %s, expected %s (n %lld)", first + int(i), qPrintable(got),
                     qPrintable(want), expected[i]);
            return false;
        }
    }
    return true;
}

void TestLogsMillion::holdsOnePageOfTheMillion() {
    // What is on screen and a little more, of a million: no full load.
    QCOMPARE(model()->rowCount(), LogTableModel::kPageRows);
    QVERIFY(model()->hasMore());
    QVERIFY(model()->canFetchMore({}));
    QVERIFY(rowsAre(expect([](const Row&) { return true; }, LogTableModel::kPageRows)));
    QVERIFY(find<QLabel>(QStringLiteral("logsStatusLabel"))->text().contains(u"older ones load"));
}

void TestLogsMillion::scrollingReadsTheExactNextPage() {
    const auto all = expect([](const Row&) { return true; }, 3 * LogTableModel::kPageRows);
    for (int page = 2; page <= 3; ++page) {
        table()->scrollToBottom();
        const qint64 ms = waitFor([&] {
            return model()->rowCount() == page * LogTableModel::kPageRows && !model()->isLoading();
        });
        QCOMPARE(model()->rowCount(), page * LogTableModel::kPageRows);
        qInfo("page %d: %lld ms after the scroll", page, ms);
    }
    // Exactly the rows after the last one shown, through runs of rows sharing a start.
    QVERIFY(rowsAre(all));
    QVERIFY(model()->hasMore());
}

void TestLogsMillion::routeFilterGivesEveryRowOfARareRoute() {
    find<QComboBox>(QStringLiteral("logsRouteFilter"))->setCurrentText(QStringLiteral("audit"));
    const qint64 ms = waitForFirstPage();
    const auto audit = expect([](const Row& r) { return qstrcmp(r.route, "audit") == 0; });
    QVERIFY(audit.size() > size_t(LogTableModel::kPageRows));  // two pages
    QCOMPARE(model()->rowCount(), LogTableModel::kPageRows);
    QVERIFY(scrollToTheEnd());
    QCOMPARE(model()->rowCount(), int(audit.size()));
    QVERIFY(rowsAre(audit));
    qInfo("route audit: first page in %lld ms, %zu rows", ms, audit.size());
}

void TestLogsMillion::statusInACustomRangeGivesItsRows() {
    // A day, three days back, to the minute; and one status in it.
    const qint64 from = (bulk_->newestMs() - 3 * kDayMs) / kMinuteMs * kMinuteMs;
    const qint64 to = from + kDayMs;
    auto* bar = find<LogFilterBar>(QStringLiteral("logsFilterBar"));
    bar->setCustomRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(to));
    QTest::keyClicks(find<QLineEdit>(QStringLiteral("logsStatusCodeFilter")),
                     QStringLiteral("503"));
    const qint64 ms = waitForFirstPage();
    const auto expected = expect(
        [&](const Row& r) { return r.status == 503 && r.startedAt >= from && r.startedAt < to; });
    QVERIFY(expected.size() > 20);
    QVERIFY(scrollToTheEnd());
    QCOMPARE(model()->rowCount(), int(expected.size()));
    QVERIFY(rowsAre(expected));
    qInfo("503 in a day: first page in %lld ms, %zu rows", ms, expected.size());
}

void TestLogsMillion::timeRangeGivesItsRows() {
    // Ten minutes in the middle of the log: a page and a half.
    const qint64 from = (bulk_->oldestMs() + 10 * kDayMs) / kMinuteMs * kMinuteMs;
    const qint64 to = from + 10 * kMinuteMs;
    find<LogFilterBar>(QStringLiteral("logsFilterBar"))
        ->setCustomRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(to));
    QCOMPARE(find<QDateTimeEdit>(QStringLiteral("logsFromFilter"))->dateTime().toMSecsSinceEpoch(),
             from);
    const qint64 ms = waitForFirstPage();
    const auto expected =
        expect([&](const Row& r) { return r.startedAt >= from && r.startedAt < to; });
    QCOMPARE(expected.size(), size_t(10 * kMinuteMs / test::BulkRequestLog::kSpacingMs *
                                     test::BulkRequestLog::kRowsPerStart));
    QCOMPARE(model()->rowCount(), LogTableModel::kPageRows);
    QVERIFY(scrollToTheEnd());
    QCOMPARE(model()->rowCount(), int(expected.size()));
    QVERIFY(rowsAre(expected));
    qInfo("ten minutes: first page in %lld ms, %zu rows", ms, expected.size());
}

void TestLogsMillion::textSearchGoesThroughTheWholeLog() {
    // A word in a few dozen errors spread over the whole log: no index holds it, so the
    // log is read newest first a window at a time, each window a query of its own.
    QSignalSpy answers(model(), &LogTableModel::changed);
    QTest::keyClicks(find<QLineEdit>(QStringLiteral("logsSearchFilter")), QStringLiteral("zephyr"));
    const qint64 ms = waitForFirstPage();
    const auto expected =
        expect([](const Row& r) { return QByteArray(r.error).contains("zephyr"); });
    QVERIFY(expected.size() > 20 && expected.size() < size_t(LogTableModel::kPageRows));
    QCOMPARE(model()->rowCount(), int(expected.size()));
    QVERIFY(!model()->hasMore());
    QVERIFY(!model()->searchedBackTo());
    QVERIFY(rowsAre(expected));
    // One answer a window at least, with progress to show in between.
    QVERIFY(answers.count() >= int(kRows / RequestQueries::kScanWindowRows));
    qInfo("text search over %lld rows: %lld ms in %lld windows, %zu rows", kRows, ms,
          qint64(answers.count()), expected.size());
}

void TestLogsMillion::tagFilterGivesItsRows() {
    QTest::keyClicks(find<QLineEdit>(QStringLiteral("logsTagFilter")),
                     QStringLiteral("project=apollo"));
    const qint64 ms = waitForFirstPage();
    const auto expected = expect([](const Row& r) { return qstrcmp(r.project, "apollo") == 0; });
    QVERIFY(expected.size() > size_t(LogTableModel::kPageRows));
    QCOMPARE(model()->rowCount(), LogTableModel::kPageRows);
    QVERIFY(scrollToTheEnd());
    QCOMPARE(model()->rowCount(), int(expected.size()));
    QVERIFY(rowsAre(expected));
    qInfo("tag project=apollo: first page in %lld ms, %zu rows", ms, expected.size());
}

void TestLogsMillion::statusClassAndRouteGiveTheNewestRows() {
    find<QComboBox>(QStringLiteral("logsRouteFilter"))->setCurrentText(QStringLiteral("cheap"));
    find<QComboBox>(QStringLiteral("logsStatusFilter"))
        ->setCurrentText(QStringLiteral("4xx client errors"));
    const qint64 ms = waitForFirstPage();
    const auto expected = expect(
        [](const Row& r) {
            return qstrcmp(r.route, "cheap") == 0 && r.status >= 400 && r.status < 500;
        },
        2 * LogTableModel::kPageRows);
    QCOMPARE(model()->rowCount(), LogTableModel::kPageRows);
    QVERIFY(model()->hasMore());
    QVERIFY(rowsAre({expected.begin(), expected.begin() + LogTableModel::kPageRows}));
    table()->scrollToBottom();
    waitFor([this] {
        return model()->rowCount() == 2 * LogTableModel::kPageRows && !model()->isLoading();
    });
    QVERIFY(rowsAre(expected));
    qInfo("route cheap, 4xx: first page in %lld ms", ms);
}

void TestLogsMillion::refreshingAnOldMatchKeepsItsRows() {
    // The one match lies more than a scan window deep: a refresh reads every window above
    // it, finds nothing new and leaves the table alone (it used to start over each tick).
    const auto deep =
        expect([](const Row&) { return true; }, size_t(3 * RequestQueries::kScanWindowRows));
    const QString id = bulk_->row(deep.back()).id();
    QTest::keyClicks(find<QLineEdit>(QStringLiteral("logsSearchFilter")), id);
    waitForFirstPage();
    QVERIFY(waitFor([this] { return !model()->isLoading() && !model()->hasMore(); }) >= 0);
    QCOMPARE(model()->rowCount(), 1);
    QCOMPARE(model()->rowAt(0)->id, id);
    QSignalSpy resets(model(), &QAbstractItemModel::modelReset);
    QSignalSpy answers(model(), &LogTableModel::changed);
    for (int tick = 0; tick < 3; ++tick) {
        model()->refreshNewer();
        QTRY_VERIFY_WITH_TIMEOUT(!model()->isRefreshing(), kQueryTimeoutMs);
    }
    QCOMPARE(resets.count(), 0);
    QCOMPARE(model()->rowCount(), 1);
}

QTEST_MAIN(TestLogsMillion)
#include "tst_logsmillion.moc"
