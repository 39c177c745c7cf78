#include "dashboard/DashboardPanel.h"

#include "common/PanelHeader.h"
#include "common/StatusLabel.h"
#include "dashboard/DashboardCsv.h"
#include "dashboard/DashboardFilterBar.h"
#include "dashboard/DashboardFormat.h"
#include "dashboard/FirstRequestGuide.h"
#include "dashboard/LatencyChart.h"
#include "dashboard/SpendChart.h"
#include "dashboard/StatCard.h"
#include "dashboard/TopSpendTable.h"
#include "dashboard/TrafficChart.h"
#include "engine/Engine.h"
#include "engine/RequestLog.h"
#include "governance/Governance.h"
#include "governance/KeyDirectory.h"
#include "store/QueryService.h"
#include "store/RequestStore.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <limits>
#include <set>

namespace signalbox {

namespace {

// Every figure asked for in one refresh, each on a channel of its own.
const QString kAnyChannel = QStringLiteral("dashboard.any");
const QString kTotalsChannel = QStringLiteral("dashboard.totals");
const QString kSpendChannel = QStringLiteral("dashboard.spend");
const QString kTrafficChannel = QStringLiteral("dashboard.traffic");
const QString kLatencyChannel = QStringLiteral("dashboard.latency");
const QString kRoutesChannel = QStringLiteral("dashboard.topRoutes");
const QString kKeysChannel = QStringLiteral("dashboard.topKeys");
const QString kTagsChannel = QStringLiteral("dashboard.topTags");
const QString kDimensionsChannel = QStringLiteral("dashboard.dimensions");

// The filter suggestions are read again this often at most, or when the range moves.
constexpr qint64 kDimensionsMs = 60'000;

struct SeriesPair {
    SpendData spend;
    TrafficData traffic;
};

}  // namespace

DashboardPanel::DashboardPanel(Engine& engine, QWidget* parent, const Clock& clock)
    : QWidget(parent),
      engine_(engine),
      clock_(clock),
      filters_(new DashboardFilterBar(clock, this)),
      exportButton_(new QPushButton(tr("Export"), this)),
      pages_(new QStackedWidget(this)),
      guide_(new FirstRequestGuide(engine, this)),
      board_(new QScrollArea(this)),
      requestsCard_(new StatCard(QStringLiteral("dashboardRequestsCard"), tr("Requests"), this)),
      errorsCard_(new StatCard(QStringLiteral("dashboardErrorsCard"), tr("Error rate"), this)),
      spendCard_(new StatCard(QStringLiteral("dashboardSpendCard"), tr("Spend"), this)),
      cacheCard_(new StatCard(QStringLiteral("dashboardCacheCard"), tr("Cache hit rate"), this)),
      spendChart_(new SpendChart(this)),
      trafficChart_(new TrafficChart(this)),
      latencyChart_(new LatencyChart(this)),
      topTabs_(new QTabWidget(this)),
      topRoutes_(new TopSpendTable(QStringLiteral("dashboardTopRoutes"), tr("Route"), this)),
      topKeys_(new TopSpendTable(QStringLiteral("dashboardTopKeys"), tr("Virtual key"), this)),
      topTags_(new TopSpendTable(QStringLiteral("dashboardTopTags"), tr("Tag value"), this)),
      status_(new StatusLabel(this)),
      timer_(new QTimer(this)) {
    setObjectName(QStringLiteral("dashboardPanel"));
    QVBoxLayout* layout = PanelHeader::addTo(
        this, tr("Dashboard"),
        tr("Where money and time go: spend per model, traffic and errors, latency and cache "
           "savings, from the request log."));

    exportButton_->setObjectName(QStringLiteral("dashboardExportButton"));
    exportButton_->setToolTip(tr("Save the data shown as CSV, or a chart as a PNG image"));
    auto* exportMenu = new QMenu(exportButton_);
    const auto addExport = [&](const char* name, const QString& text, auto slot) {
        auto* action = exportMenu->addAction(text);
        action->setObjectName(QString::fromLatin1(name));
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    addExport("dashboardExportCsvAction", tr("Data as CSV\u2026"),
              [this] { chooseAndExportCsv(); });
    exportMenu->addSeparator();
    addExport("dashboardSaveSpendAction", tr("Spend chart as PNG\u2026"),
              [this] { chooseAndSaveChart(Chart::Spend); });
    addExport("dashboardSaveTrafficAction", tr("Traffic chart as PNG\u2026"),
              [this] { chooseAndSaveChart(Chart::Traffic); });
    addExport("dashboardSaveLatencyAction", tr("Latency chart as PNG\u2026"),
              [this] { chooseAndSaveChart(Chart::Latency); });
    exportButton_->setMenu(exportMenu);
    filters_->addTrailing(exportButton_);
    layout->addWidget(filters_);

    auto* cards = new QHBoxLayout;
    cards->setSpacing(10);
    for (StatCard* card : {requestsCard_, errorsCard_, spendCard_, cacheCard_})
        cards->addWidget(card, 1);

    topTabs_->setObjectName(QStringLiteral("dashboardTopTabs"));
    topTabs_->setDocumentMode(true);
    topTabs_->addTab(topRoutes_, tr("Top routes"));
    topTabs_->addTab(topKeys_, tr("Top keys"));
    topTabs_->addTab(topTags_, tr("Top tags"));
    connect(topTags_, &TopSpendTable::choiceChanged, this, [this](const QString& key) {
        QSettings().setValue(QLatin1String(kTagKeySetting), key);
        refresh();
    });

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(20);
    grid->setVerticalSpacing(14);
    grid->addWidget(spendChart_, 0, 0);
    grid->addWidget(trafficChart_, 0, 1);
    grid->addWidget(latencyChart_, 1, 0);
    grid->addWidget(topTabs_, 1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);

    status_->setObjectName(QStringLiteral("dashboardStatusLabel"));
    status_->setEnabled(false);

    auto* content = new QWidget(board_);
    content->setObjectName(QStringLiteral("dashboardBoardContent"));
    board_->setObjectName(QStringLiteral("dashboardBoard"));
    board_->setWidgetResizable(true);
    board_->setFrameShape(QFrame::NoFrame);
    board_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // The window's colour behind the charts, as the charts' own background.
    board_->viewport()->setBackgroundRole(QPalette::Window);
    content->setBackgroundRole(QPalette::Window);
    auto* boardLayout = new QVBoxLayout(content);
    boardLayout->setContentsMargins(0, 0, 0, 0);
    boardLayout->setSpacing(14);
    boardLayout->addLayout(cards);
    boardLayout->addLayout(grid, 1);
    boardLayout->addWidget(status_);
    board_->setWidget(content);

    pages_->setObjectName(QStringLiteral("dashboardPages"));
    pages_->addWidget(guide_);
    pages_->addWidget(board_);
    layout->addWidget(pages_, 1);
    // Until the log has answered, the guide: it also holds where the proxy listens.
    pages_->setCurrentWidget(guide_);
    filters_->hide();

    for (ChartFrame* frame :
         std::initializer_list<ChartFrame*>{spendChart_, trafficChart_, latencyChart_}) {
        connect(frame, &ChartFrame::saveRequested, this, [this, frame] {
            chooseAndSaveChart(frame == spendChart_     ? Chart::Spend
                               : frame == trafficChart_ ? Chart::Traffic
                                                        : Chart::Latency);
        });
    }
    connect(filters_, &DashboardFilterBar::changed, this, &DashboardPanel::refresh);
    timer_->setInterval(kRefreshMs);
    connect(timer_, &QTimer::timeout, this, &DashboardPanel::tick);
    connect(&engine_, &Engine::configChanged, this, [this] { showKeys({}); });

    QStringList routes;
    if (const auto config = engine_.config()) {
        for (const auto& [name, route] : config->routes)
            routes << name;
    }
    filters_->setRouteSuggestions(routes);
    showKeys({});
    if (!ensureService()) {
        guide_->setStoreNote(
            tr("Requests are not kept: Signalbox runs without a data directory, so there is "
               "nothing to chart. Start it with a data directory (the default one in your user "
               "profile) and every request is logged and charted here."));
    }
}

DashboardPanel::~DashboardPanel() {
    // Answers on their way are dropped before the widgets they would draw on go.
    service_.reset();
}

bool DashboardPanel::ensureService() {
    if (service_)
        return true;
    RequestStore* store = engine_.requestLog().store();
    if (!store)
        return false;
    service_ = std::make_unique<QueryService>(store->databasePath());
    guide_->setStoreNote({});
    return true;
}

void DashboardPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh();
    timer_->start();
}

void DashboardPanel::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    timer_->stop();
}

