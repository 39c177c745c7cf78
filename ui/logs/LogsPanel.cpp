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

#include <QAction>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace signalbox {

namespace {

QString timeOf(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(
        QStringLiteral("yyyy-MM-dd HH:mm"));
}

// Every provider/model the config names: the routes' steps and the providers' models.
void addTargets(const std::vector<RouteTarget>& steps, QStringList& out) {
    for (const RouteTarget& step : steps) {
        if (step.isGroup())
            addTargets(step.members, out);
        else
            out << step.label();
    }
}

}  // namespace

LogsPanel::LogsPanel(Engine& engine, QWidget* parent, const Clock& clock)
    : QWidget(parent),
      engine_(engine),
      model_(new LogTableModel(this)),
      filters_(new LogFilterBar(clock, this)),
      pages_(new QStackedWidget(this)),
      emptyState_(new QLabel(this)),
      splitter_(new QSplitter(Qt::Vertical, this)),
      table_(new QTableView(this)),
      detail_(new LogDetailView(this)),
      status_(new QLabel(this)),
      refresh_(new QTimer(this)),
      copyRow_(new QAction(tr("Copy row"), this)),
      copyId_(new QAction(tr("Copy request id"), this)),
      copyCurl_(new QAction(tr("Copy as curl"), this)),
      openInPlayground_(new QAction(tr("Open in Playground"), this)) {
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
    table_->installEventFilter(this);
    table_->viewport()->installEventFilter(this);
    table_->setAccessibleName(tr("Requests"));
    table_->setAccessibleDescription(
        tr("Enter: the request's detail. Ctrl+C: copy the row. Menu key or right-click: more."));

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
    restoreLayout();

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
    connect(detail_, &LogDetailView::openInPlaygroundRequested, this,
            &LogsPanel::openSelectedInPlayground);
    // Enter (or a double click) on a row: its detail, with the keys in it.
    connect(table_, &QTableView::activated, this, [this] {
        showSelected();
        if (currentDetail())
            detail_->focusContent();
        else
            focusOnArrival_ = selectedId_;  // still being read
    });

    copyRow_->setObjectName(QStringLiteral("logsCopyRowAction"));
    copyRow_->setShortcut(QKeySequence::Copy);  // shown in the menu; eventFilter() does it
    copyRow_->setToolTip(tr("The request id and every column, tab-separated"));
    connect(copyRow_, &QAction::triggered, this, &LogsPanel::copyRow);
    copyId_->setObjectName(QStringLiteral("logsCopyIdAction"));
    connect(copyId_, &QAction::triggered, this, &LogsPanel::copyId);
    copyCurl_->setObjectName(QStringLiteral("logsCopyCurlAction"));
    connect(copyCurl_, &QAction::triggered, this, &LogsPanel::copyCurl);
    openInPlayground_->setObjectName(QStringLiteral("logsOpenInPlaygroundAction"));
    connect(openInPlayground_, &QAction::triggered, this, &LogsPanel::openSelectedInPlayground);
    updateActions();

    auto* find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WindowShortcut);  // while the panel shows, from anywhere in it
    connect(find, &QShortcut::activated, filters_, &LogFilterBar::focusSearch);
    auto* back = new QShortcut(QKeySequence(Qt::Key_Escape), detail_);
    back->setContext(Qt::WidgetWithChildrenShortcut);
    connect(back, &QShortcut::activated, table_, [this] { table_->setFocus(); });

    QStringList routes;
    QStringList targets;
    if (const auto config = engine_.config()) {
        for (const auto& [name, route] : config->routes) {
            routes << name;
            addTargets(route.targets, targets);
        }
        for (const auto& [id, provider] : config->providers) {
            for (const QString& model : provider.models)
                targets << id + QLatin1Char('/') + model;
        }
    }
    targets.removeDuplicates();
    targets.sort();
    filters_->setRouteSuggestions(routes);
    filters_->setTargetSuggestions(targets);

    ensureService();
    reload();
}

LogsPanel::~LogsPanel() {
    saveLayout();
    // The model outlives the members; it must not reach for the service once it is gone.
    model_->setService(nullptr);
}

void LogsPanel::restoreLayout() {
    const QSettings settings;
    // A state saved with other columns would put widths on the wrong ones.
    if (settings.value(QLatin1String(kColumnCountKey)).toInt() == LogTableModel::ColumnCount)
        table_->horizontalHeader()->restoreState(
            settings.value(QLatin1String(kColumnsKey)).toByteArray());
    splitter_->restoreState(settings.value(QLatin1String(kSplitterKey)).toByteArray());
}

void LogsPanel::saveLayout() const {
    QSettings settings;
    settings.setValue(QLatin1String(kColumnsKey), table_->horizontalHeader()->saveState());
    settings.setValue(QLatin1String(kColumnCountKey), int(LogTableModel::ColumnCount));
    settings.setValue(QLatin1String(kSplitterKey), splitter_->saveState());
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
    // A filter that cannot be read keeps the rows of the last one; the bar says why.
    if (!filters_->problem().isEmpty())
        return;
    model_->setQuery(filters_->query());
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
    saveLayout();
}

