// RequestStore against a real signalbox.db in a temporary folder: what it writes is read
// back over a connection of the test's own, as a user with the sqlite3 shell would see
// it. The failures it must survive are made real: another connection that holds the
// write lock, a file size limit on the process, paths that are the wrong kind of file.

#include "ManualClock.h"
#include "store/RecordLine.h"
#include "store/RequestJournal.h"
#include "store/RequestStore.h"
#include "store/StoreConnection.h"
#include "store/StoreSchema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>
#include <csignal>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace signalbox;

namespace {

constexpr qint64 kDayMs = 86'400'000;
// Generous: a wait that times out is a failure, not a pause.
constexpr int kWriteTimeoutMs = 20'000;

QByteArray idOf(int n) {
    return "sb-" + QByteArray::number(n, 16).rightJustified(16, '0');
}

// A plain record of a successful call, tagged so that request_tags gets a row too.
RequestRecord plainRecord(int n, qint64 startedAt) {
    RequestRecord r;
    r.id = idOf(n);
    r.startedAt = startedAt;
    r.finishedAt = startedAt + 20;
    r.surface = "openai.chat";
    r.route = QStringLiteral("smart");
    r.target = QStringLiteral("openai/gpt-a");
    r.providerKind = QStringLiteral("openai");
    r.model = QStringLiteral("gpt-a");
    r.attempts.push_back(Attempt{r.target, {}, "ok", 0, 20, {}, true});
    r.calls = 1;
    r.status = 200;
    r.latencyMs = 20;
    r.inputTokens = n;
    r.outputTokens = 2;
    r.costUsd = 0.5;
    r.tags = R"({"n":")" + QByteArray::number(n) + R"("})";
    return r;
}

// Failure reports as the handler heard them, from whichever thread called it.
class Reports {
public:
    RequestStore::FailureHandler handler() {
        return [this](const QString& error) {
            std::lock_guard lock(mutex_);
            texts_.append(error);
        };
    }
    QStringList texts() const {
        std::lock_guard lock(mutex_);
        return texts_;
    }
    qsizetype size() const { return texts().size(); }

private:
    mutable std::mutex mutex_;
    QStringList texts_;
};

// A connection of the test's own to the store's file, apart from the store's code.
class Reader {
public:
    explicit Reader(const QString& path) : name_(QStringLiteral("test-reader-%1").arg(next_++)) {
        db_ = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name_);
        db_.setDatabaseName(path);
        // Short: the test's own reads must never wait long on the writer.
        db_.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
        if (!db_.open())
            qWarning("cannot open %s: %s", qPrintable(path), qPrintable(db_.lastError().text()));
    }
    ~Reader() {
        db_.close();
        db_ = QSqlDatabase();
        QSqlDatabase::removeDatabase(name_);
    }
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    QSqlDatabase& db() { return db_; }

    QVariant scalar(const QString& sql, const QVariant& bound = {}) {
        QSqlQuery q(db_);
        q.prepare(sql);
        if (bound.isValid())
            q.addBindValue(bound);
        if (!q.exec() || !q.next()) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return {};
        }
        return q.value(0);
    }
    qint64 count(const char* table) {
        return scalar(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table)))
            .toLongLong();
    }
    std::set<QByteArray> ids(const char* table, const char* column) {
        std::set<QByteArray> out;
        QSqlQuery q(db_);
        q.exec(
            QStringLiteral("SELECT %1 FROM %2").arg(QLatin1String(column), QLatin1String(table)));
        while (q.next())
            out.insert(q.value(0).toString().toLatin1());
        return out;
    }

private:
    static inline int next_ = 0;
    QString name_;
    QSqlDatabase db_;
};

qint64 fileSize(const QString& path) {
    return QFileInfo(path).size();
}

// The tags column and request_tags as the record's tags say they should be.
void checkTags(Reader& reader, const RequestRecord& r) {
    const QVariant column = reader.scalar(QStringLiteral("SELECT tags FROM requests WHERE id = ?"),
                                          QString::fromLatin1(r.id));
    std::map<QString, QString> expected;
    if (r.tags.isEmpty()) {
        QVERIFY(column.isNull());
    } else {
        const QJsonObject want = QJsonDocument::fromJson(r.tags).object();
        QCOMPARE(QJsonDocument::fromJson(column.toString().toUtf8()).object(), want);
        for (auto it = want.begin(); it != want.end(); ++it)
            expected[it.key()] = it.value().toString();
    }
    QSqlQuery q(reader.db());
    q.prepare(
        QStringLiteral("SELECT key, value, started_at FROM request_tags WHERE request_id = ?"));
    q.addBindValue(QString::fromLatin1(r.id));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    std::map<QString, QString> got;
    while (q.next()) {
        QVERIFY(!q.value(1).isNull());
        QCOMPARE(q.value(2).toLongLong(), r.startedAt);
        QVERIFY2(got.emplace(q.value(0).toString(), q.value(1).toString()).second, "a tag twice");
    }
    QCOMPARE(got, expected);
}

