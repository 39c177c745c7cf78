// storebench: how fast the request log answers the dashboards and the Logs panel.
// Fills a signalbox.db with a month of realistic traffic (or reuses one), then times each
// RequestQueries question over the last hour, day, week and 30 days: on a fresh connection
// (cold: SQLite's page cache empty, the OS's still warm) and on one that has answered
// before (warm), the median of several runs each. Prints a table and writes JSON.
//
//   storebench [--rows N] [--db PATH] [--runs K] [--out FILE] [--smoke]
//
// Run by hand; its figures are indicative on a shared machine and nothing asserts them.

#include "store/RequestQueries.h"
#include "store/RequestRows.h"
#include "store/StoreConnection.h"
#include "store/StoreSchema.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <random>

using namespace signalbox;

namespace {

constexpr qint64 kDayMs = 86'400'000;

struct Mix {
    QStringList targets;
    std::vector<double> medianLatencyMs;  // per target
    std::vector<bool> priced;             // per target
    QStringList routes;
    std::vector<std::vector<int>> routeTargets;  // per route: indexes into targets
    QStringList keys;
    std::vector<std::vector<int>> keyRoutes;  // per key: indexes into routes
};

Mix makeMix(std::mt19937_64& rng) {
    Mix mix;
    const char* providers[] = {"openai", "claude", "gemini", "mistral", "groq", "deepseek"};
    for (int i = 0; i < 20; ++i) {
        mix.targets.append(QStringLiteral("%1/model-%2")
                               .arg(QString::fromLatin1(providers[i % 6]))
                               .arg(i, 2, 10, QLatin1Char('0')));
        mix.medianLatencyMs.push_back(300.0 + 150.0 * (i % 7));
        mix.priced.push_back(i != 7 && i != 13);  // two models with no price
    }
    std::uniform_int_distribution<int> anyTarget(0, 19);
    for (int i = 0; i < 10; ++i) {
        mix.routes.append(QStringLiteral("route-%1").arg(i));
        mix.routeTargets.push_back({anyTarget(rng), anyTarget(rng), anyTarget(rng)});
    }
    std::uniform_int_distribution<int> anyRoute(0, 9);
    for (int i = 0; i < 50; ++i) {
        mix.keys.append(QStringLiteral("vk-%1").arg(i, 3, 10, QLatin1Char('0')));
        mix.keyRoutes.push_back({anyRoute(rng), anyRoute(rng), anyRoute(rng)});
    }
    return mix;
}

RequestRecord makeRecord(std::mt19937_64& rng, const Mix& mix, qint64 index, qint64 startedAt) {
    std::uniform_real_distribution<double> u(0, 1);
    RequestRecord r;
    r.id = "sb-" + QByteArray::number(index, 16).rightJustified(16, '0');
    r.startedAt = startedAt;
    r.surface = u(rng) < 0.8 ? "openai.chat" : "anthropic.messages";
    const bool keyed = u(rng) < 0.9;
    const int key = std::uniform_int_distribution<int>(0, 49)(rng);
    const auto& routes = mix.keyRoutes[size_t(key)];
    const int route = routes[size_t(std::uniform_int_distribution<int>(0, 2)(rng))];
    const int target =
        mix.routeTargets[size_t(route)][size_t(std::uniform_int_distribution<int>(0, 2)(rng))];
    r.route = mix.routes[route];
    r.target = mix.targets[target];
    r.providerKind = r.target.section(QLatin1Char('/'), 0, 0);
    r.model = r.target.section(QLatin1Char('/'), 1);
    r.virtualKeyId = keyed ? mix.keys[key] : QString();
    r.stream = u(rng) < 0.6;
    r.cacheHit = u(rng) < 0.08;
    const double e = u(rng);
    r.status = 200;
    if (e < 0.05) {
        const int statuses[] = {429, 500, 502, 503, 499, 400};
        r.status = statuses[std::uniform_int_distribution<int>(0, 5)(rng)];
        r.error = QStringLiteral("upstream said %1").arg(r.status);
    } else if (r.stream && e < 0.055) {
        r.truncated = true;
        r.error = QStringLiteral("upstream cut the stream");
    }
    std::lognormal_distribution<double> latency(std::log(mix.medianLatencyMs[size_t(target)]), 0.6);
    r.latencyMs = r.cacheHit ? qint64(1 + u(rng) * 5) : qint64(latency(rng));
    if (r.stream)
        r.ttftMs = std::max<qint64>(1, qint64(double(r.latencyMs) * (0.05 + 0.3 * u(rng))));
    r.finishedAt = r.startedAt + r.latencyMs;
    r.calls = r.cacheHit ? 0 : 1;
    r.attempts.push_back(Attempt{r.target,
                                 {},
                                 r.status == 200 ? "ok" : QByteArray::number(r.status),
                                 0,
                                 r.latencyMs,
                                 r.error,
                                 !r.cacheHit});
    if (r.status == 200 || r.truncated) {
        r.inputTokens = std::uniform_int_distribution<qint64>(20, 8000)(rng);
        r.outputTokens = std::uniform_int_distribution<qint64>(1, 2000)(rng);
        r.cachedInputTokens = u(rng) < 0.3 ? r.inputTokens / 2 : 0;
        r.costEstimated = u(rng) < 0.03;
        if (mix.priced[size_t(target)] && !r.cacheHit)
            r.costUsd = double(r.inputTokens) * 2.5e-6 + double(r.outputTokens) * 1e-5;
        else if (r.cacheHit)
            r.costUsd = 0.0;
    }
    if (u(rng) < 0.7) {
        const char* teams[] = {"search", "support", "growth", "infra", "labs"};
        const char* features[] = {"chat",      "summarize", "classify", "extract",
                                  "translate", "embed",     "agent",    "review"};
        r.tags = QByteArray(R"({"team":")") + teams[std::uniform_int_distribution<int>(0, 4)(rng)] +
                 R"(","env":")" + (u(rng) < 0.8 ? "prod" : "dev") + R"(","feature":")" +
                 features[std::uniform_int_distribution<int>(0, 7)(rng)] + R"("})";
    }
    r.user = u(rng) < 0.3 ? QStringLiteral("user-%1").arg(index % 997) : QString();
    return r;
}

