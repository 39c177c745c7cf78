#pragma once

#include "dashboard/DashboardData.h"
#include "routing/Clock.h"

#include <QElapsedTimer>
#include <QWidget>

#include <functional>
#include <map>
#include <memory>

class QStackedWidget;
class QTabWidget;
class QTimer;
class QPushButton;
class QScrollArea;

namespace signalbox {

class ChartFrame;
class DashboardFilterBar;
class Engine;
class FirstRequestGuide;
class LatencyChart;
class QueryService;
class SpendChart;
class StatCard;
class StatusLabel;
class TopSpendTable;
class TrafficChart;

// Where money and time go: the range's totals (requests, errors, spend, cache hit rate
// and savings), spend per model per day, requests and errors over time, latency and
// TTFT per model, and the routes, virtual keys and tag values that spent most, under a
// time range and filters by route, key and tag. While the log holds no request it shows
// how to send the first one instead (FirstRequestGuide).
//
// Every figure is read through a QueryService of the panel's own, off the GUI thread, on
// channels so that a newer refresh supersedes an older one; the answers, already shaped
// into points, are drawn together once all have arrived, and refreshed() says so. The
// panel refreshes when shown, when a filter changes (after the bar settles) and, while
// shown, every kRefreshMs when the store has written requests since (the proxy's or the
// Playground's), or every kIdleRefreshMs while the proxy runs (the range moves on).
class DashboardPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRefreshMs = 3000;
    static constexpr qint64 kIdleRefreshMs = 60'000;
    static constexpr int kTopRows = 10;
    static constexpr const char* kTagKeySetting = "dashboard/topTagKey";

    enum class Chart { Spend, Traffic, Latency };
    // Asks where to save: title, suggested file name, filter. "" when cancelled.
    using FileChooser = std::function<QString(const QString& title, const QString& suggested,
                                              const QString& filter)>;

    // `clock` gives "now" for the time ranges; tests pass one they control.
    explicit DashboardPanel(Engine& engine, QWidget* parent = nullptr,
                            const Clock& clock = Clock::system());
    ~DashboardPanel() override;

    // Reads every figure again now; refreshed() follows once all are drawn.
    void refresh();
    // True while a refresh waits for answers.
    bool isRefreshing() const { return pending_ > 0; }
    // What the charts show: the last refresh that was drawn.
    const DashboardData& data() const { return data_; }
    // The data shown, as DashboardCsv writes it. False with *error saying why.
    bool exportCsv(const QString& path, QString* error) const;
    bool saveChart(Chart chart, const QString& path, QString* error) const;
    // Replaces the file dialog of the export actions (tests answer it themselves).
    void setFileChooser(FileChooser chooser) { chooser_ = std::move(chooser); }

signals:
    // A refresh has been answered and drawn (or has failed and says so).
    void refreshed();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    bool ensureService();
    void tick();
    // One answer of the refresh `generation` is in; the last one draws them all.
    void arrived(quint64 generation, const QString& error);
    void draw();
    void askDimensions(const RequestFilter& filter);
    void showKeys(const QStringList& seen);
    QString keyName(const QString& id) const;
    void chooseAndExportCsv();
    void chooseAndSaveChart(Chart chart);
    ChartFrame* frameOf(Chart chart) const;
    QString chooseFile(const QString& title, const QString& suggested, const QString& filter);

    Engine& engine_;
    const Clock& clock_;
    std::unique_ptr<QueryService> service_;
    DashboardFilterBar* filters_;
    QPushButton* exportButton_;
    QStackedWidget* pages_;
    FirstRequestGuide* guide_;
    QScrollArea* board_;  // the charts; scrolls in a window too small for them
    StatCard* requestsCard_;
    StatCard* errorsCard_;
    StatCard* spendCard_;
    StatCard* cacheCard_;
    SpendChart* spendChart_;
    TrafficChart* trafficChart_;
    LatencyChart* latencyChart_;
    QTabWidget* topTabs_;
    TopSpendTable* topRoutes_;
    TopSpendTable* topKeys_;
    TopSpendTable* topTags_;
    StatusLabel* status_;
    QTimer* timer_;
    FileChooser chooser_;

    DashboardData data_;  // drawn
    DashboardData next_;  // being answered
    quint64 generation_ = 0;
    int pending_ = 0;
    QString refreshError_;
    QElapsedTimer took_;
    qint64 lastWritten_ = -1;   // the store's written count at the last refresh
    qint64 lastRefreshAt_ = 0;  // monotonic
    qint64 dimensionsAt_ = -1;  // monotonic; -1: never asked
    RequestFilter dimensionsFor_;
    std::map<QString, QString> keyNames_;  // virtual key id -> name
};

}  // namespace signalbox
