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
// Rows newer than the newest shown are put on top by refreshNewer(). Every read is
// asynchronous; a new query drops the answers of the old one.
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
    bool hasMore() const { return next_.has_value(); }
    QString error() const { return error_; }

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
    void readPage(std::optional<LogCursor> after);
    QVariant display(const LogRow& row, int column) const;

    QueryService* service_ = nullptr;
    LogPageQuery query_;
    std::vector<LogRow> rows_;
    QSet<QString> ids_;
    std::optional<LogCursor> next_;
    bool loadingPage_ = false;
    bool refreshing_ = false;
    bool answered_ = false;
    QString error_;
    quint64 generation_ = 0;  // drops answers to a query that was replaced
};

}  // namespace signalbox
