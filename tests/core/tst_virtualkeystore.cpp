// VirtualKeyStore against a real signalbox.db in a temporary folder, with a real
// RequestStore writing the spend beside it: what each writes is read back through the
// other and through a plain connection of the test's own, as the sqlite3 shell sees it.

#include "ManualClock.h"
#include "store/RequestJournal.h"
#include "store/RequestRows.h"
#include "store/RequestStore.h"
#include "store/StoreConnection.h"
#include "store/StoreSchema.h"
#include "store/VirtualKeyStore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <latch>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

using namespace signalbox;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kDayMs = 86'400'000;
constexpr int kWriteTimeoutMs = 20'000;  // a wait that times out is a failure, not a pause

QString databaseIn(const QTemporaryDir& dir) {
    return QDir(dir.path()).filePath(u"signalbox.db"_s);
}

// Every field set, texts that JSON and SQL must both carry unharmed.
VirtualKey fullKey() {
    VirtualKey k;
    k.id = u"vk_00000000000000a1"_s;
    k.name = u"search \"backend\" r\u00f6ute"_s;
    k.hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    k.hint = u"x9Q2"_s;
    k.routes = {u"smart"_s, u"openai/gpt-5"_s, u"claude/*"_s, u"qu\"ote \u4e2d"_s};
    k.budgetUsd = 0.1 + 0.2;  // not a short decimal: every bit must come back
    k.period = BudgetPeriod::Day;
    k.rpm = 60;
    k.tpm = 100'000;
    k.createdAtMs = 1'795'000'000'000;
    k.expiresAtMs = 1'796'000'000'000;
    k.revokedAtMs = 1'795'500'000'000;
    return k;
}

// Nothing optional: all routes, no budget, no expiry, in force.
VirtualKey bareKey() {
    VirtualKey k;
    k.id = u"vk_00000000000000b2"_s;
    k.name = u"alice"_s;
    k.hash = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
    k.hint = u"abcd"_s;
    k.period = BudgetPeriod::Total;
    k.createdAtMs = 1'795'000'000'001;
    return k;
}

VirtualKey keyNumber(int n) {
    VirtualKey k = bareKey();
    k.id = u"vk_%1"_s.arg(n, 16, 10, QLatin1Char('0'));
    k.hash = QByteArray::number(n).repeated(4).toHex();
    k.createdAtMs += n;
    return k;
}

QByteArray idOf(int n) {
    return "sb-" + QByteArray::number(n, 16).rightJustified(16, '0');
}

RequestRecord recordOf(int n, qint64 startedAt, const QString& key) {
    RequestRecord r;
    r.id = idOf(n);
    r.startedAt = startedAt;
    r.finishedAt = startedAt + 10;
    r.surface = "openai.chat";
    r.route = u"smart"_s;
    r.target = u"openai/gpt-a"_s;
    r.status = 200;
    r.latencyMs = 10;
    r.inputTokens = 100 + n;
    r.outputTokens = 10;
    r.costUsd = double(n) / 1024;  // exact in any order of addition
    r.virtualKeyId = key;
    return r;
}

// A connection of the test's own to the file, apart from the code under test.
class Reader {
public:
    explicit Reader(const QString& path) : name_(u"test-reader-%1"_s.arg(next_++)) {
        db_ = QSqlDatabase::addDatabase(u"QSQLITE"_s, name_);
        db_.setDatabaseName(path);
        db_.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
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

    QVariant scalar(const QString& sql, const QVariantList& bound = {}) {
        QSqlQuery q(db_);
        q.prepare(sql);
        for (const QVariant& v : bound)
            q.addBindValue(v);
        if (!q.exec() || !q.next()) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return {};
        }
        return q.value(0);
    }
    bool exec(const QString& sql) {
        QSqlQuery q(db_);
        if (q.exec(sql))
            return true;
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return false;
    }

private:
    static inline int next_ = 0;
    QString name_;
    QSqlDatabase db_;
};

