#include "governance/KeyService.h"

#include "governance/KeyDirectory.h"
#include "governance/KeySecret.h"
#include "routing/Clock.h"
#include "store/RequestStore.h"
#include "store/VirtualKeyStore.h"

#include <QCoreApplication>
#include <QPointer>

#include <map>

namespace signalbox {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("KeyService", text);
}

// How long a first load waits for the request log to write what its journal holds.
constexpr int kJournalWaitMs = 30'000;
}  // namespace

struct KeyService::State {
    State(KeyDirectory& d, const Clock& c) : directory(d), clock(c) {}

    KeyDirectory& directory;
    const Clock& clock;
    QString path;
    RequestStore* log = nullptr;
    std::unique_ptr<VirtualKeyStore> store;  // opened on the pool's thread, used there only
    qint64 version = -1;

    bool ensureOpen(QString* error) {
        if (!store) {
            auto opened = std::make_unique<VirtualKeyStore>(path);
            if (!opened->open(error))
                return false;
            store = std::move(opened);
        }
        return true;
    }

    std::optional<std::map<QString, KeySpend>> spendSince(qint64 fromMs, QString* error) {
        return store->spend(fromMs, 0, error);
    }

    // Reads the keys and what each spent in its budget's current period.
    bool reload(QString* error) {
        const std::optional<qint64> seen = store->version(error);
        auto keys = store->all(error);
        if (!seen || !keys)
            return false;
        const qint64 now = clock.wallMs();
        std::map<BudgetPeriod, std::map<QString, KeySpend>> byPeriod;
        for (const BudgetPeriod period :
             {BudgetPeriod::Day, BudgetPeriod::Month, BudgetPeriod::Total}) {
            auto spend = spendSince(KeyMeter::periodStartMs(period, now), error);
            if (!spend)
                return false;
            byPeriod[period] = std::move(*spend);
        }
        std::map<QString, double> spent;
        for (const VirtualKey& key : *keys) {
            const auto& table = byPeriod[key.period];
            if (const auto found = table.find(key.id); found != table.end())
                spent[key.id] = found->second.costUsd;
        }
        directory.replace(*keys, spent);
        version = *seen;
        return true;
    }

    std::optional<std::vector<KeyReport>> reports(const std::vector<VirtualKey>& keys,
                                                  QString* error) {
        const qint64 now = clock.wallMs();
        const auto today = spendSince(KeyMeter::periodStartMs(BudgetPeriod::Day, now), error);
        const auto month =
            today ? spendSince(KeyMeter::periodStartMs(BudgetPeriod::Month, now), error)
                  : std::nullopt;
        const auto total = month ? spendSince(0, error) : std::nullopt;
        if (!total)
            return std::nullopt;
        std::vector<KeyReport> out;
        out.reserve(keys.size());
        for (const VirtualKey& key : keys) {
            KeyReport report;
            report.key = key;
            const auto take = [&](const std::map<QString, KeySpend>& from, KeySpend& to) {
                if (const auto found = from.find(key.id); found != from.end())
                    to = found->second;
            };
            take(*today, report.today);
            take(*month, report.month);
            take(*total, report.total);
            if (const auto entry = directory.byId(key.id))
                report.live = entry->meter->usage();
            out.push_back(std::move(report));
        }
        return out;
    }

    std::optional<KeyReport> reportOf(const VirtualKey& key, QString* error) {
        auto list = reports({key}, error);
        return list ? std::optional<KeyReport>(std::move(list->front())) : std::nullopt;
    }

    std::optional<VirtualKey> existing(const QString& id, QString* error) {
        auto key = store->find(id, error);
        if (!key && error->isEmpty())
            *error = notFound(id);
        return key;
    }

    static QString notFound(const QString& id) {
        return tr("There is no virtual key '%1'.").arg(id);
    }
};

bool KeyService::isNotFound(const QString& error) {
    return error.startsWith(State::notFound(QString()).section(QLatin1Char('\''), 0, 0));
}

KeyService::KeyService(KeyDirectory& directory, const Clock& clock)
    : directory_(directory), clock_(clock) {
    // One thread, kept: the store's connection belongs to the thread that opened it.
    pool_.setMaxThreadCount(1);
    pool_.setExpiryTimeout(-1);
}

KeyService::~KeyService() {
    pool_.waitForDone();
}

