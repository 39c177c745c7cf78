// MetricsRegistry against a strict reader of the Prometheus text format 0.0.4: records
// observed from several threads at once, rendered, parsed back and checked to the unit.
// The reader is tested on broken texts first, so that its approval means something.
#include "telemetry/MetricsRegistry.h"
#include "telemetry/PrometheusWriter.h"

#include <QRegularExpression>
#include <QTest>

#include <cmath>
#include <latch>
#include <map>
#include <set>
#include <thread>
#include <vector>

using namespace signalbox;

namespace {

using Labels = std::map<QByteArray, QByteArray>;

QByteArray seriesKey(const QByteArray& name, const Labels& labels) {
    QByteArray key = name + '{';
    for (const auto& [label, value] : labels)
        key += label + '=' + value + ';';
    return key + '}';
}

// What a strict reader of the exposition format finds in a text.
struct Exposition {
    std::map<QByteArray, QByteArray> types;  // family -> counter, gauge, histogram
    std::set<QByteArray> helps;
    std::map<QByteArray, double> samples;   // seriesKey -> value
    std::map<QByteArray, int> sampleCount;  // metric name -> samples of it

    bool has(const QByteArray& name, const Labels& labels) const {
        return samples.count(seriesKey(name, labels)) != 0;
    }
    double value(const QByteArray& name, const Labels& labels) const {
        const auto it = samples.find(seriesKey(name, labels));
        return it == samples.end() ? std::nan("") : it->second;
    }
    // The values `label` takes across the samples of `name`.
    std::set<QByteArray> labelValues(const QByteArray& name, const QByteArray& label) const {
        std::set<QByteArray> out;
        const QByteArray prefix = name + '{';
        const QByteArray needle = label + '=';
        for (const auto& [key, v] : samples) {
            if (!key.startsWith(prefix))
                continue;
            const qsizetype at = key.indexOf(needle, prefix.size());
            if (at >= 0) {
                const qsizetype start = at + needle.size();
                out.insert(key.mid(start, key.indexOf(';', start) - start));
            }
        }
        return out;
    }
};

bool validName(QByteArrayView name, bool labelName) {
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                            (!labelName && c == ':');
        if (!letter && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

bool parseValue(const QByteArray& text, double* out) {
    if (text == "+Inf" || text == "-Inf" || text == "NaN") {
        *out = text == "NaN" ? std::nan("") : text == "+Inf" ? INFINITY : -INFINITY;
        return true;
    }
    static const QRegularExpression number(
        QStringLiteral("^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$"));
    if (!number.match(QString::fromLatin1(text)).hasMatch())
        return false;
    bool ok = false;
    *out = text.toDouble(&ok);
    return ok;
}

struct Bucket {
    double le;
    double count;
};

// Reads `text` strictly: every line a HELP, a TYPE or a sample `name{labels} value`;
// HELP and TYPE at most once per family and before its samples; a family's samples
// together; label values escaped; histograms cumulative with +Inf == _count. Returns
// what is wrong, or an empty string.
QString readExposition(const QByteArray& text, Exposition& out) {
    if (!text.isEmpty() && !text.endsWith('\n'))
        return QStringLiteral("no line feed at the end");
    std::set<QByteArray> closed;  // families whose samples are over
    std::set<QByteArray> sampled;
    QByteArray current;
    std::map<QByteArray, std::vector<Bucket>> buckets;  // histogram series -> buckets in order
    std::map<QByteArray, double> counts;
    std::set<QByteArray> sums;
    const auto enter = [&](const QByteArray& family) -> bool {
        if (family == current)
            return true;
        if (closed.count(family) != 0)
            return false;
        if (!current.isEmpty())
            closed.insert(current);
        current = family;
        return true;
    };

    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype n = 0; n + 1 < lines.size(); ++n) {
        const QByteArray& line = lines[n];
        const QString where =
            QStringLiteral("line %1 (%2): ").arg(n + 1).arg(QString::fromUtf8(line));
        if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
            const bool help = line.startsWith("# HELP ");
            const QByteArray rest = line.mid(7);
            const qsizetype space = rest.indexOf(' ');
            if (space <= 0)
                return where + QStringLiteral("no text after the name");
            const QByteArray name = rest.left(space);
            const QByteArray arg = rest.mid(space + 1);
            if (!validName(name, false))
                return where + QStringLiteral("bad metric name");
            if (sampled.count(name) != 0)
                return where + QStringLiteral("comes after the family's samples");
            if (!enter(name))
                return where + QStringLiteral("family interrupted");
            if (help) {
                if (!out.helps.insert(name).second)
                    return where + QStringLiteral("second HELP");
                for (qsizetype i = 0; i < arg.size(); ++i) {
                    if (arg[i] == '\\' &&
                        (i + 1 >= arg.size() || (arg[i + 1] != '\\' && arg[i + 1] != 'n')))
                        return where + QStringLiteral("bad escape in HELP");
                    if (arg[i] == '\\')
                        ++i;
                }
            } else {
                if (out.types.count(name) != 0)
                    return where + QStringLiteral("second TYPE");
                static const std::set<QByteArray> kTypes = {"counter", "gauge", "histogram",
                                                            "summary", "untyped"};
                if (kTypes.count(arg) == 0)
                    return where + QStringLiteral("unknown type");
                out.types[name] = arg;
            }
            continue;
        }
        if (line.startsWith('#'))
            return where + QStringLiteral("a comment that is neither HELP nor TYPE");

        // name{label="value",...} value
        qsizetype i = 0;
        while (i < line.size() && line[i] != '{' && line[i] != ' ')
            ++i;
        const QByteArray name = line.left(i);
        if (!validName(name, false))
            return where + QStringLiteral("bad metric name");
        Labels labels;
        if (i < line.size() && line[i] == '{') {
            ++i;
            while (true) {
                if (i < line.size() && line[i] == '}' && labels.empty())
                    break;
                qsizetype eq = line.indexOf('=', i);
                if (eq < 0)
                    return where + QStringLiteral("label without =");
                const QByteArray label = line.mid(i, eq - i);
                if (!validName(label, true))
                    return where + QStringLiteral("bad label name");
                if (eq + 1 >= line.size() || line[eq + 1] != '"')
                    return where + QStringLiteral("label value not quoted");
                QByteArray value;
                qsizetype j = eq + 2;
                for (;; ++j) {
                    if (j >= line.size())
                        return where + QStringLiteral("label value not closed");
                    const char c = line[j];
                    if (c == '"')
                        break;
                    if (c == '\\') {
                        if (j + 1 >= line.size())
                            return where + QStringLiteral("escape at the end");
                        const char e = line[++j];
                        if (e == '\\' || e == '"')
                            value += e;
                        else if (e == 'n')
                            value += '\n';
                        else
                            return where + QStringLiteral("bad escape in a label value");
                    } else {
                        value += c;
                    }
                }
                if (!labels.emplace(label, value).second)
                    return where + QStringLiteral("label repeated");
                i = j + 1;
                if (i < line.size() && line[i] == ',') {
                    ++i;
                    continue;
                }
                if (i < line.size() && line[i] == '}')
                    break;
                return where + QStringLiteral("expected , or } after a label");
            }
            ++i;
        }
        if (i >= line.size() || line[i] != ' ')
            return where + QStringLiteral("no space before the value");
        double value = 0;
        if (!parseValue(line.mid(i + 1), &value))
            return where + QStringLiteral("bad value");

        // The family: the name itself, or a histogram's name_bucket, _sum, _count.
        QByteArray family = name;
        QByteArray suffix;
        if (out.types.count(name) == 0) {
            for (const char* s : {"_bucket", "_sum", "_count"}) {
                if (name.endsWith(s)) {
                    family = name.chopped(qstrlen(s));
                    suffix = s;
                }
            }
        }
        const auto type = out.types.find(family);
        if (type == out.types.end())
            return where + QStringLiteral("sample without a TYPE before it");
        if ((type->second == "histogram") != !suffix.isEmpty())
            return where + QStringLiteral("sample name does not fit its family's type");
        if (!enter(family))
            return where + QStringLiteral("family's samples are not together");
        sampled.insert(family);
        if (!out.samples.emplace(seriesKey(name, labels), value).second)
            return where + QStringLiteral("series repeated");
        ++out.sampleCount[name];

        if (type->second == "histogram") {
            Labels series = labels;
            const auto le = series.find("le");
            if (suffix == "_bucket") {
                double bound = 0;
                if (le == series.end() || !parseValue(le->second, &bound))
                    return where + QStringLiteral("bucket without a numeric le");
                series.erase("le");
                buckets[seriesKey(family, series)].push_back({bound, value});
            } else if (le != series.end()) {
                return where + QStringLiteral("le outside a bucket");
            } else if (suffix == "_count") {
                counts[seriesKey(family, series)] = value;
            } else {
                sums.insert(seriesKey(family, series));
            }
        }
    }

    for (const auto& [series, list] : buckets) {
        for (size_t k = 1; k < list.size(); ++k) {
            if (!(list[k].le > list[k - 1].le))
                return QString::fromUtf8(series) + QStringLiteral(": buckets out of order");
            if (list[k].count < list[k - 1].count)
                return QString::fromUtf8(series) + QStringLiteral(": buckets not cumulative");
        }
        if (list.empty() || !std::isinf(list.back().le))
            return QString::fromUtf8(series) + QStringLiteral(": no +Inf bucket");
        if (counts.count(series) == 0 || counts[series] != list.back().count)
            return QString::fromUtf8(series) +
                   QStringLiteral(": _count differs from the +Inf bucket");
        if (sums.count(series) == 0)
            return QString::fromUtf8(series) + QStringLiteral(": no _sum");
    }
    for (const auto& [series, count] : counts) {
        if (buckets.count(series) == 0)
            return QString::fromUtf8(series) + QStringLiteral(": _count without buckets");
    }
    return {};
}

Attempt attempt(const char* target, const char* outcome, bool called, qint64 startMs = 0,
                qint64 durationMs = 0) {
    Attempt a;
    a.target = QString::fromUtf8(target);
    a.outcome = outcome;
    a.called = called;
    a.startMs = startMs;
    a.durationMs = durationMs;
    return a;
}

RequestRecord record(const QString& target, int status, qint64 latencyMs) {
    RequestRecord r;
    r.id = "sb-0123456789abcdef";
    r.target = target;
    r.status = status;
    r.latencyMs = latencyMs;
    return r;
}

QByteArray render(const MetricsRegistry& registry, const StoreStats& store = {},
                  qint64 otlpDropped = 0) {
    QByteArray out;
    registry.render(out, store, otlpDropped);
    return out;
}

}  // namespace