KeySpend spendOf(std::initializer_list<RequestRecord> records) {
    KeySpend s;
    for (const RequestRecord& r : records) {
        s.requests += 1;
        s.costUsd += r.costUsd.value_or(0);
        s.inputTokens += std::max<qint64>(r.inputTokens, 0);
        s.outputTokens += std::max<qint64>(r.outputTokens, 0);
    }
    return s;
}

// For failure messages.
QByteArray describe(const std::map<QString, KeySpend>& spend) {
    QString out;
    for (const auto& [key, s] : spend) {
        out += u"[%1: n=%2 usd=%3 in=%4 out=%5]"_s.arg(key)
                   .arg(s.requests)
                   .arg(s.costUsd)
                   .arg(s.inputTokens)
                   .arg(s.outputTokens);
    }
    return out.isEmpty() ? QByteArray("nothing") : out.toUtf8();
}

}  // namespace

class TestVirtualKeyStore : public QObject {
    Q_OBJECT

private slots:
    void everyFieldRoundTrips();
    void updateChangesOnlyWhatItMay();
    void takenHashOrIdIsRefused();
    void unknownIdsAreRefused();
    void versionRisesWithEveryChange();
    void notOpenSaysSo();
    void spendIsKeptFromSubmittedRecords();
    void replayedJournalCountsOnce();
    void spendOutlivesRetention();
    void versionOneFileIsMigrated();
    void newerFileIsRefused();
    void firstOpensAtOnceMigrateOnce();
};

void TestVirtualKeyStore::everyFieldRoundTrips() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = QDir(dir.path()).filePath(u"not/yet/signalbox.db"_s);
    const VirtualKey full = fullKey();
    const VirtualKey bare = bareKey();
    {
        VirtualKeyStore keys(path);
        QString error;
        QVERIFY2(keys.open(&error), qPrintable(error));
        QVERIFY2(keys.insert(bare, &error), qPrintable(error));
        QVERIFY2(keys.insert(full, &error), qPrintable(error));
    }
    // Another connection, as the CLI's or the next run's.
    VirtualKeyStore keys(path);
    QString error;
    QVERIFY2(keys.open(&error), qPrintable(error));
    const auto all = keys.all(&error);
    QVERIFY2(all, qPrintable(error));
    QCOMPARE(all->size(), size_t(2));
    QVERIFY(all->at(0) == full);  // oldest first
    QVERIFY(all->at(1) == bare);
    QCOMPARE(*all->at(0).budgetUsd, 0.1 + 0.2);
    QVERIFY(all->at(0).revoked());
    QVERIFY(!all->at(1).revoked());
    const auto found = keys.find(bare.id, &error);
    QVERIFY2(found, qPrintable(error));
    QVERIFY(*found == bare);
    error = u"stale"_s;
    QVERIFY(!keys.find(u"vk_nobody"_s, &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));  // absent, not broken

    // The columns as the README documents them: no secret, JSON routes, NULL for none.
    Reader reader(path);
    QCOMPARE(reader.scalar(u"SELECT hash FROM virtual_keys WHERE id = ?"_s, {full.id}).toString(),
             QString::fromLatin1(full.hash));
    const QJsonDocument routes = QJsonDocument::fromJson(
        reader.scalar(u"SELECT routes FROM virtual_keys WHERE id = ?"_s, {full.id})
            .toString()
            .toUtf8());
    QVERIFY(routes.isArray());
    QCOMPARE(routes.array().size(), qsizetype(4));
    QCOMPARE(reader.scalar(u"SELECT routes FROM virtual_keys WHERE id = ?"_s, {bare.id}).toString(),
             u"[]"_s);
    QCOMPARE(reader.scalar(u"SELECT budget_period FROM virtual_keys WHERE id = ?"_s, {full.id})
                 .toString(),
             u"day"_s);
    QCOMPARE(reader
                 .scalar(u"SELECT budget_usd IS NULL AND expires_at IS NULL AND revoked_at IS "
                         "NULL FROM virtual_keys WHERE id = ?"_s,
                         {bare.id})
                 .toInt(),
             1);

    // A period no Signalbox writes is an error, not a guess at the key's limits.
    QVERIFY(reader.exec(u"UPDATE virtual_keys SET budget_period = 'fortnight'"_s));
    QVERIFY(!keys.all(&error));
    QVERIFY2(error.contains(u"fortnight"_s), qPrintable(error));
}

