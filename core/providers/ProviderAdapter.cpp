#include "providers/ProviderAdapter.h"

#include <QCoreApplication>

namespace signalbox {

namespace {
ApiError cannotEmbed(const ProviderAdapter& adapter) {
    return ApiError::invalidRequest(
        QCoreApplication::translate("ProviderAdapter",
                                    "%1 cannot serve embeddings for this client's format.")
            .arg(adapter.displayName()),
        "unsupported_endpoint");
}
}  // namespace

LocalResponder::Ptr ProviderAdapter::newLocalResponder() const {
    return nullptr;
}

bool ProviderAdapter::encodeCountTokens(const ChatRequest&, QByteArray&, QStringList&) const {
    return false;
}

std::optional<qint64> ProviderAdapter::decodeCountTokens(const QByteArray&) const {
    return std::nullopt;
}

bool ProviderAdapter::encodeEmbeddings(const Json&, const QString&, QByteArray&, QStringList&,
                                       ApiError& error) const {
    error = cannotEmbed(*this);
    return false;
}

bool ProviderAdapter::decodeEmbeddings(const QByteArray&, const Json&, const QString&, QByteArray&,
                                       ApiError& error) const {
    error = cannotEmbed(*this);
    return false;
}

}  // namespace signalbox