void KeyService::open(const QString& databasePath, RequestStore* log) {
    state_ = std::make_shared<State>(directory_, clock_);
    state_->path = databasePath;
    state_->log = log;
}

void KeyService::submit(QObject* context, Job job) {
    if (!state_)
        return;
    QPointer<QObject> guard(context);
    pool_.start([state = state_, job = std::move(job), guard, hasContext = context != nullptr] {
        std::function<void()> deliver = job(*state);
        if (!deliver || !hasContext)
            return;
        if (QObject* target = guard.data())
            QMetaObject::invokeMethod(target, std::move(deliver), Qt::QueuedConnection);
    });
}

void KeyService::load(QObject* context, std::function<void(const QString& error)> done) {
    if (!state_) {
        QMetaObject::invokeMethod(
            context, [done] { done(tr("Virtual keys need the request log's data directory.")); },
            Qt::QueuedConnection);
        return;
    }
    submit(context, [done](State& state) -> std::function<void()> {
        QString error;
        if (state.log != nullptr)
            state.log->waitUntilWritten(kJournalWaitMs);
        if (state.ensureOpen(&error))
            state.reload(&error);
        return [done, error] { done(error); };
    });
}

void KeyService::refreshIfChanged() {
    submit(nullptr, [](State& state) -> std::function<void()> {
        QString error;
        if (!state.ensureOpen(&error))
            return {};
        const std::optional<qint64> version = state.store->version(&error);
        if (version && *version != state.version)
            state.reload(&error);
        return {};
    });
}

void KeyService::create(KeyChanges settings, QObject* context, Done<KeyReport> done) {
    submit(context, [settings = std::move(settings), done](State& state) -> std::function<void()> {
        QString error;
        std::optional<KeyReport> result;
        const qint64 now = state.clock.wallMs();
        error = settings.problem(true, now);
        if (error.isEmpty() && state.ensureOpen(&error)) {
            VirtualKey key;
            const QByteArray secret = KeySecret::generate();
            key.id = KeySecret::newId();
            key.hash = KeySecret::hash(secret);
            key.hint = KeySecret::hint(secret);
            key.createdAtMs = now;
            settings.applyTo(key);
            if (state.store->insert(key, &error)) {
                state.directory.put(key);
                result = state.reportOf(key, &error);
                if (result)
                    result->secret = secret;
            }
        }
        return [done, result = std::move(result), error] { done(result, error); };
    });
}

void KeyService::update(QString id, KeyChanges changes, QObject* context, Done<KeyReport> done) {
    submit(context,
           [id = std::move(id), changes = std::move(changes),
            done](State& state) -> std::function<void()> {
               QString error = changes.problem(false, state.clock.wallMs());
               std::optional<KeyReport> result;
               if (error.isEmpty() && state.ensureOpen(&error)) {
                   if (std::optional<VirtualKey> key = state.existing(id, &error)) {
                       changes.applyTo(*key);
                       // Read back whole: a budget that changed its period counts that
                       // period's spend from the log.
                       if (state.store->update(*key, &error) && state.reload(&error))
                           result = state.reportOf(*key, &error);
                   }
               }
               return [done, result = std::move(result), error] { done(result, error); };
           });
}

void KeyService::revoke(QString id, QObject* context, Done<KeyReport> done) {
    submit(context, [id = std::move(id), done](State& state) -> std::function<void()> {
        QString error;
        std::optional<KeyReport> result;
        if (state.ensureOpen(&error) && state.existing(id, &error) &&
            state.store->revoke(id, state.clock.wallMs(), &error)) {
            if (std::optional<VirtualKey> key = state.existing(id, &error)) {
                state.directory.put(*key);
                result = state.reportOf(*key, &error);
            }
        }
        return [done, result = std::move(result), error] { done(result, error); };
    });
}

void KeyService::report(QString id, QObject* context, Done<std::vector<KeyReport>> done) {
    submit(context, [id = std::move(id), done](State& state) -> std::function<void()> {
        QString error;
        std::optional<std::vector<KeyReport>> result;
        if (state.ensureOpen(&error)) {
            if (id.isEmpty()) {
                if (auto keys = state.store->all(&error))
                    result = state.reports(*keys, &error);
            } else if (auto key = state.existing(id, &error)) {
                result = state.reports({*key}, &error);
            }
        }
        return [done, result = std::move(result), error] { done(result, error); };
    });
}

}  // namespace signalbox