void checkBodies(Reader& reader, const RequestRecord& r) {
    QSqlQuery q(reader.db());
    q.prepare(
        QStringLiteral("SELECT request, response, started_at FROM request_bodies WHERE id = ?"));
    q.addBindValue(QString::fromLatin1(r.id));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    if (r.requestBody.isEmpty() && r.responseBody.isEmpty()) {
        QVERIFY2(!q.next(), "a bodies row for a record without bodies");
        return;
    }
    QVERIFY2(q.next(), "no bodies row");
    QCOMPARE(q.value(0).toByteArray(), r.requestBody);
    QCOMPARE(q.value(1).toByteArray(), r.responseBody);
    QCOMPARE(q.value(2).toLongLong(), r.startedAt);
    QVERIFY(!q.next());
}

// Every column of the record's row, against the meaning the schema documents: -1 counts,
// empty texts and an unset cost are NULL; flags are 0/1.
void checkRow(Reader& reader, const RequestRecord& r) {
    QSqlQuery q(reader.db());
    q.prepare(QStringLiteral(
        "SELECT started_at, finished_at, surface, route, target, provider_kind, attempts, "
        "trail, status, error, stream, truncated, latency_ms, ttft_ms, input_tokens, "
        "output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, cost_usd, "
        "cost_estimated, cache_hit, cache_saved_usd, virtual_key_id, redactions, user FROM "
        "requests WHERE id = ?"));
    q.addBindValue(QString::fromLatin1(r.id));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    QVERIFY2(q.next(), r.id.constData());
    int i = 0;
    const auto integer = [&](qint64 want) {
        const QVariant v = q.value(i++);
        QVERIFY2(!v.isNull(), qPrintable(q.record().fieldName(i - 1)));
        QCOMPARE(v.toLongLong(), want);
    };
    const auto countOrNull = [&](qint64 want) {
        const QVariant v = q.value(i++);
        const QString column = q.record().fieldName(i - 1);
        if (want < 0) {
            QVERIFY2(v.isNull(), qPrintable(column));
        } else {
            QVERIFY2(!v.isNull(), qPrintable(column));
            QCOMPARE(v.toLongLong(), want);
        }
    };
    const auto textOrNull = [&](const QString& want) {
        const QVariant v = q.value(i++);
        const QString column = q.record().fieldName(i - 1);
        if (want.isEmpty()) {
            QVERIFY2(v.isNull(), qPrintable(column));
        } else {
            QCOMPARE(v.toString(), want);
        }
    };
    integer(r.startedAt);
    integer(r.finishedAt);
    QCOMPARE(q.value(i++).toString(), QString::fromLatin1(r.surface));
    const QVariant route = q.value(i++);
    QVERIFY(!route.isNull());  // NOT NULL: an empty route is an empty text
    QCOMPARE(route.toString(), r.route);
    textOrNull(r.target);
    textOrNull(r.providerKind);
    integer(r.calls);
    const QJsonDocument trail = QJsonDocument::fromJson(q.value(i++).toString().toUtf8());
    QVERIFY(trail.isArray());
    QCOMPARE(trail.array().size(), qsizetype(r.attempts.size()));
    for (size_t a = 0; a < r.attempts.size(); ++a) {
        const Attempt& want = r.attempts[a];
        const QJsonObject got = trail.array().at(qsizetype(a)).toObject();
        QCOMPARE(got.value(QLatin1String("target")).toString(), want.target);
        QCOMPARE(got.value(QLatin1String("key")).toString(), want.key);
        QCOMPARE(got.value(QLatin1String("outcome")).toString().toUtf8(), want.outcome);
        QCOMPARE(got.value(QLatin1String("start_ms")).toInteger(-1), want.startMs);
        QCOMPARE(got.value(QLatin1String("duration_ms")).toInteger(-1), want.durationMs);
        QCOMPARE(got.value(QLatin1String("error")).toString(), want.error);
        QVERIFY(got.value(QLatin1String("called")).isBool());
        QCOMPARE(got.value(QLatin1String("called")).toBool(), want.called);
    }
    integer(r.status);
    textOrNull(r.error);
    integer(r.stream ? 1 : 0);
    integer(r.truncated ? 1 : 0);
    countOrNull(r.latencyMs);
    countOrNull(r.ttftMs);
    countOrNull(r.inputTokens);
    countOrNull(r.outputTokens);
    countOrNull(r.cachedInputTokens);
    countOrNull(r.cacheWriteTokens);
    countOrNull(r.reasoningTokens);
    const QVariant cost = q.value(i++);
    if (r.costUsd) {
        QVERIFY(!cost.isNull());
        QCOMPARE(cost.toDouble(), *r.costUsd);  // exactly: 17 digits in the journal
    } else {
        QVERIFY(cost.isNull());
    }
    integer(r.costEstimated ? 1 : 0);
    integer(r.cacheHit ? 1 : 0);
    const QVariant saved = q.value(i++);
    if (r.cacheSavedUsd) {
        QVERIFY(!saved.isNull());
        QCOMPARE(saved.toDouble(), *r.cacheSavedUsd);
    } else {
        QVERIFY(saved.isNull());
    }
    textOrNull(r.virtualKeyId);
    // A JSON object of counts; NULL when nothing was masked, "{}" included.
    const QVariant redactions = q.value(i++);
    if (r.redactions.isEmpty() || r.redactions == "{}") {
        QVERIFY(redactions.isNull());
    } else {
        QCOMPARE(QJsonDocument::fromJson(redactions.toString().toUtf8()).object(),
                 QJsonDocument::fromJson(r.redactions).object());
    }
    textOrNull(r.user);
    QVERIFY(!q.next());
}

}  // namespace