bool LogsPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == table_->viewport() && event->type() == QEvent::ContextMenu) {
        // By mouse: the row under it; by the menu key: the current row, below it.
        const auto* menu = static_cast<QContextMenuEvent*>(event);
        const bool mouse = menu->reason() == QContextMenuEvent::Mouse;
        const QModelIndex index = mouse ? table_->indexAt(menu->pos()) : table_->currentIndex();
        if (index.isValid()) {
            showContextMenu(index, mouse ? menu->globalPos()
                                         : table_->viewport()->mapToGlobal(
                                               table_->visualRect(index).bottomLeft()));
        }
        return true;
    }
    if (watched == table_ &&
        (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride) &&
        static_cast<QKeyEvent*>(event)->matches(QKeySequence::Copy)) {
        // The whole row, not the one cell the view would copy.
        event->accept();
        if (event->type() == QEvent::KeyPress)
            copyRow();
        return true;
    }
    return QWidget::eventFilter(watched, event);
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
    } else if (rows == 0 && model_->searchedBackTo()) {
        emptyState_->setText(
            tr("Searching the log\u2026 no request matches among those since %1 yet. Older "
               "ones are read next.")
                .arg(timeOf(*model_->searchedBackTo())));
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
    } else if (model_->searchedBackTo()) {
        status_->setText(tr("%1 requests found so far, newest first; searching older ones (read "
                            "back to %2)\u2026")
                             .arg(QLocale().toString(rows), timeOf(*model_->searchedBackTo())));
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
        updateActions();
        return;
    }
    if (row->id == selectedId_) {
        updateActions();
        return;
    }
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
                         if (focusOnArrival_ == id) {
                             focusOnArrival_.clear();
                             detail_->focusContent();
                         }
                         updateActions();
                     });
    updateActions();
}

const RequestDetail* LogsPanel::currentDetail() const {
    const auto& detail = detail_->detail();
    return detail && !selectedId_.isEmpty() && detail->row.id == selectedId_ ? &*detail : nullptr;
}

void LogsPanel::updateActions() {
    const bool hasRow = !selectedId_.isEmpty();
    copyRow_->setEnabled(hasRow);
    copyId_->setEnabled(hasRow);
    const RequestDetail* detail = currentDetail();
    const bool hasBody = detail && !detail->requestBody.isEmpty();
    copyCurl_->setEnabled(hasBody);
    const QString why = !hasRow   ? tr("Select a request first.")
                        : !detail ? tr("The request is still being read.")
                                  : LogDetailView::whyNotPlayable(*detail);
    openInPlayground_->setEnabled(why.isEmpty());
    openInPlayground_->setToolTip(
        why.isEmpty() ? tr("Open this request's model and messages in the Playground") : why);
    copyCurl_->setToolTip(hasBody ? tr("A curl command that sends it again through the proxy")
                                  : why);
}

void LogsPanel::showContextMenu(const QModelIndex& index, const QPoint& globalPos) {
    table_->selectRow(index.row());
    updateActions();
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setToolTipsVisible(true);
    menu->addAction(copyRow_);
    menu->addAction(copyId_);
    menu->addAction(copyCurl_);
    menu->addSeparator();
    menu->addAction(openInPlayground_);
    // Not exec(): no nested event loop; the menu deletes itself once closed.
    menu->popup(globalPos);
}

void LogsPanel::copyRow() {
    const QModelIndex current = table_->selectionModel()->currentIndex();
    const QString text = current.isValid() ? model_->rowText(current.row()) : QString();
    if (text.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(text);
    status_->setText(
        tr("Copied the row of %1 to the clipboard.").arg(model_->rowAt(current.row())->id));
}

void LogsPanel::copyId() {
    const QModelIndex current = table_->selectionModel()->currentIndex();
    const LogRow* row = current.isValid() ? model_->rowAt(current.row()) : nullptr;
    if (!row)
        return;
    QGuiApplication::clipboard()->setText(row->id);
    status_->setText(tr("Copied %1 to the clipboard.").arg(row->id));
}

void LogsPanel::openSelectedInPlayground() {
    const RequestDetail* detail = currentDetail();
    if (!detail || !LogDetailView::whyNotPlayable(*detail).isEmpty())
        return;
    emit openInPlayground(detail->row.id, detail->row.route, detail->row.surface,
                          detail->requestBody);
}

void LogsPanel::copyCurl() {
    const RequestDetail* detail = currentDetail();
    if (!detail || detail->requestBody.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(CurlCommand::build(engine_.proxyUrl(), *detail));
    status_->setText(tr("Copied a curl command for %1 to the clipboard.").arg(detail->row.id));
}

}  // namespace signalbox
