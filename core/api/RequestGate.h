#pragma once

#include "api/CallGovernance.h"
#include "providers/ApiError.h"

#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

namespace signalbox {

class Clock;
class Governance;
class HttpHeaders;
struct CachedAnswer;
struct ClientRequest;
struct Config;
struct ProxySnapshot;
struct RoutePlan;

// Governance for one proxied request, step by step before it is dispatched: who asks
// (the virtual key), whether the key may use the model, what is masked before the
// request leaves, whether the key's limits and budget admit it, and whether the cache
// already has the answer. Each step that refuses says why in an ApiError; what passed is
// written into the call's CallGovernance.
class RequestGate {
public:
    RequestGate(Governance& governance, const Clock& clock)
        : governance_(governance), clock_(clock) {}

    // The presented key: "Authorization: Bearer sbk-…" or "x-api-key: sbk-…". 401 for a
    // key unknown, revoked or expired, and for none when the config requires keys.
    // Anything that is not a virtual key is left alone (a local client's provider key).
    std::optional<ApiError> identify(const HttpHeaders& headers, const Config& config,
                                     CallGovernance& out) const;
    // 403 when the key may not use the model or one of the request's own fallbacks.
    std::optional<ApiError> authorize(const CallGovernance& call,
                                      const ClientRequest& request) const;
    // Masks what the route the client named (or the governance default) lists in the
    // body, which is then read again; counts go to `out`. False with `error` when the
    // masked body is unusable; the body is then dropped, never kept unmasked.
    bool redact(ClientRequest& request, const ProxySnapshot& snapshot, CallGovernance& out,
                ApiError& error) const;
    // Takes a request slot, the tokens and the worst-case cost from the key's meter. 429
    // over a limit or the budget; 403 when a key with a budget asks for an unpriced model.
    std::optional<ApiError> admit(const ClientRequest& request, const RoutePlan& plan,
                                  const ProxySnapshot& snapshot, CallGovernance& out) const;
    // The cached answer for this request, if the cache is on for it and has one; sets how
    // the cache takes part (bypass, miss, hit).
    std::shared_ptr<const CachedAnswer> lookup(QByteArrayView surface, const ClientRequest& request,
                                               const HttpHeaders& headers, const Config& config,
                                               CallGovernance& out) const;

    // The key presented in `headers`, if any.
    static QByteArrayView presentedKey(const HttpHeaders& headers);

private:
    Governance& governance_;
    const Clock& clock_;
};

}  // namespace signalbox
