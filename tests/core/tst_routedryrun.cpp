// The dry run of the Routes panel on configs read by the real loader. That its turns are
// the proxy's own is checked against the real proxy in tst_proxyrouting; here are the
// cases the mock cannot stage: benched targets, strategies that draw, and the words.
#include "config/ConfigError.h"
#include "config/ConfigLoader.h"
#include "routing/RouteDryRun.h"

#include <QTest>

#include <set>

using namespace signalbox;
using namespace Qt::StringLiterals;
using Result = DryRunStep::Result;

namespace {
constexpr char kConfig[] =
    "providers:\n"
    "  oai: {kind: openai}\n"
    "  anth: {kind: anthropic}\n"
    "routes:\n"
    "  chain: {retries: 2, backoff_ms: 100, targets: [oai/a, anth/b, oai/c]}\n"
    "  impatient: {retries: 3, backoff_ms: 400, max_wait_ms: 500, targets: [oai/a, anth/b]}\n"
    "  split:\n"
    "    strategy: weighted\n"
    "    targets: [oai/a, {target: anth/b, weight: 1}]\n"
    "  nested:\n"
    "    targets:\n"
    "      - oai/a\n"
    "      - strategy: weighted\n"
    "        targets: [anth/b, oai/c]\n"
    "    context_window_fallbacks: [anth/long, oai/a]\n"
    "    content_policy_fallbacks: [anth/safe]\n";

Config load() {
    auto loaded = ConfigLoader::loadString(kConfig, u"dry.yaml"_s);
    if (auto* error = std::get_if<ConfigError>(&loaded))
        qFatal("%s", qPrintable(error->toString()));
    return std::get<Config>(std::move(loaded));
}

QList<Result> resultsOf(const DryRunResult& run) {
    QList<Result> results;
    for (const DryRunStep& step : run.steps)
        results << step.result;
    return results;
}
}  // namespace

class TestRouteDryRun : public QObject {
    Q_OBJECT
private slots:
    void everyTargetAnsweringServesTheFirst() {
        const DryRunResult run = RouteDryRun::run(load(), u"chain"_s, {});
        QCOMPARE(run.steps.size(), size_t(1));
        QCOMPARE(run.servedBy, u"oai/a"_s);
        QCOMPARE(run.clientStatus, 200);
        QCOMPARE(run.steps[0].tryNumber, 1);
        QVERIFY(run.summary.contains(u"oai/a"_s));
    }

    void retriesWaitTheTypicalBackoffThenMoveOn() {
        const DryRunResult run =
            RouteDryRun::run(load(), u"chain"_s, {{u"oai/a"_s, SimulatedOutcome::Overloaded}});
        QCOMPARE(resultsOf(run),
                 (QList{Result::Retry, Result::Retry, Result::Next, Result::Served}));
        // Equal jitter at its middle: three quarters of 100 ms, then of 200 ms.
        QCOMPARE(run.steps[0].waitMs, 75);
        QCOMPARE(run.steps[1].waitMs, 150);
        QCOMPARE(run.steps[2].tryNumber, 3);
        QCOMPARE(run.steps[2].trailOutcome, QByteArray("503"));
        QVERIFY2(run.steps[0].why.contains(u"retry 1 of 2"_s), qPrintable(run.steps[0].why));
        QVERIFY2(run.steps[2].why.contains(u"retries used up"_s), qPrintable(run.steps[2].why));
        QCOMPARE(run.servedBy, u"anth/b"_s);
    }

    void aWaitPastTheLimitMovesOnAtOnce() {
        const DryRunResult run =
            RouteDryRun::run(load(), u"impatient"_s, {{u"oai/a"_s, SimulatedOutcome::Timeout}});
        // 300 ms fits in 500; the next wait (600 ms) would not.
        QCOMPARE(resultsOf(run), (QList{Result::Retry, Result::Next, Result::Served}));
        QCOMPARE(run.steps[1].trailOutcome, QByteArray("timeout"));
        QVERIFY2(run.steps[1].why.contains(u"500 ms"_s), qPrintable(run.steps[1].why));
    }