void TestVirtualKeyStore::updateChangesOnlyWhatItMay() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    VirtualKeyStore keys(databaseIn(dir));
    QString error;
    QVERIFY2(keys.open(&error), qPrintable(error));
    const VirtualKey before = fullKey();
    QVERIFY2(keys.insert(before, &error), qPrintable(error));

    VirtualKey changed = before;
    changed.name = u"renamed"_s;
    changed.routes = {u"fast"_s};
    changed.budgetUsd.reset();
    changed.period = BudgetPeriod::Month;
    changed.rpm = 0;
    changed.tpm = 7;
    changed.expiresAtMs = 0;
    // Not for update() to change: the secret, when it was made, its revocation.
    changed.hash = QByteArray(64, 'e');
    changed.hint = u"zzzz"_s;
    changed.createdAtMs = 1;
    changed.revokedAtMs = 0;
    QVERIFY2(keys.update(changed, &error), qPrintable(error));

    VirtualKey expected = changed;
    expected.hash = before.hash;
    expected.hint = before.hint;
    expected.createdAtMs = before.createdAtMs;
    expected.revokedAtMs = before.revokedAtMs;
    const auto after = keys.find(before.id, &error);
    QVERIFY2(after, qPrintable(error));
    QVERIFY(*after == expected);
}

void TestVirtualKeyStore::takenHashOrIdIsRefused() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    VirtualKeyStore keys(databaseIn(dir));
    QString error;
    QVERIFY2(keys.open(&error), qPrintable(error));
    QVERIFY2(keys.insert(bareKey(), &error), qPrintable(error));

    VirtualKey sameSecret = fullKey();
    sameSecret.hash = bareKey().hash;
    QVERIFY(!keys.insert(sameSecret, &error));
    QVERIFY2(error.contains(u"same secret"_s), qPrintable(error));

    VirtualKey sameId = fullKey();
    sameId.id = bareKey().id;
    QVERIFY(!keys.insert(sameId, &error));
    QVERIFY2(error.contains(bareKey().id) && error.contains(u"exists"_s), qPrintable(error));

    VirtualKey noHash = fullKey();
    noHash.hash.clear();
    QVERIFY(!keys.insert(noHash, &error));
    QVERIFY(!error.isEmpty());

    const auto all = keys.all(&error);
    QVERIFY2(all, qPrintable(error));
    QCOMPARE(all->size(), size_t(1));
    QVERIFY(all->front() == bareKey());
}

void TestVirtualKeyStore::unknownIdsAreRefused() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    VirtualKeyStore keys(databaseIn(dir));
    QString error;
    QVERIFY2(keys.open(&error), qPrintable(error));
    QVERIFY(!keys.revoke(u"vk_nobody"_s, 5, &error));
    QVERIFY2(error.contains(u"vk_nobody"_s), qPrintable(error));
    error.clear();
    VirtualKey ghost = bareKey();
    ghost.id = u"vk_ghost"_s;
    QVERIFY(!keys.update(ghost, &error));
    QVERIFY2(error.contains(u"vk_ghost"_s), qPrintable(error));

    // Revoking twice keeps the first time.
    QVERIFY2(keys.insert(bareKey(), &error), qPrintable(error));
    QVERIFY2(keys.revoke(bareKey().id, 1000, &error), qPrintable(error));
    QVERIFY2(keys.revoke(bareKey().id, 2000, &error), qPrintable(error));
    const auto found = keys.find(bareKey().id, &error);
    QVERIFY2(found, qPrintable(error));
    QCOMPARE(found->revokedAtMs, qint64(1000));
    QVERIFY(found->revoked());
}