class TestRequestStore : public QObject {
    Q_OBJECT

private slots:
    void roundTripWritesEveryColumn();
    void concurrentSubmitsLandOnce();
    void leftoverJournalIsWrittenOnStart();
    void lockedDatabaseKeepsRecordsUntilFree();
    void recordsPastTheMemoryQueueComeFromTheJournal();
    void fullDiskDropsAndRecovers();
    void recordAfterATornLineIsRead();
    void dataDirThatIsAFileDropsRecords();
    void databaseThatIsADirectoryKeepsTheJournal();
    void retentionDeletesOldRows();
    void retentionZeroKeepsAll();
    void disabledStoreWritesNothing();
    void recordLongerThanAReadIsWritten();
    void journalUnwritableAtStartRecovers();
};

void TestRequestStore::roundTripWritesEveryColumn() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    const qint64 t = clock.wall - kDayMs;

    // Every field set, texts that JSON and SQL must both carry unharmed.
    RequestRecord full;
    full.id = "sb-00000000000000a1";
    full.startedAt = t;
    full.finishedAt = t + 1234;
    full.surface = "anthropic.messages";
    full.route = QStringLiteral("smart \"quoted\" r\u00f6ute");
    full.target = QStringLiteral("claude/sonnet");
    full.providerKind = QStringLiteral("anthropic");
    full.model = QStringLiteral("sonnet");
    full.attempts = {
        Attempt{QStringLiteral("openai/gpt-a"), QStringLiteral("key-2"), "429", 0, 12,
                QStringLiteral("rate limited\nline two \\ \"q\" \u00e9 \U0001F600"), true},
        Attempt{QStringLiteral("local/llama"), {}, "benched", 12, 0, {}, false},
        Attempt{QStringLiteral("claude/sonnet"), {}, "ok", 13, 1200, {}, true},
    };
    full.calls = 2;
    full.status = 200;
    full.error = QStringLiteral("half\r\nbroken \t\x01 \u4e2d\u6587");
    full.stream = true;
    full.truncated = true;
    full.latencyMs = 1234;
    full.ttftMs = 321;
    full.inputTokens = 1000;
    full.outputTokens = 200;
    full.cachedInputTokens = 300;
    full.cacheWriteTokens = 40;
    full.reasoningTokens = 50;
    full.costUsd = 0.1 + 0.2;  // not a short decimal: the journal must keep every bit
    full.costEstimated = true;
    full.cacheHit = true;
    full.cacheSavedUsd = 0.7 + 0.1;  // every bit, as cost_usd
    full.virtualKeyId = QStringLiteral("vk-1");
    full.redactions = R"({"email":2,"card":1})";
    full.user = QStringLiteral("user@example.com");
    full.tags = R"({"team":"core","env":"prod \u00fc","quote":"a\"b"})";
    static const char request[] = "{\"x\":1}\n\0\xff\xfe binary";
    static const char response[] = "\0\1\2\n\r";
    full.requestBody = QByteArray(request, sizeof(request) - 1);
    full.responseBody = QByteArray(response, sizeof(response) - 1);

    // Nothing known: a request refused before it was read.
    RequestRecord bare;
    bare.id = "sb-00000000000000a2";
    bare.startedAt = t + 1;
    bare.finishedAt = t + 1;
    bare.surface = "openai.chat";
    bare.status = 400;

    // Zeros are values, not NULL; a free model costs 0, not "unknown"; an empty tag value.
    RequestRecord zeros;
    zeros.id = "sb-00000000000000a3";
    zeros.startedAt = t + 2;
    zeros.finishedAt = t + 3;
    zeros.surface = "openai.embeddings";
    zeros.route = QStringLiteral("local/embed");
    zeros.status = 200;
    zeros.latencyMs = 0;
    zeros.ttftMs = 0;
    zeros.inputTokens = 0;
    zeros.outputTokens = 0;
    zeros.cachedInputTokens = 0;
    zeros.cacheWriteTokens = 0;
    zeros.reasoningTokens = 0;
    zeros.costUsd = 0.0;
    zeros.cacheSavedUsd = 0.0;  // a value, not NULL
    zeros.redactions = "{}";
    zeros.tags = R"({"team":""})";
    zeros.responseBody = "only an answer";

    {
        RequestStore store(dir.path(), clock);
        Reports reports;
        store.setFailureHandler(reports.handler());
        store.start();
        for (const RequestRecord* r : {&full, &bare, &zeros})
            store.submit(*r);
        QVERIFY(store.waitUntilWritten(kWriteTimeoutMs));
        const StoreStats stats = store.stats();
        QCOMPARE(stats.written, 3);
        QCOMPARE(stats.queued, 0);
        QCOMPARE(stats.dropped, 0);
        QVERIFY(stats.healthy);
        QCOMPARE(reports.texts(), QStringList());
    }

    Reader reader(QDir(dir.path()).filePath(QStringLiteral("signalbox.db")));
    QCOMPARE(reader.count("requests"), 3);
    for (const RequestRecord* r : {&full, &bare, &zeros}) {
        checkRow(reader, *r);
        if (QTest::currentTestFailed())
            return;
        checkTags(reader, *r);
        if (QTest::currentTestFailed())
            return;
        checkBodies(reader, *r);
        if (QTest::currentTestFailed())
            return;
    }
    QCOMPARE(reader.scalar(QStringLiteral("PRAGMA journal_mode")).toString(),
             QStringLiteral("wal"));
    QCOMPARE(reader.scalar(QStringLiteral("PRAGMA user_version")).toInt(),
             StoreSchema::latestVersion());
    QVERIFY(StoreSchema::latestVersion() >= 1);
}

