#include "logs/LogsPanel.h"

#include "common/PanelHeader.h"
#include "engine/Engine.h"
#include "engine/RequestLog.h"
#include "logs/CurlCommand.h"
#include "logs/LogDetailView.h"
#include "logs/LogFilterBar.h"
#include "logs/LogTableModel.h"
#include "store/QueryService.h"
#include "store/RequestStore.h"

#include <QClipboard>
#include <QDateTime>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace signalbox {

LogsPanel::LogsPanel(Engine& engine, QWidget* parent)
    : QWidget(parent),
      engine_(engine),
      model_(new LogTableModel(this)),
      filters_(new LogFilterBar(this)),
      pages_(new QStackedWidget(this)),
      emptyState_(new QLabel(this)),
      splitter_(new QSplitter(Qt::Vertical, this)),
      table_(new QTableView(this)),
      detail_(new LogDetailView(this)),
      status_(new QLabel(this)),
      refresh_(new QTimer(this)) {
    setObjectName(QStringLiteral("logsPanel"));
    QVBoxLayout* layout = PanelHeader::addTo(
        this, tr("Logs"),
        tr("Every request the proxy served, newest first, with its route, target, latency, "
           "tokens and cost. Select one for its attempts and bodies."));

    layout->addWidget(filters_);

    table_->setObjectName(QStringLiteral("logsTable"));
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);
    table_->setShowGrid(false);
    table_->verticalHeader()->hide();
    // Fixed row heights and no sizing to contents: the view never measures every row.
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 8);
    QHeaderView* header = table_->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(LogTableModel::Target, QHeaderView::Stretch);
    // Wide enough for typical values; the target takes what is left.
    const QFontMetrics metrics = table_->fontMetrics();
    const auto fit = [&](int column, const QString& sample) {
        const QString title =
            model_->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        header->resizeSection(
            column,
            std::max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title)) + 24);
    };
    fit(LogTableModel::Time, QStringLiteral("2026-12-31 23:59:59"));
    fit(LogTableModel::Route, QStringLiteral("claude-sonnet-x"));
    fit(LogTableModel::Status, QStringLiteral("200 cut off"));
    fit(LogTableModel::Latency, QStringLiteral("12,345 ms"));
    fit(LogTableModel::Tokens, QStringLiteral("12,345 / 12,345"));
    fit(LogTableModel::Cost, QStringLiteral("~$0.0000"));
    fit(LogTableModel::Cache, QStringLiteral("hit"));

    emptyState_->setObjectName(QStringLiteral("logsEmptyState"));
    emptyState_->setAlignment(Qt::AlignCenter);
    emptyState_->setWordWrap(true);
    emptyState_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    emptyState_->setMargin(24);

    splitter_->setObjectName(QStringLiteral("logsSplitter"));
    splitter_->addWidget(table_);
    splitter_->addWidget(detail_);
    splitter_->setStretchFactor(0, 3);
    splitter_->setStretchFactor(1, 2);
    splitter_->setChildrenCollapsible(false);

    pages_->setObjectName(QStringLiteral("logsPages"));
    pages_->addWidget(emptyState_);
    pages_->addWidget(splitter_);
    layout->addWidget(pages_, 1);

    status_->setObjectName(QStringLiteral("logsStatusLabel"));
    status_->setEnabled(false);
    layout->addWidget(status_);

    refresh_->setInterval(kRefreshMs);
    connect(refresh_, &QTimer::timeout, this, [this] {
        if (!service_) {
            if (ensureService())
                reload();
            return;
        }
        model_->refreshNewer();
    });
    connect(filters_, &LogFilterBar::changed, this, &LogsPanel::reload);
    connect(model_, &LogTableModel::changed, this, &LogsPanel::showState);
    connect(model_, &QAbstractItemModel::modelReset, this, &LogsPanel::showSelected);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &LogsPanel::showSelected);
    connect(detail_, &LogDetailView::copyCurlRequested, this, &LogsPanel::copyCurl);

    QStringList routes;
    if (const auto config = engine_.config()) {
        for (const auto& [name, route] : config->routes)
            routes << name;
    }
    filters_->setRouteSuggestions(routes);

    ensureService();
    reload();
}

