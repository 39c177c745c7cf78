#pragma once

#include <QByteArray>
#include <QString>

namespace signalbox {

// One of a provider's API keys, resolved: the secret, the reference it came from (which
// names it in messages and health without showing it) and its share of the calls.
struct ProviderKey {
    QByteArray secret;
    QString ref;
    int weight = 1;
};

}  // namespace signalbox