class TestMetricsRegistry : public QObject {
    Q_OBJECT

private slots:
    void readerRefusesBrokenTexts_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("no TYPE") << QByteArray("x 1\n");
        QTest::newRow("TYPE twice") << QByteArray("# TYPE x counter\n# TYPE x counter\nx 1\n");
        QTest::newRow("HELP after samples") << QByteArray("# TYPE x counter\nx 1\n# HELP x late\n");
        QTest::newRow("family interleaved")
            << QByteArray("# TYPE x counter\n# TYPE y counter\nx{a=\"1\"} 1\ny 1\nx{a=\"2\"} 1\n");
        QTest::newRow("not cumulative") << QByteArray(
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\n"
            "h_count 1\n");
        QTest::newRow("+Inf != count") << QByteArray(
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\n"
            "h_count 3\n");
        QTest::newRow("no +Inf") << QByteArray(
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n");
        QTest::newRow("no _sum") << QByteArray(
            "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n");
        QTest::newRow("bad escape") << QByteArray("# TYPE x counter\nx{a=\"\\t\"} 1\n");
        QTest::newRow("bare quote") << QByteArray("# TYPE x counter\nx{a=\"a\"b\"} 1\n");
        QTest::newRow("bad value") << QByteArray("# TYPE x counter\nx abc\n");
        QTest::newRow("two spaces") << QByteArray("# TYPE x counter\nx  1\n");
        QTest::newRow("no final line feed") << QByteArray("# TYPE x counter\nx 1");
        QTest::newRow("series twice") << QByteArray("# TYPE x counter\nx 1\nx 2\n");
        QTest::newRow("bad name") << QByteArray("# TYPE 1x counter\n1x 1\n");
        QTest::newRow("other comment") << QByteArray("# hello\n");
        QTest::newRow("empty line") << QByteArray("# TYPE x counter\n\nx 1\n");
    }