bool generate(const QString& path, qint64 rows, qint64 endMs, bool dropQueryIndexes) {
    StoreConnection writer(path, QStringLiteral("bench-writer"));
    QString error;
    if (!writer.open() || !StoreSchema::migrate(writer.db(), &error)) {
        std::fprintf(stderr, "storebench: %s%s\n", qPrintable(writer.error()), qPrintable(error));
        return false;
    }
    if (dropQueryIndexes) {
        QSqlQuery q(writer.db());
        for (const char* index : {"requests_dashboard"})
            q.exec(QStringLiteral("DROP INDEX IF EXISTS %1").arg(QString::fromLatin1(index)));
    }
    RequestRows inserter(writer.db());
    if (!inserter.prepare()) {
        std::fprintf(stderr, "storebench: %s\n", qPrintable(inserter.error()));
        return false;
    }
    std::mt19937_64 rng(20261124);
    const Mix mix = makeMix(rng);
    const qint64 span = 30 * kDayMs;
    std::uniform_int_distribution<qint64> jitter(0, 999);
    QElapsedTimer timer;
    timer.start();
    constexpr qint64 kBatch = 20'000;  // as the store's writer: big transactions
    for (qint64 i = 0; i < rows; ++i) {
        if (i % kBatch == 0 && !writer.db().transaction())
            return false;
        const qint64 startedAt = endMs - span + (span * i) / rows + jitter(rng);
        if (!inserter.insert(makeRecord(rng, mix, i, startedAt))) {
            std::fprintf(stderr, "storebench: %s\n", qPrintable(inserter.error()));
            return false;
        }
        if ((i + 1) % kBatch == 0 || i + 1 == rows) {
            if (!inserter.flush() || !writer.db().commit()) {
                std::fprintf(stderr, "storebench: %s\n", qPrintable(inserter.error()));
                return false;
            }
        }
    }
    const double seconds = double(timer.elapsed()) / 1000.0;
    std::printf("generated %lld rows in %.1f s (%.0f rows/s, %.1f us a row)%s\n",
                static_cast<long long>(rows), seconds, double(rows) / seconds,
                seconds * 1e6 / double(rows), dropQueryIndexes ? " without the query indexes" : "");
    QSqlQuery q(writer.db());
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return true;
}

struct Range {
    const char* name;
    qint64 ms;
};

struct Question {
    QString name;
    std::function<bool(RequestQueries&, const RequestFilter&, qint64 rangeMs)> ask;
};

template <typename T>
bool ok(const QueryResult<T>& r) {
    if (!r.ok())
        std::fprintf(stderr, "storebench: %s\n", qPrintable(r.error));
    return r.ok();
}

// As a dashboard would: hours up to a day, days beyond.
TimeBucket bucketFor(qint64 rangeMs) {
    return TimeBucket{rangeMs <= kDayMs ? TimeBucket::Size::Hour : TimeBucket::Size::Day, 0};
}

