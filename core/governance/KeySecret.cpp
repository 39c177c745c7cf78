#include "governance/KeySecret.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

namespace signalbox {

QByteArray KeySecret::generate() {
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray raw(reinterpret_cast<const char*>(words.data()),
                         static_cast<qsizetype>(words.size() * sizeof(quint32)));
    return kPrefix.toByteArray() +
           raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray KeySecret::hash(QByteArrayView secret) {
    return QCryptographicHash::hash(secret, QCryptographicHash::Sha256).toHex();
}

QString KeySecret::hint(QByteArrayView secret) {
    return QString::fromLatin1(secret.last(std::min<qsizetype>(4, secret.size())));
}

QString KeySecret::newId() {
    return QStringLiteral("vk_") +
           QString::number(QRandomGenerator::system()->generate64(), 16).rightJustified(16, u'0');
}

QString KeySecret::masked(const QString& hint) {
    return QString::fromLatin1(kPrefix) + QChar(0x2026) + hint;
}

}  // namespace signalbox
