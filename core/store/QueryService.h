#pragma once

#include "store/RequestQueries.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace signalbox {

// Asks RequestQueries on a pool of its own (two threads, each with its own read-only
// connection to signalbox.db, kept while the service lives) and hands each answer to a
// callback on the thread of a context object, queued: the caller never waits.
//
// Every query gets a ticket. A query on a channel (e.g. "dashboard.spend") supersedes
// the one before it on that channel: an older answer still on its way is dropped, and
// if it had not started it never runs. cancel() drops one answer the same way; so does
// the context's destruction. A failure arrives as a QueryResult whose error reads "the
// log could not be read: ...".
class QueryService {
public:
    using Ticket = quint64;
    template <typename T>
    using Done = std::function<void(QueryResult<T>)>;

    explicit QueryService(const QString& databasePath);
    // Drops every answer not yet delivered and waits for the queries running.
    ~QueryService();
    QueryService(const QueryService&) = delete;
    QueryService& operator=(const QueryService&) = delete;

    Ticket series(const QString& channel, QObject* context, const RequestFilter& filter,
                  const RequestGrouping& groupBy, const TimeBucket& bucket,
                  Done<std::vector<SeriesPoint>> done);
    Ticket latencyByTarget(const QString& channel, QObject* context, const RequestFilter& filter,
                           Done<std::vector<LatencyStats>> done);
    Ticket totals(const QString& channel, QObject* context, const RequestFilter& filter,
                  Done<RequestTotals> done);
    Ticket topSpend(const QString& channel, QObject* context, const RequestFilter& filter,
                    const RequestGrouping& groupBy, int limit, Done<std::vector<GroupSpend>> done);
    Ticket dimensions(const QString& channel, QObject* context, qint64 fromMs, qint64 toMs,
                      Done<RequestDimensions> done);
    Ticket logPage(const QString& channel, QObject* context, const LogPageQuery& query,
                   Done<LogPage> done);
    Ticket detail(const QString& channel, QObject* context, const QString& id,
                  Done<std::optional<RequestDetail>> done);

    // `context` (never null) must live in a thread with an event loop.
    // Any other question: `work` runs on a pool thread, `done` on the context's thread.
    // An empty channel supersedes nothing.
    template <typename T>
    Ticket run(const QString& channel, QObject* context,
               std::function<QueryResult<T>(RequestQueries&)> work, Done<T> done) {
        return submit(channel, context,
                      [work = std::move(work), done = std::move(done)](
                          RequestQueries* queries, const QString& openError) -> Delivery {
                          auto result = std::make_shared<QueryResult<T>>(
                              queries ? work(*queries) : QueryResult<T>::failure(openError));
                          return [done, result] { done(std::move(*result)); };
                      });
    }

    // Drops the ticket's answer; a no-op once it was delivered.
    void cancel(Ticket ticket);
    // True while the ticket's answer may still be delivered.
    bool isPending(Ticket ticket) const;

    const QString& databasePath() const { return path_; }

private:
    using Delivery = std::function<void()>;
    using Work = std::function<Delivery(RequestQueries*, const QString& openError)>;
    struct State;

    Ticket submit(const QString& channel, QObject* context, Work work);

    QString path_;
    std::shared_ptr<State> state_;
    QThreadPool pool_;
};

}  // namespace signalbox
