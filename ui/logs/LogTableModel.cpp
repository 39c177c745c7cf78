#include "logs/LogTableModel.h"

#include "common/StatusColors.h"

#include "store/QueryService.h"

#include <QBrush>
#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QStringList>

#include <algorithm>

namespace signalbox {

namespace {

const QString kPageChannel = QStringLiteral("logs.page");
const QString kNewerChannel = QStringLiteral("logs.newer");

QString count(qint64 n) {
    return n < 0 ? QStringLiteral("\u2013") : QLocale().toString(n);
}

}  // namespace

LogTableModel::LogTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void LogTableModel::setService(QueryService* service) {
    service_ = service;
    ++generation_;
    loadingPage_ = false;
    refreshing_ = false;
    searchedTo_.reset();
}

void LogTableModel::setQuery(const LogPageQuery& query) {
    ++generation_;
    beginResetModel();
    query_ = query;
    query_.limit = kPageRows;
    query_.after.reset();
    rows_.clear();
    ids_.clear();
    next_.reset();
    searchedTo_.reset();
    answered_ = false;
    error_.clear();
    loadingPage_ = false;
    refreshing_ = false;
    endResetModel();
    readPage(std::nullopt, kPageRows);
}

void LogTableModel::readPage(std::optional<LogCursor> after, int wanted) {
    if (!service_)
        return;
    LogPageQuery query = query_;
    query.after = std::move(after);
    query.limit = wanted;
    loadingPage_ = true;
    const quint64 generation = generation_;
    service_->logPage(kPageChannel, this, query,
                      [this, generation, wanted](QueryResult<LogPage> page) {
                          if (generation != generation_)
                              return;
                          loadingPage_ = false;
                          answered_ = true;
                          error_ = page.error;
                          if (!page.ok()) {
                              // next_ stays: refreshNewer() tries that page again.
                              searchedTo_.reset();
                              emit changed();
                              return;
                          }
                          std::vector<LogRow> fresh;
                          fresh.reserve(page.value.rows.size());
                          for (LogRow& row : page.value.rows) {
                              if (!ids_.contains(row.id))
                                  fresh.push_back(std::move(row));
                          }
                          next_ = page.value.next;
                          if (!fresh.empty()) {
                              const int first = int(rows_.size());
                              beginInsertRows({}, first, first + int(fresh.size()) - 1);
                              for (LogRow& row : fresh) {
                                  ids_.insert(row.id);
                                  rows_.push_back(std::move(row));
                              }
                              endInsertRows();
                          }
                          const int still = wanted - int(fresh.size());
                          if (page.value.windowEnded && next_ && still > 0) {
                              // The window held too few matches: the next one, older.
                              searchedTo_ = next_->startedAt;
                              readPage(next_, still);
                          } else {
                              searchedTo_.reset();
                          }
                          emit changed();
                      });
}

void LogTableModel::refreshNewer() {
    if (!service_ || refreshing_ || loadingPage_)
        return;
    if (!answered_ || !error_.isEmpty()) {
        // Again where the last read failed: the first page, or the one after the rows.
        readPage(rows_.empty() ? std::nullopt : next_, kPageRows);
        return;
    }
    LogPageQuery query = query_;
    query.after.reset();
    // Rows started in the same millisecond as the newest may be new too; ids sort them
    // out. With no row shown, the newest page (or window) is the news: older rows were
    // read already and matched nothing.
    if (!rows_.empty())
        query.filter.fromMs = std::max(query.filter.fromMs, rows_.front().startedAt);
    refreshing_ = true;
    readNewer(std::move(query), {});
}

void LogTableModel::readNewer(LogPageQuery query, std::vector<LogRow> found) {
    const quint64 generation = generation_;
    service_->logPage(
        kNewerChannel, this, query,
        [this, generation, query, found = std::move(found)](QueryResult<LogPage> page) mutable {
            if (generation != generation_)
                return;
            if (!page.ok()) {
                refreshing_ = false;
                return;  // the next tick tries again; the rows shown stay right
            }
            for (LogRow& row : page.value.rows) {
                if (!ids_.contains(row.id))
                    found.push_back(std::move(row));
            }
            const bool pageFull = page.value.next && !page.value.windowEnded;
            if (pageFull || int(found.size()) > kPageRows) {
                // More arrived than a page holds: start over rather than leave a gap.
                refreshing_ = false;
                setQuery(query_);
                return;
            }
            if (page.value.windowEnded && page.value.next && !rows_.empty()) {
                // A busy log: the scan window ended before the newest row shown. The
                // next window, older, still lies above it.
                query.after = page.value.next;
                readNewer(std::move(query), std::move(found));
                return;
            }
            // With no row shown, the newest window is the news: older rows were read
            // already and matched nothing.
            refreshing_ = false;
            if (found.empty())
                return;
            beginInsertRows({}, 0, int(found.size()) - 1);
            for (const LogRow& row : found)
                ids_.insert(row.id);
            rows_.insert(rows_.begin(), std::make_move_iterator(found.begin()),
                         std::make_move_iterator(found.end()));
            endInsertRows();
            emit changed();
        });
}

QString LogTableModel::rowText(int row) const {
    const LogRow* r = rowAt(row);
    if (!r)
        return {};
    QStringList fields{r->id};
    for (int column = 0; column < ColumnCount; ++column)
        fields << display(*r, column).toString();
    return fields.join(QLatin1Char('\t'));
}

const LogRow* LogTableModel::rowAt(int row) const {
    return row >= 0 && row < int(rows_.size()) ? &rows_[size_t(row)] : nullptr;
}

int LogTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

int LogTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

bool LogTableModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && service_ && next_.has_value() && !loadingPage_;
}

void LogTableModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent))
        readPage(next_, kPageRows);
}

QVariant LogTableModel::display(const LogRow& row, int column) const {
    switch (column) {
        case Time:
            return QDateTime::fromMSecsSinceEpoch(row.startedAt)
                .toLocalTime()
                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case Route:
            return row.route;
        case Target:
            return row.target.isEmpty() ? QStringLiteral("\u2013") : row.target;
        case Status:
            if (row.status == 0)
                return QStringLiteral("\u2013");
            return row.truncated ? tr("%1 cut off").arg(row.status) : QString::number(row.status);
        case Latency:
            return row.latencyMs < 0 ? QStringLiteral("\u2013")
                                     : tr("%1 ms").arg(QLocale().toString(row.latencyMs));
        case Tokens:
            if (row.inputTokens < 0 && row.outputTokens < 0)
                return QStringLiteral("\u2013");
            return QStringLiteral("%1 / %2").arg(count(row.inputTokens), count(row.outputTokens));
        case Cost:
            if (!row.costUsd)
                return QStringLiteral("\u2013");
            return (row.costEstimated ? QStringLiteral("~$") : QStringLiteral("$")) +
                   QLocale().toString(*row.costUsd, 'f', 4);
        case Cache:
            return row.cacheHit ? tr("hit") : QString();
        default:
            return {};
    }
}

QVariant LogTableModel::data(const QModelIndex& index, int role) const {
    const LogRow* row = rowAt(index.row());
    if (!row || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    switch (role) {
        case Qt::DisplayRole:
            return display(*row, index.column());
        case Qt::ToolTipRole:
            return row->error.isEmpty() ? row->id : row->id + QLatin1Char('\n') + row->error;
        case Qt::TextAlignmentRole:
            if (index.column() >= Status && index.column() <= Cost)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        case Qt::ForegroundRole:
            if (index.column() == Status && row->isError())
                return QBrush(StatusColors::error(QGuiApplication::palette()));
            return {};
        case IdRole:
            return row->id;
        default:
            return {};
    }
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && section >= Status &&
        section <= Cost)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case Time:
            return tr("Time");
        case Route:
            return tr("Route");
        case Target:
            return tr("Target");
        case Status:
            return tr("Status");
        case Latency:
            return tr("Latency");
        case Tokens:
            return tr("Tokens in / out");
        case Cost:
            return tr("Cost");
        case Cache:
            return tr("Cache");
        default:
            return {};
    }
}

}  // namespace signalbox
