#include "telemetry/PrometheusWriter.h"

#include <QLocale>

#include <cmath>

namespace signalbox {

namespace {

QByteArray concat(QByteArrayView a, QByteArrayView b) {
    QByteArray out;
    out.reserve(a.size() + b.size());
    out.append(a).append(b);
    return out;
}

}  // namespace

void PrometheusWriter::family(QByteArrayView name, QByteArrayView type, QByteArrayView help) {
    out_.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out_.append("# TYPE ").append(name).append(' ').append(type).append('\n');
}

void PrometheusWriter::sample(QByteArrayView name, std::initializer_list<Label> labels,
                              QByteArrayView value) {
    out_.append(name);
    appendLabels(labels, nullptr);
    out_.append(' ').append(value).append('\n');
}

void PrometheusWriter::sample(QByteArrayView name, std::initializer_list<Label> labels,
                              quint64 value) {
    sample(name, labels, QByteArray::number(value));
}

void PrometheusWriter::histogram(QByteArrayView name, std::initializer_list<Label> labels,
                                 const LatencyHistogram::Snapshot& snapshot) {
    const QByteArray bucket = concat(name, "_bucket");
    for (size_t i = 0; i < LatencyHistogram::kBuckets; ++i) {
        const QByteArray le = i < LatencyHistogram::kBoundsMs.size()
                                  ? seconds(LatencyHistogram::kBoundsMs[i])
                                  : QByteArray("+Inf");
        const Label leLabel{"le", le};
        out_.append(bucket);
        appendLabels(labels, &leLabel);
        out_.append(' ').append(QByteArray::number(snapshot.cumulative[i])).append('\n');
    }
    sample(concat(name, "_sum"), labels, seconds(snapshot.sumMs));
    sample(concat(name, "_count"), labels, snapshot.count);
}

void PrometheusWriter::appendLabels(std::initializer_list<Label> labels, const Label* extra) {
    if (labels.size() == 0 && extra == nullptr)
        return;
    out_.append('{');
    bool first = true;
    const auto append = [&](const Label& label) {
        if (!first)
            out_.append(',');
        first = false;
        out_.append(label.first).append("=\"");
        appendEscaped(out_, label.second);
        out_.append('"');
    };
    for (const Label& label : labels)
        append(label);
    if (extra != nullptr)
        append(*extra);
    out_.append('}');
}

void PrometheusWriter::appendEscaped(QByteArray& out, QByteArrayView value) {
    for (const char c : value) {
        switch (c) {
            case '\\':
                out.append("\\\\");
                break;
            case '"':
                out.append("\\\"");
                break;
            case '\n':
                out.append("\\n");
                break;
            default:
                out.append(c);
        }
    }
}

QByteArray PrometheusWriter::seconds(qint64 ms) {
    QByteArray out;
    if (ms < 0) {
        out.append('-');
        ms = -ms;
    }
    out.append(QByteArray::number(ms / 1000));
    qint64 fraction = ms % 1000;
    if (fraction == 0)
        return out;
    int digits = 3;
    while (fraction % 10 == 0) {
        fraction /= 10;
        --digits;
    }
    out.append('.').append(QByteArray::number(fraction).rightJustified(digits, '0'));
    return out;
}

QByteArray PrometheusWriter::number(double value) {
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

}  // namespace signalbox