void TestVirtualKeyStore::versionRisesWithEveryChange() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    VirtualKeyStore keys(databaseIn(dir));
    QString error;
    QVERIFY2(keys.open(&error), qPrintable(error));
    const auto version = [&] {
        const std::optional<qint64> v = keys.version(&error);
        if (!v)
            qWarning("version: %s", qPrintable(error));
        return int(v.value_or(-1));
    };
    QCOMPARE(version(), 0);
    QVERIFY(keys.insert(bareKey(), &error));
    QCOMPARE(version(), 1);
    QVERIFY(keys.insert(fullKey(), &error));
    QCOMPARE(version(), 2);
    VirtualKey renamed = bareKey();
    renamed.name = u"bob"_s;
    QVERIFY(keys.update(renamed, &error));
    QCOMPARE(version(), 3);
    QVERIFY(keys.revoke(bareKey().id, 10, &error));
    QCOMPARE(version(), 4);
    // What changes nothing raises nothing.
    QVERIFY(!keys.insert(bareKey(), &error));
    QVERIFY(keys.revoke(bareKey().id, 20, &error));
    QVERIFY(!keys.revoke(u"vk_nobody"_s, 20, &error));
    QCOMPARE(version(), 4);
    // Nor does reading.
    QVERIFY(keys.all(&error));
    QCOMPARE(version(), 4);

    // Changes by another process, even by hand, are seen.
    VirtualKeyStore cli(databaseIn(dir));
    QVERIFY2(cli.open(&error), qPrintable(error));
    QVERIFY(cli.insert(keyNumber(3), &error));
    QCOMPARE(version(), 5);
    Reader shell(databaseIn(dir));
    QVERIFY(shell.exec(u"DELETE FROM virtual_keys WHERE id = 'vk_00000000000000a1'"_s));
    QCOMPARE(version(), 6);
    const auto all = keys.all(&error);
    QVERIFY2(all, qPrintable(error));
    QCOMPARE(all->size(), size_t(2));
}

