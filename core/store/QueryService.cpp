#include "store/QueryService.h"

#include "store/StoreConnection.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QMetaObject>

#include <map>
#include <mutex>

namespace signalbox {

namespace {

QAtomicInteger<quint64> services;

// A pool thread's read connection, kept until the thread ends with its pool. The
// queries go first: they hold a handle on the connection.
struct ThreadConnection {
    std::unique_ptr<StoreConnection> connection;
    std::unique_ptr<RequestQueries> queries;
};

// Keyed by service: connections belong to the thread that opened them (Qt Sql), and each
// service has pool threads of its own, so an entry lives exactly as long as its thread.
thread_local std::map<quint64, ThreadConnection> threadConnections;

}  // namespace

struct QueryService::State {
    struct Pending {
        QString channel;
        QObject* context = nullptr;
        QMetaObject::Connection watch;  // context's destroyed(): drops the ticket
    };

    quint64 id = 0;
    QString path;
    mutable std::mutex mutex;
    std::map<Ticket, Pending> pending;  // not delivered, not superseded, not cancelled
    std::map<QString, Ticket> latest;   // per channel
    Ticket next = 1;

    void dropLocked(Ticket ticket) {
        const auto it = pending.find(ticket);
        if (it == pending.end())
            return;
        QObject::disconnect(it->second.watch);
        const auto channel = latest.find(it->second.channel);
        if (channel != latest.end() && channel->second == ticket)
            latest.erase(channel);
        pending.erase(it);
    }
    void drop(Ticket ticket) {
        std::lock_guard lock(mutex);
        dropLocked(ticket);
    }
    // True once, for the delivery that may go ahead.
    bool take(Ticket ticket) {
        std::lock_guard lock(mutex);
        if (!pending.count(ticket))
            return false;
        dropLocked(ticket);
        return true;
    }
    bool isPending(Ticket ticket) const {
        std::lock_guard lock(mutex);
        return pending.count(ticket) != 0;
    }

