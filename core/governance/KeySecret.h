#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace signalbox {

// The secret of a virtual key: "sbk-" and 43 characters of base64url (32 random bytes
// from the system's generator). Only its SHA-256 and last four characters are kept.
class KeySecret {
public:
    static constexpr QByteArrayView kPrefix = "sbk-";

    static QByteArray generate();
    // Lower-case hex SHA-256, what the store keeps and the directory looks up.
    static QByteArray hash(QByteArrayView secret);
    static QString hint(QByteArrayView secret);  // the last four characters
    // Shaped like a virtual key: the proxy then treats it as one, never as a provider's.
    static bool looksVirtual(QByteArrayView presented) { return presented.startsWith(kPrefix); }
    // A new key id: "vk_" and 16 hex digits.
    static QString newId();
    // What a key is shown as: "sbk-…abcd".
    static QString masked(const QString& hint);
};

}  // namespace signalbox