void TestVirtualKeyStore::notOpenSaysSo() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    VirtualKeyStore keys(databaseIn(dir));
    QString error;
    QVERIFY(!keys.insert(bareKey(), &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!keys.all(&error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!keys.version(&error));
    QVERIFY(!error.isEmpty());

    // A folder where the file should be.
    QVERIFY(QDir(dir.path()).mkdir(u"signalbox.db"_s));
    error.clear();
    QVERIFY(!keys.open(&error));
    QVERIFY2(error.contains(u"signalbox.db"_s), qPrintable(error));
}

void TestVirtualKeyStore::spendIsKeptFromSubmittedRecords() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    const qint64 today = RequestRows::dayOf(clock.wall);
    const QString a = u"vk_a"_s;
    const QString b = u"vk_b"_s;
    // Two records of a in the first and last millisecond of yesterday, one today; b today
    // with an unpriced model and unknown tokens; one record with no key.
    const RequestRecord a1 = recordOf(1, today - kDayMs, a);
    const RequestRecord a2 = recordOf(2, today - 1, a);
    const RequestRecord a3 = recordOf(3, today + 5, a);
    RequestRecord b1 = recordOf(4, today + 6, b);
    b1.costUsd.reset();
    b1.inputTokens = -1;
    b1.outputTokens = -1;
    RequestRecord b2 = recordOf(5, today + 7, b);
    b2.costUsd = std::nan("");  // no price, not a lost record
    const RequestRecord none = recordOf(6, today + 8, QString());

    RequestStore store(dir.path(), clock);
    store.start();
    for (const RequestRecord& r : {a1, a2, a3, b1, b2, none})
        store.submit(r);
    QVERIFY(store.waitUntilWritten(kWriteTimeoutMs));
    QVERIFY(store.stats().healthy);

    VirtualKeyStore keys(store.databasePath());
    QString error;
    QVERIFY2(keys.open(&error), qPrintable(error));
    b2.costUsd.reset();
    const std::map<QString, KeySpend> ever = {{a, spendOf({a1, a2, a3})}, {b, spendOf({b1, b2})}};
    const std::map<QString, KeySpend> yesterday = {{a, spendOf({a1, a2})}};
    const std::map<QString, KeySpend> onlyToday = {{a, spendOf({a3})}, {b, spendOf({b1, b2})}};
    const auto check = [&](qint64 from, qint64 to, const std::map<QString, KeySpend>& expected) {
        const auto got = keys.spend(from, to, &error);
        QVERIFY2(got, qPrintable(error));
        QVERIFY2(*got == expected,
                 (describe(*got) + ", expected " + describe(expected)).constData());
    };
    check(0, 0, ever);
    check(today - kDayMs, today, yesterday);
    check(today, 0, onlyToday);
    check(today, today + kDayMs, onlyToday);
    check(today + kDayMs, 0, {});
    // Days are counted by their start.
    check(today - kDayMs + 1, 0, onlyToday);
    if (QTest::currentTestFailed())
        return;

    // The table itself: one row per key and UTC day.
    Reader reader(store.databasePath());
    QCOMPARE(reader.scalar(u"SELECT count(*) FROM virtual_key_spend"_s).toInt(), 3);
    QCOMPARE(reader.scalar(u"SELECT day FROM virtual_key_spend WHERE virtual_key_id = 'vk_b'"_s)
                 .toLongLong(),
             today);
}

void TestVirtualKeyStore::replayedJournalCountsOnce() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    const QString key = u"vk_a"_s;
    const RequestRecord first = recordOf(1, clock.wall - 10, key);
    const RequestRecord second = recordOf(2, clock.wall - 5, key);
    const RequestRecord third = recordOf(3, clock.wall - 1, key);
    {
        RequestStore store(dir.path(), clock);
        store.start();
        store.submit(first);
        QVERIFY(store.waitUntilWritten(kWriteTimeoutMs));
    }
    // A run that died before it emptied its journal: the first record again, the second
    // twice (in one batch), the third once.
    {
        RequestJournal journal(QDir(dir.path()).filePath(u"signalbox.journal"_s));
        QString error;
        QVERIFY2(journal.open(&error), qPrintable(error));
        for (const RequestRecord* r : {&first, &second, &second, &third})
            QVERIFY2(journal.append(*r, &error), qPrintable(error));
    }
    RequestStore store(dir.path(), clock);
    store.start();
    QVERIFY(store.waitUntilWritten(kWriteTimeoutMs));
    Reader reader(store.databasePath());
    QCOMPARE(reader.scalar(u"SELECT count(*) FROM requests"_s).toInt(), 3);

    VirtualKeyStore keys(store.databasePath());
    QString error;
    QVERIFY2(keys.open(&error), qPrintable(error));
    const auto spend = keys.spend(0, 0, &error);
    QVERIFY2(spend, qPrintable(error));
    const std::map<QString, KeySpend> expected = {{key, spendOf({first, second, third})}};
    QVERIFY2(*spend == expected, describe(*spend).constData());
}