LogsPanel::~LogsPanel() {
    // The model outlives the members; it must not reach for the service once it is gone.
    model_->setService(nullptr);
}

bool LogsPanel::ensureService() {
    if (service_)
        return true;
    RequestStore* store = engine_.requestLog().store();
    if (!store)
        return false;
    service_ = std::make_unique<QueryService>(store->databasePath());
    model_->setService(service_.get());
    return true;
}

void LogsPanel::reload() {
    model_->setQuery(filters_->query(QDateTime::currentMSecsSinceEpoch()));
    showState();
}

void LogsPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (!service_ && ensureService())
        reload();
    else
        model_->refreshNewer();
    refresh_->start();
}

void LogsPanel::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    refresh_->stop();
}

void LogsPanel::showState() {
    const int rows = model_->rowCount();
    if (!service_) {
        emptyState_->setText(
            tr("Requests are not kept: Signalbox runs without a data directory, so there is no "
               "log to show. Start it with a data directory (the default one in your user "
               "profile) and every request is logged here."));
    } else if (!model_->error().isEmpty()) {
        emptyState_->setText(
            tr("%1\n\nThe table tries again every few seconds.").arg(model_->error()));
    } else if (!model_->hasAnswer()) {
        emptyState_->setText(tr("Reading the log\u2026"));
    } else if (rows == 0 && filters_->isNarrowed()) {
        emptyState_->setText(
            tr("No requests match these filters. Widen the time range or clear a filter."));
    } else if (rows == 0) {
        emptyState_->setText(
            tr("No requests yet. Point a client at the proxy and they show up here within "
               "seconds, for example:\n\ncurl %1/v1/chat/completions -H 'Content-Type: "
               "application/json' -d '{\"model\": \"ROUTE\", \"messages\": [{\"role\": "
               "\"user\", \"content\": \"Hello\"}]}'\n\nThe Connect panel sets up SDKs and "
               "CLIs.")
                .arg(engine_.proxyUrl()));
    }
    const bool showTable = rows > 0 && model_->error().isEmpty();
    pages_->setCurrentWidget(showTable ? static_cast<QWidget*>(splitter_) : emptyState_);

    if (!service_ || !model_->hasAnswer()) {
        status_->clear();
    } else if (model_->hasMore()) {
        status_->setText(tr("%1 requests shown, newest first; older ones load as you scroll.")
                             .arg(QLocale().toString(rows)));
    } else {
        status_->setText(rows == 1
                             ? tr("1 request.")
                             : tr("%1 requests, newest first.").arg(QLocale().toString(rows)));
    }
}

void LogsPanel::showSelected() {
    const QModelIndex current = table_->selectionModel()->currentIndex();
    const LogRow* row = current.isValid() ? model_->rowAt(current.row()) : nullptr;
    if (!row || !service_) {
        selectedId_.clear();
        detail_->showMessage(tr("Select a request to see its attempts and bodies."));
        return;
    }
    if (row->id == selectedId_)
        return;
    selectedId_ = row->id;
    detail_->showMessage(tr("Reading %1\u2026").arg(row->id));
    const QString id = row->id;
    service_->detail(QStringLiteral("logs.detail"), this, id,
                     [this, id](QueryResult<std::optional<RequestDetail>> result) {
                         if (id != selectedId_)
                             return;
                         if (!result.ok())
                             detail_->showMessage(result.error);
                         else if (!result.value)
                             detail_->showMessage(
                                 tr("%1 is no longer in the log: retention removed it.").arg(id));
                         else
                             detail_->showDetail(*result.value);
                     });
}

void LogsPanel::copyCurl() {
    const auto& detail = detail_->detail();
    if (!detail)
        return;
    QGuiApplication::clipboard()->setText(CurlCommand::build(engine_.proxyUrl(), *detail));
    status_->setText(tr("Copied a curl command for %1 to the clipboard.").arg(detail->row.id));
}

}  // namespace signalbox
