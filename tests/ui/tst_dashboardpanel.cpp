// The Dashboard over a real signalbox.db written by the store's own writer (RequestRows,
// rollups included): every chart, card and list shows what is computed here, in C++,
// from the generated requests (sums per model and day, counts per bucket, nearest-rank
// percentiles, cache savings, spend order), under each time range and filter; the CSV
// and PNG exports write what is shown; an empty log shows how to send the first request
// until one arrives.

#include "../core/ManualClock.h"
#include "common/SnippetView.h"
#include "config/Config.h"
#include "dashboard/ChartFrame.h"
#include "dashboard/DashboardFilterBar.h"
#include "dashboard/DashboardFormat.h"
#include "dashboard/DashboardPanel.h"
#include "dashboard/LatencyChart.h"
#include "dashboard/SpendChart.h"
#include "dashboard/StatCard.h"
#include "dashboard/TopSpendTable.h"
#include "dashboard/TrafficChart.h"
#include "engine/Engine.h"
#include "engine/RequestLog.h"
#include "store/RequestRows.h"
#include "store/RequestStore.h"
#include "store/StoreConnection.h"
#include "store/StoreSchema.h"

#include <QAction>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHorizontalBarSeries>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <set>

using namespace signalbox;
using namespace Qt::StringLiterals;