    void benchedTargetsArePassedOverWithoutACall() {
        const DryRunResult run = RouteDryRun::run(
            load(), u"chain"_s,
            {{u"oai/a"_s, SimulatedOutcome::Benched}, {u"anth/b"_s, SimulatedOutcome::Benched}});
        QCOMPARE(resultsOf(run), (QList{Result::PassedOver, Result::PassedOver, Result::Served}));
        QCOMPARE(run.steps[0].tryNumber, 0);
        QCOMPARE(run.servedBy, u"oai/c"_s);
    }

    void everyTargetBenchedIs503() {
        const DryRunResult run = RouteDryRun::run(load(), u"chain"_s,
                                                  {{u"oai/a"_s, SimulatedOutcome::Benched},
                                                   {u"anth/b"_s, SimulatedOutcome::Benched},
                                                   {u"oai/c"_s, SimulatedOutcome::Benched}});
        QCOMPARE(run.clientStatus, 503);
        QVERIFY(run.servedBy.isEmpty());
    }

    void aFailureBeforeBenchedTargetsIsWhatTheClientGets() {
        const DryRunResult run =
            RouteDryRun::run(load(), u"chain"_s, {{u"oai/a"_s, SimulatedOutcome::Unauthorized}});
        QCOMPARE(resultsOf(run), QList{Result::Answer});
        QCOMPARE(run.clientStatus, 401);
        QVERIFY2(run.steps[0].why.contains(u"not one of the route's fall-over triggers"_s),
                 qPrintable(run.steps[0].why));

        const DryRunResult rest = RouteDryRun::run(load(), u"chain"_s,
                                                   {{u"oai/a"_s, SimulatedOutcome::RateLimited},
                                                    {u"anth/b"_s, SimulatedOutcome::Benched},
                                                    {u"oai/c"_s, SimulatedOutcome::Benched}});
        QCOMPARE(rest.clientStatus, 429);
    }

    void contentPolicyGoesToItsOwnFallbacks() {
        const DryRunResult run =
            RouteDryRun::run(load(), u"nested"_s,
                             {{u"oai/a"_s, SimulatedOutcome::ContentPolicy},
                              {u"anth/safe"_s, SimulatedOutcome::ContextTooLong}});
        // From the content-policy list a context-window failure has nowhere to go.
        QCOMPARE(resultsOf(run), (QList{Result::Next, Result::Answer}));
        QCOMPARE(run.steps[1].target, u"anth/safe"_s);
        QCOMPARE(run.clientStatus, 400);
    }

    void aSeedFixesTheWeightedDraw() {
        std::set<QString> firsts;
        for (std::uint32_t seed = 1; seed <= 32; ++seed) {
            const DryRunResult once = RouteDryRun::run(load(), u"split"_s, {}, seed);
            const DryRunResult again = RouteDryRun::run(load(), u"split"_s, {}, seed);
            QCOMPARE(once.servedBy, again.servedBy);
            firsts.insert(once.servedBy);
        }
        QCOMPARE(firsts.size(), size_t(2));  // equal weights: both come first sometimes
    }

    void targetsOfListsEveryLabelOnce() {
        const Config config = load();
        QCOMPARE(
            RouteDryRun::targetsOf(config.routes.at(u"nested"_s)),
            (QStringList{u"oai/a"_s, u"anth/b"_s, u"oai/c"_s, u"anth/long"_s, u"anth/safe"_s}));
    }

    void anUnknownRouteSaysWhatToDo() {
        const DryRunResult run = RouteDryRun::run(load(), u"nowhere"_s, {});
        QVERIFY(run.steps.empty());
        QVERIFY2(run.error.contains(u"nowhere"_s), qPrintable(run.error));
        for (SimulatedOutcome outcome : kSimulatedOutcomes)
            QVERIFY(!RouteDryRun::outcomeName(outcome).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRouteDryRun)
#include "tst_routedryrun.moc"