void TestRequestStore::concurrentSubmitsLandOnce() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    constexpr int kThreads = 4;
    constexpr int kEach = 1250;  // 5000 in all: more than two batches
    static_assert(kThreads * kEach > 2 * RequestStore::kBatchRecords);

    auto store = std::make_unique<RequestStore>(dir.path(), clock);
    Reports reports;
    store->setFailureHandler(reports.handler());
    store->start();
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&store, &clock, t] {
            for (int i = 0; i < kEach; ++i) {
                const int n = t * kEach + i;
                store->submit(plainRecord(n, clock.wall - kDayMs + n));
            }
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    QVERIFY(store->waitUntilWritten(kWriteTimeoutMs));
    StoreStats stats = store->stats();
    QCOMPARE(stats.written, kThreads * kEach);
    QCOMPARE(stats.queued, 0);
    QCOMPARE(stats.dropped, 0);
    QVERIFY(stats.healthy);
    store.reset();  // the writer is done with the journal
    QCOMPARE(reports.texts(), QStringList());

    QCOMPARE(fileSize(QDir(dir.path()).filePath(QStringLiteral("signalbox.journal"))), 0);
    Reader reader(QDir(dir.path()).filePath(QStringLiteral("signalbox.db")));
    QCOMPARE(reader.count("requests"), kThreads * kEach);
    QCOMPARE(reader.scalar(QStringLiteral("SELECT count(DISTINCT id) FROM requests")).toLongLong(),
             kThreads * kEach);
    QCOMPARE(reader.count("request_tags"), kThreads * kEach);
    std::set<QByteArray> expected;
    for (int n = 0; n < kThreads * kEach; ++n)
        expected.insert(idOf(n));
    QVERIFY(reader.ids("requests", "id") == expected);
    // Each record whole: its own tag and tokens next to its id.
    QCOMPARE(reader
                 .scalar(QStringLiteral("SELECT count(*) FROM requests r JOIN request_tags t ON "
                                        "t.request_id = r.id WHERE t.key = 'n' AND "
                                        "CAST(t.value AS INTEGER) = r.input_tokens AND "
                                        "r.started_at = ? + r.input_tokens"),
                         clock.wall - kDayMs)
                 .toLongLong(),
             kThreads * kEach);
}

