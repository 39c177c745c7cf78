// Request ids: their form is a contract (x-signalbox-request-id, the store's id column),
// their order by time is what keeps the store's primary-key index appending.

#include "api/RequestId.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTest>

#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace signalbox;

class TestRequestId : public QObject {
    Q_OBJECT
private slots:
    void formIsSbAndSixteenHexDigits();
    void idsSortByTimeThenCounter();
    void idsFromManyThreadsAreUnique();
};

void TestRequestId::formIsSbAndSixteenHexDigits() {
    const QRegularExpression form(QStringLiteral("^sb-[0-9a-f]{16}$"));
    for (int i = 0; i < 100; ++i) {
        const QByteArray id = newRequestId();
        QVERIFY2(form.match(QString::fromLatin1(id)).hasMatch(), id.constData());
    }
    QCOMPARE(requestIdFor(0, 0), QByteArray("sb-0000000000000000"));
    // 2026-11-25T00:00:00Z, counter 0xabcde: the time fills the first 11 digits.
    QCOMPARE(requestIdFor(1795564800000, 0xabcde), QByteArray("sb-1a210008800abcde"));
    QCOMPARE(requestIdFor(1, 0xfffff), QByteArray("sb-00000000001fffff"));
    // The counter keeps its low 20 bits.
    QCOMPARE(requestIdFor(1, 0x100001), QByteArray("sb-0000000000100001"));
}

void TestRequestId::idsSortByTimeThenCounter() {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(requestIdFor(now, 0xfffff) < requestIdFor(now + 1, 0));
    QVERIFY(requestIdFor(now, 7) < requestIdFor(now, 8));
    // Fresh ids carry the current time: one made later never sorts before the time
    // prefix of one made earlier.
    const QByteArray before = requestIdFor(now - 1, 0xfffff);
    const QByteArray id = newRequestId();
    QVERIFY2(before < id, id.constData());
    QVERIFY2(id < requestIdFor(QDateTime::currentMSecsSinceEpoch() + 1, 0), id.constData());
}

void TestRequestId::idsFromManyThreadsAreUnique() {
    constexpr int kThreads = 4;
    constexpr int kEach = 50'000;
    std::mutex mutex;
    std::set<QByteArray> all;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            std::vector<QByteArray> mine;
            mine.reserve(kEach);
            for (int i = 0; i < kEach; ++i)
                mine.push_back(newRequestId());
            std::lock_guard lock(mutex);
            all.insert(mine.begin(), mine.end());
        });
    }
    for (std::thread& t : threads)
        t.join();
    QCOMPARE(all.size(), size_t(kThreads * kEach));
}

QTEST_GUILESS_MAIN(TestRequestId)
#include "tst_requestid.moc"