namespace {

// The local time zone of the whole test: two hours east of UTC, no daylight saving, so
// that days are not UTC days and the buckets' offset is checked.
const bool kZoneSet = qputenv("TZ", "<+02>-2");
constexpr int kOffsetMinutes = 120;

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr int kRows = 4000;
constexpr int kTimeoutMs = 20'000;

// A request as written, with its tags as a map for the expectations.
struct Written {
    RequestRecord record;
    std::map<QString, QString> tags;
};

const QString kTargets[] = {u"openai/gpt-4o"_s, u"anthropic/claude-sonnet-4"_s,
                            u"groq/llama-3.1-8b"_s, u"deepseek/deepseek-chat"_s, u"local/llama3"_s};

// Requests over the last nine and a half days before `now`, the newest a minute old.
// Costs are multiples of 1/1024 so that sums are exact in any order; local/llama3 has
// no price; cache hits cost nothing and saved what their first answer cost.
std::vector<Written> generate(qint64 now) {
    std::mt19937_64 rng(8);
    const auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    const auto chance = [&](int percent) { return pick(100) < percent; };
    std::vector<Written> out;
    for (int i = 0; i < kRows; ++i) {
        Written w;
        RequestRecord& r = w.record;
        r.id = "sb-" + QByteArray::number(i, 16).rightJustified(16, '0');
        // Denser in the last day, so the short ranges have points too.
        const qint64 back = i % 4 == 0 ? kMinuteMs + qint64(pick(int(kDayMs / 1000))) * 1000
                                       : kMinuteMs + qint64(pick(int(9.5 * kDayMs / 1000))) * 1000;
        r.startedAt = now - back;
        r.surface = "openai.chat";
        const int route = pick(3);
        r.route = route == 0 ? u"smart"_s : route == 1 ? u"fast"_s : u"cheap"_s;
        r.target = route == 0   ? kTargets[pick(2)]
                   : route == 1 ? kTargets[2]
                                : kTargets[3 + pick(2)];
        r.virtualKeyId = i % 3 == 0 ? u"vk-a"_s : i % 3 == 1 ? u"vk-b"_s : QString();
        r.status = chance(10) ? (chance(50) ? 429 : 500) : 200;
        if (r.status != 200)
            r.error = u"failed"_s;
        if (r.status == 500 && chance(30)) {
            r.status = 503;
            r.target.clear();  // every target failed: none served it
        }
        r.providerKind = r.target.section(u'/', 0, 0);
        r.stream = chance(50);
        r.truncated = r.stream && r.status == 200 && chance(3);
        r.cacheHit = r.status == 200 && !r.truncated && chance(8);
        r.latencyMs = r.cacheHit ? 1 + pick(5) : 50 + pick(5000);
        if (r.stream && !r.cacheHit)
            r.ttftMs = 10 + pick(int(r.latencyMs));
        r.finishedAt = r.startedAt + r.latencyMs;
        r.calls = r.cacheHit ? 0 : 1;
        r.attempts.push_back(Attempt{r.target, {}, "ok", 0, r.latencyMs, {}, !r.cacheHit});
        r.inputTokens = 10 + pick(3000);
        r.outputTokens = 1 + pick(800);
        if (!r.target.isEmpty() && r.target != kTargets[4] && r.status == 200)
            r.costUsd = r.cacheHit ? 0.0 : double(1 + pick(4096)) / 1024.0;
        if (r.cacheHit)
            r.cacheSavedUsd = double(1 + pick(2048)) / 1024.0;
        if (chance(70))
            w.tags[u"team"_s] = chance(50) ? u"search"_s : u"support"_s;
        if (chance(50))
            w.tags[u"feature"_s] = chance(50) ? u"chat"_s : u"summary"_s;
        QJsonObject tags;
        for (const auto& [k, v] : w.tags)
            tags.insert(k, v);
        if (!w.tags.empty())
            r.tags = QJsonDocument(tags).toJson(QJsonDocument::Compact);
        out.push_back(std::move(w));
    }
    return out;
}

bool matches(const Written& w, const RequestFilter& f) {
    const RequestRecord& r = w.record;
    if (r.startedAt < f.fromMs || r.startedAt >= f.toMs)
        return false;
    if (!f.route.isEmpty() && r.route != f.route)
        return false;
    if (!f.virtualKeyId.isEmpty() && r.virtualKeyId != f.virtualKeyId)
        return false;
    if (f.hasTag()) {
        const auto it = w.tags.find(f.tagKey);
        if (it == w.tags.end() || it->second != f.tagValue)
            return false;
    }
    return true;
}

bool isError(const RequestRecord& r) {
    return r.status >= 400 || r.truncated;
}

// The start of the local bucket of `size` holding `t`, at kOffsetMinutes east of UTC.
qint64 bucketOf(qint64 t, qint64 size) {
    const qint64 offset = kOffsetMinutes * kMinuteMs;
    const qint64 shifted = t + offset;
    return shifted - ((shifted % size) + size) % size - offset;
}

std::vector<qint64> bucketsOf(const RequestFilter& f, qint64 size) {
    std::vector<qint64> out;
    for (qint64 at = bucketOf(f.fromMs, size); at <= bucketOf(f.toMs - 1, size); at += size)
        out.push_back(at);
    return out;
}

qint64 nearestRank(std::vector<qint64> values, int percent) {
    if (values.empty())
        return -1;
    std::sort(values.begin(), values.end());
    const size_t rank = std::max<size_t>(1, (size_t(percent) * values.size() + 99) / 100);
    return values[rank - 1];
}

struct Expected {
    qint64 requests = 0;
    qint64 errors = 0;
    qint64 cacheHits = 0;
    double cost = 0;
    double saved = 0;
    // Per target with spend: its cost per bucket.
    std::map<QString, std::vector<double>> spend;
    std::vector<qint64> spendBuckets;
    std::vector<qint64> trafficBuckets;
    std::vector<qint64> requestsPerBucket;
    std::vector<qint64> errorsPerBucket;
    std::map<QString, std::vector<qint64>> latencies;  // answered requests per target
    std::map<QString, std::vector<qint64>> ttfts;
    std::map<QString, double> routeCost;
    std::map<QString, double> keyCost;
    std::map<QString, std::map<QString, double>> tagCost;  // key -> value -> cost
};

Expected expect(const std::vector<Written>& data, const RequestFilter& f, qint64 spendSize,
                qint64 trafficSize) {
    Expected e;
    e.spendBuckets = bucketsOf(f, spendSize);
    e.trafficBuckets = bucketsOf(f, trafficSize);
    e.requestsPerBucket.assign(e.trafficBuckets.size(), 0);
    e.errorsPerBucket.assign(e.trafficBuckets.size(), 0);
    for (const Written& w : data) {
        if (!matches(w, f))
            continue;
        const RequestRecord& r = w.record;
        ++e.requests;
        e.errors += isError(r) ? 1 : 0;
        e.cacheHits += r.cacheHit ? 1 : 0;
        e.saved += r.cacheHit ? r.cacheSavedUsd.value_or(0) : 0;
        const double cost = r.costUsd.value_or(0);
        e.cost += cost;
        if (cost > 0) {
            auto& perBucket = e.spend[r.target];
            perBucket.resize(e.spendBuckets.size(), 0.0);
            perBucket[size_t((bucketOf(r.startedAt, spendSize) - e.spendBuckets.front()) /
                             spendSize)] += cost;
        }
        const size_t t =
            size_t((bucketOf(r.startedAt, trafficSize) - e.trafficBuckets.front()) / trafficSize);
        ++e.requestsPerBucket[t];
        e.errorsPerBucket[t] += isError(r) ? 1 : 0;
        if (!isError(r) && !r.cacheHit) {
            if (r.latencyMs >= 0)
                e.latencies[r.target].push_back(r.latencyMs);
            if (r.ttftMs >= 0)
                e.ttfts[r.target].push_back(r.ttftMs);
        }
        e.routeCost[r.route] += cost;
        e.keyCost[r.virtualKeyId] += cost;
        for (const auto& [k, v] : w.tags)
            e.tagCost[k][v] += cost;
    }
    return e;
}

// Groups by spend, most first, ties by name: the order of the top lists.
std::vector<QString> spendOrder(const std::map<QString, double>& costs) {
    std::vector<std::pair<QString, double>> sorted(costs.begin(), costs.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<QString> out;
    for (const auto& [group, cost] : sorted)
        out.push_back(group);
    if (out.size() > size_t(DashboardPanel::kTopRows))
        out.resize(DashboardPanel::kTopRows);
    return out;
}

QString dump(const std::vector<double>& values) {
    QStringList out;
    for (const double v : values)
        out << QString::number(v);
    return out.join(u' ');
}

}  // namespace

// verifyAgainstTheRows(), ending the test function at its first failure.
#define VERIFY_ROWS(spendSize, trafficSize)           \
    do {                                              \
        verifyAgainstTheRows(spendSize, trafficSize); \
        if (QTest::currentTestFailed())               \
            return;                                   \
    } while (false)

class TestDashboardPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void chartsShowTheStoresAggregates();
    void routeKeyAndTagFiltersChangeThem();
    void everyRangeHasItsBuckets();
    void aRangeThatCannotBeReadKeepsTheCharts();
    void aRangeWithoutRequestsSaysSo();
    void hoverShowsTheValue();
    void csvExportHoldsWhatIsShown();
    void pngExportWritesAnImage();
    void chartsFollowThePalette();
    void screenshot();
    void emptyLogShowsHowToSendTheFirstRequest();

private:
    template <typename T>
    T* find(const QString& name) const {
        T* widget = panel_->findChild<T*>(name);
        if (!widget)
            qWarning("no widget %s", qPrintable(name));
        return widget;
    }
    DashboardFilterBar* filters() const {
        return find<DashboardFilterBar>(u"dashboardFilterBar"_s);
    }
    SpendChart* spendChart() const { return find<SpendChart>(u"dashboardSpendChart"_s); }
    TrafficChart* trafficChart() const { return find<TrafficChart>(u"dashboardTrafficChart"_s); }
    LatencyChart* latencyChart() const { return find<LatencyChart>(u"dashboardLatencyChart"_s); }
    // Lets the filters settle and waits for the refresh they start.
    bool waitForRefresh(QSignalSpy& spy) { return spy.wait(kTimeoutMs) && !panel_->isRefreshing(); }
    // Every chart, card and list against the rows, for the filter the panel used.
    void verifyAgainstTheRows(qint64 spendSize, qint64 trafficSize);