void TestRequestStore::leftoverJournalIsWrittenOnStart() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    const QString journalPath = QDir(dir.path()).filePath(QStringLiteral("signalbox.journal"));
    const qint64 t = clock.wall - kDayMs;

    // A run that wrote record 1.
    RequestRecord first = plainRecord(1, t);
    first.requestBody = "first request";
    {
        RequestStore store(dir.path(), clock);
        store.start();
        store.submit(first);
        QVERIFY(store.waitUntilWritten(kWriteTimeoutMs));
    }
    QCOMPARE(fileSize(journalPath), 0);

    // A run that died with its journal unread: record 1 again (written, not yet
    // truncated), record 2 twice, record 3, and lines a dying write left behind.
    RequestRecord again = first;
    again.route = QStringLiteral("changed");
    again.requestBody = "changed";
    const RequestRecord second = plainRecord(2, t + 1);
    const RequestRecord third = plainRecord(3, t + 2);
    {
        RequestJournal journal(journalPath);
        QString error;
        QVERIFY2(journal.open(&error), qPrintable(error));
        for (const RequestRecord* r :
             std::initializer_list<const RequestRecord*>{&again, &second, &second, &third})
            QVERIFY2(journal.append(*r, &error), qPrintable(error));
    }
    {
        QFile file(journalPath);
        QVERIFY(file.open(QIODevice::Append));
        file.write("not a record\n");
        file.write(R"({"id":"sb-0000000000000004","started_at":17)"
                   "\n");
    }
    QVERIFY(fileSize(journalPath) > 0);

    auto store = std::make_unique<RequestStore>(dir.path(), clock);
    Reports reports;
    store->setFailureHandler(reports.handler());
    store->start();
    QVERIFY(store->waitUntilWritten(kWriteTimeoutMs));
    QCOMPARE(store->stats().queued, 0);
    QCOMPARE(store->stats().dropped, 0);
    QVERIFY(store->stats().healthy);
    store.reset();
    QCOMPARE(reports.texts(), QStringList());
    QCOMPARE(fileSize(journalPath), 0);

    Reader reader(QDir(dir.path()).filePath(QStringLiteral("signalbox.db")));
    QVERIFY(reader.ids("requests", "id") == (std::set<QByteArray>{idOf(1), idOf(2), idOf(3)}));
    QCOMPARE(reader.count("requests"), 3);
    // The row that was there first stays as it was.
    QCOMPARE(reader
                 .scalar(QStringLiteral("SELECT route FROM requests WHERE id = ?"),
                         QString::fromLatin1(idOf(1)))
                 .toString(),
             QStringLiteral("smart"));
    QCOMPARE(reader.count("request_tags"), 3);
    QCOMPARE(reader.count("request_bodies"), 1);
    checkBodies(reader, first);
    for (const RequestRecord* r : {&second, &third}) {
        checkRow(reader, *r);
        checkTags(reader, *r);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestRequestStore::lockedDatabaseKeepsRecordsUntilFree() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    const qint64 t = clock.wall - kDayMs;
    RequestStore store(dir.path(), clock);
    // No retention pass: the one at start could otherwise run into the lock below and
    // hold the writer for a busy timeout before it tries the records.
    StoreConfig config;
    config.retentionDays = 0;
    store.configure(config);
    Reports reports;
    store.setFailureHandler(reports.handler());
    store.start();
    store.submit(plainRecord(0, t));
    QVERIFY(store.waitUntilWritten(kWriteTimeoutMs));

    Reader locker(store.databasePath());
    QSqlQuery lock(locker.db());
    QVERIFY2(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")), qPrintable(lock.lastError().text()));

    // The calls return at once although the database cannot take a row.
    constexpr int kBefore = 50;
    for (int n = 1; n <= kBefore; ++n) {
        store.submit(plainRecord(n, t + n));
        QCOMPARE(store.stats().queued, n);
    }
    // The writer waits out SQLite's busy timeout (5 s) before it gives up and says so.
    QTRY_COMPARE_WITH_TIMEOUT(reports.size(), 1, 3 * 5000);
    const QString failure = reports.texts().value(0);
    QVERIFY2(failure.contains(QDir::toNativeSeparators(store.databasePath())), qPrintable(failure));
    QVERIFY2(failure.contains(QLatin1String("cannot be written")), qPrintable(failure));
    QVERIFY2(failure.contains(QLatin1String("locked"), Qt::CaseInsensitive), qPrintable(failure));
    // More records while it is broken: queued, never dropped, not reported again.
    constexpr int kAfter = 150;
    for (int n = kBefore + 1; n <= kBefore + kAfter; ++n)
        store.submit(plainRecord(n, t + n));
    StoreStats stats = store.stats();
    QCOMPARE(stats.queued, kBefore + kAfter);
    QCOMPARE(stats.written, 1);
    QCOMPARE(stats.dropped, 0);
    QVERIFY(!stats.healthy);
    QCOMPARE(stats.lastError, failure);
    QCOMPARE(locker.count("requests"), 1);

    QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
    lock.finish();
    QVERIFY(store.waitUntilWritten(kWriteTimeoutMs));
    QTRY_COMPARE(reports.size(), 2);  // "works again" follows the commit
    QCOMPARE(reports.texts(), (QStringList{failure, QString()}));
    stats = store.stats();
    QCOMPARE(stats.queued, 0);
    QCOMPARE(stats.written, 1 + kBefore + kAfter);
    QCOMPARE(stats.dropped, 0);
    QVERIFY(stats.healthy);
    QVERIFY(stats.lastError.isEmpty());
    QCOMPARE(locker.count("requests"), 1 + kBefore + kAfter);
    QCOMPARE(locker.scalar(QStringLiteral("SELECT count(DISTINCT id) FROM requests")).toLongLong(),
             1 + kBefore + kAfter);
}

// Records wait in memory up to RequestStore::kQueueBytes and in the journal alone past
// it; a previous run's lines are only in the journal. Whatever the mix, each record is
// written once, whole, and the journal is emptied at the end.
void TestRequestStore::recordsPastTheMemoryQueueComeFromTheJournal() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    const qint64 t = clock.wall - kDayMs;
    const QString journalPath = QDir(dir.path()).filePath(QStringLiteral("signalbox.journal"));
    int next = 1;
    {
        // A previous run's record, never written to the database.
        RequestJournal journal(journalPath);
        QString error;
        QVERIFY2(journal.open(&error), qPrintable(error));
        QVERIFY2(journal.append(plainRecord(next, t), &error), qPrintable(error));
        ++next;
    }
    // The database exists and is locked before the store starts: nothing is written
    // until the lock goes, so the queue fills.
    {
        StoreConnection setup(QDir(dir.path()).filePath(QStringLiteral("signalbox.db")),
                              QStringLiteral("setup"));
        QVERIFY2(setup.open(), qPrintable(setup.error()));
        QString error;
        QVERIFY2(StoreSchema::migrate(setup.db(), &error), qPrintable(error));
    }
    Reader locker(QDir(dir.path()).filePath(QStringLiteral("signalbox.db")));
    QSqlQuery lock(locker.db());
    QVERIFY2(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")), qPrintable(lock.lastError().text()));

    RequestStore store(dir.path(), clock);
    StoreConfig config;
    config.retentionDays = 0;
    store.configure(config);
    store.start();
    // Kept bodies make the lines long: these pass the queue's limit about twice over,
    // with small records between them.
    constexpr qsizetype kBodyBytes = 700 * 1024;
    const qsizetype bigRecords = 2 * RequestStore::kQueueBytes / (kBodyBytes * 4 / 3) + 2;
    std::map<QByteArray, qsizetype> bodyBytes;
    for (qsizetype i = 0; i < bigRecords; ++i) {
        RequestRecord big = plainRecord(next, t + next);
        ++next;
        big.requestBody = QByteArray(kBodyBytes, char('a' + i % 26));
        big.responseBody = QByteArray::number(i);
        bodyBytes[big.id] = big.requestBody.size();
        store.submit(big);
        for (int k = 0; k < 3; ++k) {
            const RequestRecord small = plainRecord(next, t + next);
            ++next;
            bodyBytes[small.id] = 0;
            store.submit(small);
        }
    }
    const qint64 total = next - 1;
    QCOMPARE(store.stats().queued, total);
    QVERIFY(QFileInfo(journalPath).size() > 2 * RequestStore::kQueueBytes);

    QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
    lock.finish();
    QVERIFY(store.waitUntilWritten(kWriteTimeoutMs));
    const StoreStats stats = store.stats();
    QCOMPARE(stats.queued, 0);
    QCOMPARE(stats.written, total);
    QCOMPARE(stats.dropped, 0);
    QCOMPARE(locker.count("requests"), total);
    QCOMPARE(locker.scalar(QStringLiteral("SELECT count(DISTINCT id) FROM requests")).toLongLong(),
             total);
    QCOMPARE(locker.scalar(QStringLiteral("SELECT sum(requests) FROM request_hourly")).toLongLong(),
             total);
    QSqlQuery bodies(locker.db());
    QVERIFY(bodies.exec(QStringLiteral("SELECT id, length(request), request FROM request_bodies")));
    qsizetype seen = 0;
    while (bodies.next()) {
        const QByteArray id = bodies.value(0).toString().toLatin1();
        QCOMPARE(bodies.value(1).toLongLong(), bodyBytes.at(id));
        const QByteArray body = bodies.value(2).toByteArray();
        QCOMPARE(body.count(body.front()), body.size());  // one letter, whole
        ++seen;
    }
    QCOMPARE(seen, bigRecords);
    QTRY_COMPARE(fileSize(journalPath), 0);
}

void TestRequestStore::fullDiskDropsAndRecovers() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    const qint64 t = clock.wall - kDayMs;
    const QString journalPath = QDir(dir.path()).filePath(QStringLiteral("signalbox.journal"));
    RequestStore store(dir.path(), clock);
    Reports reports;
    store.setFailureHandler(reports.handler());
    store.start();
    store.submit(plainRecord(0, t));
    QVERIFY(store.waitUntilWritten(kWriteTimeoutMs));
    QTRY_COMPARE(fileSize(journalPath), 0);

    // A disk that fills in the middle of a record: the first write is cut short, the
    // rest fail outright. A file size limit does that to this process alone (root is
    // not held back by permissions).
    QByteArray line;
    RecordLine::write(plainRecord(1, t + 1), line);
    const qint64 cut = line.size() / 2;
    rlimit old{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = old;
    limited.rlim_cur = rlim_t(cut);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
    constexpr int kLost = 20;
    for (int n = 1; n <= kLost; ++n)
        store.submit(plainRecord(n, t + n));
    const StoreStats during = store.stats();
    const qint64 journalDuring = fileSize(journalPath);
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previousHandler);

    QCOMPARE(journalDuring, cut);  // the torn start of record 1, nothing more
    QCOMPARE(during.dropped, kLost);
    QCOMPARE(during.queued, 0);
    QVERIFY(!during.healthy);
    QTRY_COMPARE(reports.size(), 1);
    const QString failure = reports.texts().value(0);
    QVERIFY2(failure.contains(QLatin1String("not being logged")), qPrintable(failure));
    QVERIFY2(failure.contains(QDir::toNativeSeparators(journalPath)), qPrintable(failure));
    QVERIFY2(failure.contains(QLatin1String("cannot write")), qPrintable(failure));

    // Space again: the next records land whole, the torn one never does.
    constexpr int kAfter = 5;
    for (int n = kLost + 1; n <= kLost + kAfter; ++n)
        store.submit(plainRecord(n, t + n));
    QVERIFY(store.waitUntilWritten(kWriteTimeoutMs));
    QTRY_COMPARE(reports.size(), 2);
    QCOMPARE(reports.texts(), (QStringList{failure, QString()}));
    const StoreStats after = store.stats();
    QCOMPARE(after.dropped, kLost);
    QCOMPARE(after.queued, 0);
    QCOMPARE(after.written, 1 + kAfter);
    QVERIFY(after.healthy);

    Reader reader(store.databasePath());
    std::set<QByteArray> expected{idOf(0)};
    for (int n = kLost + 1; n <= kLost + kAfter; ++n)
        expected.insert(idOf(n));
    QVERIFY(reader.ids("requests", "id") == expected);
    QCOMPARE(reader.count("request_tags"), 1 + kAfter);
}