std::vector<Question> questions(const QString& someTarget, const QString& someRoute) {
    std::vector<Question> all;
    const auto add = [&](const char* name, auto ask) {
        all.push_back({QString::fromLatin1(name), ask});
    };
    add("series by target", [](RequestQueries& q, const RequestFilter& f, qint64 rangeMs) {
        return ok(q.series(f, RequestGrouping::byTarget(), bucketFor(rangeMs)));
    });
    add("series by route", [](RequestQueries& q, const RequestFilter& f, qint64 rangeMs) {
        return ok(q.series(f, RequestGrouping::byRoute(), bucketFor(rangeMs)));
    });
    add("series by key", [](RequestQueries& q, const RequestFilter& f, qint64 rangeMs) {
        return ok(q.series(f, RequestGrouping::byVirtualKey(), bucketFor(rangeMs)));
    });
    add("series by tag team", [](RequestQueries& q, const RequestFilter& f, qint64 rangeMs) {
        return ok(q.series(f, RequestGrouping::byTag(QStringLiteral("team")), bucketFor(rangeMs)));
    });
    add("series, route filter", [someRoute](RequestQueries& q, RequestFilter f, qint64 rangeMs) {
        f.route = someRoute;
        return ok(q.series(f, RequestGrouping::byTarget(), bucketFor(rangeMs)));
    });
    add("series, tag filter", [](RequestQueries& q, RequestFilter f, qint64 rangeMs) {
        f.tagKey = QStringLiteral("team");
        f.tagValue = QStringLiteral("search");
        return ok(q.series(f, RequestGrouping::byTarget(), bucketFor(rangeMs)));
    });
    add("latency by target",
        [](RequestQueries& q, const RequestFilter& f, int) { return ok(q.latencyByTarget(f)); });
    add("latency, route filter", [someRoute](RequestQueries& q, RequestFilter f, int) {
        f.route = someRoute;
        return ok(q.latencyByTarget(f));
    });
    add("latency, one target", [someTarget](RequestQueries& q, RequestFilter f, int) {
        f.target = someTarget;
        return ok(q.latencyByTarget(f));
    });
    add("totals", [](RequestQueries& q, const RequestFilter& f, int) { return ok(q.totals(f)); });
    add("top 10 routes", [](RequestQueries& q, const RequestFilter& f, int) {
        return ok(q.topSpend(f, RequestGrouping::byRoute(), 10));
    });
    add("top 10 keys", [](RequestQueries& q, const RequestFilter& f, int) {
        return ok(q.topSpend(f, RequestGrouping::byVirtualKey(), 10));
    });
    add("top 10 tag team", [](RequestQueries& q, const RequestFilter& f, int) {
        return ok(q.topSpend(f, RequestGrouping::byTag(QStringLiteral("team")), 10));
    });
    add("log page 1", [](RequestQueries& q, const RequestFilter& f, int) {
        LogPageQuery page;
        page.filter = f;
        return ok(q.logPage(page));
    });
    add("log page 20 (keyset)", [](RequestQueries& q, const RequestFilter& f, int) {
        LogPageQuery page;
        page.filter = f;
        for (int i = 0; i < 20; ++i) {
            const auto r = q.logPage(page);
            if (!ok(r))
                return false;
            page.after = r.value.next;
        }
        return true;
    });
    add("log page, errors", [](RequestQueries& q, const RequestFilter& f, int) {
        LogPageQuery page;
        page.filter = f;
        page.outcome = LogPageQuery::Outcome::Error;
        return ok(q.logPage(page));
    });
    add("log page, search", [](RequestQueries& q, const RequestFilter& f, int) {
        LogPageQuery page;
        page.filter = f;
        page.search = QStringLiteral("cut the");
        return ok(q.logPage(page));
    });
    add("detail", [](RequestQueries& q, const RequestFilter&, int) {
        const auto r = q.detail(QStringLiteral("sb-0000000000000400"));
        return ok(r) && r.value.has_value();
    });
    // What the Dashboard asks for one refresh.
    add("DASHBOARD REFRESH", [](RequestQueries& q, const RequestFilter& f, qint64 rangeMs) {
        return ok(q.series(f, RequestGrouping::byTarget(), bucketFor(rangeMs))) &&
               ok(q.latencyByTarget(f)) && ok(q.totals(f)) &&
               ok(q.topSpend(f, RequestGrouping::byRoute(), 10));
    });
    return all;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Rows to generate"),
                                        QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption dbOption(QStringLiteral("db"),
                                      QStringLiteral("Database to reuse, or to fill if absent"),
                                      QStringLiteral("path"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs per figure"),
                                        QStringLiteral("k"), QStringLiteral("5"));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("JSON results"),
                                       QStringLiteral("file"),
                                       QStringLiteral(STOREBENCH_DEFAULT_OUT));
    const QCommandLineOption smokeOption(QStringLiteral("smoke"),
                                         QStringLiteral("One run each; prove the harness runs"));
    const QCommandLineOption dropOption(
        QStringLiteral("without-query-indexes"),
        QStringLiteral("Generate without the indexes RequestQueries adds (insert cost only)"));
    parser.addOptions({rowsOption, dbOption, runsOption, outOption, smokeOption, dropOption});
    parser.process(app);

    const qint64 rows = parser.value(rowsOption).toLongLong();
    const bool smoke = parser.isSet(smokeOption);
    const int runs = smoke ? 1 : std::max(1, parser.value(runsOption).toInt());
    QTemporaryDir scratch;
    const QString path = parser.isSet(dbOption) ? parser.value(dbOption)
                                                : scratch.filePath(QStringLiteral("signalbox.db"));
    if (!QFileInfo::exists(path)) {
        const qint64 endMs = QDateTime::currentMSecsSinceEpoch() / 3'600'000 * 3'600'000;
        if (!generate(path, rows, endMs, parser.isSet(dropOption)))
            return 1;
    } else {
        std::printf("reusing %s\n", qPrintable(path));
    }
    if (parser.isSet(dropOption))
        return 0;

    StoreConnection probe(path, QStringLiteral("bench-probe"), true);
    if (!probe.open()) {
        std::fprintf(stderr, "storebench: %s\n", qPrintable(probe.error()));
        return 1;
    }
    QSqlQuery q(probe.db());
    q.exec(
        QStringLiteral("SELECT count(*), max(started_at), (SELECT target FROM requests LIMIT "
                       "1), (SELECT route FROM requests LIMIT 1) FROM requests"));
    q.next();
    const qint64 count = q.value(0).toLongLong();
    const qint64 endMs = q.value(1).toLongLong() + 1;
    const QString someTarget = q.value(2).toString();
    const QString someRoute = q.value(3).toString();
    q.finish();
    const double sizeMb = double(QFileInfo(path).size()) / 1048576.0;
    std::printf("%lld rows, %.0f MB, SQLite %s\n", static_cast<long long>(count), sizeMb,
                qPrintable(q.exec(QStringLiteral("SELECT sqlite_version()")) && q.next()
                               ? q.value(0).toString()
                               : QString()));
    q.finish();

    const Range ranges[] = {{"1 hour", kDayMs / 24},
                            {"1 day", kDayMs},
                            {"7 days", 7 * kDayMs},
                            {"30 days", 30 * kDayMs}};
    QJsonObject results;
    std::printf("\n%-24s", "query (ms, median)");
    for (const Range& r : ranges)
        std::printf(" | %7s cold %7s warm", r.name, "");
    std::printf("\n");
    for (const Question& question : questions(someTarget, someRoute)) {
        std::printf("%-24s", qPrintable(question.name));
        QJsonObject perRange;
        for (const Range& range : ranges) {
            RequestFilter filter;
            filter.fromMs = endMs - range.ms;
            filter.toMs = endMs;
            std::vector<double> cold;
            std::vector<double> warm;
            for (int run = 0; run < runs; ++run) {
                StoreConnection connection(path, QStringLiteral("bench"), true);
                if (!connection.open())
                    return 1;
                RequestQueries queries(connection.db());
                QElapsedTimer t;
                t.start();
                if (!question.ask(queries, filter, range.ms))
                    return 1;
                cold.push_back(double(t.nsecsElapsed()) / 1e6);
                t.restart();
                if (!question.ask(queries, filter, range.ms))
                    return 1;
                warm.push_back(double(t.nsecsElapsed()) / 1e6);
            }
            std::printf(" | %12.1f %12.1f", median(cold), median(warm));
            std::fflush(stdout);
            perRange.insert(QString::fromLatin1(range.name),
                            QJsonObject{{QStringLiteral("coldMs"), median(cold)},
                                        {QStringLiteral("warmMs"), median(warm)}});
        }
        std::printf("\n");
        results.insert(question.name, perRange);
    }

    const QJsonObject meta{
        {QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("rows"), count},
        {QStringLiteral("dbMb"), sizeMb},
        {QStringLiteral("runs"), runs},
        {QStringLiteral("smoke"), smoke},
        {QStringLiteral("cpus"), QThread::idealThreadCount()},
        {QStringLiteral("machine"), QSysInfo::prettyProductName()},
#ifdef NDEBUG
        {QStringLiteral("build"), QStringLiteral("optimized")},
#else
        {QStringLiteral("build"), QStringLiteral("debug")},
#endif
        {QStringLiteral("note"),
         QStringLiteral("cold: a fresh connection (SQLite page cache empty, OS cache warm); "
                        "medians; shared machine, indicative")}};
    const QString out = parser.value(outOption);
    QDir().mkpath(QFileInfo(out).absolutePath());
    QFile file(out);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "storebench: cannot write %s\n", qPrintable(out));
        return 1;
    }
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("meta"), meta},
                                         {QStringLiteral("results"), results}})
                   .toJson());
    std::printf("\nwrote %s\n", qPrintable(out));
    return 0;
}
