#pragma once

#include "http/HttpHeaders.h"
#include "http/UpstreamRequest.h"
#include "providers/ApiError.h"
#include "providers/ProviderEndpoint.h"

#include <QByteArrayView>
#include <QString>

namespace signalbox {

class ChatFormat;
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

    // Whether routing may try again after `error` from this provider. The default
    // follows the error's kind; adapters refine it with the provider's own codes.
    virtual bool isRetryable(const ApiError& error) const { return error.retryable(); }
};

}  // namespace signalbox