    QTemporaryDir settingsDir_;
    QTemporaryDir dataDir_;
    test::ManualClock clock_;
    std::vector<Written> data_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<DashboardPanel> panel_;
};

void TestDashboardPanel::initTestCase() {
    QVERIFY(kZoneSet);
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(settingsDir_.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir_.path());
    QApplication::setOrganizationName(u"SignalboxTest"_s);
    QApplication::setApplicationName(u"tst_dashboardpanel"_s);
    QVERIFY(dataDir_.isValid());
    QCOMPARE(QDateTime::fromMSecsSinceEpoch(clock_.wall).offsetFromUtc(), kOffsetMinutes * 60);

    // Written as the store's writer writes them, rollups and all, before the engine opens
    // the file.
    data_ = generate(clock_.wall);
    {
        StoreConnection writer(dataDir_.filePath(u"signalbox.db"_s), u"test-writer"_s);
        QString error;
        QVERIFY2(writer.open(), qPrintable(writer.error()));
        QVERIFY2(StoreSchema::migrate(writer.db(), &error), qPrintable(error));
        RequestRows rows(writer.db());
        QVERIFY2(rows.prepare(), qPrintable(rows.error()));
        QVERIFY(writer.db().transaction());
        for (const Written& w : data_)
            QVERIFY2(rows.insert(w.record), qPrintable(rows.error()));
        QVERIFY2(rows.flush(), qPrintable(rows.error()));
        QVERIFY(writer.db().commit());
    }

    auto config = std::make_shared<Config>();
    config->listen.port = 0;
    engine_ = std::make_unique<Engine>(nullptr, clock_);
    engine_->setConfig(config);
    engine_->setDataDir(dataDir_.path());
    QVERIFY(engine_->requestLog().store());
    QVERIFY(engine_->requestLog().store()->waitUntilWritten(kTimeoutMs));
}

void TestDashboardPanel::init() {
    QSettings().clear();
    panel_ = std::make_unique<DashboardPanel>(*engine_, nullptr, clock_);
    panel_->resize(1200, 760);
    QSignalSpy refreshed(panel_.get(), &DashboardPanel::refreshed);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
    QVERIFY(refreshed.count() > 0 || refreshed.wait(kTimeoutMs));
    QTRY_VERIFY(!panel_->isRefreshing());
}

void TestDashboardPanel::cleanup() {
    panel_.reset();
}

