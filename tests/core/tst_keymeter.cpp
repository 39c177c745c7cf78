// A virtual key's live limits with a clock the tests move: sliding request and token
// windows, the budget ledger that reserves before dispatch and settles after, UTC period
// rollover, and exactness when many threads admit at once.

#include "ManualClock.h"

#include "governance/KeyMeter.h"

#include <QDateTime>
#include <QTest>

#include <atomic>
#include <latch>
#include <random>
#include <thread>
#include <vector>

using namespace signalbox;
using signalbox::test::ManualClock;

Q_DECLARE_METATYPE(signalbox::BudgetPeriod)

namespace {

VirtualKey keyWith(int rpm, int tpm, std::optional<double> budgetUsd,
                   BudgetPeriod period = BudgetPeriod::Total) {
    VirtualKey key;
    key.id = QStringLiteral("vk_00000000000000aa");
    key.name = QStringLiteral("meter-test");
    key.rpm = rpm;
    key.tpm = tpm;
    key.budgetUsd = budgetUsd;
    key.period = period;
    return key;
}

qint64 utcMs(int year, int month, int day, int hour = 0, int minute = 0, int second = 0,
             int ms = 0) {
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, ms), Qt::UTC)
        .toMSecsSinceEpoch();
}

// Runs `body(thread)` on `threads` threads released together.
template <typename Body>
void runTogether(int threads, Body body) {
    std::latch start(threads);
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&start, &body, t] {
            start.arrive_and_wait();
            body(t);
        });
    }
    for (std::thread& thread : pool)
        thread.join();
}

}  // namespace

class TestKeyMeter : public QObject {
    Q_OBJECT

private slots:
    void requestsAreExactAtTheWindowEdge();
    void requestWindowSlides();
    void windowsReportHeaderValues();
    void keyWithoutLimitsNeverRefuses();
    void settleReplacesTheTokenEstimate();
    void tokenRetryWaitsForEnoughTokensToLeave();
    void requestLargerThanTheTokenLimitNeverPasses();
    void refusalTakesNothingAndNamesTheFirstLimit();
    void budgetReservesAndSettles();
    void costAboveTheCeilingIsChargedInFull();
    void concurrentStreamsNeverOverspend();
    void concurrentStreamsUseTheBudgetUp();
    void rateLimitsAreExactUnderConcurrency();
    void periodBoundsAreUtcCalendar_data();
    void periodBoundsAreUtcCalendar();
    void budgetRollsOverAtUtcBoundaries_data();
    void budgetRollsOverAtUtcBoundaries();
    void seedSpendCountsOnlyTheCurrentPeriod();
    void setLimitsKeepsWindowsAndSpend();
};

