#include "MockFault.h"

namespace signalbox::mock {

MockFault MockFault::fromJson(const QJsonObject& o) {
    MockFault f;
    f.status = o.value(QLatin1String("status")).toInt(0);
    f.retryAfter = o.value(QLatin1String("retry_after")).toVariant().toString().toUtf8();
    f.retryAfterMs = o.value(QLatin1String("retry_after_ms")).toInt(-1);
    f.retryDelay = o.value(QLatin1String("retry_delay")).toString().toUtf8();
    const QJsonObject headers = o.value(QLatin1String("headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        f.headers.append({it.key().toLatin1(), it.value().toVariant().toString().toUtf8()});
    }
    f.error = o.value(QLatin1String("error")).toString();
    f.model = o.value(QLatin1String("model")).toString();
    f.key = o.value(QLatin1String("key")).toString().toUtf8();
    f.times = o.value(QLatin1String("times")).toInt(1);
    if (f.times == 0 || f.times < -1) {
        f.times = 1;
    }
    f.delayMs = o.value(QLatin1String("delay_ms")).toInt(0);
    f.chunkDelayMs = o.value(QLatin1String("chunk_delay_ms")).toInt(-1);
    f.cutAfterChunks = o.value(QLatin1String("cut_after_chunks")).toInt(-1);
    f.garbage = o.value(QLatin1String("garbage")).toBool(false);
    f.body = o.value(QLatin1String("body")).toString().toUtf8();
    f.streamError = o.value(QLatin1String("stream_error")).toString();
    f.blocked = o.value(QLatin1String("blocked")).toBool(false);
    f.finishReason = o.value(QLatin1String("finish_reason")).toString();
    return f;
}

bool MockFault::matches(const QString& requestModel, const QList<QByteArray>& requestKeys) const {
    return (model.isEmpty() || model == requestModel) &&
           (key.isEmpty() || requestKeys.contains(key));
}

}  // namespace signalbox::mock
