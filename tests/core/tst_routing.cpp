// The routing parts on their own, with a clock and dice the tests control: backoff,
// Retry-After, circuit breakers, key rotation, failure classes and route plans.

#include "ManualClock.h"

#include "api/ClientRequest.h"
#include "config/ConfigLoader.h"
#include "engine/ProxySnapshot.h"
#include "pricing/PriceTable.h"
#include "providers/ProviderRegistry.h"
#include "routing/AttemptTrail.h"
#include "routing/Backoff.h"
#include "routing/CircuitBreaker.h"
#include "routing/FailurePolicy.h"
#include "routing/HealthBoard.h"
#include "routing/RetryAfter.h"
#include "routing/RoutePlanner.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <map>

using namespace signalbox;
using signalbox::test::ManualClock;

namespace {

std::shared_ptr<ProxySnapshot> snapshotOf(const QByteArray& yaml) {
    auto result = ConfigLoader::loadString(yaml, QStringLiteral("test.yaml"));
    if (auto* error = std::get_if<ConfigError>(&result))
        qFatal("%s", qPrintable(error->toString()));
    auto snapshot = std::make_shared<ProxySnapshot>();
    snapshot->config = std::make_shared<Config>(std::get<Config>(std::move(result)));
    return snapshot;
}

QStringList labels(const std::vector<ResolvedTarget>& targets) {
    QStringList out;
    for (const ResolvedTarget& t : targets)
        out.append(t.label());
    return out;
}

const PriceTable& testPrices() {
    static const PriceTable table = *PriceTable::fromJson(R"({"models": [
        {"kind": "openai", "model": "big", "input": 10, "output": 30},
        {"kind": "openai", "model": "small", "input": 0.1, "output": 0.4},
        {"kind": "anthropic", "model": "mid", "input": 1, "output": 5, "cached_input": 0.1}
    ]})",
                                                          nullptr);
    return table;
}

constexpr char kProviders[] = R"(providers:
  openai: {kind: openai}
  claude: {kind: anthropic}
  gem: {kind: gemini}
)";

}  // namespace

class TestRouting : public QObject {
    Q_OBJECT

private slots:
    void backoffGrowsWithinJitterBounds();
    void retryAfterReadsEveryForm_data();
    void retryAfterReadsEveryForm();
    void breakerOpensHalfOpensAndCloses();
    void breakerForgetsOldFailures();
    void keyRingRotatesByWeight();
    void keyRingPassesOverRestingAndBenchedKeys();
    void boardListsEachProvidersKeysByReference();
    void failuresAreClassified_data();
    void failuresAreClassified();
    void fallbackKeepsOrderAndAddsClientFallbacks();
    void unknownNamesAreReported();
    void weightedDrawsFollowWeights();
    void fastestPrefersTheQuickestAndExplores();
    void cheapestOrdersByPriceForTheRequest();
    void nestedGroupsExpandInPlace();
    void timeoutsFillFromRouteAndServer();
    void clientFallbackFieldsAreTakenOut_data();
    void clientFallbackFieldsAreTakenOut();
    void trailHeaderNamesEachAttempt();
    void builtInPricesLoad();
};

void TestRouting::backoffGrowsWithinJitterBounds() {
    // Equal jitter: each wait lies in [step/2, step], step doubling to the cap.
    for (int retry = 0; retry < 8; ++retry) {
        const int step = std::min(100 << retry, 2000);
        QCOMPARE(backoffDelayMs(retry, 100, 2000, 0.0), step / 2);
        QCOMPARE(backoffDelayMs(retry, 100, 2000, 0.999999), step - 1);
        for (double r = 0; r < 1; r += 0.05) {
            const int d = backoffDelayMs(retry, 100, 2000, r);
            QVERIFY2(d >= step / 2 && d <= step, qPrintable(QString::number(d)));
        }
    }
    QCOMPARE(backoffDelayMs(100, 100, 2000, 0.5), 1500);  // no overflow far out
    QCOMPARE(backoffDelayMs(3, 0, 2000, 0.5), 0);         // backoff off
}

