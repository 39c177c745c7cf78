#include "api/AdminApi.h"

#include "api/RequestGate.h"
#include "engine/ProxySnapshot.h"
#include "governance/Governance.h"
#include "governance/KeyJson.h"
#include "governance/KeySecret.h"
#include "governance/KeyService.h"
#include "http/HttpExchange.h"
#include "json/Json.h"
#include "providers/ChatFormat.h"
#include "providers/ProviderRegistry.h"
#include "routing/Clock.h"

#include <QCoreApplication>

namespace signalbox {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("AdminApi", text);
}

void send(HttpExchange& exchange, int status, const QByteArray& body, const QByteArray& requestId) {
    HttpHeaders headers;
    headers.add("content-type", "application/json");
    headers.add("x-signalbox-request-id", requestId);
    headers.add("cache-control", "no-store");  // a new key's secret must not linger anywhere
    exchange.respond(status, headers, body);
}

void sendError(HttpExchange& exchange, const ApiError& error, const QByteArray& requestId) {
    send(exchange, error.status, ProviderRegistry::format("openai")->encodeError(error), requestId);
}

// Compares without leaking, through its time, how much of the token was right.
bool sameSecret(QByteArrayView a, QByteArrayView b) {
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

// A store failure or a request at fault, told apart by what the service said.
ApiError failureOf(const QString& error) {
    if (KeyService::isNotFound(error))
        return ApiError::of(404, ApiError::Kind::NotFound, "key_not_found", error);
    return ApiError::of(400, ApiError::Kind::InvalidRequest, "invalid_key_settings", error);
}
}  // namespace

std::optional<ApiError> AdminApi::checkToken(const HttpHeaders& headers,
                                             const ProxySnapshot& snapshot) {
    const QByteArrayView presented = RequestGate::presentedKey(headers);
    if (KeySecret::looksVirtual(presented)) {
        return ApiError::of(403, ApiError::Kind::PermissionDenied, "admin_only",
                            tr("Virtual keys cannot use the admin API; send the admin token "
                               "(governance.admin_token)."));
    }
    if (snapshot.adminToken.isEmpty()) {
        return ApiError::of(403, ApiError::Kind::PermissionDenied, "admin_api_off",
                            snapshot.adminTokenError.isEmpty()
                                ? tr("The admin API is off: set governance.admin_token in the "
                                     "config to a key reference (env:NAME, keychain:NAME or "
                                     "file:PATH).")
                                : tr("The admin API is off: its token could not be read (%1).")
                                      .arg(snapshot.adminTokenError));
    }
    if (presented.isEmpty() || !sameSecret(presented, snapshot.adminToken)) {
        return ApiError::of(401, ApiError::Kind::Authentication, "invalid_admin_token",
                            tr("The admin API needs the admin token as 'Authorization: Bearer "
                               "TOKEN'; none was sent, or it is not the one configured."));
    }
    return std::nullopt;
}

void AdminApi::handle(const std::shared_ptr<HttpExchange>& exchange,
                      std::shared_ptr<const ProxySnapshot> snapshot, const QByteArray& requestId) {
    const HttpRequest& request = exchange->request();
    if (const auto refused = checkToken(request.headers, *snapshot)) {
        sendError(*exchange, *refused, requestId);
        return;
    }
    KeyService& service = governance_.keyService();
    if (!service.isOpen()) {
        sendError(*exchange,
                  ApiError::of(503, ApiError::Kind::ServerError, "store_unavailable",
                               tr("Virtual keys live in the request log's database, and this "
                                  "gateway has none: start signalboxd with --data-dir.")),
                  requestId);
        return;
    }
    const QByteArrayView path = request.path;
    const QByteArrayView method = request.method;
    const QStringList parts =
        QString::fromUtf8(path).split(QLatin1Char('/'), Qt::SkipEmptyParts);  // admin, keys, ...
    const auto notFound = [&] {
        sendError(*exchange,
                  ApiError::of(404, ApiError::Kind::NotFound, "unknown_url",
                               tr("Unknown admin path %1 %2. The admin API serves /admin/keys and "
                                  "/admin/keys/ID (GET, PATCH, DELETE), POST /admin/keys and "
                                  "/admin/keys/ID/revoke, GET /admin/keys/ID/usage.")
                                   .arg(QString::fromLatin1(method), QString::fromUtf8(path))),
                  requestId);
    };
    if (parts.size() < 2 || parts[1] != u"keys" || parts.size() > 4) {
        notFound();
        return;
    }
    const qint64 now = clock_.wallMs();
    std::shared_ptr<HttpExchange> held = exchange;
    const auto answerOne = [held, requestId, now](int status) {
        return
            [held, requestId, now, status](std::optional<KeyReport> report, const QString& error) {
                if (!report) {
                    sendError(*held, failureOf(error), requestId);
                    return;
                }
                send(*held, status, KeyJson::toJson(*report, now).serialize(), requestId);
            };
    };
    const auto answerFirst = [held, requestId, now](std::optional<std::vector<KeyReport>> reports,
                                                    const QString& error) {
        if (!reports || reports->empty()) {
            sendError(*held, failureOf(error), requestId);
            return;
        }
        send(*held, 200, KeyJson::toJson(reports->front(), now).serialize(), requestId);
    };
    const auto readChanges = [&]() -> std::optional<KeyChanges> {
        QString error;
        const std::optional<Json> body = Json::parse(request.body, &error);
        std::optional<KeyChanges> changes =
            body ? KeyChanges::fromJson(*body, &error) : std::nullopt;
        if (!changes) {
            sendError(*exchange,
                      ApiError::of(400, ApiError::Kind::InvalidRequest, "invalid_key_settings",
                                   body ? error : tr("The body is not JSON: %1").arg(error)),
                      requestId);
        }
        return changes;
    };
    const auto methodNotAllowed = [&](const char* allowed) {
        sendError(
            *exchange,
            ApiError::of(405, ApiError::Kind::InvalidRequest, "method_not_allowed",
                         tr("%1 takes %2.").arg(QString::fromUtf8(path), QLatin1String(allowed))),
            requestId);
    };

    if (parts.size() == 2) {  // /admin/keys
        if (method == "GET") {
            service.report({}, &context_,
                           [held, requestId, now](std::optional<std::vector<KeyReport>> reports,
                                                  const QString& error) {
                               if (!reports) {
                                   sendError(*held, failureOf(error), requestId);
                                   return;
                               }
                               Json data = Json::array();
                               for (const KeyReport& report : *reports)
                                   data.append(KeyJson::toJson(report, now));
                               Json out = Json::object();
                               out.set("object", "list");
                               out.set("data", std::move(data));
                               send(*held, 200, out.serialize(), requestId);
                           });
        } else if (method == "POST") {
            if (auto changes = readChanges())
                service.create(std::move(*changes), &context_, answerOne(201));
        } else {
            methodNotAllowed("GET, POST");
        }
        return;
    }
    const QString id = parts[2];
    if (parts.size() == 4) {
        if (parts[3] == u"revoke" && method == "POST") {
            service.revoke(id, &context_, answerOne(200));
        } else if (parts[3] == u"usage" && method == "GET") {
            service.report(id, &context_, answerFirst);
        } else {
            notFound();
        }
        return;
    }
    if (method == "GET") {
        service.report(id, &context_, answerFirst);
    } else if (method == "PATCH") {
        if (auto changes = readChanges())
            service.update(id, std::move(*changes), &context_, answerOne(200));
    } else if (method == "DELETE") {
        service.revoke(id, &context_, answerOne(200));
    } else {
        methodNotAllowed("GET, PATCH, DELETE");
    }
}

}  // namespace signalbox