void TestKeyMeter::requestsAreExactAtTheWindowEdge() {
    ManualClock clock;
    KeyMeter meter(keyWith(3, 0, std::nullopt), clock);
    for (int i = 0; i < 3; ++i)
        QVERIFY(meter.admit(0, 0).admitted());

    Admission refused = meter.admit(0, 0);
    QCOMPARE(refused.refusal, MeterRefusal::Requests);
    QCOMPARE(refused.retryAfterMs, 60'000);

    clock.advance(59'999);
    refused = meter.admit(0, 0);
    QCOMPARE(refused.refusal, MeterRefusal::Requests);
    QCOMPARE(refused.retryAfterMs, 1);
    QCOMPARE(*refused.requests, (RateWindow{3, 0, 1}));

    clock.advance(1);
    const Admission admitted = meter.admit(0, 0);
    QVERIFY(admitted.admitted());
    QCOMPARE(*admitted.requests, (RateWindow{3, 2, 60'000}));
    QCOMPARE(meter.usage().requestsInWindow, 1);
}

void TestKeyMeter::requestWindowSlides() {
    ManualClock clock;
    KeyMeter meter(keyWith(2, 0, std::nullopt), clock);
    QVERIFY(meter.admit(0, 0).admitted());
    clock.advance(30'000);
    QVERIFY(meter.admit(0, 0).admitted());
    QCOMPARE(meter.admit(0, 0).retryAfterMs, 30'000);

    clock.advance(30'000);  // the first has left, the second has not
    const Admission admitted = meter.admit(0, 0);
    QVERIFY(admitted.admitted());
    QCOMPARE(*admitted.requests, (RateWindow{2, 0, 60'000}));
    const Admission refused = meter.admit(0, 0);
    QCOMPARE(refused.refusal, MeterRefusal::Requests);
    QCOMPARE(refused.retryAfterMs, 30'000);
}

void TestKeyMeter::windowsReportHeaderValues() {
    ManualClock clock;
    KeyMeter meter(keyWith(5, 1000, std::nullopt), clock);
    Admission a = meter.admit(100, 0);
    QCOMPARE(*a.requests, (RateWindow{5, 4, 60'000}));
    QCOMPARE(*a.tokens, (RateWindow{1000, 900, 60'000}));

    clock.advance(10'000);
    a = meter.admit(50, 0);
    QCOMPARE(*a.requests, (RateWindow{5, 3, 60'000}));
    QCOMPARE(*a.tokens, (RateWindow{1000, 850, 60'000}));

    // The 100 leave; a request without tokens does not hold the token window.
    clock.advance(50'000);
    a = meter.admit(0, 0);
    QCOMPARE(*a.requests, (RateWindow{5, 3, 60'000}));
    QCOMPARE(*a.tokens, (RateWindow{1000, 950, 10'000}));
    QCOMPARE(a.budgetUsd, 0.0);
    QCOMPARE(a.budgetResetAtMs, 0);
}

void TestKeyMeter::keyWithoutLimitsNeverRefuses() {
    ManualClock clock;
    KeyMeter meter(keyWith(0, 0, std::nullopt), clock);
    Admission a;
    for (int i = 0; i < 500; ++i) {
        a = meter.admit(1'000'000, 1000.0);
        QVERIFY(a.admitted());
    }
    QVERIFY(!a.requests);
    QVERIFY(!a.tokens);
    QCOMPARE(a.budgetUsd, 0.0);
    QCOMPARE(a.reservedUsd, 0.0);
    QCOMPARE(a.budgetResetAtMs, 0);
    meter.settle(a.ticket, 10, 2.5);
    // Still measured, for the window and a budget added later.
    const MeterUsage usage = meter.usage();
    QCOMPARE(usage.requestsInWindow, 500);
    QCOMPARE(usage.tokensInWindow, 499 * 1'000'000LL + 10);
    QCOMPARE(usage.spentUsd, 2.5);
}

void TestKeyMeter::settleReplacesTheTokenEstimate() {
    ManualClock clock;
    KeyMeter meter(keyWith(0, 1000, std::nullopt), clock);
    const Admission first = meter.admit(800, 0);
    QVERIFY(first.admitted());
    QCOMPARE(first.ticket.tokens, 800);
    const Admission refused = meter.admit(300, 0);
    QCOMPARE(refused.refusal, MeterRefusal::Tokens);
    QCOMPARE(refused.retryAfterMs, 60'000);

    meter.settle(first.ticket, 200, 0);
    QCOMPARE(meter.usage().tokensInWindow, 200);
    const Admission second = meter.admit(300, 0);
    QVERIFY(second.admitted());
    QCOMPARE(second.tokens->remaining, 500);

    // A real count larger than the estimate fills the window past its limit.
    meter.settle(second.ticket, 900, 0);
    QCOMPARE(meter.usage().tokensInWindow, 1100);
    QCOMPARE(meter.admit(0, 0).tokens->remaining, 0);

    // Settled after the entry left: nothing to replace.
    clock.advance(60'000);
    meter.settle(first.ticket, 5000, 0);
    QCOMPARE(meter.usage().tokensInWindow, 0);
}

void TestKeyMeter::tokenRetryWaitsForEnoughTokensToLeave() {
    ManualClock clock;
    KeyMeter meter(keyWith(0, 1000, std::nullopt), clock);
    QVERIFY(meter.admit(400, 0).admitted());
    clock.advance(10'000);
    QVERIFY(meter.admit(400, 0).admitted());
    clock.advance(10'000);
    QVERIFY(meter.admit(100, 0).admitted());
    clock.advance(10'000);

    // 900 in the window: 500 more need the first 400 gone, 700 more the first two.
    QCOMPARE(meter.admit(500, 0).retryAfterMs, 30'000);
    QCOMPARE(meter.admit(700, 0).retryAfterMs, 40'000);
    QCOMPARE(meter.admit(1000, 0).retryAfterMs, 50'000);
    QVERIFY(meter.admit(100, 0).admitted());
}

void TestKeyMeter::requestLargerThanTheTokenLimitNeverPasses() {
    ManualClock clock;
    KeyMeter meter(keyWith(10, 1000, std::nullopt), clock);
    const Admission refused = meter.admit(1001, 0);
    QCOMPARE(refused.refusal, MeterRefusal::Tokens);
    QCOMPARE(refused.retryAfterMs, -1);
    QCOMPARE(*refused.tokens, (RateWindow{1000, 1000, 0}));
    QCOMPARE(meter.usage().requestsInWindow, 0);
    QVERIFY(meter.admit(1000, 0).admitted());
}

void TestKeyMeter::refusalTakesNothingAndNamesTheFirstLimit() {
    ManualClock clock;
    KeyMeter meter(keyWith(1, 100, 1.0), clock);
    QVERIFY(meter.admit(50, 0.5).admitted());
    clock.advance(5'000);

    // All three limits refuse; the request limit is named, with its own wait.
    Admission refused = meter.admit(80, 2.0);
    QCOMPARE(refused.refusal, MeterRefusal::Requests);
    QCOMPARE(refused.retryAfterMs, 55'000);

    meter.setLimits(keyWith(0, 100, 1.0));
    refused = meter.admit(80, 2.0);
    QCOMPARE(refused.refusal, MeterRefusal::Tokens);
    QCOMPARE(refused.retryAfterMs, 55'000);

    refused = meter.admit(10, 2.0);
    QCOMPARE(refused.refusal, MeterRefusal::Budget);
    QCOMPARE(refused.retryAfterMs, -1);  // larger than the whole budget

    const MeterUsage usage = meter.usage();
    QCOMPARE(usage.requestsInWindow, 1);
    QCOMPARE(usage.tokensInWindow, 50);
    QCOMPARE(usage.reservedUsd, 0.5);
}

void TestKeyMeter::budgetReservesAndSettles() {
    ManualClock clock;
    KeyMeter meter(keyWith(0, 0, 1.0), clock);
    const Admission a = meter.admit(0, 0.4);
    QVERIFY(a.admitted());
    QCOMPARE(a.budgetUsd, 1.0);
    QCOMPARE(a.reservedUsd, 0.4);
    QCOMPARE(a.spentUsd, 0.0);
    QCOMPARE(a.budgetResetAtMs, 0);
    QCOMPARE(a.ticket.reservedUsd, 0.4);
    QCOMPARE(a.ticket.periodStartMs, 0);
    const Admission b = meter.admit(0, 0.4);
    QCOMPARE(b.reservedUsd, 0.8);

    // Held by requests in flight: worth asking again soon.
    Admission refused = meter.admit(0, 0.3);
    QCOMPARE(refused.refusal, MeterRefusal::Budget);
    QVERIFY(refused.retryAfterMs > 0);
    QCOMPARE(refused.reservedUsd, 0.8);

    meter.settle(a.ticket, 0, 0.1);
    QCOMPARE(meter.usage().spentUsd, 0.1);
    QCOMPARE(meter.usage().reservedUsd, 0.4);
    const Admission c = meter.admit(0, 0.3);
    QVERIFY(c.admitted());
    QCOMPARE(c.spentUsd, 0.1);
    QCOMPARE(c.reservedUsd, 0.7);

    meter.settle(b.ticket, 0, 0.4);
    meter.settle(c.ticket, 0, 0.3);
    QCOMPARE(meter.usage().spentUsd, 0.8);
    QCOMPARE(meter.usage().reservedUsd, 0.0);

    // Spent leaves no room and a Total budget never resets.
    refused = meter.admit(0, 0.3);
    QCOMPARE(refused.refusal, MeterRefusal::Budget);
    QCOMPARE(refused.retryAfterMs, -1);
    QVERIFY(meter.admit(0, 0.2).admitted());
}

void TestKeyMeter::costAboveTheCeilingIsChargedInFull() {
    ManualClock clock;
    clock.wall = utcMs(2026, 11, 19, 12);
    KeyMeter meter(keyWith(0, 0, 1.0, BudgetPeriod::Month), clock);
    const Admission a = meter.admit(0, 0.1);
    QCOMPARE(a.budgetResetAtMs, utcMs(2026, 12, 1));
    meter.settle(a.ticket, 0, 1.5);
    QCOMPARE(meter.usage().spentUsd, 1.5);

    const Admission refused = meter.admit(0, 0);
    QCOMPARE(refused.refusal, MeterRefusal::Budget);
    QCOMPARE(refused.spentUsd, 1.5);
    QCOMPARE(refused.retryAfterMs, utcMs(2026, 12, 1) - clock.wall);
}

void TestKeyMeter::concurrentStreamsNeverOverspend() {
    // 200 streams at once, each worth its whole ceiling: exactly 20 fit.
    ManualClock clock;
    KeyMeter meter(keyWith(0, 0, 1.0), clock);
    std::atomic<int> admitted = 0;
    std::atomic<int> wrongRefusals = 0;
    runTogether(200, [&](int) {
        const Admission a = meter.admit(100, 0.05);
        if (!a.admitted()) {
            if (a.refusal != MeterRefusal::Budget)
                ++wrongRefusals;
            return;
        }
        ++admitted;
        std::this_thread::yield();
        meter.settle(a.ticket, 100, 0.05);
    });
    QCOMPARE(wrongRefusals.load(), 0);
    QCOMPARE(admitted.load(), 20);
    QCOMPARE(meter.usage().spentUsd, 1.0);
    QCOMPARE(meter.usage().reservedUsd, 0.0);
}

void TestKeyMeter::concurrentStreamsUseTheBudgetUp() {
    // 200 clients stream until the budget has no room for another, each stream costing
    // a random part of its ceiling: never more than the budget, never a cost lost.
    constexpr double budget = 1.0;
    constexpr double ceiling = 0.05;
    ManualClock clock;
    KeyMeter meter(keyWith(0, 0, budget), clock);
    std::atomic<qint64> chargedMicros = 0;
    std::atomic<int> streams = 0;
    std::atomic<int> overReserved = 0;
    std::atomic<int> wrongRefusals = 0;
    runTogether(200, [&](int thread) {
        std::mt19937 dice(thread);
        std::uniform_int_distribution<qint64> micros(0, 50'000);
        for (;;) {
            const Admission a = meter.admit(100, ceiling);
            if (!a.admitted()) {
                if (a.refusal != MeterRefusal::Budget || a.retryAfterMs == 0)
                    ++wrongRefusals;
                if (a.retryAfterMs == -1)
                    return;
                std::this_thread::yield();
                continue;
            }
            if (a.spentUsd + a.reservedUsd > budget + 1e-12)
                ++overReserved;
            ++streams;
            std::this_thread::yield();
            const qint64 cost = micros(dice);
            meter.settle(a.ticket, 100, static_cast<double>(cost) / 1e6);
            chargedMicros += cost;
        }
    });
    const MeterUsage usage = meter.usage();
    QCOMPARE(wrongRefusals.load(), 0);
    QCOMPARE(overReserved.load(), 0);
    QVERIFY(streams.load() >= 20);
    QCOMPARE(usage.reservedUsd, 0.0);
    QVERIFY(qAbs(usage.spentUsd - static_cast<double>(chargedMicros.load()) / 1e6) < 1e-9);
    QVERIFY(usage.spentUsd <= budget);
    QVERIFY(usage.spentUsd + ceiling > budget);
}

void TestKeyMeter::rateLimitsAreExactUnderConcurrency() {
    ManualClock clock;  // frozen: every admission lands in the same window
    KeyMeter requests(keyWith(1000, 0, std::nullopt), clock);
    KeyMeter tokens(keyWith(0, 10'000, std::nullopt), clock);
    std::atomic<int> requestsAdmitted = 0;
    std::atomic<int> tokensAdmitted = 0;
    std::atomic<int> wrongRefusals = 0;
    runTogether(8, [&](int) {
        for (int i = 0; i < 2000; ++i) {
            const Admission r = requests.admit(0, 0);
            if (r.admitted())
                ++requestsAdmitted;
            else if (r.refusal != MeterRefusal::Requests || r.retryAfterMs != 60'000)
                ++wrongRefusals;
            const Admission t = tokens.admit(7, 0);
            if (t.admitted())
                ++tokensAdmitted;
            else if (t.refusal != MeterRefusal::Tokens || t.retryAfterMs != 60'000)
                ++wrongRefusals;
        }
    });
    QCOMPARE(wrongRefusals.load(), 0);
    QCOMPARE(requestsAdmitted.load(), 1000);
    QCOMPARE(tokensAdmitted.load(), 10'000 / 7);
    QCOMPARE(tokens.usage().tokensInWindow, 10'000 / 7 * 7);
}

void TestKeyMeter::periodBoundsAreUtcCalendar_data() {
    QTest::addColumn<BudgetPeriod>("period");
    QTest::addColumn<qint64>("wall");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    const BudgetPeriod day = BudgetPeriod::Day;
    const BudgetPeriod month = BudgetPeriod::Month;
    QTest::newRow("day") << day << utcMs(2026, 11, 19, 13, 45) << utcMs(2026, 11, 19)
                         << utcMs(2026, 11, 20);
    QTest::newRow("day, first ms")
        << day << utcMs(2026, 11, 19) << utcMs(2026, 11, 19) << utcMs(2026, 11, 20);
    QTest::newRow("day, last ms") << day << utcMs(2026, 11, 19, 23, 59, 59, 999)
                                  << utcMs(2026, 11, 19) << utcMs(2026, 11, 20);
    QTest::newRow("day before leap day")
        << day << utcMs(2028, 2, 28, 12) << utcMs(2028, 2, 28) << utcMs(2028, 2, 29);
    QTest::newRow("day before 1970")
        << day << utcMs(1969, 12, 31, 12) << utcMs(1969, 12, 31) << utcMs(1970, 1, 1);
    QTest::newRow("month") << month << utcMs(2026, 11, 19, 13) << utcMs(2026, 11, 1)
                           << utcMs(2026, 12, 1);
    QTest::newRow("December") << month << utcMs(2026, 12, 31, 23, 59, 59, 999) << utcMs(2026, 12, 1)
                              << utcMs(2027, 1, 1);
    QTest::newRow("January") << month << utcMs(2027, 1, 1) << utcMs(2027, 1, 1)
                             << utcMs(2027, 2, 1);
    QTest::newRow("February") << month << utcMs(2027, 2, 15) << utcMs(2027, 2, 1)
                              << utcMs(2027, 3, 1);
    QTest::newRow("leap February")
        << month << utcMs(2028, 2, 29, 23, 59, 59, 999) << utcMs(2028, 2, 1) << utcMs(2028, 3, 1);
    QTest::newRow("total") << BudgetPeriod::Total << utcMs(2026, 11, 19) << qint64(0) << qint64(0);
}

void TestKeyMeter::periodBoundsAreUtcCalendar() {
    QFETCH(BudgetPeriod, period);
    QFETCH(qint64, wall);
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QCOMPARE(KeyMeter::periodStartMs(period, wall), start);
    QCOMPARE(KeyMeter::periodEndMs(period, wall), end);
}

void TestKeyMeter::budgetRollsOverAtUtcBoundaries_data() {
    QTest::addColumn<BudgetPeriod>("period");
    QTest::addColumn<qint64>("oldStart");
    QTest::addColumn<qint64>("boundary");
    QTest::addColumn<qint64>("newEnd");
    QTest::newRow("day") << BudgetPeriod::Day << utcMs(2026, 3, 14) << utcMs(2026, 3, 15)
                         << utcMs(2026, 3, 16);
    QTest::newRow("into leap day")
        << BudgetPeriod::Day << utcMs(2028, 2, 28) << utcMs(2028, 2, 29) << utcMs(2028, 3, 1);
    QTest::newRow("December to January")
        << BudgetPeriod::Month << utcMs(2026, 12, 1) << utcMs(2027, 1, 1) << utcMs(2027, 2, 1);
    QTest::newRow("leap February to March")
        << BudgetPeriod::Month << utcMs(2028, 2, 1) << utcMs(2028, 3, 1) << utcMs(2028, 4, 1);
    QTest::newRow("February to March")
        << BudgetPeriod::Month << utcMs(2027, 2, 1) << utcMs(2027, 3, 1) << utcMs(2027, 4, 1);
}

void TestKeyMeter::budgetRollsOverAtUtcBoundaries() {
    QFETCH(BudgetPeriod, period);
    QFETCH(qint64, oldStart);
    QFETCH(qint64, boundary);
    QFETCH(qint64, newEnd);
    ManualClock clock;
    clock.wall = boundary - 1;
    KeyMeter meter(keyWith(0, 0, 1.0, period), clock);

    const Admission spent = meter.admit(0, 0.6);
    meter.settle(spent.ticket, 0, 0.6);
    const Admission straddling = meter.admit(0, 0.4);
    QVERIFY(straddling.admitted());
    QCOMPARE(straddling.ticket.periodStartMs, oldStart);
    QCOMPARE(straddling.budgetResetAtMs, boundary);
    QCOMPARE(meter.admit(0, 0.5).retryAfterMs, 1);  // spent: wait for the new period

    clock.advance(1);
    MeterUsage usage = meter.usage();
    QCOMPARE(usage.periodStartMs, boundary);
    QCOMPARE(usage.periodEndMs, newEnd);
    QCOMPARE(usage.spentUsd, 0.0);
    QCOMPARE(usage.reservedUsd, 0.0);

    const Admission fresh = meter.admit(0, 1.0);
    QVERIFY(fresh.admitted());
    QCOMPARE(fresh.ticket.periodStartMs, boundary);
    QCOMPARE(fresh.budgetResetAtMs, newEnd);

    // The old period's cost is the store's to record; the new period is untouched.
    meter.settle(straddling.ticket, 0, 0.4);
    usage = meter.usage();
    QCOMPARE(usage.spentUsd, 0.0);
    QCOMPARE(usage.reservedUsd, 1.0);
    meter.settle(fresh.ticket, 0, 0.25);
    usage = meter.usage();
    QCOMPARE(usage.spentUsd, 0.25);
    QCOMPARE(usage.reservedUsd, 0.0);
}

void TestKeyMeter::seedSpendCountsOnlyTheCurrentPeriod() {
    ManualClock clock;
    clock.wall = utcMs(2026, 11, 19, 12);
    KeyMeter meter(keyWith(0, 0, 1.0, BudgetPeriod::Month), clock);
    meter.seedSpend(0.9, utcMs(2026, 10, 1));
    QCOMPARE(meter.usage().spentUsd, 0.0);

    meter.seedSpend(0.7, KeyMeter::periodStartMs(BudgetPeriod::Month, clock.wall));
    QCOMPARE(meter.usage().spentUsd, 0.7);
    const Admission refused = meter.admit(0, 0.4);
    QCOMPARE(refused.refusal, MeterRefusal::Budget);
    QCOMPARE(refused.retryAfterMs, utcMs(2026, 12, 1) - clock.wall);

    meter.seedSpend(0.5, utcMs(2026, 11, 1));  // a store lagging behind never lowers it
    QCOMPARE(meter.usage().spentUsd, 0.7);
    QVERIFY(meter.admit(0, 0.3).admitted());
}

void TestKeyMeter::setLimitsKeepsWindowsAndSpend() {
    ManualClock clock;
    clock.wall = utcMs(2026, 11, 19, 12);
    KeyMeter meter(keyWith(2, 100, 1.0, BudgetPeriod::Month), clock);
    const Admission first = meter.admit(10, 0.2);
    const Admission second = meter.admit(10, 0.2);
    meter.settle(first.ticket, 10, 0.2);
    QCOMPARE(meter.admit(10, 0.2).refusal, MeterRefusal::Requests);

    meter.setLimits(keyWith(3, 100, 1.0, BudgetPeriod::Month));
    const Admission third = meter.admit(10, 0.2);
    QVERIFY(third.admitted());
    QCOMPARE(*third.requests, (RateWindow{3, 0, 60'000}));
    QCOMPARE(third.spentUsd, 0.2);
    QCOMPARE(third.reservedUsd, 0.4);

    // Three in the window against a limit of one: all three must leave.
    clock.advance(10'000);
    meter.setLimits(keyWith(1, 100, 1.0, BudgetPeriod::Month));
    QCOMPARE(meter.admit(0, 0).retryAfterMs, 50'000);

    meter.setLimits(keyWith(0, 100, 0.5, BudgetPeriod::Month));
    Admission refused = meter.admit(0, 0.1);
    QCOMPARE(refused.refusal, MeterRefusal::Budget);
    QCOMPARE(refused.budgetUsd, 0.5);
    QCOMPARE(refused.spentUsd, 0.2);
    QCOMPARE(refused.reservedUsd, 0.4);
    QCOMPARE(meter.usage().tokensInWindow, 30);

    // Another period starts its own count; tickets from before stay out of it.
    meter.setLimits(keyWith(0, 100, 0.5, BudgetPeriod::Day));
    MeterUsage usage = meter.usage();
    QCOMPARE(usage.periodStartMs, utcMs(2026, 11, 19));
    QCOMPARE(usage.spentUsd, 0.0);
    QCOMPARE(usage.reservedUsd, 0.0);
    QCOMPARE(usage.tokensInWindow, 30);
    meter.settle(second.ticket, 10, 0.2);
    meter.settle(third.ticket, 10, 0.2);
    QCOMPARE(meter.usage().spentUsd, 0.0);
    QVERIFY(meter.admit(0, 0.5).admitted());
}

QTEST_GUILESS_MAIN(TestKeyMeter)
#include "tst_keymeter.moc"
