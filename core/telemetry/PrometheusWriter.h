#pragma once

#include "telemetry/LatencyHistogram.h"

#include <QByteArray>
#include <QByteArrayView>

#include <initializer_list>
#include <utility>

namespace signalbox {

// Appends the Prometheus text exposition format 0.0.4: a family's HELP and TYPE lines,
// then its samples as `name{label="value",...} value`. Label values are escaped;
// names and help text are the caller's constants.
class PrometheusWriter {
public:
    using Label = std::pair<QByteArrayView, QByteArrayView>;

    explicit PrometheusWriter(QByteArray& out) : out_(out) {}

    // `type` is "counter", "gauge" or "histogram".
    void family(QByteArrayView name, QByteArrayView type, QByteArrayView help);
    void sample(QByteArrayView name, std::initializer_list<Label> labels, QByteArrayView value);
    void sample(QByteArrayView name, std::initializer_list<Label> labels, quint64 value);
    // name_bucket{...,le="..."} for every bound and +Inf, then name_sum (seconds) and
    // name_count.
    void histogram(QByteArrayView name, std::initializer_list<Label> labels,
                   const LatencyHistogram::Snapshot& snapshot);

    // Backslash, double quote and line feed escaped, as the format asks.
    static void appendEscaped(QByteArray& out, QByteArrayView value);
    // Milliseconds as exact decimal seconds: 1234 -> "1.234", 2000 -> "2".
    static QByteArray seconds(qint64 ms);
    // The shortest text that reads back as the same double.
    static QByteArray number(double value);

private:
    void appendLabels(std::initializer_list<Label> labels, const Label* extra);

    QByteArray& out_;
};

}  // namespace signalbox