void TestRequestStore::recordAfterATornLineIsRead() {
    // Cut anywhere, even inside a tags object that itself looks like a record's start,
    // the torn record is not read and the one after it is, whole.
    RequestRecord torn = plainRecord(1, 1000);
    torn.tags = R"({"id":"not a record","x":"{\"id\":"})";
    torn.responseBody = "answer";
    RequestRecord next = plainRecord(2, 2000);
    next.tags = R"({"id":"tag"})";
    next.error = QStringLiteral(R"(quoted {"id": inside)");
    QByteArray tornLine;
    RecordLine::write(torn, tornLine);
    QByteArray nextLine;
    RecordLine::write(next, nextLine);
    nextLine.chop(1);  // the line break
    QVERIFY(RecordLine::read(tornLine.first(tornLine.size() - 1)).has_value());
    for (qsizetype cut = 1; cut < tornLine.size() - 1; ++cut) {
        const std::optional<RequestRecord> read = RecordLine::read(tornLine.first(cut) + nextLine);
        QVERIFY2(read.has_value(), qPrintable(QString::number(cut)));
        QCOMPARE(read->id, next.id);
        QCOMPARE(read->error, next.error);
        QCOMPARE(QJsonDocument::fromJson(read->tags), QJsonDocument::fromJson(next.tags));
    }
    QVERIFY(!RecordLine::read("not a record").has_value());
    QVERIFY(!RecordLine::read(R"({"id":"sb-1","started_at":)").has_value());
}

