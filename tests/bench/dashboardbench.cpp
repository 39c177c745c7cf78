// dashboardbench: how fast the Dashboard draws over a big request log. Fills a
// signalbox.db with a million requests (BulkRequestLog: the store's schema, its hourly
// rollups summed by the store's own code), or reuses one, then times for the last hour,
// day, week and 30 days:
//   queries  the panel's whole set of questions, one after another on one connection
//            (RequestQueries), warm: what a refresh costs the two pool threads in all;
//   cold     a new DashboardPanel shown (new read connections) until refreshed(): every
//            answer in and every chart, card and list drawn;
//   warm     refresh() on that panel until refreshed(), as a change of filter starts it
//            (after the filter bar's 250 ms settle, which is left out);
//   paint    the panel painted whole after a warm refresh (QWidget::grab);
//   stall    the longest the GUI thread was busy without turning its event loop while a
//            refresh ran: how responsive the window stays.
// Medians of --runs runs. The target (docs: targets.md) is under 300 ms from a change to
// drawn. Prints a table and writes JSON; runs by hand; nothing asserts a time.
//
//   dashboardbench [--rows N] [--db PATH] [--runs K] [--out FILE] [--smoke]
//
// Runs without a display (QT_QPA_PLATFORM=offscreen unless set).

#include "../core/BulkRequestLog.h"
#include "config/Config.h"
#include "dashboard/DashboardFilterBar.h"
#include "dashboard/DashboardPanel.h"
#include "engine/Engine.h"
#include "engine/RequestLog.h"
#include "store/RequestQueries.h"
#include "store/RequestStore.h"
#include "store/StoreConnection.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPixmap>
#include <QSettings>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <vector>

using namespace signalbox;

namespace {

constexpr qint64 kHourMs = 3'600'000;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr int kTimeoutMs = 120'000;

struct Range {
    const char* name;
    DashboardFilterBar::Range preset;
    qint64 ms;
};

const Range kRanges[] = {{"1 hour", DashboardFilterBar::Range::LastHour, kHourMs},
                         {"1 day", DashboardFilterBar::Range::LastDay, kDayMs},
                         {"7 days", DashboardFilterBar::Range::LastWeek, 7 * kDayMs},
                         {"30 days", DashboardFilterBar::Range::LastMonth, 30 * kDayMs}};

double median(std::vector<double> v) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double msSince(const QElapsedTimer& t) {
    return double(t.nsecsElapsed()) / 1e6;
}

template <typename T>
bool ok(const QueryResult<T>& r) {
    if (!r.ok())
        std::fprintf(stderr, "dashboardbench: %s\n", qPrintable(r.error));
    return r.ok();
}

// Every question a refresh of the panel asks (DashboardPanel::refresh), in turn.
bool askAll(RequestQueries& q, const RequestFilter& f) {
    const DashboardScope scope =
        DashboardScope::of(f, DashboardScope::localOffsetMinutesAt(f.toMs));
    LogPageQuery any;
    any.filter.fromMs = std::numeric_limits<qint64>::min();
    any.filter.toMs = std::numeric_limits<qint64>::max();
    any.limit = 1;
    if (!ok(q.logPage(any)) || !ok(q.totals(f)) ||
        !ok(q.series(f, RequestGrouping::byTarget(), scope.spend)))
        return false;
    if (scope.traffic.size != scope.spend.size &&
        !ok(q.series(f, RequestGrouping::byRoute(), scope.traffic)))
        return false;
    if (!ok(q.latencyByTarget(f)) || !ok(q.topSpend(f, RequestGrouping::byRoute(), 10)) ||
        !ok(q.topSpend(f, RequestGrouping::byVirtualKey(), 10)))
        return false;
    const auto keys = q.tagKeys(f.fromMs, f.toMs);
    if (!ok(keys))
        return false;
    return keys.value.isEmpty() ||
           ok(q.topSpend(f, RequestGrouping::byTag(keys.value.front()), 10));
}

// Waits for the panel's next refreshed(); the longest gap between turns of the event loop
// meanwhile (ms) in *stall. False on timeout.
bool waitRefreshed(DashboardPanel& panel, double* stall) {
    QEventLoop loop;
    bool done = false;
    const auto connection = QObject::connect(&panel, &DashboardPanel::refreshed, &loop, [&] {
        done = true;
        loop.quit();
    });
    QElapsedTimer sinceTick;
    sinceTick.start();
    double longest = 0;
    QTimer ticker;
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        longest = std::max(longest, msSince(sinceTick));
        sinceTick.restart();
    });
    ticker.start();
    QTimer::singleShot(kTimeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    QObject::disconnect(connection);
    if (stall)
        *stall = std::max(longest, msSince(sinceTick));
    return done;
}