void TestVirtualKeyStore::spendOutlivesRetention() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    const QString key = u"vk_a"_s;
    const RequestRecord old = recordOf(1, clock.wall - 40 * kDayMs, key);
    const RequestRecord recent = recordOf(2, clock.wall - kDayMs, key);
    RequestStore store(dir.path(), clock);
    StoreConfig config;
    config.retentionDays = 0;
    store.configure(config);
    store.start();
    store.submit(old);
    store.submit(recent);
    QVERIFY(store.waitUntilWritten(kWriteTimeoutMs));

    Reader reader(store.databasePath());
    QCOMPARE(reader.scalar(u"SELECT count(*) FROM requests"_s).toInt(), 2);
    config.retentionDays = 30;
    store.configure(config);
    store.applyRetentionNow();
    QTRY_COMPARE(reader.scalar(u"SELECT count(*) FROM requests"_s).toInt(), 1);
    // The rollups went with the row (the pass trims them after the rows).
    QTRY_COMPARE(reader.scalar(u"SELECT count(*) FROM request_hourly"_s).toInt(), 1);

    VirtualKeyStore keys(store.databasePath());
    QString error;
    QVERIFY2(keys.open(&error), qPrintable(error));
    const auto spend = keys.spend(0, 0, &error);
    QVERIFY2(spend, qPrintable(error));
    const std::map<QString, KeySpend> expected = {{key, spendOf({old, recent})}};
    QVERIFY2(*spend == expected, describe(*spend).constData());
}

void TestVirtualKeyStore::versionOneFileIsMigrated() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::ManualClock clock;
    const QString path = databaseIn(dir);
    const qint64 day = RequestRows::dayOf(clock.wall) - 2 * kDayMs;
    // A file as the first Signalbox left it: rows of two keys and none, with rollups.
    {
        StoreConnection v1(path, u"v1"_s);
        QVERIFY2(v1.open(), qPrintable(v1.error()));
        QString error;
        QVERIFY2(StoreSchema::migrate(v1.db(), &error, 1), qPrintable(error));
        QSqlQuery q(v1.db());
        QVERIFY2(q.exec(u"INSERT INTO requests (id, started_at, finished_at, surface, route, "
                        "attempts, trail, status, stream, truncated, input_tokens, "
                        "output_tokens, cost_usd, cost_estimated, cache_hit, virtual_key_id) "
                        "VALUES ('sb-1', %1, %1, 'openai.chat', 'smart', 1, '[]', 200, 0, 0, "
                        "10, 2, 0.5, 0, 0, 'vk_old'), ('sb-2', %2, %2, 'openai.chat', 'smart', "
                        "1, '[]', 200, 0, 0, NULL, 3, NULL, 0, 1, 'vk_old'), ('sb-3', %1, %1, "
                        "'openai.chat', 'smart', 1, '[]', 200, 0, 0, 7, 7, 0.25, 0, 0, NULL)"_s
                            .arg(day + 5)
                            .arg(day + kDayMs - 1)),
                 qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(u"INSERT INTO request_hourly VALUES (%1, '', 'smart', 3, 0, 1, 17, 12, "
                        "0.75, 1, 0, 0, 0)"_s.arg(RequestRows::hourOf(day + 5))),
                 qPrintable(q.lastError().text()));
    }
    Reader reader(path);
    QCOMPARE(reader.scalar(u"PRAGMA user_version"_s).toInt(), 1);

    VirtualKeyStore keys(path);
    QString error;
    QVERIFY2(keys.open(&error), qPrintable(error));
    QCOMPARE(reader.scalar(u"PRAGMA user_version"_s).toInt(), StoreSchema::latestVersion());
    QCOMPARE(reader
                 .scalar(u"SELECT count(*) FROM requests WHERE cache_saved_usd IS NULL AND "
                         "redactions IS NULL"_s)
                 .toInt(),
             3);
    QCOMPARE(reader.scalar(u"SELECT cache_saved_usd FROM request_hourly"_s).toDouble(), 0.0);
    QCOMPARE(keys.version(&error).value_or(-1), qint64(0));
    // The rows already there count towards their key's budget.
    auto spend = keys.spend(0, 0, &error);
    QVERIFY2(spend, qPrintable(error));
    std::map<QString, KeySpend> expected = {{u"vk_old"_s, KeySpend{2, 0.5, 10, 5}}};
    QVERIFY2(*spend == expected, describe(*spend).constData());
    QCOMPARE(
        reader.scalar(u"SELECT count(*) FROM virtual_key_spend WHERE day = ?"_s, {day}).toInt(), 1);

    // The writer takes the migrated file as it is and adds to the same day.
    RequestStore store(dir.path(), clock);
    store.start();
    const RequestRecord added = recordOf(9, day + 100, u"vk_old"_s);
    store.submit(added);
    QVERIFY(store.waitUntilWritten(kWriteTimeoutMs));
    QVERIFY(store.stats().healthy);
    spend = keys.spend(day, day + kDayMs, &error);
    QVERIFY2(spend, qPrintable(error));
    expected = {{u"vk_old"_s, KeySpend{3, 0.5 + *added.costUsd, 10 + added.inputTokens,
                                       5 + added.outputTokens}}};
    QVERIFY2(*spend == expected, describe(*spend).constData());
}