void TestDashboardPanel::verifyAgainstTheRows(qint64 spendSize, qint64 trafficSize) {
    const DashboardData& shown = panel_->data();
    const RequestFilter& f = shown.scope.filter;
    QCOMPARE(shown.scope.spend.sizeMs(), spendSize);
    QCOMPARE(shown.scope.traffic.sizeMs(), trafficSize);
    QCOMPARE(shown.scope.spend.utcOffsetMinutes, kOffsetMinutes);
    const Expected e = expect(data_, f, spendSize, trafficSize);
    QVERIFY2(e.requests > 0, "the range holds requests");

    // The cards.
    QCOMPARE(shown.totals.requests, e.requests);
    QCOMPARE(shown.totals.errors, e.errors);
    QCOMPARE(shown.totals.cacheHits, e.cacheHits);
    QCOMPARE(shown.totals.costUsd, e.cost);
    QCOMPARE(shown.totals.cacheSavedUsd, e.saved);
    QCOMPARE(find<StatCard>(u"dashboardRequestsCard"_s)->value(),
             DashboardFormat::count(e.requests));
    QCOMPARE(find<StatCard>(u"dashboardErrorsCard"_s)->value(),
             DashboardFormat::percent(double(e.errors) / double(e.requests)));
    QCOMPARE(find<StatCard>(u"dashboardSpendCard"_s)->value(), DashboardFormat::money(e.cost));
    QCOMPARE(find<StatCard>(u"dashboardCacheCard"_s)->value(),
             DashboardFormat::percent(double(e.cacheHits) / double(e.requests)));
    QVERIFY2(
        find<StatCard>(u"dashboardCacheCard"_s)->detail().contains(DashboardFormat::money(e.saved)),
        qPrintable(find<StatCard>(u"dashboardCacheCard"_s)->detail()));

    // Spend: one set per model that spent, most first, a value per bucket.
    QStackedBarSeries* spend = spendChart()->series();
    QVERIFY(spend);
    QCOMPARE(spend->count(), int(e.spend.size()));
    QCOMPARE(shown.spend.buckets, e.spendBuckets);
    double previous = std::numeric_limits<double>::max();
    for (QBarSet* set : spend->barSets()) {
        const auto it = e.spend.find(set->label());
        QVERIFY2(it != e.spend.end(), qPrintable(set->label()));
        std::vector<double> values;
        double total = 0;
        for (int i = 0; i < set->count(); ++i) {
            values.push_back(set->at(i));
            total += set->at(i);
        }
        QVERIFY2(values == it->second, qPrintable(set->label() + u": "_s + dump(values) +
                                                  u" instead of "_s + dump(it->second)));
        QVERIFY(total <= previous);
        previous = total;
    }

    // Every model in the legend, after every refresh.
    for (QLegendMarker* marker : spendChart()->chart()->legend()->markers())
        QVERIFY2(marker->isVisible(), qPrintable(marker->label()));

    // Traffic: a point per bucket, at its start.
    QLineSeries* requests = trafficChart()->requestsSeries();
    QLineSeries* errors = trafficChart()->errorsSeries();
    QVERIFY(requests && errors);
    QCOMPARE(requests->count(), int(e.trafficBuckets.size()));
    for (int i = 0; i < requests->count(); ++i) {
        QCOMPARE(qint64(requests->at(i).x()), e.trafficBuckets[size_t(i)]);
        QCOMPARE(qint64(requests->at(i).y()), e.requestsPerBucket[size_t(i)]);
        QCOMPARE(qint64(errors->at(i).y()), e.errorsPerBucket[size_t(i)]);
    }

    // Latency: per model on the axis, p50, p95 and TTFT p50 by the nearest rank.
    QHorizontalBarSeries* latency = latencyChart()->series();
    QVERIFY(latency);
    const auto axes = latency->attachedAxes();
    const auto category = std::find_if(axes.begin(), axes.end(), [](QAbstractAxis* a) {
        return qobject_cast<QBarCategoryAxis*>(a);
    });
    QVERIFY(category != axes.end());
    const QStringList models = qobject_cast<QBarCategoryAxis*>(*category)->categories();
    QCOMPARE(models.size(), int(std::min<size_t>(e.latencies.size(), LatencyChart::kMaxModels)));
    for (QBarSet* set : latency->barSets()) {
        for (int i = 0; i < models.size(); ++i) {
            const QString& model = models[i];
            const qint64 want =
                set->objectName() == "p50"_L1   ? nearestRank(e.latencies.at(model), 50)
                : set->objectName() == "p95"_L1 ? nearestRank(e.latencies.at(model), 95)
                : e.ttfts.count(model)          ? nearestRank(e.ttfts.at(model), 50)
                                                : 0;
            QVERIFY2(qint64(set->at(i)) == want,
                     qPrintable(u"%1 %2: %3 instead of %4"_s.arg(model, set->objectName())
                                    .arg(set->at(i))
                                    .arg(want)));
        }
    }

    // The top lists, most spend first.
    const auto listed = [this](const QString& name) {
        std::vector<QString> out;
        QTreeWidget* list = find<QTreeWidget>(name + u"List"_s);
        for (int i = 0; i < list->topLevelItemCount(); ++i) {
            if (list->topLevelItem(i)->flags() != Qt::NoItemFlags)
                out.push_back(
                    list->topLevelItem(i)->data(TopSpendTable::Name, Qt::UserRole).toString());
        }
        return out;
    };
    QCOMPARE(listed(u"dashboardTopRoutes"_s), spendOrder(e.routeCost));
    QCOMPARE(listed(u"dashboardTopKeys"_s), spendOrder(e.keyCost));
    const QString tagKey = shown.topTags.key;
    QVERIFY(!tagKey.isEmpty());
    QCOMPARE(listed(u"dashboardTopTags"_s), spendOrder(e.tagCost.at(tagKey)));
    QTreeWidget* routes = find<QTreeWidget>(u"dashboardTopRoutesList"_s);
    const QString top = spendOrder(e.routeCost).front();
    QCOMPARE(routes->topLevelItem(0)->text(TopSpendTable::Spend),
             DashboardFormat::money(e.routeCost.at(top)));
}

