#include "providers/ProviderAdapter.h"

#include <QCoreApplication>

namespace signalbox {

namespace {
ApiError cannot(const ProviderAdapter& adapter, const char* what) {
    return ApiError::invalidRequest(
        QCoreApplication::translate("ProviderAdapter",
                                    "%1 cannot serve %2 for this client's format.")
            .arg(adapter.displayName(), QCoreApplication::translate("ProviderAdapter", what)),
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
    error = cannot(*this, "embeddings");
    return false;
}

bool ProviderAdapter::decodeEmbeddings(const QByteArray&, const Json&, const QString&, QByteArray&,
                                       ApiError& error) const {
    error = cannot(*this, "embeddings");
    return false;
}

}  // namespace signalbox
