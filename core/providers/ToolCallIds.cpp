#include "providers/ToolCallIds.h"

namespace signalbox {

namespace {
constexpr QLatin1StringView kMarker("__sbsig_");
constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
}  // namespace

QString ToolCallIds::fold(const QString& id, const QByteArray& signature) {
    if (signature.isEmpty())
        return id;
    return id + kMarker + QString::fromLatin1(signature.toBase64(kBase64Url));
}

QString ToolCallIds::unfold(const QString& id, QByteArray* signature) {
    const qsizetype at = id.lastIndexOf(kMarker);
    if (at < 0) {
        signature->clear();
        return id;
    }
    const auto decoded =
        QByteArray::fromBase64Encoding(QStringView(id).sliced(at + kMarker.size()).toLatin1(),
                                       kBase64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        signature->clear();
        return id;
    }
    *signature = *decoded;
    return id.left(at);
}

}  // namespace signalbox