void DashboardPanel::tick() {
    if (pending_ > 0 || !isVisible())
        return;  // a slow refresh is not superseded by the next tick: it would never draw
    const qint64 written = engine_.requestLog().storeStats().written;
    const bool running = engine_.proxyState() == Engine::ProxyState::Running;
    if (!service_ || written != lastWritten_ ||
        (running && clock_.monotonicMs() - lastRefreshAt_ >= kIdleRefreshMs))
        refresh();
}

void DashboardPanel::refresh() {
    if (!ensureService())
        return;
    if (!filters_->problem().isEmpty())
        return;  // the bar says what is wrong; the charts keep the last good range
    const RequestFilter filter = filters_->filter();
    const DashboardScope scope =
        DashboardScope::of(filter, DashboardScope::localOffsetMinutesAt(filter.toMs));
    const quint64 generation = ++generation_;
    next_ = DashboardData{};
    next_.scope = scope;
    refreshError_.clear();
    pending_ = 0;
    took_.start();
    lastWritten_ = engine_.requestLog().storeStats().written;
    lastRefreshAt_ = clock_.monotonicMs();

    // Each answer is stored in next_ and counted; the last one draws.
    const auto keep = [this, generation](auto store) {
        ++pending_;
        return [this, generation, store](auto result) {
            if (generation != generation_)
                return;
            if (result.ok())
                store(result.value);
            arrived(generation, result.error);
        };
    };
    // The pool's two threads take them in this order: the longest first (percentiles, and
    // spend per key, whose rollup has the most rows), so the last answer comes soonest.
    service_->latencyByTarget(
        kLatencyChannel, this, filter,
        keep([this](const std::vector<LatencyStats>& stats) { next_.latency = stats; }));
    service_->topSpend(kKeysChannel, this, filter, RequestGrouping::byVirtualKey(), kTopRows,
                       keep([this](const std::vector<GroupSpend>& top) { next_.topKeys = top; }));
    if (scope.spend.size == scope.traffic.size) {
        // One series serves both charts.
        service_->run<SeriesPair>(
            kSpendChannel, this,
            [scope](RequestQueries& q) {
                auto points = q.series(scope.filter, RequestGrouping::byTarget(), scope.spend);
                if (!points.ok())
                    return QueryResult<SeriesPair>::failure(points.error);
                return QueryResult<SeriesPair>{
                    {SpendData::from(points.value, scope.filter, scope.spend),
                     TrafficData::from(points.value, scope.filter, scope.traffic)},
                    {}};
            },
            keep([this](const SeriesPair& pair) {
                next_.spend = pair.spend;
                next_.traffic = pair.traffic;
            }));
    } else {
        service_->run<SpendData>(
            kSpendChannel, this,
            [scope](RequestQueries& q) {
                auto points = q.series(scope.filter, RequestGrouping::byTarget(), scope.spend);
                if (!points.ok())
                    return QueryResult<SpendData>::failure(points.error);
                return QueryResult<SpendData>{
                    SpendData::from(points.value, scope.filter, scope.spend), {}};
            },
            keep([this](const SpendData& spend) { next_.spend = spend; }));
        service_->run<TrafficData>(
            kTrafficChannel, this,
            [scope](RequestQueries& q) {
                // By route: usually the fewest groups, so the fewest points to add up.
                auto points = q.series(scope.filter, RequestGrouping::byRoute(), scope.traffic);
                if (!points.ok())
                    return QueryResult<TrafficData>::failure(points.error);
                return QueryResult<TrafficData>{
                    TrafficData::from(points.value, scope.filter, scope.traffic), {}};
            },
            keep([this](const TrafficData& traffic) { next_.traffic = traffic; }));
    }
    // The tag keys of the range first: spend per value of the one picked, or of the first.
    const QString wanted = topTags_->choice().isEmpty()
                               ? QSettings().value(QLatin1String(kTagKeySetting)).toString()
                               : topTags_->choice();
    service_->run<TopTags>(
        kTagsChannel, this,
        [filter, wanted](RequestQueries& q) {
            const auto keys = q.tagKeys(filter.fromMs, filter.toMs);
            if (!keys.ok())
                return QueryResult<TopTags>::failure(keys.error);
            TopTags tags;
            tags.keys = keys.value;
            tags.key = tags.keys.contains(wanted) ? wanted
                       : tags.keys.isEmpty()      ? QString()
                                                  : tags.keys.front();
            if (!tags.key.isEmpty()) {
                auto top = q.topSpend(filter, RequestGrouping::byTag(tags.key), kTopRows);
                if (!top.ok())
                    return QueryResult<TopTags>::failure(top.error);
                tags.top = std::move(top.value);
            }
            return QueryResult<TopTags>{std::move(tags), {}};
        },
        keep([this](const TopTags& tags) { next_.topTags = tags; }));
    service_->topSpend(kRoutesChannel, this, filter, RequestGrouping::byRoute(), kTopRows,
                       keep([this](const std::vector<GroupSpend>& top) { next_.topRoutes = top; }));
    LogPageQuery any;
    any.filter.fromMs = std::numeric_limits<qint64>::min();
    any.filter.toMs = std::numeric_limits<qint64>::max();
    any.limit = 1;
    service_->logPage(kAnyChannel, this, any, keep([this](const LogPage& page) {
                          next_.anyRequests = !page.rows.empty();
                      }));
    service_->totals(kTotalsChannel, this, filter,
                     keep([this](const RequestTotals& t) { next_.totals = t; }));
}