    // This thread's queries, opened on first use; null with *error when the file cannot
    // be opened (tried again next time: the store may not have created it yet).
    RequestQueries* queries(QString* error) {
        ThreadConnection& c = threadConnections[id];
        if (c.queries)
            return c.queries.get();
        auto connection =
            std::make_unique<StoreConnection>(path, QStringLiteral("query"), /*readOnly=*/true);
        if (!connection->open()) {
            *error = QCoreApplication::translate("QueryService", "the log could not be read: %1")
                         .arg(connection->error());
            threadConnections.erase(id);
            return nullptr;
        }
        c.connection = std::move(connection);
        c.queries = std::make_unique<RequestQueries>(c.connection->db());
        return c.queries.get();
    }
};

QueryService::QueryService(const QString& databasePath)
    : path_(databasePath), state_(std::make_shared<State>()) {
    state_->id = services.fetchAndAddRelaxed(1);
    state_->path = databasePath;
    pool_.setObjectName(QStringLiteral("signalbox-queries"));
    // Two: a dashboard refresh asks several questions at once, and the cores are shared
    // with the proxy. Threads stay, so their connections keep a warm page cache.
    pool_.setMaxThreadCount(2);
    pool_.setExpiryTimeout(-1);
}

QueryService::~QueryService() {
    {
        std::lock_guard lock(state_->mutex);
        for (auto& [ticket, p] : state_->pending)
            QObject::disconnect(p.watch);
        state_->pending.clear();
        state_->latest.clear();
    }
    pool_.clear();  // queries not started never start
    pool_.waitForDone();
}

QueryService::Ticket QueryService::submit(const QString& channel, QObject* context, Work work) {
    Q_ASSERT(context);
    const std::shared_ptr<State> state = state_;
    Ticket ticket;
    {
        std::lock_guard lock(state->mutex);
        ticket = state->next++;
        if (!channel.isEmpty()) {
            const auto before = state->latest.find(channel);
            if (before != state->latest.end())
                state->dropLocked(before->second);
            state->latest[channel] = ticket;
        }
        state->pending[ticket] = State::Pending{channel, context, {}};
    }
    // Runs in the destroying thread before Qt discards the context's posted events, and
    // waits for the lock: no answer is posted to a context being destroyed.
    const QMetaObject::Connection watch =
        QObject::connect(context, &QObject::destroyed, [state, ticket] { state->drop(ticket); });
    {
        std::lock_guard lock(state->mutex);
        const auto it = state->pending.find(ticket);
        if (it != state->pending.end())
            it->second.watch = watch;
        else
            QObject::disconnect(watch);
    }
    pool_.start([state, ticket, work = std::move(work)] {
        if (!state->isPending(ticket))
            return;  // superseded or cancelled while it waited
        QString openError;
        RequestQueries* queries = state->queries(&openError);
        Delivery deliver = work(queries, openError);
        std::lock_guard lock(state->mutex);
        const auto it = state->pending.find(ticket);
        if (it == state->pending.end())
            return;
        QMetaObject::invokeMethod(
            it->second.context,
            [state, ticket, deliver = std::move(deliver)] {
                if (state->take(ticket))
                    deliver();
            },
            Qt::QueuedConnection);
    });
    return ticket;
}

void QueryService::cancel(Ticket ticket) {
    state_->drop(ticket);
}

bool QueryService::isPending(Ticket ticket) const {
    return state_->isPending(ticket);
}

QueryService::Ticket QueryService::series(const QString& channel, QObject* context,
                                          const RequestFilter& filter,
                                          const RequestGrouping& groupBy, const TimeBucket& bucket,
                                          Done<std::vector<SeriesPoint>> done) {
    return run<std::vector<SeriesPoint>>(
        channel, context,
        [filter, groupBy, bucket](RequestQueries& q) { return q.series(filter, groupBy, bucket); },
        std::move(done));
}

QueryService::Ticket QueryService::latencyByTarget(const QString& channel, QObject* context,
                                                   const RequestFilter& filter,
                                                   Done<std::vector<LatencyStats>> done) {
    return run<std::vector<LatencyStats>>(
        channel, context, [filter](RequestQueries& q) { return q.latencyByTarget(filter); },
        std::move(done));
}

QueryService::Ticket QueryService::totals(const QString& channel, QObject* context,
                                          const RequestFilter& filter, Done<RequestTotals> done) {
    return run<RequestTotals>(
        channel, context, [filter](RequestQueries& q) { return q.totals(filter); },
        std::move(done));
}

QueryService::Ticket QueryService::topSpend(const QString& channel, QObject* context,
                                            const RequestFilter& filter,
                                            const RequestGrouping& groupBy, int limit,
                                            Done<std::vector<GroupSpend>> done) {
    return run<std::vector<GroupSpend>>(
        channel, context,
        [filter, groupBy, limit](RequestQueries& q) { return q.topSpend(filter, groupBy, limit); },
        std::move(done));
}

QueryService::Ticket QueryService::dimensions(const QString& channel, QObject* context,
                                              qint64 fromMs, qint64 toMs,
                                              Done<RequestDimensions> done) {
    return run<RequestDimensions>(
        channel, context, [fromMs, toMs](RequestQueries& q) { return q.dimensions(fromMs, toMs); },
        std::move(done));
}

QueryService::Ticket QueryService::logPage(const QString& channel, QObject* context,
                                           const LogPageQuery& query, Done<LogPage> done) {
    return run<LogPage>(
        channel, context, [query](RequestQueries& q) { return q.logPage(query); }, std::move(done));
}

QueryService::Ticket QueryService::detail(const QString& channel, QObject* context,
                                          const QString& id,
                                          Done<std::optional<RequestDetail>> done) {
    return run<std::optional<RequestDetail>>(
        channel, context, [id](RequestQueries& q) { return q.detail(id); }, std::move(done));
}

}  // namespace signalbox
