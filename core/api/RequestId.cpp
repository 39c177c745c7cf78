#include "api/RequestId.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <atomic>

namespace signalbox {

QByteArray requestIdFor(qint64 unixMs, quint32 counter) {
    static constexpr char kHex[] = "0123456789abcdef";
    QByteArray id(19, Qt::Uninitialized);
    id[0] = 's';
    id[1] = 'b';
    id[2] = '-';
    // 44 bits of milliseconds (until the year 2527), then 20 of the counter.
    quint64 v = (static_cast<quint64>(unixMs) << 20) | (counter & 0xFFFFF);
    for (int i = 18; i >= 3; --i) {
        id[i] = kHex[v & 0xF];
        v >>= 4;
    }
    return id;
}

QByteArray newRequestId() {
    static std::atomic<quint32> counter{QRandomGenerator::system()->generate()};
    return requestIdFor(QDateTime::currentMSecsSinceEpoch(),
                        counter.fetch_add(1, std::memory_order_relaxed));
}

}  // namespace signalbox
