#pragma once

#include <QByteArray>
#include <QString>

namespace signalbox {

struct ProxySnapshot;

// Masks secrets in text that leaves the gateway's hands (an error a provider wrote, a
// stored body): every provider key the snapshot holds, and anything shaped like a key
// (SecretPattern), as "[redacted]". Off the hot path: errors and kept bodies only.
class SecretMask {
public:
    static void apply(QByteArray& text, const ProxySnapshot& snapshot);
    static void apply(QString& text, const ProxySnapshot& snapshot);
};

}  // namespace signalbox
