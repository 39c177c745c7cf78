#pragma once

#include "providers/ApiError.h"

#include <QByteArray>

#include <memory>
#include <optional>

class QObject;

namespace signalbox {

class Clock;
class Governance;
class HttpExchange;
class HttpHeaders;
struct ProxySnapshot;

// The admin API under /admin, for operators and scripts: virtual keys created, listed,
// changed, revoked, and their use. Guarded by the admin token (governance.admin_token),
// sent as "Authorization: Bearer" or "x-api-key"; virtual keys never pass. Without a
// token configured it is off. The store's work runs off this thread (KeyService); the
// answer comes back on `context`'s, the worker's own.
//
//   GET    /admin/keys              every key
//   POST   /admin/keys              a new key: the secret is in this answer only (201)
//   GET    /admin/keys/ID           one key;  GET /admin/keys/ID/usage the same
//   PATCH  /admin/keys/ID           changes its settings
//   DELETE /admin/keys/ID           revokes it (also POST /admin/keys/ID/revoke)
class AdminApi {
public:
    AdminApi(Governance& governance, QObject& context, const Clock& clock)
        : governance_(governance), context_(context), clock_(clock) {}

    void handle(const std::shared_ptr<HttpExchange>& exchange,
                std::shared_ptr<const ProxySnapshot> snapshot, const QByteArray& requestId);

    // Why these headers do not carry the admin token (401, 403), or nothing when they do.
    static std::optional<ApiError> checkToken(const HttpHeaders& headers,
                                              const ProxySnapshot& snapshot);

private:
    Governance& governance_;
    QObject& context_;
    const Clock& clock_;
};

}  // namespace signalbox
