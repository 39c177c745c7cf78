#pragma once

#include "http/HttpHeaders.h"
#include "http/UpstreamRequest.h"
#include "providers/ApiError.h"
#include "providers/LocalResponder.h"
#include "providers/ProviderEndpoint.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace signalbox {

class ChatFormat;
class Json;
struct ChatRequest;
struct ProviderConfig;

// Everything Signalbox knows about one provider family: where its endpoints are, how
// it authenticates, which wire format it speaks and how its failures are classified.
// One instance per kind, registered in ProviderRegistry at start-up, shared by all
// threads.
class ProviderAdapter {
public:
    virtual ~ProviderAdapter() = default;

    virtual QString kind() const = 0;         // what configs write after "kind:"
    virtual QString displayName() const = 0;  // for people, e.g. "Anthropic"
    // base_url when the config gives none, as the provider's SDK calls it; empty when
    // the kind needs one from the user (Azure, self-hosted servers).
    virtual QString defaultBaseUrl() const = 0;
    virtual bool needsBaseUrl() const { return true; }
    // Non-empty for kinds whose URLs carry an API version users may set (`api_version`).
    virtual QString defaultApiVersion() const { return {}; }
    // Whether `keys:` may be left out (local servers).
    virtual bool keyOptional() const { return false; }

    virtual const ChatFormat& chatFormat() const = 0;
    virtual bool supports(ProviderEndpoint endpoint) const = 0;

    // The call for `endpoint` to `model`: URL, method and the headers of auth and
    // versioning. The caller adds the body and content type. `clientHeaders` are the
    // inbound request's, for headers a same-format client may pass on (e.g.
    // anthropic-beta). `key` is empty when the provider has none.
    virtual UpstreamRequest prepare(ProviderEndpoint endpoint, const ProviderConfig& provider,
                                    QByteArrayView key, const QString& model, bool stream,
                                    const HttpHeaders& clientHeaders) const = 0;

    // Non-null for providers that answer inside the process: the call goes to it instead
    // of the network.
    virtual LocalResponder::Ptr newLocalResponder() const;

    // Side endpoints for clients of another format than this provider's (same-format
    // clients pass through). Token counting: the body for `request`, and the count read
    // from the answer. False / nullopt where the provider cannot.
    virtual bool encodeCountTokens(const ChatRequest& request, QByteArray& body,
                                   QStringList& dropped) const;
    virtual std::optional<qint64> decodeCountTokens(const QByteArray& answer) const;
    // Embeddings for an OpenAI /v1/embeddings request, and the answer back in OpenAI's
    // shape. False with `error` set where the request cannot be served.
    virtual bool encodeEmbeddings(const Json& openAiRequest, const QString& model, QByteArray& body,
                                  QStringList& dropped, ApiError& error) const;
    virtual bool decodeEmbeddings(const QByteArray& answer, const Json& openAiRequest,
                                  const QString& model, QByteArray& out, ApiError& error) const;

    // Whether routing may try again after `error` from this provider. The default
    // follows the error's kind; adapters refine it with the provider's own codes.
    virtual bool isRetryable(const ApiError& error) const { return error.retryable(); }
};

}  // namespace signalbox
