#pragma once

#include "governance/KeyChanges.h"
#include "governance/KeyReport.h"

#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QObject;

namespace signalbox {

class Clock;
class KeyDirectory;
class RequestStore;

// Virtual keys for the admin API, the window and the engine: the store's table
// (VirtualKeyStore) and the proxy's KeyDirectory kept in step. The store's work runs on a
// thread of its own; each answer comes back queued on the thread of a context object, so
// no caller ever waits on the database.
class KeyService {
public:
    template <typename T>
    using Done = std::function<void(std::optional<T> result, const QString& error)>;

    KeyService(KeyDirectory& directory, const Clock& clock);
    // Waits for the work under way; answers not yet delivered are dropped.
    ~KeyService();

    // The keys live in `databasePath`; `log` (may be null) writes the same file, and its
    // journal is written first when spend is read, so that budgets count every request.
    void open(const QString& databasePath, RequestStore* log);
    // Waits for the work under way: before the threads whose objects wait for answers go.
    void waitForIdle() { pool_.waitForDone(); }
    bool isOpen() const { return state_ != nullptr; }

    // Reads every key and its spend into the directory; `done` gets an empty text on
    // success.
    void load(QObject* context, std::function<void(const QString& error)> done);
    // Re-reads the keys when another process changed them (the CLI); from a timer.
    void refreshIfChanged();

    void create(KeyChanges settings, QObject* context, Done<KeyReport> done);
    void update(QString id, KeyChanges changes, QObject* context, Done<KeyReport> done);
    void revoke(QString id, QObject* context, Done<KeyReport> done);
    // One key (by id) or all of them (empty id).
    void report(QString id, QObject* context, Done<std::vector<KeyReport>> done);

    // Whether an error these calls reported means the key does not exist.
    static bool isNotFound(const QString& error);

private:
    struct State;
    using Job = std::function<std::function<void()>(State&)>;
    void submit(QObject* context, Job job);

    KeyDirectory& directory_;
    const Clock& clock_;
    std::shared_ptr<State> state_;
    QThreadPool pool_;
};

}  // namespace signalbox