void TestRouting::retryAfterReadsEveryForm_data() {
    QTest::addColumn<QList<QByteArray>>("headers");  // name, value, name, value, ...
    QTest::addColumn<qint64>("expected");            // -1: none
    ManualClock clock;
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(clock.wall, QTimeZone::utc());
    const QByteArray in90s =
        now.addSecs(90).toString(QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
    const QByteArray iso30s = now.addSecs(30).toString(Qt::ISODate).toLatin1();

    QTest::newRow("seconds") << QList<QByteArray>{"Retry-After", "7"} << qint64(7000);
    QTest::newRow("fraction") << QList<QByteArray>{"retry-after", "1.5"} << qint64(1500);
    QTest::newRow("http date") << QList<QByteArray>{"retry-after", in90s} << qint64(90000);
    QTest::newRow("past date") << QList<QByteArray>{"retry-after", "Sun, 06 Nov 1994 08:49:37 GMT"}
                               << qint64(0);
    QTest::newRow("ms wins") << QList<QByteArray>{"retry-after", "7", "retry-after-ms", "250"}
                             << qint64(250);
    QTest::newRow("openai requests exhausted")
        << QList<QByteArray>{"x-ratelimit-remaining-requests", "0",
                             "x-ratelimit-reset-requests",     "1m30s",
                             "x-ratelimit-remaining-tokens",   "5000",
                             "x-ratelimit-reset-tokens",       "6m0s"}
        << qint64(90000);
    QTest::newRow("openai both exhausted: the later")
        << QList<QByteArray>{"x-ratelimit-remaining-requests", "0",
                             "x-ratelimit-reset-requests",     "20ms",
                             "x-ratelimit-remaining-tokens",   "0",
                             "x-ratelimit-reset-tokens",       "2.5s"}
        << qint64(2500);
    QTest::newRow("openai nothing exhausted")
        << QList<QByteArray>{"x-ratelimit-remaining-requests", "3", "x-ratelimit-reset-requests",
                             "1s"}
        << qint64(-1);
    QTest::newRow("anthropic") << QList<QByteArray>{"anthropic-ratelimit-requests-remaining", "0",
                                                    "anthropic-ratelimit-requests-reset", iso30s}
                               << qint64(30000);
    QTest::newRow("garbage") << QList<QByteArray>{"retry-after", "soon"} << qint64(-1);
    QTest::newRow("negative") << QList<QByteArray>{"retry-after", "-5"} << qint64(-1);
    QTest::newRow("none") << QList<QByteArray>{} << qint64(-1);
}

void TestRouting::retryAfterReadsEveryForm() {
    QFETCH(QList<QByteArray>, headers);
    QFETCH(qint64, expected);
    HttpHeaders h;
    for (qsizetype i = 0; i + 1 < headers.size(); i += 2)
        h.add(headers[i], headers[i + 1]);
    const std::optional<qint64> wait = RetryAfter::fromHeaders(h, ManualClock().wall);
    QCOMPARE(wait.value_or(-1), expected);
}

void TestRouting::breakerOpensHalfOpensAndCloses() {
    const BreakerConfig config{3, 10'000, 5'000};
    CircuitBreaker breaker;
    qint64 t = 100'000;
    for (int i = 0; i < 2; ++i) {
        QVERIFY(breaker.tryAcquire(t));
        breaker.onFailure(t++, config);
    }
    QCOMPARE(breaker.state(t), CircuitBreaker::State::Closed);
    breaker.onSuccess();  // successes in between do not forgive
    QVERIFY(breaker.tryAcquire(t));
    breaker.onFailure(t, config);
    QCOMPARE(breaker.state(t), CircuitBreaker::State::Open);
    QVERIFY(!breaker.tryAcquire(t + 4'999));

    // After the cooldown exactly one trial goes.
    t += 5'000;
    QCOMPARE(breaker.state(t), CircuitBreaker::State::HalfOpen);
    QVERIFY(breaker.tryAcquire(t));
    QVERIFY(!breaker.tryAcquire(t));
    // A trial that ends without a verdict lets the next caller try.
    breaker.onAbandoned();
    QVERIFY(breaker.tryAcquire(t));
    // A failed trial opens it again for a whole cooldown.
    breaker.onFailure(t, config);
    QCOMPARE(breaker.state(t + 4'999), CircuitBreaker::State::Open);
    t += 5'000;
    QVERIFY(breaker.tryAcquire(t));
    breaker.onSuccess();
    QCOMPARE(breaker.state(t), CircuitBreaker::State::Closed);
    QCOMPARE(breaker.recentFailures(), 0);
    QVERIFY(breaker.tryAcquire(t) && breaker.tryAcquire(t));
}

void TestRouting::breakerForgetsOldFailures() {
    const BreakerConfig config{3, 1'000, 5'000};
    CircuitBreaker breaker;
    breaker.onFailure(0, config);
    breaker.onFailure(500, config);
    breaker.onFailure(1'200, config);  // the first is out of the window by now
    QCOMPARE(breaker.state(1'200), CircuitBreaker::State::Closed);
    QCOMPARE(breaker.recentFailures(), 2);
    breaker.onFailure(1'300, config);
    QCOMPARE(breaker.state(1'300), CircuitBreaker::State::Open);
}

void TestRouting::keyRingRotatesByWeight() {
    KeyRing ring(QStringLiteral("openai"));
    const std::vector<ProviderKey> keys{{"a", QStringLiteral("env:A"), 3},
                                        {"b", QStringLiteral("env:B"), 1}};
    QString order;
    for (int i = 0; i < 8; ++i)
        order += QLatin1Char(keys[static_cast<size_t>(ring.pick(keys, 0))].secret[0]);
    // Smooth: the light key's turn comes within the heavy one's, not after a run of all.
    QCOMPARE(order, QStringLiteral("aabaaaba"));

    KeyRing even(QStringLiteral("p"));
    const std::vector<ProviderKey> two{{"x", QStringLiteral("env:X"), 1},
                                       {"y", QStringLiteral("env:Y"), 1}};
    QString alternating;
    for (int i = 0; i < 6; ++i)
        alternating += QLatin1Char(two[static_cast<size_t>(even.pick(two, 0))].secret[0]);
    QCOMPARE(alternating, QStringLiteral("xyxyxy"));
}

void TestRouting::keyRingPassesOverRestingAndBenchedKeys() {
    KeyRing ring(QStringLiteral("openai"));
    const std::vector<ProviderKey> keys{{"a", QStringLiteral("env:A"), 1},
                                        {"b", QStringLiteral("env:B"), 1}};
    ring.health(QStringLiteral("env:A")).restUntil(5'000);  // rate limited until t=5000
    for (int i = 0; i < 4; ++i)
        QCOMPARE(ring.pick(keys, 1'000), 1);
    // Both benched or resting: no key.
    const BreakerConfig config{1, 10'000, 60'000};
    ring.health(QStringLiteral("env:B")).recordFailure(1'000, config, QStringLiteral("401"));
    QCOMPARE(ring.pick(keys, 2'000), -1);
    // The rest ends: the first key is back.
    QCOMPARE(ring.pick(keys, 5'000), 0);
    const auto status = ring.status(5'000);
    QCOMPARE(status.size(), size_t(2));
    QCOMPARE(status[1].name, QStringLiteral("openai key env:B"));
    QCOMPARE(status[1].state, CircuitBreaker::State::Open);
    QCOMPARE(status[1].lastError, QStringLiteral("401"));
}

void TestRouting::boardListsEachProvidersKeysByReference() {
    ManualClock clock;
    HealthBoard board(clock);
    QVERIFY(board.providerKeyStatus().empty());
    const std::vector<ProviderKey> openai{{"sk-secret-1", QStringLiteral("env:OPENAI_API_KEY"), 2},
                                          {"sk-secret-2", QStringLiteral("keychain:openai-2"), 1}};
    const std::vector<ProviderKey> groq{{"gsk-secret", QStringLiteral("file:/run/groq.key"), 1},
                                        {"gsk-other", QStringLiteral("env:GROQ_2"), 1}};
    // A first pick makes a record of every key the provider rotates.
    QVERIFY(board.keys(QStringLiteral("openai")).pick(openai, clock.monotonic) >= 0);
    QVERIFY(board.keys(QStringLiteral("groq")).pick(groq, clock.monotonic) >= 0);
    // keychain:openai-2 rests after a 429; groq's env:GROQ_2 is benched after failures.
    board.keys(QStringLiteral("openai"))
        .health(QStringLiteral("keychain:openai-2"))
        .restUntil(clock.monotonic + 30'000);
    const BreakerConfig config{2, 10'000, 60'000};
    TargetHealth& groq2 = board.keys(QStringLiteral("groq")).health(QStringLiteral("env:GROQ_2"));
    groq2.recordFailure(clock.monotonic, config, QStringLiteral("401 invalid key ...cret"));
    groq2.recordFailure(clock.monotonic, config, QStringLiteral("401 invalid key ...cret"));
    clock.advance(10'000);

    const std::vector<KeyRing::KeyStatus> keys = board.providerKeyStatus();
    QStringList names;
    for (const KeyRing::KeyStatus& k : keys) {
        names.append(k.providerId + QLatin1Char(' ') + k.ref);
        // Named by reference; the secret is nowhere.
        for (const QString& field : {k.providerId, k.ref, k.health.name, k.health.lastError})
            QVERIFY2(!field.contains(QLatin1String("sk-secret")), qPrintable(field));
    }
    QCOMPARE(names, (QStringList{QStringLiteral("groq env:GROQ_2"),
                                 QStringLiteral("groq file:/run/groq.key"),
                                 QStringLiteral("openai env:OPENAI_API_KEY"),
                                 QStringLiteral("openai keychain:openai-2")}));
    QCOMPARE(keys[0].health.state, CircuitBreaker::State::Open);
    QCOMPARE(keys[0].health.openForMs, qint64(50'000));  // as of the snapshot, on the board's clock
    QCOMPARE(keys[0].health.failures, quint64(2));
    QCOMPARE(keys[0].health.lastError, QStringLiteral("401 invalid key ...cret"));
    QCOMPARE(keys[1].health.state, CircuitBreaker::State::Closed);
    QCOMPARE(keys[3].health.state, CircuitBreaker::State::Closed);
    QCOMPARE(keys[3].health.restingForMs, qint64(20'000));
    QCOMPARE(keys[2].health.restingForMs, qint64(0));

    // A rest that ran out is over in the next snapshot.
    clock.advance(20'000);
    QCOMPARE(board.providerKeyStatus()[3].health.restingForMs, qint64(0));
}

void TestRouting::failuresAreClassified_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("errorKind");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<bool>("transport");
    QTest::addColumn<int>("action");
    using K = ApiError::Kind;
    using A = FailureAction;
    const auto row = [](const char* name, const char* kind, int status, K k, QByteArray code,
                        bool transport, A action) {
        QTest::newRow(name) << QString::fromLatin1(kind) << status << static_cast<int>(k) << code
                            << transport << static_cast<int>(action);
    };
    row("connect", "openai", 502, K::Unreachable, "", true, A::Retry);
    row("timeout", "openai", 504, K::Timeout, "", true, A::Retry);
    row("429", "openai", 429, K::RateLimited, "rate_limit_exceeded", false, A::Retry);
    row("quota: next target only", "openai", 429, K::RateLimited, "insufficient_quota", false,
        A::FallOver);
    row("500", "openai", 500, K::ServerError, "", false, A::Retry);
    row("anthropic 529", "anthropic", 529, K::Overloaded, "overloaded_error", false, A::Retry);
    row("in-stream overload", "anthropic", 0, K::Overloaded, "overloaded_error", false, A::Retry);
    row("gemini 503", "gemini", 503, K::Overloaded, "UNAVAILABLE", false, A::Retry);
    row("408", "openai", 408, K::Timeout, "", false, A::Retry);
    row("409", "openai", 409, K::InvalidRequest, "", false, A::Retry);
    row("garbage", "openai", 502, K::BadResponse, "", false, A::Retry);
    row("400", "openai", 400, K::InvalidRequest, "", false, A::Return);
    row("401", "anthropic", 401, K::Authentication, "", false, A::Return);
    row("403", "gemini", 403, K::PermissionDenied, "", false, A::Return);
    row("404", "openai", 404, K::NotFound, "", false, A::Return);
    row("422", "openai", 422, K::InvalidRequest, "", false, A::Return);
    row("context window", "openai", 400, K::ContextLengthExceeded, "context_length_exceeded", false,
        A::ContextWindow);
    row("content policy", "openai", 400, K::ContentPolicy, "content_policy_violation", false,
        A::ContentPolicy);
}

void TestRouting::failuresAreClassified() {
    QFETCH(QString, kind);
    QFETCH(int, status);
    QFETCH(int, errorKind);
    QFETCH(QByteArray, code);
    QFETCH(bool, transport);
    QFETCH(int, action);
    ApiError error;
    error.status = status;
    error.kind = static_cast<ApiError::Kind>(errorKind);
    error.code = code;
    const ProviderAdapter* adapter = ProviderRegistry::find(kind);
    QVERIFY(adapter != nullptr);
    QCOMPARE(static_cast<int>(classifyFailure(error, transport, *adapter, RetryTriggers{})),
             action);

    // Triggers left out of retry_on send the error back instead.
    const RetryTriggers none{false, false, false, false, {}};
    const auto narrowed = classifyFailure(error, transport, *adapter, none);
    if (action == static_cast<int>(FailureAction::Retry) ||
        action == static_cast<int>(FailureAction::FallOver)) {
        QCOMPARE(narrowed, FailureAction::Return);
    }
}

void TestRouting::fallbackKeepsOrderAndAddsClientFallbacks() {
    const auto snapshot = snapshotOf(QByteArray(kProviders) + R"(routes:
  smart: {retries: 2, targets: [claude/a, openai/b, gem/c]}
  cheap: {targets: [openai/small, openai/b]}
)");
    ManualClock clock;
    HealthBoard health(clock);
    RoutePlanner planner(health, testPrices(), 1);
    auto plan = planner.plan(*snapshot, QStringLiteral("smart"), {}, {}, nullptr);
    QVERIFY(plan);
    QCOMPARE(labels(plan->targets),
             QStringList({QStringLiteral("claude/a"), QStringLiteral("openai/b"),
                          QStringLiteral("gem/c")}));
    QCOMPARE(plan->route, QStringLiteral("smart"));
    QCOMPARE(plan->retries, 2);

    // A client's chain: routes expand in place, targets already planned are not repeated.
    plan = planner.plan(
        *snapshot, QStringLiteral("openai/x"),
        {QStringLiteral("cheap"), QStringLiteral("claude/z"), QStringLiteral("openai/x")}, {},
        nullptr);
    QVERIFY(plan);
    QCOMPARE(labels(plan->targets),
             QStringList({QStringLiteral("openai/x"), QStringLiteral("openai/small"),
                          QStringLiteral("openai/b"), QStringLiteral("claude/z")}));
    QVERIFY(plan->route.isEmpty());
    QCOMPARE(plan->retries, 0);
    QVERIFY(plan->targets[0].health == health.target(QStringLiteral("openai/x")));
}

void TestRouting::unknownNamesAreReported() {
    const auto snapshot = snapshotOf(QByteArray(kProviders));
    HealthBoard health;
    RoutePlanner planner(health, testPrices(), 1);
    QString unknown;
    QVERIFY(!planner.plan(*snapshot, QStringLiteral("nope"), {}, {}, &unknown));
    QCOMPARE(unknown, QStringLiteral("nope"));
    QVERIFY(!planner.plan(*snapshot, QStringLiteral("openai/x"),
                          {QStringLiteral("openai/y"), QStringLiteral("ghost/z")}, {}, &unknown));
    QCOMPARE(unknown, QStringLiteral("ghost/z"));
    QVERIFY(!planner.plan(*snapshot, QStringLiteral("openai/"), {}, {}, &unknown));
}

void TestRouting::weightedDrawsFollowWeights() {
    const auto snapshot = snapshotOf(QByteArray(kProviders) + R"(routes:
  split:
    strategy: weighted
    targets: [{target: openai/a, weight: 6}, {target: claude/b, weight: 3}, gem/c]
)");
    HealthBoard health;
    RoutePlanner planner(health, testPrices(), 42);
    std::map<QString, int> first;
    constexpr int kDraws = 9000;
    for (int i = 0; i < kDraws; ++i) {
        const auto plan = planner.plan(*snapshot, QStringLiteral("split"), {}, {}, nullptr);
        QCOMPARE(plan->targets.size(), size_t(3));  // every step, once
        ++first[plan->targets[0].label()];
    }
    // 6:3:1 within a few percent (seeded, so the figures are fixed).
    QVERIFY2(std::abs(first[QStringLiteral("openai/a")] - 5400) < 300,
             qPrintable(QString::number(first[QStringLiteral("openai/a")])));
    QVERIFY(std::abs(first[QStringLiteral("claude/b")] - 2700) < 250);
    QVERIFY(std::abs(first[QStringLiteral("gem/c")] - 900) < 150);
}

void TestRouting::fastestPrefersTheQuickestAndExplores() {
    const auto snapshot = snapshotOf(QByteArray(kProviders) + R"(routes:
  quick: {strategy: fastest, targets: [openai/slow, claude/fast, gem/new]}
)");
    HealthBoard health;
    RoutePlanner planner(health, testPrices(), 7);
    // Untried targets come first, so that each gets measured.
    auto plan = planner.plan(*snapshot, QStringLiteral("quick"), {}, {}, nullptr);
    health.target(QStringLiteral("openai/slow"))->recordSuccess(900);
    health.target(QStringLiteral("claude/fast"))->recordSuccess(120);
    int newFirst = 0;
    for (int i = 0; i < 100; ++i) {
        plan = planner.plan(*snapshot, QStringLiteral("quick"), {}, {}, nullptr);
        newFirst += plan->targets[0].label() == QLatin1String("gem/new") ? 1 : 0;
    }
    // All but the odd exploring plan (one in ten, and a third of those pick it anyway).
    QVERIFY2(newFirst >= 85, qPrintable(QString::number(newFirst)));
    health.target(QStringLiteral("gem/new"))->recordSuccess(400);

    std::map<QString, int> first;
    for (int i = 0; i < 2000; ++i) {
        plan = planner.plan(*snapshot, QStringLiteral("quick"), {}, {}, nullptr);
        ++first[plan->targets[0].label()];
    }
    // The fastest leads; about one plan in ten explores (a third of those pick it anyway).
    QVERIFY2(
        first[QStringLiteral("claude/fast")] > 1800 && first[QStringLiteral("claude/fast")] < 1960,
        qPrintable(QString::number(first[QStringLiteral("claude/fast")])));
    QVERIFY(first[QStringLiteral("openai/slow")] > 20);
    // Without exploration the order is by latency.
    plan = planner.plan(*snapshot, QStringLiteral("quick"), {}, {}, nullptr);
    if (plan->targets[0].label() == QLatin1String("claude/fast")) {
        QCOMPARE(labels(plan->targets),
                 QStringList({QStringLiteral("claude/fast"), QStringLiteral("gem/new"),
                              QStringLiteral("openai/slow")}));
    }
    // A slowing target loses its place as its average moves.
    for (int i = 0; i < 20; ++i)
        health.target(QStringLiteral("claude/fast"))->recordSuccess(2000);
    QVERIFY(health.target(QStringLiteral("claude/fast"))->latencyMs() > 1000);
}

void TestRouting::cheapestOrdersByPriceForTheRequest() {
    const auto snapshot = snapshotOf(QByteArray(kProviders) + R"(routes:
  thrifty: {strategy: cheapest, targets: [openai/big, gem/unpriced, claude/mid, openai/small]}
)");
    HealthBoard health;
    RoutePlanner planner(health, testPrices(), 1);
    const auto plan = planner.plan(*snapshot, QStringLiteral("thrifty"), {},
                                   R"({"model":"thrifty","max_tokens":200})", nullptr);
    QCOMPARE(labels(plan->targets),
             QStringList({QStringLiteral("openai/small"), QStringLiteral("claude/mid"),
                          QStringLiteral("openai/big"), QStringLiteral("gem/unpriced")}));

    // The estimate weighs input against output: a huge prompt with a tiny answer favours the
    // cheaper input. mid: in 1, out 5; a made-up "io" model: in 2, out 0.1.
    static const PriceTable skewed = *PriceTable::fromJson(R"({"models": [
        {"kind": "anthropic", "model": "mid", "input": 1, "output": 5},
        {"kind": "openai", "model": "io", "input": 2, "output": 0.1}]})",
                                                           nullptr);
    const auto two = snapshotOf(QByteArray(kProviders) + R"(routes:
  t: {strategy: cheapest, targets: [claude/mid, openai/io]}
)");
    RoutePlanner skewedPlanner(health, skewed, 1);
    const QByteArray longPrompt =
        R"({"model":"t","max_tokens":1,"messages":[{"role":"user","content":")" +
        QByteArray(40'000, 'x') + R"("}]})";
    QCOMPARE(
        skewedPlanner.plan(*two, QStringLiteral("t"), {}, longPrompt, nullptr)->targets[0].label(),
        QStringLiteral("claude/mid"));
    const QByteArray longAnswer = R"({"model":"t","max_tokens":50000,"messages":[]})";
    QCOMPARE(
        skewedPlanner.plan(*two, QStringLiteral("t"), {}, longAnswer, nullptr)->targets[0].label(),
        QStringLiteral("openai/io"));
}

void TestRouting::nestedGroupsExpandInPlace() {
    const auto snapshot = snapshotOf(QByteArray(kProviders) + R"(routes:
  nested:
    targets:
      - claude/first
      - strategy: weighted
        targets: [{target: openai/heavy, weight: 1000000}, openai/light]
      - strategy: cheapest
        targets: [openai/big, openai/small]
      - gem/last
)");
    HealthBoard health;
    RoutePlanner planner(health, testPrices(), 3);
    const auto plan = planner.plan(*snapshot, QStringLiteral("nested"), {}, {}, nullptr);
    QCOMPARE(labels(plan->targets),
             QStringList({QStringLiteral("claude/first"), QStringLiteral("openai/heavy"),
                          QStringLiteral("openai/light"), QStringLiteral("openai/small"),
                          QStringLiteral("openai/big"), QStringLiteral("gem/last")}));
}

void TestRouting::timeoutsFillFromRouteAndServer() {
    const auto snapshot =
        snapshotOf(QByteArray(kProviders) +
                   R"(server: {upstream_connect_timeout_ms: 1111, upstream_stall_timeout_ms: 9999}
routes:
  timed:
    timeouts: {first_byte_ms: 2000, total_ms: 30000}
    targets:
      - {target: openai/a, timeouts: {idle_ms: 500}}
      - claude/b
    context_window_fallbacks: [gem/long]
)");
    HealthBoard health;
    RoutePlanner planner(health, testPrices(), 1);
    const auto plan = planner.plan(*snapshot, QStringLiteral("timed"), {}, {}, nullptr);
    QCOMPARE(plan->targets[0].timeouts, (TimeoutConfig{1111, 2000, 500, 30000}));
    QCOMPARE(plan->targets[1].timeouts, (TimeoutConfig{1111, 2000, 9999, 30000}));
    QCOMPARE(labels(plan->contextWindowTargets), QStringList{QStringLiteral("gem/long")});
    QCOMPARE(plan->contextWindowTargets[0].timeouts, (TimeoutConfig{1111, 2000, 9999, 30000}));
    // A direct call has the server's defaults.
    const auto direct = planner.plan(*snapshot, QStringLiteral("claude/x"), {}, {}, nullptr);
    QCOMPARE(direct->targets[0].timeouts, (TimeoutConfig{1111, 9999, 9999, 0}));
}

void TestRouting::clientFallbackFieldsAreTakenOut_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QStringList>("fallbacks");
    QTest::addColumn<QByteArray>("forwarded");  // withModel("m")
    const QStringList none;
    QTest::newRow("plain") << QByteArray(R"({"model":"a","stream":true})") << "a" << none
                           << QByteArray(R"({"model":"m","stream":true})");
    QTest::newRow("fallbacks last")
        << QByteArray(R"({"model":"a", "messages":[], "fallbacks":["b", {"model":"c"}]})") << "a"
        << QStringList{QStringLiteral("b"), QStringLiteral("c")}
        << QByteArray(R"({"model":"m", "messages":[]})");
    QTest::newRow("fallbacks first") << QByteArray(R"({ "fallbacks" : ["b"] ,
 "model":"a","x":1})") << "a" << QStringList{QStringLiteral("b")}
                                     << QByteArray(R"({ "model":"m","x":1})");
    QTest::newRow("openrouter models")
        << QByteArray(R"({"models":["a","b"],"messages":[]})") << "a"
        << QStringList{QStringLiteral("b")} << QByteArray(R"({"model":"m","messages":[]})");
    QTest::newRow("models and model and fallbacks")
        << QByteArray(R"({"model":"a","models":["a","b"],"fallbacks":["c"]})") << "a"
        << QStringList{QStringLiteral("b"), QStringLiteral("c")} << QByteArray(R"({"model":"m"})");
    QTest::newRow("only models") << QByteArray(R"({"models":["z"]})") << "z" << none
                                 << QByteArray(R"({"model":"m"})");
    QTest::newRow("neighbours, nothing else")
        << QByteArray(R"({"fallbacks":["a/b"],"models":["c/d"]})") << "c/d"
        << QStringList{QStringLiteral("a/b")} << QByteArray(R"({"model":"m"})");
    QTest::newRow("neighbours, last")
        << QByteArray(R"({"model":"x", "models": ["y"] , "fallbacks":["z"] })") << "x"
        << QStringList{QStringLiteral("y"), QStringLiteral("z")}
        << QByteArray(R"({"model":"m"  })");
    // JSON does not care how a key is spelled, nor does the reader.
    QTest::newRow("escaped key") << QByteArray(R"({"model":"a","fall\u0062acks":["b"]})") << "a"
                                 << QStringList{QStringLiteral("b")}
                                 << QByteArray(R"({"model":"m"})");
}

void TestRouting::clientFallbackFieldsAreTakenOut() {
    QFETCH(QByteArray, body);
    QFETCH(QString, model);
    QFETCH(QStringList, fallbacks);
    QFETCH(QByteArray, forwarded);
    ApiError error;
    const auto request = ClientRequest::read(body, error);
    QVERIFY2(request, qPrintable(error.message));
    QCOMPARE(request->model, model);
    QCOMPARE(request->fallbacks, fallbacks);
    QCOMPARE(request->withModel(QStringLiteral("m")), forwarded);
}

void TestRouting::trailHeaderNamesEachAttempt() {
    AttemptTrail trail;
    trail.add(
        {QStringLiteral("openai/gpt-5"), {}, "429", 0, 12, QStringLiteral("slow down"), true});
    trail.add({QStringLiteral("claude/x"), {}, "benched", 12, 0, {}, false});
    trail.add({QStringLiteral("gem/é"), {}, "ok", 13, 340, {}, true});
    QCOMPARE(trail.header(), QByteArray("openai/gpt-5 429 12ms, claude/x benched, gem/? ok 340ms"));
    QCOMPARE(trail.calls(), 2);

    ApiError error;
    QVERIFY(!ClientRequest::read(R"({"model":"a","fallbacks":"b"})", error));
    QCOMPARE(error.code, QByteArray("invalid_fallbacks"));
    QCOMPARE(error.status, 400);
    QVERIFY(!ClientRequest::read(R"({"models":[1]})", error));
    QCOMPARE(error.param, QByteArray("models"));
    QByteArray many = R"({"model":"a","fallbacks":[)";
    for (int i = 0; i < 17; ++i)
        many += (i ? ",\"m" : "\"m") + QByteArray::number(i) + '"';
    QVERIFY(!ClientRequest::read(many + "]}", error));
    QCOMPARE(error.code, QByteArray("invalid_fallbacks"));
    QVERIFY(error.message.contains(QStringLiteral("at most 16")));
    QVERIFY(!ClientRequest::read(R"({"messages":[]})", error));
    QCOMPARE(error.code, QByteArray("missing_model"));
}

void TestRouting::builtInPricesLoad() {
    const PriceTable& prices = PriceTable::builtIn();
    QVERIFY2(prices.size() > 50, qPrintable(QString::number(prices.size())));
    // Azure deployments named after OpenAI models cost what those do.
    const auto mini = prices.find(QStringLiteral("openai"), QStringLiteral("gpt-4o-mini"));
    if (mini) {
        const auto azure =
            prices.find(QStringLiteral("azure-openai"), QStringLiteral("gpt-4o-mini"));
        QVERIFY(azure);
        QCOMPARE(azure->input, mini->input);
    }
    QVERIFY(!prices.find(QStringLiteral("openai"), QStringLiteral("no-such-model")));
    QString error;
    QVERIFY(!PriceTable::fromJson("[]", &error));
    QVERIFY(
        !PriceTable::fromJson(R"({"models":[{"kind":"x","model":"y","input":"cheap"}]})", &error));
    QVERIFY(error.contains(QStringLiteral("input and output")));
}

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