void DashboardPanel::arrived(quint64 generation, const QString& error) {
    if (generation != generation_)
        return;
    if (!error.isEmpty() && refreshError_.isEmpty())
        refreshError_ = error;
    if (--pending_ > 0)
        return;
    if (refreshError_.isEmpty()) {
        data_ = std::move(next_);
        draw();
    } else {
        // What was drawn stays; the next refresh tries again.
        status_->setEnabled(true);
        status_->showMessage(
            tr("The dashboard could not be updated: %1. It tries again in a few seconds.")
                .arg(refreshError_),
            StatusLabel::Tone::Error);
    }
    const RequestFilter asked = data_.scope.filter;
    if (refreshError_.isEmpty() &&
        (dimensionsAt_ < 0 || clock_.monotonicMs() - dimensionsAt_ >= kDimensionsMs ||
         asked.fromMs < dimensionsFor_.fromMs || asked.toMs > dimensionsFor_.toMs + kDimensionsMs))
        askDimensions(asked);
    emit refreshed();
}

void DashboardPanel::draw() {
    const DashboardData& d = data_;
    pages_->setCurrentWidget(d.anyRequests ? static_cast<QWidget*>(board_) : guide_);
    filters_->setVisible(d.anyRequests);

    const RequestTotals& t = d.totals;
    requestsCard_->setValue(
        DashboardFormat::count(t.requests),
        tr("%1 input, %2 output tokens")
            .arg(DashboardFormat::count(t.inputTokens), DashboardFormat::count(t.outputTokens)));
    errorsCard_->setValue(
        DashboardFormat::percent(t.errorRate()),
        tr("%1 of %2 requests failed")
            .arg(DashboardFormat::count(t.errors), DashboardFormat::count(t.requests)));
    spendCard_->setValue(
        DashboardFormat::money(t.costUsd),
        t.unpriced > 0   ? tr("%1 requests without a price").arg(DashboardFormat::count(t.unpriced))
        : t.requests > 0 ? tr("%1 a request on average")
                               .arg(DashboardFormat::money(t.costUsd / double(t.requests)))
                         : QString());
    cacheCard_->setValue(
        DashboardFormat::percent(t.cacheHitRate()),
        tr("%1 hits saved %2")
            .arg(DashboardFormat::count(t.cacheHits), DashboardFormat::money(t.cacheSavedUsd)));

    spendChart_->setData(d.spend);
    trafficChart_->setData(d.traffic);
    latencyChart_->setData(d.latency);
    topRoutes_->setRows(d.topRoutes, t.costUsd);
    topKeys_->setRows(d.topKeys, t.costUsd, [this](const QString& id) { return keyName(id); });
    topTags_->setChoices(d.topTags.keys, d.topTags.key, tr("Tag key:"));
    topTags_->setRows(d.topTags.top, t.costUsd);

    const QDateTime now = QDateTime::fromMSecsSinceEpoch(clock_.wallMs());
    status_->setEnabled(false);
    status_->showMessage(tr("Updated at %1 in %2 ms. Refreshes while requests arrive.")
                             .arg(QLocale().toString(now.time(), QLocale::ShortFormat))
                             .arg(took_.elapsed()));
}

