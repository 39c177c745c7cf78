#include "api/ProxyHandler.h"

#include "api/ChatPassThrough.h"
#include "api/OpenAiError.h"
#include "api/RequestId.h"
#include "engine/SnapshotSlot.h"
#include "http/HttpExchange.h"
#include "json/JsonScanner.h"
#include "routing/ModelResolver.h"

#include <QCoreApplication>
#include <QDateTime>

#include <set>

namespace signalbox {

namespace {
void sendJson(HttpExchange& exchange, int status, const QByteArray& body,
              const QByteArray& requestId) {
    HttpHeaders headers;
    headers.add("content-type", "application/json");
    headers.add("x-signalbox-request-id", requestId);
    exchange.respond(status, headers, body);
}

void sendError(HttpExchange& exchange, const OpenAiError& error, const QByteArray& requestId) {
    sendJson(exchange, error.status, error.toJson(), requestId);
}

QString tr(const char* text) {
    return QCoreApplication::translate("ProxyHandler", text);
}
}  // namespace

ProxyHandler::ProxyHandler(const SnapshotSlot& snapshots) : snapshots_(snapshots) {}

void ProxyHandler::handle(const std::shared_ptr<HttpExchange>& exchange) {
    const HttpRequest& request = exchange->request();
    const QByteArray requestId = newRequestId();
    const QByteArray& path = request.path;
    const bool isPost = request.method == "POST";
    const bool isGet = request.method == "GET" || request.method == "HEAD";

    if (path == "/v1/chat/completions" || path == "/chat/completions") {
        if (!isPost) {
            sendError(*exchange,
                      {405, tr("Use POST for chat completions."), "invalid_request_error",
                       "method_not_allowed"},
                      requestId);
            return;
        }
        chatCompletions(exchange, snapshots_.load(), requestId);
        return;
    }
    if ((path == "/v1/models" || path == "/models") && isGet) {
        models(exchange, *snapshots_.load(), requestId);
        return;
    }
    if (path == "/health" && isGet) {
        sendJson(*exchange, 200, R"({"status":"ok"})", requestId);
        return;
    }
    sendError(*exchange,
              {404,
               tr("Unknown path %1 %2. Signalbox serves POST /v1/chat/completions, GET /v1/models "
                  "and GET /health.")
                   .arg(QString::fromLatin1(request.method), QString::fromUtf8(path)),
               "invalid_request_error", "unknown_url"},
              requestId);
}

void ProxyHandler::chatCompletions(const std::shared_ptr<HttpExchange>& exchange,
                                   std::shared_ptr<const ProxySnapshot> snapshot,
                                   const QByteArray& requestId) {
    const QByteArray& body = exchange->request().body;
    JsonScanner json;
    if (!json.scan(body, {"model"})) {
        sendError(*exchange,
                  OpenAiError::invalidRequest(
                      tr("We could not parse the JSON body of your request (%1). The body must "
                         "be a JSON object.")
                          .arg(json.error()),
                      "invalid_json"),
                  requestId);
        return;
    }
    const JsonSpan modelSpan = json.span("model");
    QString model;
    if (!JsonScanner::decodeString(body, modelSpan, &model) || model.isEmpty()) {
        sendError(*exchange,
                  OpenAiError::invalidRequest(tr("You must provide a model parameter: a route name "
                                                 "or 'provider/model'."),
                                              "missing_model"),
                  requestId);
        return;
    }
    const std::optional<ResolvedTarget> target = ModelResolver::resolve(*snapshot->config, model);
    if (!target) {
        sendError(*exchange, OpenAiError::modelNotFound(model), requestId);
        return;
    }
    // Rewrite the model's bytes only; everything else goes out as the client sent it.
    QByteArray upstreamBody;
    if (target->model == model) {
        upstreamBody = body;
    } else {
        upstreamBody.reserve(body.size() + target->model.size());
        upstreamBody.append(body.constData(), modelSpan.begin);
        JsonScanner::appendQuoted(upstreamBody, target->model);
        upstreamBody.append(body.constData() + modelSpan.end, body.size() - modelSpan.end);
    }
    if (target->model != model) {
        exchange->releaseRequestBody();  // the rewritten copy is all that is needed now
    }
    auto call =
        std::make_shared<ChatPassThrough>(exchange, std::move(snapshot), upstream_, requestId);
    call->start(*target, std::move(upstreamBody), "/chat/completions");
}

void ProxyHandler::models(const std::shared_ptr<HttpExchange>& exchange,
                          const ProxySnapshot& snapshot, const QByteArray& requestId) {
    const Config& config = *snapshot.config;
    QByteArray out = R"({"object":"list","data":[)";
    const QByteArray created = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    bool first = true;
    std::set<QString> seen;
    auto add = [&](const QString& id, const QString& owner) {
        if (!seen.insert(id).second)
            return;
        if (!first)
            out.append(',');
        first = false;
        out.append(R"({"id":)");
        JsonScanner::appendQuoted(out, id);
        out.append(R"(,"object":"model","created":)").append(created).append(R"(,"owned_by":)");
        JsonScanner::appendQuoted(out, owner);
        out.append('}');
    };
    for (const auto& [name, route] : config.routes) {
        add(name, QStringLiteral("signalbox"));
    }
    for (const auto& [name, route] : config.routes) {
        for (const RouteTarget& t : route.targets)
            add(t.label(), t.provider);
    }
    for (const auto& [id, provider] : config.providers) {
        for (const QString& m : provider.models)
            add(id + QLatin1Char('/') + m, id);
    }
    out.append("]}");
    sendJson(*exchange, 200, out, requestId);
}

}  // namespace signalbox
