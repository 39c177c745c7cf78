#include "dashboard/DashboardCsv.h"

#include "dashboard/DashboardData.h"

#include <QDateTime>
#include <QStringList>
#include <QTimeZone>

namespace signalbox {

namespace {

QString number(double v) {
    return QString::number(v, 'g', 15);
}

QString number(qint64 v) {
    return QString::number(v);
}

// A percentile; none (-1) is an empty field.
QString millis(qint64 v) {
    return v < 0 ? QString() : QString::number(v);
}

QString isoTime(qint64 ms, int utcOffsetMinutes) {
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(utcOffsetMinutes * 60))
        .toString(Qt::ISODate);
}

class Writer {
public:
    void line(const QString& section, const QString& bucket, const QString& group,
              const QString& metric, const QString& value) {
        const QStringList fields = {section, bucket, group, metric, value};
        QStringList quoted;
        for (const QString& f : fields)
            quoted.append(DashboardCsv::field(f));
        out_ += quoted.join(QLatin1Char(',')).toUtf8();
        out_ += "\r\n";
    }
    QByteArray take() { return std::move(out_); }

private:
    QByteArray out_;
};

void addTop(Writer& w, const QString& section, const std::vector<GroupSpend>& rows,
            const QString& prefix = {}) {
    for (const GroupSpend& g : rows) {
        w.line(section, {}, prefix + g.group, QStringLiteral("cost_usd"), number(g.costUsd));
        w.line(section, {}, prefix + g.group, QStringLiteral("requests"), number(g.requests));
    }
}

}  // namespace

QString DashboardCsv::field(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QByteArray DashboardCsv::build(const DashboardData& data) {
    Writer w;
    w.line(QStringLiteral("section"), QStringLiteral("bucket_start"), QStringLiteral("group"),
           QStringLiteral("metric"), QStringLiteral("value"));
    const RequestFilter& f = data.scope.filter;
    const int offset = data.scope.spend.utcOffsetMinutes;
    w.line(QStringLiteral("range"), {}, {}, QStringLiteral("from"), isoTime(f.fromMs, offset));
    w.line(QStringLiteral("range"), {}, {}, QStringLiteral("to"), isoTime(f.toMs, offset));
    if (!f.route.isEmpty())
        w.line(QStringLiteral("filter"), {}, {}, QStringLiteral("route"), f.route);
    if (!f.virtualKeyId.isEmpty())
        w.line(QStringLiteral("filter"), {}, {}, QStringLiteral("virtual_key"), f.virtualKeyId);
    if (f.hasTag()) {
        w.line(QStringLiteral("filter"), {}, {}, QStringLiteral("tag"),
               f.tagKey + QLatin1Char('=') + f.tagValue);
    }

    const RequestTotals& t = data.totals;
    const QString totals = QStringLiteral("totals");
    w.line(totals, {}, {}, QStringLiteral("requests"), number(t.requests));
    w.line(totals, {}, {}, QStringLiteral("errors"), number(t.errors));
    w.line(totals, {}, {}, QStringLiteral("cost_usd"), number(t.costUsd));
    w.line(totals, {}, {}, QStringLiteral("unpriced"), number(t.unpriced));
    w.line(totals, {}, {}, QStringLiteral("cache_hits"), number(t.cacheHits));
    w.line(totals, {}, {}, QStringLiteral("cache_hit_rate"), number(t.cacheHitRate()));
    w.line(totals, {}, {}, QStringLiteral("cache_saved_usd"), number(t.cacheSavedUsd));

    const SpendData& s = data.spend;
    for (size_t i = 0; i < s.buckets.size(); ++i) {
        const QString bucket = isoTime(s.buckets[i], s.bucket.utcOffsetMinutes);
        for (const SpendData::Model& m : s.models) {
            w.line(QStringLiteral("spend"), bucket, m.other ? QStringLiteral("(other)") : m.target,
                   QStringLiteral("cost_usd"), number(m.costs[i]));
        }
    }
    const TrafficData& traffic = data.traffic;
    for (size_t i = 0; i < traffic.buckets.size(); ++i) {
        const QString bucket = isoTime(traffic.buckets[i], traffic.bucket.utcOffsetMinutes);
        w.line(QStringLiteral("traffic"), bucket, {}, QStringLiteral("requests"),
               number(traffic.requests[i]));
        w.line(QStringLiteral("traffic"), bucket, {}, QStringLiteral("errors"),
               number(traffic.errors[i]));
    }
    for (const LatencyStats& l : data.latency) {
        const QString latency = QStringLiteral("latency");
        w.line(latency, {}, l.target, QStringLiteral("count"), number(l.count));
        w.line(latency, {}, l.target, QStringLiteral("p50_ms"), millis(l.p50Ms));
        w.line(latency, {}, l.target, QStringLiteral("p95_ms"), millis(l.p95Ms));
        w.line(latency, {}, l.target, QStringLiteral("p99_ms"), millis(l.p99Ms));
        w.line(latency, {}, l.target, QStringLiteral("ttft_count"), number(l.ttftCount));
        w.line(latency, {}, l.target, QStringLiteral("ttft_p50_ms"), millis(l.ttftP50Ms));
        w.line(latency, {}, l.target, QStringLiteral("ttft_p95_ms"), millis(l.ttftP95Ms));
    }
    addTop(w, QStringLiteral("top_routes"), data.topRoutes);
    addTop(w, QStringLiteral("top_keys"), data.topKeys);
    addTop(w, QStringLiteral("top_tags"), data.topTags.top, data.topTags.key + QLatin1Char('='));
    return w.take();
}

}  // namespace signalbox