void TestDashboardPanel::chartsShowTheStoresAggregates() {
    // Opens on the last seven days: spend per day, traffic per hour.
    QCOMPARE(filters()->range(), DashboardFilterBar::Range::LastWeek);
    QCOMPARE(find<QStackedWidget>(u"dashboardPages"_s)->currentWidget()->objectName(),
             u"dashboardBoard"_s);
    const RequestFilter f = panel_->data().scope.filter;
    QCOMPARE(f.toMs, clock_.wall + 1);
    QCOMPARE(f.fromMs, clock_.wall + 1 - 7 * kDayMs);
    VERIFY_ROWS(kDayMs, kHourMs);
    QCOMPARE(spendChart()->title(), u"Spend per model per day"_s);
    // The tag list picks the first key until one is chosen; choosing one is remembered.
    QCOMPARE(panel_->data().topTags.keys, QStringList({u"feature"_s, u"team"_s}));
    QCOMPARE(panel_->data().topTags.key, u"feature"_s);
    QSignalSpy refreshed(panel_.get(), &DashboardPanel::refreshed);
    find<QComboBox>(u"dashboardTopTagsChoice"_s)->setCurrentText(u"team"_s);
    QVERIFY(waitForRefresh(refreshed));
    QCOMPARE(panel_->data().topTags.key, u"team"_s);
    QCOMPARE(QSettings().value(QLatin1String(DashboardPanel::kTagKeySetting)).toString(),
             u"team"_s);
    VERIFY_ROWS(kDayMs, kHourMs);
}

void TestDashboardPanel::routeKeyAndTagFiltersChangeThem() {
    QSignalSpy refreshed(panel_.get(), &DashboardPanel::refreshed);
    const qint64 before = panel_->data().totals.requests;
    find<QComboBox>(u"dashboardRouteFilter"_s)->setEditText(u"fast"_s);
    QVERIFY(waitForRefresh(refreshed));
    QCOMPARE(panel_->data().scope.filter.route, u"fast"_s);
    QVERIFY(panel_->data().totals.requests < before);
    VERIFY_ROWS(kDayMs, kHourMs);
    // fast is served by one model alone.
    QCOMPARE(spendChart()->series()->count(), 1);

    auto* key = find<QComboBox>(u"dashboardKeyFilter"_s);
    const int vkA = key->findData(u"vk-a"_s);
    QVERIFY(vkA > 0);
    key->setCurrentIndex(vkA);
    QVERIFY(waitForRefresh(refreshed));
    QCOMPARE(panel_->data().scope.filter.virtualKeyId, u"vk-a"_s);
    VERIFY_ROWS(kDayMs, kHourMs);

    find<QComboBox>(u"dashboardRouteFilter"_s)->setEditText(QString());
    find<QLineEdit>(u"dashboardTagFilter"_s)->setText(u"team=search"_s);
    QVERIFY(waitForRefresh(refreshed));
    QCOMPARE(panel_->data().scope.filter.tagKey, u"team"_s);
    QCOMPARE(panel_->data().scope.filter.tagValue, u"search"_s);
    QVERIFY(panel_->data().scope.filter.route.isEmpty());
    VERIFY_ROWS(kDayMs, kHourMs);

    // The suggestions name what the log holds.
    QVERIFY(find<QComboBox>(u"dashboardRouteFilter"_s)->findText(u"cheap"_s) > 0);
    QVERIFY(key->findData(u"vk-b"_s) > 0);
}

void TestDashboardPanel::everyRangeHasItsBuckets() {
    QSignalSpy refreshed(panel_.get(), &DashboardPanel::refreshed);
    struct Case {
        DashboardFilterBar::Range range;
        qint64 span;
        qint64 spendSize;
        qint64 trafficSize;
    };
    const Case cases[] = {{DashboardFilterBar::Range::LastHour, kHourMs, kHourMs, kMinuteMs},
                          {DashboardFilterBar::Range::LastDay, kDayMs, kHourMs, kHourMs},
                          {DashboardFilterBar::Range::LastMonth, 30 * kDayMs, kDayMs, kDayMs}};
    for (const Case& c : cases) {
        filters()->setRange(c.range);
        QVERIFY(waitForRefresh(refreshed));
        QCOMPARE(panel_->data().scope.filter.fromMs, clock_.wall + 1 - c.span);
        VERIFY_ROWS(c.spendSize, c.trafficSize);
    }
    QCOMPARE(spendChart()->title(), u"Spend per model per day"_s);
    QCOMPARE(trafficChart()->title(), u"Requests and errors per day"_s);
    // A custom range with ends inside hours: the partial hours come from the rows.
    const QDateTime from =
        QDateTime::fromMSecsSinceEpoch(clock_.wall - 3 * kDayMs + 17 * kMinuteMs);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(clock_.wall - kDayMs - 5 * kMinuteMs);
    filters()->setCustomRange(from.addMSecs(-from.toMSecsSinceEpoch() % kMinuteMs),
                              to.addMSecs(-to.toMSecsSinceEpoch() % kMinuteMs));
    QVERIFY(waitForRefresh(refreshed));
    QCOMPARE(filters()->range(), DashboardFilterBar::Range::Custom);
    QCOMPARE(panel_->data().scope.filter.fromMs,
             from.toMSecsSinceEpoch() - from.toMSecsSinceEpoch() % kMinuteMs);
    QCOMPARE(panel_->data().scope.filter.toMs % kHourMs != 0, true);
    VERIFY_ROWS(kHourMs, kHourMs);
    QCOMPARE(spendChart()->title(), u"Spend per model per hour"_s);
}