void TestRequestStore::dataDirThatIsAFileDropsRecords() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    const QString notADir = QDir(dir.path()).filePath(QStringLiteral("data"));
    {
        QFile file(notADir);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("a file where the data folder should be");
    }
    auto store = std::make_unique<RequestStore>(notADir, clock);
    Reports reports;
    store->setFailureHandler(reports.handler());
    store->start();
    constexpr int kRecords = 100;
    for (int n = 0; n < kRecords; ++n)
        store->submit(plainRecord(n, clock.wall - kDayMs + n));
    const StoreStats stats = store->stats();
    QCOMPARE(stats.dropped, kRecords);
    QCOMPARE(stats.queued, 0);
    QCOMPARE(stats.written, 0);
    QVERIFY(!stats.healthy);
    QVERIFY(!stats.lastError.isEmpty());
    store.reset();  // whatever the writer was to say, it has said

    const QStringList texts = reports.texts();
    QCOMPARE(texts.size(), 1);
    QVERIFY2(texts[0].contains(QDir::toNativeSeparators(notADir)), qPrintable(texts[0]));
    QVERIFY2(texts[0].contains(QLatin1String("not being logged")), qPrintable(texts[0]));
    QVERIFY(QFileInfo(notADir).isFile());
}

void TestRequestStore::databaseThatIsADirectoryKeepsTheJournal() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    const qint64 t = clock.wall - kDayMs;
    const QString dbPath = QDir(dir.path()).filePath(QStringLiteral("signalbox.db"));
    const QString journalPath = QDir(dir.path()).filePath(QStringLiteral("signalbox.journal"));
    QVERIFY(QDir().mkpath(dbPath));

    constexpr int kRecords = 30;
    {
        RequestStore store(dir.path(), clock);
        Reports reports;
        store.setFailureHandler(reports.handler());
        store.start();
        for (int n = 0; n < kRecords; ++n)
            store.submit(plainRecord(n, t + n));
        QTRY_COMPARE(reports.size(), 1);
        const QString failure = reports.texts().value(0);
        QVERIFY2(failure.contains(QDir::toNativeSeparators(dbPath)), qPrintable(failure));
        QVERIFY2(failure.contains(QLatin1String("wait in the journal")), qPrintable(failure));
        const StoreStats stats = store.stats();
        QCOMPARE(stats.queued, kRecords);
        QCOMPARE(stats.dropped, 0);
        QCOMPARE(stats.written, 0);
        QVERIFY(!stats.healthy);
        QVERIFY(!store.waitUntilWritten(0));
        // Shutting down while broken leaves the records for the next run.
    }
    QVERIFY(fileSize(journalPath) > 0);

    QVERIFY(QDir(dbPath).removeRecursively());
    auto store = std::make_unique<RequestStore>(dir.path(), clock);
    Reports reports;
    store->setFailureHandler(reports.handler());
    store->start();
    QVERIFY(store->waitUntilWritten(kWriteTimeoutMs));
    QCOMPARE(store->stats().queued, 0);
    QVERIFY(store->stats().healthy);
    store.reset();
    QCOMPARE(reports.texts(), QStringList());
    QCOMPARE(fileSize(journalPath), 0);
    Reader reader(dbPath);
    QCOMPARE(reader.count("requests"), kRecords);
    QCOMPARE(reader.count("request_tags"), kRecords);
}

void TestRequestStore::retentionDeletesOldRows() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    const qint64 now = clock.wall;
    struct Case {
        int n;
        qint64 startedAt;
    };
    // Against a 7-day retention: 8 days old and 1 ms past the cutoff go; exactly at the
    // cutoff, a day old and in the clock's future stay.
    const Case cases[] = {{1, now - 8 * kDayMs},
                          {2, now - 7 * kDayMs - 1},
                          {3, now - 7 * kDayMs},
                          {4, now - kDayMs},
                          {5, now + kDayMs}};
    RequestStore store(dir.path(), clock);
    StoreConfig config;
    config.retentionDays = 0;  // keep all until the rows are checked
    store.configure(config);
    store.start();
    for (const Case& c : cases) {
        RequestRecord r = plainRecord(c.n, c.startedAt);
        r.requestBody = "request " + QByteArray::number(c.n);
        r.responseBody = "response " + QByteArray::number(c.n);
        store.submit(r);
    }
    QVERIFY(store.waitUntilWritten(kWriteTimeoutMs));
    Reader reader(store.databasePath());
    QCOMPARE(reader.count("requests"), 5);
    QCOMPARE(reader.count("request_tags"), 5);
    QCOMPARE(reader.count("request_bodies"), 5);

    config.retentionDays = 7;
    store.configure(config);
    store.applyRetentionNow();
    QTRY_COMPARE(
        reader.count("requests") + reader.count("request_tags") + reader.count("request_bodies"),
        3 * 3);
    const std::set<QByteArray> kept{idOf(3), idOf(4), idOf(5)};
    QVERIFY(reader.ids("requests", "id") == kept);
    QVERIFY(reader.ids("request_tags", "request_id") == kept);
    QVERIFY(reader.ids("request_bodies", "id") == kept);
    QCOMPARE(store.stats().deleted, 2);

    // The store's clock decides what is old, not the machine's.
    clock.advance(2 * kDayMs);
    store.applyRetentionNow();
    QTRY_COMPARE(
        reader.count("requests") + reader.count("request_tags") + reader.count("request_bodies"),
        2 * 3);
    const std::set<QByteArray> left{idOf(4), idOf(5)};
    QVERIFY(reader.ids("requests", "id") == left);
    QVERIFY(reader.ids("request_tags", "request_id") == left);
    QVERIFY(reader.ids("request_bodies", "id") == left);
    QCOMPARE(store.stats().deleted, 3);
}