// The offscreen platform says for every window shown that it cannot pass size hints on.
void quietOffscreen(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (message.contains(QLatin1String("does not support propagateSizeHints")))
        return;
    std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qInstallMessageHandler(quietOffscreen);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SignalboxBench"));
    QApplication::setApplicationName(QStringLiteral("dashboardbench"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Rows to generate"),
                                        QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QStringLiteral("Data folder holding a signalbox.db to reuse, or to fill if it has none"),
        QStringLiteral("dir"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs per figure"),
                                        QStringLiteral("k"), QStringLiteral("5"));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("JSON results"),
                                       QStringLiteral("file"),
                                       QStringLiteral(DASHBOARDBENCH_DEFAULT_OUT));
    const QCommandLineOption smokeOption(QStringLiteral("smoke"),
                                         QStringLiteral("One run each; prove the harness runs"));
    parser.addOptions({rowsOption, dbOption, runsOption, outOption, smokeOption});
    parser.process(app);
    const bool smoke = parser.isSet(smokeOption);
    const int runs = smoke ? 1 : std::max(1, parser.value(runsOption).toInt());
    const qint64 rows = parser.value(rowsOption).toLongLong();

    QTemporaryDir scratch;
    QTemporaryDir settings;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
    const QString dataDir = parser.isSet(dbOption) ? parser.value(dbOption) : scratch.path();
    QDir().mkpath(dataDir);
    const QString path = QDir(dataDir).filePath(QStringLiteral("signalbox.db"));
    if (!QFileInfo::exists(path)) {
        // Ends a minute ago: within the store's retention, and in every range.
        const test::BulkRequestLog bulk(rows, QDateTime::currentMSecsSinceEpoch() - 60'000);
        QElapsedTimer t;
        t.start();
        QString error;
        if (!bulk.write(path, &error)) {
            std::fprintf(stderr, "dashboardbench: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("generated %lld requests over %.1f days, rollups included, in %.1f s\n",
                    static_cast<long long>(rows),
                    double(bulk.newestMs() - bulk.oldestMs()) / double(kDayMs),
                    double(t.elapsed()) / 1000.0);
    } else {
        std::printf("reusing %s\n", qPrintable(path));
    }
    const double sizeMb = double(QFileInfo(path).size()) / 1048576.0;

    // The queries alone, on one warm connection, one after another.
    QJsonObject results;
    std::vector<double> queryMs[std::size(kRanges)];
    std::vector<double> suggestMs[std::size(kRanges)];
    {
        StoreConnection connection(path, QStringLiteral("bench"), true);
        if (!connection.open()) {
            std::fprintf(stderr, "dashboardbench: %s\n", qPrintable(connection.error()));
            return 1;
        }
        RequestQueries queries(connection.db());
        for (size_t r = 0; r < std::size(kRanges); ++r) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch() + 1;
            const RequestFilter f{now - kRanges[r].ms, now, {}, {}, {}, {}, {}};
            if (!askAll(queries, f))  // warms the page cache
                return 1;
            for (int run = 0; run < runs; ++run) {
                QElapsedTimer t;
                t.start();
                if (!askAll(queries, f))
                    return 1;
                queryMs[r].push_back(msSince(t));
                t.restart();
                if (!ok(queries.dimensions(f.fromMs, f.toMs)))
                    return 1;
                suggestMs[r].push_back(msSince(t));
            }
        }
    }

    // The panel, as the window shows it.
    auto config = std::make_shared<Config>();
    config->listen.port = 0;
    Engine engine;
    engine.setConfig(config);
    engine.setDataDir(dataDir);
    if (!engine.requestLog().store() ||
        !engine.requestLog().store()->waitUntilWritten(kTimeoutMs)) {
        std::fprintf(stderr, "dashboardbench: the store did not open\n");
        return 1;
    }
    std::printf("\n%lld rows, %.0f MB; %d run(s) a figure, medians in ms%s\n",
                static_cast<long long>(rows), sizeMb, runs,
#ifdef NDEBUG
                ""
#else
                " (a debug build: expect optimized builds to be faster)"
#endif
    );
    std::printf("%-8s %9s %9s %9s %9s %9s %9s %9s\n", "range", "queries", "suggest", "cold", "warm",
                "paint", "warm+paint", "stall");
    for (size_t r = 0; r < std::size(kRanges); ++r) {
        std::vector<double> cold;
        std::vector<double> warm;
        std::vector<double> paint;
        std::vector<double> total;
        std::vector<double> stall;
        for (int run = 0; run < runs; ++run) {
            // Cold: a panel of its own, its connections new.
            DashboardPanel panel(engine);
            panel.resize(1200, 760);
            auto* filters = panel.findChild<DashboardFilterBar*>();
            filters->setRange(kRanges[r].preset);
            // Showing refreshes with the range: the bar's settle would only refresh again.
            for (QTimer* settle : filters->findChildren<QTimer*>())
                settle->stop();
            QElapsedTimer t;
            t.start();
            panel.show();  // refreshes
            double stalled = 0;
            if (!waitRefreshed(panel, &stalled))
                return 1;
            cold.push_back(msSince(t));
            // Warm: what a change of filter starts, on the same panel.
            t.restart();
            panel.refresh();
            if (!waitRefreshed(panel, &stalled))
                return 1;
            warm.push_back(msSince(t));
            stall.push_back(stalled);
            QElapsedTimer p;
            p.start();
            const QPixmap drawn = panel.grab();
            paint.push_back(msSince(p));
            total.push_back(msSince(t));
            if (drawn.isNull())
                return 1;
        }
        std::printf("%-8s %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f\n", kRanges[r].name,
                    median(queryMs[r]), median(suggestMs[r]), median(cold), median(warm),
                    median(paint), median(total), median(stall));
        std::fflush(stdout);
        results.insert(QString::fromLatin1(kRanges[r].name),
                       QJsonObject{{QStringLiteral("queriesMs"), median(queryMs[r])},
                                   {QStringLiteral("suggestionsMs"), median(suggestMs[r])},
                                   {QStringLiteral("coldMs"), median(cold)},
                                   {QStringLiteral("warmMs"), median(warm)},
                                   {QStringLiteral("paintMs"), median(paint)},
                                   {QStringLiteral("warmAndPaintMs"), median(total)},
                                   {QStringLiteral("guiStallMs"), median(stall)}});
    }

    const QJsonObject meta{
        {QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("rows"), rows},
        {QStringLiteral("dbMb"), sizeMb},
        {QStringLiteral("runs"), runs},
        {QStringLiteral("smoke"), smoke},
        {QStringLiteral("cpus"), QThread::idealThreadCount()},
        {QStringLiteral("machine"), QSysInfo::prettyProductName()},
#ifdef NDEBUG
        {QStringLiteral("build"), QStringLiteral("optimized")},
#else
        {QStringLiteral("build"), QStringLiteral("debug")},
#endif
        {QStringLiteral("note"),
         QStringLiteral("medians; queries: the panel's set in turn on one warm connection; "
                        "cold: a new panel shown until refreshed(); warm: refresh() until "
                        "refreshed(); paint: QWidget::grab() after; shared machine, indicative")}};
    const QString out = parser.value(outOption);
    QDir().mkpath(QFileInfo(out).absolutePath());
    QFile file(out);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "dashboardbench: cannot write %s\n", qPrintable(out));
        return 1;
    }
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("meta"), meta},
                                         {QStringLiteral("results"), results}})
                   .toJson());
    std::printf("\nwrote %s\n", qPrintable(out));
    return 0;
}