void TestVirtualKeyStore::newerFileIsRefused() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        Reader reader(databaseIn(dir));
        QVERIFY(reader.exec(u"PRAGMA user_version = %1"_s.arg(StoreSchema::latestVersion() + 1)));
    }
    VirtualKeyStore keys(databaseIn(dir));
    QString error;
    QVERIFY(!keys.open(&error));
    QVERIFY2(error.contains(u"newer"_s), qPrintable(error));
}

// The CLI and the gateway may both be first to open a new data dir: each connection must
// find the file migrated once, whoever ran the steps.
void TestVirtualKeyStore::firstOpensAtOnceMigrateOnce() {
    constexpr int kRounds = 8;
    constexpr int kStores = 3;
    for (int round = 0; round < kRounds; ++round) {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        test::ManualClock clock;
        QStringList failures;  // before the writer, which may report until it ends
        std::mutex failuresMutex;
        RequestStore writer(dir.path(), clock);
        writer.setFailureHandler([&](const QString& error) {
            std::lock_guard lock(failuresMutex);
            if (!error.isEmpty())
                failures.append(error);
        });
        std::latch go(kStores + 1);
        std::vector<QString> errors(kStores);
        std::vector<std::thread> threads;
        for (int i = 0; i < kStores; ++i) {
            threads.emplace_back([&, i] {
                // The connection belongs to this thread: made, used and dropped here.
                VirtualKeyStore keys(writer.databasePath());
                go.arrive_and_wait();
                QString error;
                if (!keys.open(&error) || !keys.insert(keyNumber(round * kStores + i), &error))
                    errors[size_t(i)] = error.isEmpty() ? u"failed"_s : error;
            });
        }
        go.arrive_and_wait();
        writer.start();
        for (std::thread& t : threads)
            t.join();
        for (const QString& error : errors)
            QVERIFY2(error.isEmpty(), qPrintable(error));
        writer.submit(recordOf(1, clock.wall, u"vk_a"_s));
        QVERIFY(writer.waitUntilWritten(kWriteTimeoutMs));
        QVERIFY2(writer.stats().healthy, qPrintable(writer.stats().lastError));
        {
            std::lock_guard lock(failuresMutex);
            QCOMPARE(failures, QStringList());
        }
        Reader reader(writer.databasePath());
        QCOMPARE(reader.scalar(u"PRAGMA user_version"_s).toInt(), StoreSchema::latestVersion());
        QCOMPARE(reader.scalar(u"SELECT count(*) FROM virtual_keys"_s).toInt(), kStores);
        QCOMPARE(reader.scalar(u"SELECT value FROM store_meta"_s).toInt(), kStores);
        QCOMPARE(reader.scalar(u"SELECT count(*) FROM store_meta"_s).toInt(), 1);
        QCOMPARE(reader.scalar(u"SELECT requests FROM virtual_key_spend"_s).toInt(), 1);
    }
}

QTEST_GUILESS_MAIN(TestVirtualKeyStore)
#include "tst_virtualkeystore.moc"