void DashboardPanel::askDimensions(const RequestFilter& filter) {
    dimensionsAt_ = clock_.monotonicMs();
    dimensionsFor_ = filter;
    service_->dimensions(kDimensionsChannel, this, filter.fromMs, filter.toMs,
                         [this](QueryResult<RequestDimensions> result) {
                             if (!result.ok())
                                 return;
                             QStringList routes = result.value.routes;
                             if (const auto config = engine_.config()) {
                                 for (const auto& [name, route] : config->routes)
                                     routes << name;
                             }
                             routes.removeDuplicates();
                             routes.sort();
                             filters_->setRouteSuggestions(routes);
                             showKeys(result.value.virtualKeys);
                             QStringList tags;
                             for (const auto& [key, value] : result.value.tags)
                                 tags << key + QLatin1Char('=') + value;
                             filters_->setTagSuggestions(tags);
                         });
}

void DashboardPanel::showKeys(const QStringList& seen) {
    keyNames_.clear();
    for (const auto& entry : engine_.governance().keys().all())
        keyNames_[entry->key.id] = entry->key.name;
    std::set<QString> ids(seen.begin(), seen.end());
    for (const auto& [id, name] : keyNames_)
        ids.insert(id);
    std::vector<std::pair<QString, QString>> keys;
    for (const QString& id : ids)
        keys.emplace_back(id, keyName(id));
    filters_->setKeys(keys);
}

