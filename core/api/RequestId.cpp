#include "api/RequestId.h"

#include <QRandomGenerator64>

namespace signalbox {

QByteArray newRequestId() {
    thread_local QRandomGenerator64 random(QRandomGenerator::system()->generate64());
    static constexpr char kHex[] = "0123456789abcdef";
    QByteArray id(19, Qt::Uninitialized);
    id[0] = 's';
    id[1] = 'b';
    id[2] = '-';
    quint64 v = random.generate64();
    for (int i = 18; i >= 3; --i) {
        id[i] = kHex[v & 0xF];
        v >>= 4;
    }
    return id;
}

}  // namespace signalbox
