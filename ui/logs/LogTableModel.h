#pragma once

#include "store/LogPageQuery.h"
#include "store/LogRow.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QString>

#include <optional>
#include <vector>

namespace signalbox {

class QueryService;

// The rows of the Logs table, newest first, read a page at a time through QueryService
// as the view scrolls (canFetchMore/fetchMore): a million rows cost what is on screen.
// A filter no index seeks to (status, text) is answered a window of rows at a time
// (LogPage::windowEnded); the model asks for the next window itself until the page is
// full or the log ends, each a query of its own that a new filter drops. Rows newer
// than the newest shown are put on top by refreshNewer(). Every read is asynchronous; a
// new query drops the answers of the old one.
class LogTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Route, Target, Status, Latency, Tokens, Cost, Cache, ColumnCount };
    static constexpr int kPageRows = 200;
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit LogTableModel(QObject* parent = nullptr);

    // The service pages are read from; null when there is no store (no rows then).
    void setService(QueryService* service);
    // Forgets the rows shown and reads the first page of `query`.
    void setQuery(const LogPageQuery& query);
    // Reads the rows started since the newest shown and puts them on top.
    void refreshNewer();

    const LogRow* rowAt(int row) const;
    bool hasAnswer() const { return answered_; }  // the first page (or its error) arrived
    bool isLoading() const { return loadingPage_; }
    bool isRefreshing() const { return refreshing_; }  // refreshNewer() under way
    bool hasMore() const { return next_.has_value(); }
    QString error() const { return error_; }
    // While a page is sought window after window: how far back the log was read (Unix
    // ms of the oldest row read so far).
    std::optional<qint64> searchedBackTo() const { return searchedTo_; }
    // A row as one line of tab-separated text: its id, then each column as shown.
    QString rowText(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    // A page, new rows or an error arrived: the rows, error() or hasMore() may differ.
    void changed();

private:
    // Reads up to `wanted` rows after `after`, window after window.
    void readPage(std::optional<LogCursor> after, int wanted);
    // The rows newer than those shown, window by window where the filter scans; `found`
    // holds what earlier windows of this refresh matched.
    void readNewer(LogPageQuery query, std::vector<LogRow> found);
    QVariant display(const LogRow& row, int column) const;

    QueryService* service_ = nullptr;
    LogPageQuery query_;
    std::vector<LogRow> rows_;
    QSet<QString> ids_;
    std::optional<LogCursor> next_;
    std::optional<qint64> searchedTo_;
    bool loadingPage_ = false;
    bool refreshing_ = false;
    bool answered_ = false;
    QString error_;
    quint64 generation_ = 0;  // drops answers to a query that was replaced
};

}  // namespace signalbox