void TestRequestStore::retentionZeroKeepsAll() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    auto store = std::make_unique<RequestStore>(dir.path(), clock);
    StoreConfig config;
    config.retentionDays = 0;
    store->configure(config);
    store->start();
    constexpr int kRecords = 4;
    for (int n = 0; n < kRecords; ++n) {
        RequestRecord r = plainRecord(n, clock.wall - qint64(n + 1) * 400 * kDayMs);
        r.responseBody = "kept";
        store->submit(r);
    }
    QVERIFY(store->waitUntilWritten(kWriteTimeoutMs));
    // The pass runs before the writer takes the record after it, and the store does not
    // stop before that record is written: once it is gone, the pass has run.
    store->applyRetentionNow();
    store->submit(plainRecord(kRecords, clock.wall));
    store.reset();

    Reader reader(QDir(dir.path()).filePath(QStringLiteral("signalbox.db")));
    QCOMPARE(reader.count("requests"), kRecords + 1);
    QCOMPARE(reader.count("request_tags"), kRecords + 1);
    QCOMPARE(reader.count("request_bodies"), kRecords);
}

void TestRequestStore::disabledStoreWritesNothing() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    const QString dbPath = QDir(dir.path()).filePath(QStringLiteral("signalbox.db"));
    const QString journalPath = QDir(dir.path()).filePath(QStringLiteral("signalbox.journal"));
    auto store = std::make_unique<RequestStore>(dir.path(), clock);
    StoreConfig config;
    config.enabled = false;
    store->configure(config);
    store->start();
    for (int n = 0; n < 10; ++n)
        store->submit(plainRecord(n, clock.wall - kDayMs + n));
    StoreStats stats = store->stats();
    QVERIFY(!stats.enabled);
    QCOMPARE(stats.queued, 0);
    QCOMPARE(stats.dropped, 0);
    QCOMPARE(stats.written, 0);
    QCOMPARE(fileSize(journalPath), 0);
    QVERIFY(store->waitUntilWritten(0));
    store.reset();
    QCOMPARE(fileSize(journalPath), 0);
    if (QFileInfo::exists(dbPath)) {
        Reader reader(dbPath);
        QCOMPARE(reader.count("requests"), 0);
    }

    // The same folder with the log on: the records above were not merely late.
    store = std::make_unique<RequestStore>(dir.path(), clock);
    store->start();
    store->submit(plainRecord(100, clock.wall));
    QVERIFY(store->waitUntilWritten(kWriteTimeoutMs));
    store.reset();
    Reader reader(dbPath);
    QVERIFY(reader.ids("requests", "id") == std::set<QByteArray>{idOf(100)});
}

QTEST_GUILESS_MAIN(TestRequestStore)
#include "tst_requeststore.moc"

void TestRequestStore::recordLongerThanAReadIsWritten() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    RequestStore store(dir.path(), clock);
    store.start();
    // Kept bodies as big as the config allows make a journal line of several MiB.
    RequestRecord big = plainRecord(1, clock.wall - kDayMs);
    big.requestBody = QByteArray(3 * 1024 * 1024, 'q');
    big.responseBody = QByteArray(3 * 1024 * 1024, 'r');
    store.submit(big);
    for (int n = 2; n <= 4; ++n)
        store.submit(plainRecord(n, clock.wall - kDayMs + n));
    QVERIFY(store.waitUntilWritten(20000));
    Reader reader(store.databasePath());
    QCOMPARE(reader.count("requests"), 4);
    QCOMPARE(
        reader.scalar(QStringLiteral("SELECT length(response) FROM request_bodies")).toLongLong(),
        3 * 1024 * 1024);
}

void TestRequestStore::journalUnwritableAtStartRecovers() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    const QString journalPath = QDir(dir.path()).filePath(QStringLiteral("signalbox.journal"));
    QVERIFY(QDir().mkpath(journalPath));
    RequestStore store(dir.path(), clock);
    Reports reports;
    store.setFailureHandler(reports.handler());
    store.start();
    store.submit(plainRecord(1, clock.wall - kDayMs));
    QCOMPARE(store.stats().dropped, 1);

    // Fixed while running: the store opens the journal on its next try, without a restart.
    QVERIFY(QDir(journalPath).removeRecursively());
    int n = 2;
    QTRY_VERIFY_WITH_TIMEOUT((store.submit(plainRecord(n, clock.wall - kDayMs + n)), ++n,
                              store.waitUntilWritten(200) && store.stats().written > 0),
                             10000);
    QVERIFY(store.stats().healthy);
    QVERIFY(reports.texts().contains(QString()));  // "works again"
}