void TestDashboardPanel::aRangeThatCannotBeReadKeepsTheCharts() {
    const qint64 shown = panel_->data().totals.requests;
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(clock_.wall);
    filters()->setCustomRange(at, at.addSecs(-3600));
    auto* problem = find<QLabel>(u"dashboardFilterProblem"_s);
    QTRY_VERIFY(problem->isVisible());
    QVERIFY(problem->text().contains(u"must end after it starts"_s));
    // Nothing is asked while the range cannot be read; the charts keep what they show.
    panel_->refresh();
    QVERIFY(!panel_->isRefreshing());
    QCOMPARE(panel_->data().totals.requests, shown);
    filters()->setCustomRange(at.addDays(-800), at);
    QTRY_VERIFY(problem->text().contains(u"up to a year"_s));
    find<QLineEdit>(u"dashboardTagFilter"_s)->setText(u"team"_s);
    QTRY_VERIFY(problem->text().contains(u"key=value"_s));
}

void TestDashboardPanel::aRangeWithoutRequestsSaysSo() {
    // The log has requests, none of them a month before it began: the charts say so
    // instead of drawing empty axes, and the guide for a new log stays away.
    QSignalSpy refreshed(panel_.get(), &DashboardPanel::refreshed);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(clock_.wall - 40 * kDayMs);
    filters()->setCustomRange(to.addDays(-3), to);
    QVERIFY(waitForRefresh(refreshed));
    QCOMPARE(panel_->data().totals.requests, qint64(0));
    QCOMPARE(find<QStackedWidget>(u"dashboardPages"_s)->currentWidget()->objectName(),
             u"dashboardBoard"_s);
    for (ChartFrame* frame :
         std::initializer_list<ChartFrame*>{spendChart(), trafficChart(), latencyChart()}) {
        QVERIFY2(frame->showsNote(), qPrintable(frame->objectName()));
        QVERIFY(!find<QLabel>(frame->objectName() + u"Note"_s)->text().isEmpty());
    }
    QVERIFY(find<QLabel>(u"dashboardTrafficChartNote"_s)->text().contains(u"No requests"_s));
    QCOMPARE(find<StatCard>(u"dashboardRequestsCard"_s)->value(), DashboardFormat::count(0));
    QCOMPARE(find<QTreeWidget>(u"dashboardTopRoutesList"_s)->topLevelItem(0)->text(0),
             u"No spend in this range"_s);
    // And back to a range with requests: the charts again.
    filters()->setRange(DashboardFilterBar::Range::LastDay);
    QVERIFY(waitForRefresh(refreshed));
    QVERIFY(!spendChart()->showsNote());
    QVERIFY(!trafficChart()->showsNote());
    VERIFY_ROWS(kHourMs, kHourMs);
}

