#include "engine/SecretMask.h"

#include "engine/ProxySnapshot.h"
#include "governance/SecretPattern.h"

#include <QRegularExpression>

namespace signalbox {

namespace {
constexpr char kMask[] = "[redacted]";

void maskAll(QByteArray& text, QByteArrayView secret) {
    if (secret.size() < 4)
        return;  // too short to tell from ordinary text
    qsizetype at = 0;
    while ((at = text.indexOf(secret, at)) >= 0) {
        text.replace(at, secret.size(), kMask);
        at += qsizetype(sizeof kMask) - 1;
    }
}
}  // namespace

void SecretMask::apply(QByteArray& text, const ProxySnapshot& snapshot) {
    if (text.isEmpty())
        return;
    for (const auto& [provider, keys] : snapshot.providerKeys) {
        for (const ProviderKey& key : keys)
            maskAll(text, key.secret);
    }
    maskAll(text, snapshot.adminToken);
    QString unicode = QString::fromUtf8(text);
    if (unicode.contains(SecretPattern::keyLike())) {
        unicode.replace(SecretPattern::keyLike(), QLatin1String(kMask));
        text = unicode.toUtf8();
    }
}

void SecretMask::apply(QString& text, const ProxySnapshot& snapshot) {
    if (text.isEmpty())
        return;
    QByteArray utf8 = text.toUtf8();
    const qsizetype before = utf8.size();
    const QByteArray original = utf8;
    apply(utf8, snapshot);
    if (utf8.size() != before || utf8 != original)
        text = QString::fromUtf8(utf8);
}

}  // namespace signalbox