    void readerRefusesBrokenTexts() {
        QFETCH(QByteArray, text);
        Exposition e;
        QVERIFY(!readExposition(text, e).isEmpty());
    }

    void readerAcceptsAValidText() {
        const QByteArray text =
            "# HELP x A counter, with \\\\ and \\n.\n# TYPE x counter\nx{a=\"q\\\"b\\\\c\\nd\"} "
            "3\n# TYPE h histogram\nh_bucket{le=\"0.5\"} 1\nh_bucket{le=\"+Inf\"} 2\n"
            "h_sum 1.5\nh_count 2\n";
        Exposition e;
        QCOMPARE(readExposition(text, e), QString());
        QCOMPARE(e.value("x", {{"a", "q\"b\\c\nd"}}), 3.0);
        QCOMPARE(e.value("h_count", {}), 2.0);
    }

    void writerFormatsNumbers() {
        QCOMPARE(PrometheusWriter::seconds(0), QByteArray("0"));
        QCOMPARE(PrometheusWriter::seconds(5), QByteArray("0.005"));
        QCOMPARE(PrometheusWriter::seconds(50), QByteArray("0.05"));
        QCOMPARE(PrometheusWriter::seconds(1234), QByteArray("1.234"));
        QCOMPARE(PrometheusWriter::seconds(2500), QByteArray("2.5"));
        QCOMPARE(PrometheusWriter::seconds(300'000), QByteArray("300"));
        QCOMPARE(PrometheusWriter::number(0.1 + 0.2), QByteArray("0.30000000000000004"));
        QCOMPARE(PrometheusWriter::number(250), QByteArray("250"));
        QCOMPARE(PrometheusWriter::number(1e-7), QByteArray("1e-07"));
    }

    void emptyRegistryRendersGauges() {
        MetricsRegistry registry;
        StoreStats store;
        store.enabled = true;
        store.healthy = false;
        store.queued = 7;
        store.written = 12345;
        store.dropped = 3;
        const QByteArray text = render(registry, store, 42);
        Exposition e;
        QCOMPARE(readExposition(text, e), QString());
        QCOMPARE(e.types.size(), e.helps.size());
        QCOMPARE(e.types["signalbox_requests_total"], QByteArray("counter"));
        QCOMPARE(e.types["signalbox_request_duration_seconds"], QByteArray("histogram"));
        QCOMPARE(e.types["signalbox_store_queue_depth"], QByteArray("gauge"));
        QCOMPARE(e.sampleCount["signalbox_requests_total"], 0);
        QCOMPARE(e.value("signalbox_store_enabled", {}), 1.0);
        QCOMPARE(e.value("signalbox_store_up", {}), 0.0);
        QCOMPARE(e.value("signalbox_store_queue_depth", {}), 7.0);
        QCOMPARE(e.value("signalbox_store_written_records_total", {}), 12345.0);
        QCOMPARE(e.value("signalbox_store_dropped_records_total", {}), 3.0);
        QCOMPARE(e.value("signalbox_otlp_dropped_spans_total", {}), 42.0);

        store.healthy = true;
        Exposition healthy;
        QCOMPARE(readExposition(render(registry, store, 0), healthy), QString());
        QCOMPARE(healthy.value("signalbox_store_up", {}), 1.0);
    }

    void concurrentObservationsAddUp() {
        const QString gpt = QStringLiteral("openai/gpt-5");
        const QString sonnet = QStringLiteral("claude/sonnet");

        // A streamed success with full usage and a price.
        RequestRecord a = record(gpt, 200, 1234);
        a.ttftMs = 250;
        a.stream = true;
        a.calls = 1;
        a.inputTokens = 100;
        a.outputTokens = 50;
        a.cachedInputTokens = 20;
        a.reasoningTokens = 10;
        a.costUsd = 0.25;  // exact in binary: any order of additions gives the same sum
        a.attempts = {attempt("openai/gpt-5", "ok", true, 0, 1200)};
        // A retry after a 429, usage without a price, cut short mid-stream.
        RequestRecord b = record(sonnet, 200, 40);
        b.calls = 2;
        b.inputTokens = 10;
        b.outputTokens = 5;
        b.truncated = true;
        b.attempts = {attempt("claude/sonnet", "429", true, 0, 10),
                      attempt("claude/sonnet", "ok", true, 12, 25)};
        // A benched target passed over, then a timeout: 502, no usage.
        RequestRecord c = record(gpt, 502, 30'001);
        c.calls = 1;
        c.attempts = {attempt("gem/flash", "benched", false),
                      attempt("openai/gpt-5", "timeout", true, 1, 30'000)};
        // A cache hit at exactly a bucket bound.
        RequestRecord d = record(sonnet, 200, 5);
        d.ttftMs = 5;
        d.cacheHit = true;
        d.inputTokens = 10;
        d.outputTokens = 5;
        d.costUsd = 0.0;
        // An unknown model: no target at all.
        RequestRecord e404 = record(QString(), 404, 1);
        const std::vector<RequestRecord> records = {a, b, c, d, e404};

        constexpr int kThreads = 4;
        constexpr int kRounds = 250;
        MetricsRegistry registry;
        std::latch go(kThreads);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&] {
                go.arrive_and_wait();
                for (int i = 0; i < kRounds; ++i) {
                    for (const RequestRecord& r : records)
                        registry.observe(r);
                }
            });
        }
        // Render while they run: every intermediate text must be valid too.
        for (int i = 0; i < 20; ++i) {
            Exposition partial;
            QCOMPARE(readExposition(render(registry), partial), QString());
        }
        for (std::thread& t : threads)
            t.join();

        const QByteArray text = render(registry);
        Exposition m;
        QCOMPARE(readExposition(text, m), QString());
        const double n = kThreads * kRounds;
        const QByteArray g = "openai/gpt-5";
        const QByteArray s = "claude/sonnet";

        QCOMPARE(m.sampleCount["signalbox_requests_total"], 4);
        QCOMPARE(m.value("signalbox_requests_total", {{"target", g}, {"code", "200"}}), n);
        QCOMPARE(m.value("signalbox_requests_total", {{"target", g}, {"code", "502"}}), n);
        QCOMPARE(m.value("signalbox_requests_total", {{"target", s}, {"code", "200"}}), 2 * n);
        QCOMPARE(m.value("signalbox_requests_total", {{"target", "none"}, {"code", "404"}}), n);
        QVERIFY(!m.has("signalbox_requests_total", {{"target", "gem/flash"}, {"code", "200"}}));

        QCOMPARE(m.value("signalbox_request_errors_total", {{"target", g}, {"kind", "failed"}}), n);
        QCOMPARE(m.value("signalbox_request_errors_total", {{"target", g}, {"kind", "truncated"}}),
                 0.0);
        QCOMPARE(m.value("signalbox_request_errors_total", {{"target", s}, {"kind", "failed"}}),
                 0.0);
        QCOMPARE(m.value("signalbox_request_errors_total", {{"target", s}, {"kind", "truncated"}}),
                 n);
        QCOMPARE(
            m.value("signalbox_request_errors_total", {{"target", "none"}, {"kind", "failed"}}), n);

        // gpt-5: 1.234 s and 30.001 s.
        const QByteArray dur = "signalbox_request_duration_seconds";
        QCOMPARE(m.value(dur + "_bucket", {{"target", g}, {"le", "1"}}), 0.0);
        QCOMPARE(m.value(dur + "_bucket", {{"target", g}, {"le", "2.5"}}), n);
        QCOMPARE(m.value(dur + "_bucket", {{"target", g}, {"le", "30"}}), n);
        QCOMPARE(m.value(dur + "_bucket", {{"target", g}, {"le", "60"}}), 2 * n);
        QCOMPARE(m.value(dur + "_bucket", {{"target", g}, {"le", "+Inf"}}), 2 * n);
        QCOMPARE(m.value(dur + "_count", {{"target", g}}), 2 * n);
        QCOMPARE(m.value(dur + "_sum", {{"target", g}}), (1.234 + 30.001) * n);
        QVERIFY(
            text.contains("signalbox_request_duration_seconds_sum{target=\"openai/gpt-5\"} "
                          "31235\n"));
        // sonnet: 0.040 s and 0.005 s, the latter on the first bound.
        QCOMPARE(m.value(dur + "_bucket", {{"target", s}, {"le", "0.005"}}), n);
        QCOMPARE(m.value(dur + "_bucket", {{"target", s}, {"le", "0.025"}}), n);
        QCOMPARE(m.value(dur + "_bucket", {{"target", s}, {"le", "0.05"}}), 2 * n);
        QCOMPARE(m.value(dur + "_count", {{"target", s}}), 2 * n);
        QCOMPARE(m.sampleCount[dur + "_bucket"], 3 * 17);

        const QByteArray ttft = "signalbox_time_to_first_token_seconds";
        QCOMPARE(m.value(ttft + "_bucket", {{"target", g}, {"le", "0.1"}}), 0.0);
        QCOMPARE(m.value(ttft + "_bucket", {{"target", g}, {"le", "0.25"}}), n);
        QCOMPARE(m.value(ttft + "_count", {{"target", g}}), n);
        QCOMPARE(m.value(ttft + "_sum", {{"target", g}}), 0.25 * n);
        QCOMPARE(m.value(ttft + "_count", {{"target", s}}), n);
        QCOMPARE(m.value(ttft + "_count", {{"target", "none"}}), 0.0);

        const QByteArray tok = "signalbox_tokens_total";
        QCOMPARE(m.value(tok, {{"target", g}, {"type", "input"}}), 100 * n);
        QCOMPARE(m.value(tok, {{"target", g}, {"type", "output"}}), 50 * n);
        QCOMPARE(m.value(tok, {{"target", g}, {"type", "cached_input"}}), 20 * n);
        QCOMPARE(m.value(tok, {{"target", g}, {"type", "cache_write"}}), 0.0);
        QCOMPARE(m.value(tok, {{"target", g}, {"type", "reasoning"}}), 10 * n);
        QCOMPARE(m.value(tok, {{"target", s}, {"type", "input"}}), 20 * n);
        QCOMPARE(m.value(tok, {{"target", s}, {"type", "output"}}), 10 * n);

        QCOMPARE(m.value("signalbox_cost_usd_total", {{"target", g}}), 0.25 * n);
        QCOMPARE(m.value("signalbox_cost_usd_total", {{"target", s}}), 0.0);
        QCOMPARE(m.value("signalbox_unpriced_requests_total", {{"target", g}}), 0.0);
        QCOMPARE(m.value("signalbox_unpriced_requests_total", {{"target", s}}), n);
        QCOMPARE(m.value("signalbox_unpriced_requests_total", {{"target", "none"}}), 0.0);
        QCOMPARE(m.value("signalbox_cache_hits_total", {{"target", s}}), n);
        QCOMPARE(m.value("signalbox_cache_hits_total", {{"target", g}}), 0.0);

        const QByteArray att = "signalbox_upstream_attempts_total";
        QCOMPARE(m.sampleCount[att], 4);
        QCOMPARE(m.value(att, {{"target", g}, {"outcome", "ok"}}), n);
        QCOMPARE(m.value(att, {{"target", g}, {"outcome", "timeout"}}), n);
        QCOMPARE(m.value(att, {{"target", s}, {"outcome", "429"}}), n);
        QCOMPARE(m.value(att, {{"target", s}, {"outcome", "ok"}}), n);
        QCOMPARE(m.sampleCount["signalbox_upstream_skips_total"], 1);
        QCOMPARE(m.value("signalbox_upstream_skips_total",
                         {{"target", "gem/flash"}, {"reason", "benched"}}),
                 n);
    }

    void labelValuesAreEscaped() {
        const QString weird = QStringLiteral("we\"ird\\mo\ndel/x");
        MetricsRegistry registry;
        RequestRecord r = record(weird, 200, 10);
        r.attempts = {attempt("we\"ird\\mo\ndel/x", "ok", true)};
        registry.observe(r);
        const QByteArray text = render(registry);
        QVERIFY(
            text.contains("signalbox_requests_total{target=\"we\\\"ird\\\\mo\\ndel/x\","
                          "code=\"200\"} 1\n"));
        Exposition e;
        QCOMPARE(readExposition(text, e), QString());
        QCOMPARE(e.value("signalbox_requests_total", {{"target", weird.toUtf8()}, {"code", "200"}}),
                 1.0);
        QCOMPARE(e.value("signalbox_upstream_attempts_total",
                         {{"target", weird.toUtf8()}, {"outcome", "ok"}}),
                 1.0);
    }

    void cacheSavingsAndRedactionsAreCounted() {
        MetricsRegistry registry;
        RequestRecord hit = record(QStringLiteral("p/m"), 200, 3);
        hit.cacheHit = true;
        hit.costUsd = 0.0;
        hit.cacheSavedUsd = 0.25;
        registry.observe(hit);
        registry.observe(hit);
        RequestRecord masked = record(QStringLiteral("p/m"), 200, 10);
        masked.redactions = "{\"email\":2,\"card\":1}";
        registry.observe(masked);
        masked.redactions = "{\"email\":1}";
        registry.observe(masked);
        Exposition e;
        QCOMPARE(readExposition(render(registry), e), QString());
        QCOMPARE(e.types["signalbox_cache_saved_usd_total"], QByteArray("counter"));
        QCOMPARE(e.value("signalbox_cache_saved_usd_total", {{"target", "p/m"}}), 0.5);
        QCOMPARE(e.value("signalbox_cache_hits_total", {{"target", "p/m"}}), 2.0);
        QCOMPARE(e.value("signalbox_redactions_total", {{"kind", "email"}}), 3.0);
        QCOMPARE(e.value("signalbox_redactions_total", {{"kind", "card"}}), 1.0);
        QCOMPARE(e.value("signalbox_redactions_total", {{"kind", "iban"}}), 0.0);
    }

    void bucketBoundsAreInclusive() {
        MetricsRegistry registry;
        for (const qint64 ms : {5, 6, 300'000, 300'001})
            registry.observe(record(QStringLiteral("p/m"), 200, ms));
        Exposition e;
        QCOMPARE(readExposition(render(registry), e), QString());
        const QByteArray b = "signalbox_request_duration_seconds_bucket";
        QCOMPARE(e.value(b, {{"target", "p/m"}, {"le", "0.005"}}), 1.0);
        QCOMPARE(e.value(b, {{"target", "p/m"}, {"le", "0.01"}}), 2.0);
        QCOMPARE(e.value(b, {{"target", "p/m"}, {"le", "120"}}), 2.0);
        QCOMPARE(e.value(b, {{"target", "p/m"}, {"le", "300"}}), 3.0);
        QCOMPARE(e.value(b, {{"target", "p/m"}, {"le", "+Inf"}}), 4.0);
        QCOMPARE(e.value("signalbox_request_duration_seconds_sum", {{"target", "p/m"}}), 600.012);
    }

    void targetsBeyondTheCapFoldIntoOther() {
        MetricsRegistry registry;
        const int extra = 100;
        for (size_t i = 0; i < MetricsRegistry::kMaxTargets + extra; ++i)
            registry.observe(record(QStringLiteral("p/m%1").arg(i), 200, 10));
        // A target seen before the cap keeps its own series.
        registry.observe(record(QStringLiteral("p/m0"), 200, 10));
        Exposition e;
        QCOMPARE(readExposition(render(registry), e), QString());
        const std::set<QByteArray> targets = e.labelValues("signalbox_requests_total", "target");
        QCOMPARE(targets.size(), MetricsRegistry::kMaxTargets + 1);
        QVERIFY(targets.count("other") == 1);
        QVERIFY(targets.count("p/m499") == 1);
        QVERIFY(targets.count("p/m500") == 0);
        QCOMPARE(e.value("signalbox_requests_total", {{"target", "other"}, {"code", "200"}}),
                 double(extra));
        QCOMPARE(e.value("signalbox_requests_total", {{"target", "p/m0"}, {"code", "200"}}), 2.0);
    }

    void outcomesBeyondTheirSlotsFoldIntoOther() {
        MetricsRegistry registry;
        const int outcomes = 40;
        for (int i = 0; i < outcomes; ++i) {
            RequestRecord r = record(QStringLiteral("p/m"), 200, 10);
            r.attempts = {
                attempt("p/m", QByteArray("e" + QByteArray::number(i)).constData(), true)};
            registry.observe(r);
        }
        Exposition e;
        QCOMPARE(readExposition(render(registry), e), QString());
        const int named = LabelIndex<QByteArray>::kOther;
        QCOMPARE(e.sampleCount["signalbox_upstream_attempts_total"], named + 1);
        QCOMPARE(
            e.value("signalbox_upstream_attempts_total", {{"target", "p/m"}, {"outcome", "e0"}}),
            1.0);
        QCOMPARE(
            e.value("signalbox_upstream_attempts_total", {{"target", "p/m"}, {"outcome", "other"}}),
            double(outcomes - named));
    }
};

QTEST_GUILESS_MAIN(TestMetricsRegistry)
#include "tst_metricsregistry.moc"
