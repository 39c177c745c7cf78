#include "MockFault.h"

namespace signalbox::mock {

MockFault MockFault::fromJson(const QJsonObject& o) {
    MockFault f;
    f.status = o.value(QLatin1String("status")).toInt(0);
    f.retryAfter = o.value(QLatin1String("retry_after")).toVariant().toString().toUtf8();
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

}  // namespace signalbox::mock