void TestDashboardPanel::hoverShowsTheValue() {
    // Qt Charts reports hovering through these signals; sent here as the mouse would.
    QBarSet* set = spendChart()->series()->barSets().front();
    int index = 0;
    while (index < set->count() && set->at(index) == 0)
        ++index;
    QVERIFY(index < set->count());
    emit set->hovered(true, index);
    auto* readout = find<QLabel>(u"dashboardSpendChartReadout"_s);
    QVERIFY2(readout->text().contains(set->label()), qPrintable(readout->text()));
    QVERIFY2(readout->text().contains(DashboardFormat::money(set->at(index))),
             qPrintable(readout->text()));
    QVERIFY(readout->text().contains(
        DashboardFormat::money(panel_->data().spend.bucketTotal(size_t(index)))));
    emit set->hovered(false, index);
    QVERIFY(readout->text().isEmpty());

    QLineSeries* requests = trafficChart()->requestsSeries();
    int busiest = 0;
    for (int i = 0; i < requests->count(); ++i) {
        if (requests->at(i).y() > requests->at(busiest).y())
            busiest = i;
    }
    // A little off the point: the readout takes the nearest bucket.
    emit requests->hovered(requests->at(busiest) + QPointF(600'000, 0), true);
    const QString traffic = find<QLabel>(u"dashboardTrafficChartReadout"_s)->text();
    QVERIFY2(traffic.contains(
                 u"%1 requests"_s.arg(DashboardFormat::count(qint64(requests->at(busiest).y())))),
             qPrintable(traffic));
    QVERIFY(traffic.contains(u"%1 errors"_s.arg(
        DashboardFormat::count(qint64(trafficChart()->errorsSeries()->at(busiest).y())))));

    QHorizontalBarSeries* latency = latencyChart()->series();
    QBarSet* p95 = latency->barSets().at(1);
    QCOMPARE(p95->objectName(), u"p95"_s);
    emit p95->hovered(true, 0);
    const QString read = find<QLabel>(u"dashboardLatencyChartReadout"_s)->text();
    QVERIFY2(read.contains(DashboardFormat::duration(qint64(p95->at(0)))), qPrintable(read));
    QVERIFY(read.contains(latencyChart()->shown().back().target));
}

void TestDashboardPanel::csvExportHoldsWhatIsShown() {
    QTemporaryDir out;
    const QString path = out.filePath(u"dashboard.csv"_s);
    QString asked;
    panel_->setFileChooser([&](const QString&, const QString& suggested, const QString&) {
        asked = suggested;
        return path;
    });
    find<QAction>(u"dashboardExportCsvAction"_s)->trigger();
    QVERIFY(asked.endsWith(u".csv"_s));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines =
        QString::fromUtf8(file.readAll()).split(u"\r\n"_s, Qt::SkipEmptyParts);
    QCOMPARE(lines.front(), u"section,bucket_start,group,metric,value"_s);
    const DashboardData& shown = panel_->data();
    const Expected e = expect(data_, shown.scope.filter, kDayMs, kHourMs);
    QVERIFY(lines.contains(u"totals,,,requests,%1"_s.arg(e.requests)));
    QVERIFY(lines.contains(u"totals,,,errors,%1"_s.arg(e.errors)));
    QVERIFY(lines.contains(u"totals,,,cache_hits,%1"_s.arg(e.cacheHits)));
    // Every spend figure of every bucket and model, adding up to the range's spend; every
    // bucket's requests, adding up to its requests.
    double spend = 0;
    qint64 requests = 0;
    int spendLines = 0;
    std::set<QString> days;
    for (const QString& line : lines) {
        const QStringList f = line.split(u',');
        QCOMPARE(f.size(), 5);
        if (f[0] == "spend"_L1) {
            ++spendLines;
            spend += f[4].toDouble();
            days.insert(f[1]);
            // Local days: midnight at two hours east of UTC.
            QVERIFY2(f[1].endsWith(u"T00:00:00+02:00"_s), qPrintable(f[1]));
            const auto it = e.spend.find(f[2]);
            QVERIFY(it != e.spend.end());
        } else if (f[0] == "traffic"_L1 && f[3] == "requests"_L1) {
            requests += f[4].toLongLong();
        }
    }
    QCOMPARE(spendLines, int(e.spend.size() * e.spendBuckets.size()));
    QCOMPARE(days.size(), e.spendBuckets.size());
    QCOMPARE(spend, e.cost);
    QCOMPARE(requests, e.requests);
    const QString route = spendOrder(e.routeCost).front();
    QVERIFY(lines.contains(
        u"top_routes,,%1,cost_usd,%2"_s.arg(route).arg(e.routeCost.at(route), 0, 'g', 15)));
    const QString model = e.latencies.begin()->first;
    QVERIFY(lines.contains(
        u"latency,,%1,p95_ms,%2"_s.arg(model).arg(nearestRank(e.latencies.begin()->second, 95))));
    QVERIFY(find<QLabel>(u"dashboardStatusLabel"_s)->text().contains(u"dashboard.csv"_s));

    // A folder that is not there: said in words, nothing written.
    const QString nowhere = out.filePath(u"missing/dashboard.csv"_s);
    panel_->setFileChooser([&](const QString&, const QString&, const QString&) { return nowhere; });
    find<QAction>(u"dashboardExportCsvAction"_s)->trigger();
    QVERIFY(!QFile::exists(nowhere));
    QVERIFY(find<QLabel>(u"dashboardStatusLabel"_s)->text().contains(u"could not be saved"_s));
    // Cancelled: nothing happens.
    panel_->setFileChooser(
        [](const QString&, const QString&, const QString&) { return QString(); });
    find<QAction>(u"dashboardExportCsvAction"_s)->trigger();
}

void TestDashboardPanel::pngExportWritesAnImage() {
    QTemporaryDir out;
    for (const char* name :
         {"dashboardSaveSpendAction", "dashboardSaveTrafficAction", "dashboardSaveLatencyAction"}) {
        const QString path = out.filePath(QLatin1String(name) + u".png"_s);
        panel_->setFileChooser([&](const QString&, const QString& suggested, const QString&) {
            return suggested.endsWith(u".png"_s) ? path : QString();
        });
        find<QAction>(QLatin1String(name))->trigger();
        QImage image;
        QVERIFY2(image.load(path, "PNG"), name);
        QVERIFY(image.width() > 200 && image.height() > 100);
        // Not one flat colour: the chart is drawn in it.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 5);
    }
    // The chart's own context menu saves it too.
    const QString path = out.filePath(u"context.png"_s);
    panel_->setFileChooser([&](const QString&, const QString&, const QString&) { return path; });
    find<QAction>(u"dashboardTrafficChartSaveAction"_s)->trigger();
    QVERIFY(QImage(path).width() > 200);
}

void TestDashboardPanel::chartsFollowThePalette() {
    QCOMPARE(spendChart()->chart()->theme(), QChart::ChartThemeLight);
    const QColor lightBar = spendChart()->series()->barSets().front()->color();
    QPalette dark = panel_->palette();
    dark.setColor(QPalette::Window, QColor::fromHslF(0, 0, 0.12f));
    dark.setColor(QPalette::WindowText, QColor::fromHslF(0, 0, 0.9f));
    dark.setColor(QPalette::Base, QColor::fromHslF(0, 0, 0.08f));
    panel_->setPalette(dark);
    QTRY_COMPARE(spendChart()->chart()->theme(), QChart::ChartThemeDark);
    QCOMPARE(latencyChart()->chart()->theme(), QChart::ChartThemeDark);
    const QColor darkBar = spendChart()->series()->barSets().front()->color();
    QVERIFY(darkBar.lightness() > lightBar.lightness());
    QCOMPARE(spendChart()->chart()->backgroundBrush().color(), dark.color(QPalette::Window));
    // A refresh keeps the dark colours.
    QSignalSpy refreshed(panel_.get(), &DashboardPanel::refreshed);
    panel_->refresh();
    QVERIFY(waitForRefresh(refreshed));
    QCOMPARE(spendChart()->series()->barSets().front()->color(), darkBar);
    // The legends are still there (Qt Charts hides them when the theme changes).
    for (ChartFrame* frame :
         std::initializer_list<ChartFrame*>{spendChart(), trafficChart(), latencyChart()}) {
        QVERIFY(!frame->chart()->legend()->markers().isEmpty());
        for (QLegendMarker* marker : frame->chart()->legend()->markers())
            QVERIFY2(marker->isVisible(), qPrintable(marker->label()));
    }
}

void TestDashboardPanel::screenshot() {
    const QString dir = qEnvironmentVariable("SIGNALBOX_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("SIGNALBOX_SCREENSHOT_DIR is not set");
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(panel_->grab().save(QDir(dir).filePath(u"dashboard.png"_s), "PNG"));
}

void TestDashboardPanel::emptyLogShowsHowToSendTheFirstRequest() {
    panel_.reset();
    // The configuration a first run writes, on port 0.
    QTemporaryDir emptyDir;
    const QString configPath = emptyDir.filePath(u"signalbox.yaml"_s);
    QVERIFY(QFile::copy(u":/config/default-config.yaml"_s, configPath));
    Engine engine(nullptr, clock_);
    QString error;
    QVERIFY2(engine.loadConfigFile(configPath, &error), qPrintable(error));
    auto config = std::make_shared<Config>(*engine.config());
    config->listen.port = 0;
    engine.setConfig(config);
    engine.setDataDir(emptyDir.path());
    engine.startProxy();
    QTRY_COMPARE(engine.proxyState(), Engine::ProxyState::Running);
    panel_ = std::make_unique<DashboardPanel>(engine, nullptr, clock_);
    panel_->resize(1200, 760);
    QSignalSpy refreshed(panel_.get(), &DashboardPanel::refreshed);
    panel_->show();
    QVERIFY(refreshed.wait(kTimeoutMs));
    auto* pages = find<QStackedWidget>(u"dashboardPages"_s);
    QCOMPARE(pages->currentWidget()->objectName(), u"dashboardEmptyState"_s);
    QVERIFY(!filters()->isVisible());
    const QString curl = find<SnippetView>(u"dashboardFirstRequestSnippet"_s)->text();
    QVERIFY2(curl.startsWith(u"curl %1/v1/chat/completions"_s.arg(engine.proxyUrl())),
             qPrintable(curl));
    // A model the configuration serves: its route.
    QVERIFY2(curl.contains(u"\"model\": \"demo-chain\""_s), qPrintable(curl));
    QVERIFY(find<QLabel>(u"dashboardProxyLabel"_s)->text().contains(engine.proxyUrl() + u"/v1"_s));
    QVERIFY(find<QLabel>(u"dashboardProxyLabel"_s)->text().contains(u"Connect"_s));
    const QString dir = qEnvironmentVariable("SIGNALBOX_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(panel_->grab().save(QDir(dir).filePath(u"dashboard-empty.png"_s), "PNG"));
    }

    // The first request arrives: the next refresh shows it charted.
    RequestRecord first = data_.front().record;
    first.startedAt = clock_.wall - kMinuteMs;
    first.status = 200;
    first.costUsd = 0.5;
    engine.requestLog().store()->submit(first);
    QVERIFY(engine.requestLog().store()->waitUntilWritten(kTimeoutMs));
    QTRY_COMPARE_WITH_TIMEOUT(pages->currentWidget()->objectName(), u"dashboardBoard"_s,
                              kTimeoutMs);
    QVERIFY(filters()->isVisible());
    QCOMPARE(panel_->data().totals.requests, qint64(1));
    QCOMPARE(find<StatCard>(u"dashboardSpendCard"_s)->value(), DashboardFormat::money(0.5));
    panel_.reset();
}

QTEST_MAIN(TestDashboardPanel)
#include "tst_dashboardpanel.moc"