QString DashboardPanel::keyName(const QString& id) const {
    if (id.isEmpty())
        return tr("(no key)");
    const auto it = keyNames_.find(id);
    return it == keyNames_.end() || it->second.isEmpty() ? id : tr("%1 (%2)").arg(it->second, id);
}

bool DashboardPanel::exportCsv(const QString& path, QString* error) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(DashboardCsv::build(data_)) < 0 ||
        !file.commit()) {
        if (error) {
            *error = tr("The data could not be saved to %1: %2.")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        }
        return false;
    }
    return true;
}

ChartFrame* DashboardPanel::frameOf(Chart chart) const {
    switch (chart) {
        case Chart::Spend:
            return spendChart_;
        case Chart::Traffic:
            return trafficChart_;
        case Chart::Latency:
            break;
    }
    return latencyChart_;
}

bool DashboardPanel::saveChart(Chart chart, const QString& path, QString* error) const {
    return frameOf(chart)->savePng(path, error);
}

QString DashboardPanel::chooseFile(const QString& title, const QString& suggested,
                                   const QString& filter) {
    if (chooser_)
        return chooser_(title, suggested, filter);
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QFileDialog::getSaveFileName(this, title, QDir(dir).filePath(suggested), filter);
}

void DashboardPanel::chooseAndExportCsv() {
    const QString day =
        QDateTime::fromMSecsSinceEpoch(clock_.wallMs()).toString(QStringLiteral("yyyy-MM-dd"));
    const QString path =
        chooseFile(tr("Export Dashboard Data"),
                   QStringLiteral("signalbox-dashboard-%1.csv").arg(day), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportCsv(path, &error)) {
        status_->setEnabled(true);
        status_->showMessage(tr("Saved the data shown to %1.").arg(QDir::toNativeSeparators(path)),
                             StatusLabel::Tone::Success);
    } else {
        status_->setEnabled(true);
        status_->showMessage(error, StatusLabel::Tone::Error);
    }
}

void DashboardPanel::chooseAndSaveChart(Chart chart) {
    const QString name = chart == Chart::Spend     ? QStringLiteral("spend")
                         : chart == Chart::Traffic ? QStringLiteral("traffic")
                                                   : QStringLiteral("latency");
    const QString path =
        chooseFile(tr("Save Chart as PNG"), QStringLiteral("signalbox-%1.png").arg(name),
                   tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    status_->setEnabled(true);
    if (saveChart(chart, path, &error)) {
        status_->showMessage(tr("Saved the chart to %1.").arg(QDir::toNativeSeparators(path)),
                             StatusLabel::Tone::Success);
    } else {
        status_->showMessage(error, StatusLabel::Tone::Error);
    }
}

}  // namespace signalbox
