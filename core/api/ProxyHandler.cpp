#include "api/ProxyHandler.h"

#include "api/ChatCall.h"
#include "api/ClientRequest.h"
#include "api/RequestId.h"
#include "engine/RequestLog.h"
#include "engine/SnapshotSlot.h"
#include "governance/ExposureGuard.h"
#include "governance/Governance.h"
#include "http/HttpExchange.h"
#include "json/Json.h"
#include "json/JsonScanner.h"
#include "pricing/PriceTable.h"
#include "providers/ChatFormat.h"
#include "providers/ProviderAdapter.h"
#include "providers/ProviderRegistry.h"
#include "routing/HealthBoard.h"
#include "telemetry/MetricsRegistry.h"

#include <QCoreApplication>
#include <QDateTime>

#include <functional>
#include <set>

namespace signalbox {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("ProxyHandler", text);
}

void sendJson(HttpExchange& exchange, int status, const QByteArray& body,
              const QByteArray& requestId) {
    HttpHeaders headers;
    headers.add("content-type", "application/json");
    headers.add("x-signalbox-request-id", requestId);
    exchange.respond(status, headers, body);
}

ApiError errorOf(int status, ApiError::Kind kind, const QString& message, QByteArray code) {
    ApiError e;
    e.status = status;
    e.kind = kind;
    e.message = message;
    e.code = std::move(code);
    return e;
}

ApiError modelNotFound(const QString& model, bool inFallbacks) {
    return errorOf(404, ApiError::Kind::NotFound,
                   (inFallbacks ? tr("The fallback model '%1' does not exist here: it is neither "
                                     "a route nor 'provider/model' with a configured provider. "
                                     "GET /v1/models lists what is.")
                                : tr("The model '%1' does not exist here: it is neither a route "
                                     "nor 'provider/model' with a configured provider. GET "
                                     "/v1/models lists what is."))
                       .arg(model),
                   "model_not_found");
}

QString endpointName(ProviderEndpoint endpoint) {
    switch (endpoint) {
        case ProviderEndpoint::Chat:
            return tr("chat");
        case ProviderEndpoint::Completions:
            return tr("completions");
        case ProviderEndpoint::Embeddings:
            return tr("embeddings");
        case ProviderEndpoint::CountTokens:
            return tr("token counting");
        case ProviderEndpoint::Models:
            return tr("models");
    }
    return {};
}

ApiError unsupported(const ResolvedTarget& target, ProviderEndpoint endpoint) {
    return errorOf(400, ApiError::Kind::InvalidRequest,
                   tr("'%1' is served by %2, which offers no %3 endpoint that Signalbox can "
                      "call. Pick a model of a provider that has one.")
                       .arg(target.label(), target.adapter->displayName(), endpointName(endpoint)),
                   "unsupported_endpoint");
}
PreparedCall refused(ApiError error, bool skip) {
    PreparedCall call;
    call.error = std::move(error);
    call.skip = skip;
    return call;
}

}  // namespace

ProxyHandler::ProxyHandler(const SnapshotSlot& snapshots, HealthBoard& health, RequestLog& log,
                           Governance& governance)
    : snapshots_(snapshots),
      health_(health),
      log_(log),
      governance_(governance),
      gate_(governance, health.clock()),
      admin_(governance, upstream_, health.clock()),
      random_(std::random_device{}()),
      planner_(health, PriceTable::builtIn(), random_()),
      openAi_(ProviderRegistry::format("openai")),
      anthropic_(ProviderRegistry::format("anthropic")) {
    // Both come with core's own adapters; a build without them is broken.
    Q_ASSERT(openAi_ && anthropic_);
}

void ProxyHandler::sendError(HttpExchange& exchange, const ChatFormat& format,
                             const ApiError& error, const QByteArray& requestId) {
    sendJson(exchange, error.status, format.encodeError(error), requestId);
}

void ProxyHandler::handle(const std::shared_ptr<HttpExchange>& exchange) {
    const HttpRequest& request = exchange->request();
    const QByteArray requestId = newRequestId();
    QByteArrayView path = request.path;
    const bool isPost = request.method == "POST";
    const bool isGet = request.method == "GET" || request.method == "HEAD";
    // Clients configured with a base URL without /v1 call the bare paths.
    if (path.startsWith("/v1/"))
        path = path.sliced(3);
    const bool anthropicSurface = path.startsWith("/messages");
    const ChatFormat& format = anthropicSurface ? *anthropic_ : *openAi_;
    std::shared_ptr<const ProxySnapshot> snapshot = snapshots_.load();
    if (!admitOrigin(exchange, *snapshot->config, format, requestId))
        return;

    auto needPost = [&] {
        if (isPost)
            return true;
        sendError(*exchange, format,
                  errorOf(405, ApiError::Kind::InvalidRequest,
                          tr("Use POST for %1.").arg(QString::fromUtf8(request.path)),
                          "method_not_allowed"),
                  requestId);
        return false;
    };

    if (path == "/chat/completions") {
        if (needPost())
            chat(exchange, std::move(snapshot), requestId, *openAi_, "openai.chat");
    } else if (path == "/messages") {
        if (needPost())
            chat(exchange, std::move(snapshot), requestId, *anthropic_, "anthropic.messages");
    } else if (path == "/messages/count_tokens") {
        if (needPost())
            countTokens(exchange, std::move(snapshot), requestId);
    } else if (path == "/completions") {
        if (needPost())
            openAiEndpoint(exchange, std::move(snapshot), requestId, ProviderEndpoint::Completions);
    } else if (path == "/embeddings") {
        if (needPost())
            openAiEndpoint(exchange, std::move(snapshot), requestId, ProviderEndpoint::Embeddings);
    } else if (path == "/models" && isGet) {
        CallGovernance who;
        if (const auto refused = gate_.identify(request.headers, *snapshot->config, who))
            sendError(*exchange, format, *refused, requestId);
        else
            models(exchange, *snapshot, requestId);
    } else if (request.path == "/health" && isGet) {
        sendJson(*exchange, 200, R"({"status":"ok"})", requestId);
    } else if (request.path == "/metrics" && isGet) {
        metrics(exchange, *snapshot, requestId);
    } else if (request.path == "/admin" || request.path.startsWith("/admin/")) {
        admin_.handle(exchange, std::move(snapshot), requestId);
    } else {
        sendError(
            *exchange, format,
            errorOf(404, ApiError::Kind::NotFound,
                    tr("Unknown path %1 %2. Signalbox serves POST /v1/chat/completions, "
                       "/v1/completions, /v1/embeddings, /v1/messages and "
                       "/v1/messages/count_tokens, GET /v1/models, GET /health, GET /metrics and "
                       "the admin API under /admin/keys.")
                        .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.path)),
                    "unknown_url"),
            requestId);
    }
}

std::shared_ptr<ChatCall> ProxyHandler::newCall(const std::shared_ptr<HttpExchange>& exchange,
                                                std::shared_ptr<const ProxySnapshot> snapshot,
                                                const QByteArray& requestId,
                                                const ChatFormat& clientFormat, QByteArray surface,
                                                std::optional<ClientRequest>& request,
                                                std::optional<RoutePlan>& plan) {
    const QByteArray surfaceName = surface;  // shared, not copied
    auto call = std::make_shared<ChatCall>(exchange, snapshot, upstream_, health_, random_, log_,
                                           requestId, clientFormat, std::move(surface));
    const Config& config = *snapshot->config;
    const HttpHeaders& headers = exchange->request().headers;
    CallGovernance governance;
    // Each refusal is logged with what was known of the request by then.
    const auto refuse = [&](const ApiError& error) -> std::shared_ptr<ChatCall> {
        call->govern(std::move(governance), governance_.cache());
        call->fail(error);
        return nullptr;
    };
    if (auto refused = gate_.identify(headers, config, governance))
        return refuse(*refused);
    ApiError error;
    std::optional<ClientRequest> read = ClientRequest::read(exchange->request().body, error);
    if (!read)
        return refuse(error);
    // The body lives on in `request` (and in the calls it makes), less what it had of
    // fallback fields.
    exchange->releaseRequestBody();
    request = std::move(read);
    // Masked before anything keeps the body: the log, the cache, the providers.
    if (!gate_.redact(*request, *snapshot, governance, error)) {
        call->describe(*request);
        return refuse(error);
    }
    call->describe(*request);
    QString unknown;
    plan = planner_.plan(*snapshot, request->model, request->fallbacks, request->body, &unknown);
    if (auto refused = gate_.authorize(governance, *request))
        return refuse(*refused);
    if (!plan)
        return refuse(modelNotFound(unknown, unknown != request->model));
    if (auto refused = gate_.admit(*request, *plan, *snapshot, governance))
        return refuse(*refused);
    const auto cached = gate_.lookup(surfaceName, *request, headers, config, governance);
    call->govern(std::move(governance), governance_.cache());
    if (cached) {
        call->serveCached(*cached, *request);
        return nullptr;
    }
    return call;
}

bool ProxyHandler::admitOrigin(const std::shared_ptr<HttpExchange>& exchange, const Config& config,
                               const ChatFormat& format, const QByteArray& requestId) {
    const HttpRequest& request = exchange->request();
    const ExposureGuard::Verdict verdict = ExposureGuard::check(request.headers, config);
    if (verdict != ExposureGuard::Verdict::Allow) {
        sendError(*exchange, format,
                  errorOf(403, ApiError::Kind::PermissionDenied,
                          ExposureGuard::message(verdict, request.headers), "forbidden_origin"),
                  requestId);
        return false;
    }
    const QByteArrayView origin = request.headers.value("origin");
    if (origin.isEmpty())
        return true;
    // An allowed page may read the answers, and the headers that describe them.
    exchange->addResponseHeader("access-control-allow-origin", origin.toByteArray());
    exchange->addResponseHeader("vary", "Origin");
    exchange->addResponseHeader(
        "access-control-expose-headers",
        "x-signalbox-request-id, x-signalbox-target, x-signalbox-attempts, x-signalbox-cache, "
        "x-signalbox-dropped, x-ratelimit-limit-requests, x-ratelimit-remaining-requests, "
        "x-ratelimit-reset-requests, x-ratelimit-limit-tokens, x-ratelimit-remaining-tokens, "
        "x-ratelimit-reset-tokens, retry-after");
    if (request.method != "OPTIONS")
        return true;
    HttpHeaders headers;
    headers.add("access-control-allow-methods", "GET, POST, PATCH, DELETE, OPTIONS");
    const QByteArrayView asked = request.headers.value("access-control-request-headers");
    headers.add("access-control-allow-headers",
                asked.isEmpty() ? QByteArray("authorization, content-type, x-api-key")
                                : asked.toByteArray());
    headers.add("access-control-max-age", "600");
    headers.add("x-signalbox-request-id", requestId);
    exchange->respond(204, headers, {});
    return false;
}

void ProxyHandler::metrics(const std::shared_ptr<HttpExchange>& exchange,
                           const ProxySnapshot& snapshot, const QByteArray& requestId) {
    const Config& config = *snapshot.config;
    if (config.governance.keysRequired(config.listen)) {
        if (const auto refused = AdminApi::checkToken(exchange->request().headers, snapshot)) {
            sendError(*exchange, *openAi_, *refused, requestId);
            return;
        }
    }
    QByteArray text;
    log_.renderMetrics(text);
    HttpHeaders headers;
    headers.add("content-type", MetricsRegistry::kContentType);
    headers.add("x-signalbox-request-id", requestId);
    exchange->respond(200, headers, text);
}

void ProxyHandler::chat(const std::shared_ptr<HttpExchange>& exchange,
                        std::shared_ptr<const ProxySnapshot> snapshot, const QByteArray& requestId,
                        const ChatFormat& clientFormat, QByteArray surface) {
    std::optional<ClientRequest> request;
    std::optional<RoutePlan> plan;
    const auto call =
        newCall(exchange, snapshot, requestId, clientFormat, std::move(surface), request, plan);
    if (!call)
        return;
    // An OpenAI stream passed through is asked for its usage, which the log prices; the
    // chunk that brings it is cut when the client did not ask for it itself.
    const bool addUsage = &clientFormat == openAi_ && request->stream && !request->hasStreamOptions;
    if (addUsage)
        call->cutAddedUsage();
    // Read into the canonical model once, when the first target of another format needs it.
    // The call keeps the preparer, and the preparer what it read.
    const ChatFormat* format = &clientFormat;
    call->run(
        std::move(*plan),
        [request = std::move(*request), canonical = std::shared_ptr<ChatRequest>(),
         decodeError = std::optional<ApiError>(), format,
         addUsage](const ResolvedTarget& target) mutable -> PreparedCall {
            PreparedCall prepared;
            if (target.adapter->chatFormat().takesVerbatim(*format)) {
                prepared.body = addUsage ? request.withModelAndUsage(target.model)
                                         : request.withModel(target.model);
                prepared.stream = request.stream;
                return prepared;
            }
            if (!canonical && !decodeError) {
                auto decoded = std::make_shared<ChatRequest>();
                ApiError error;
                if (format->decodeRequest(Json::parseValid(request.body), *decoded, error)) {
                    decoded->sourceFormat = format;
                    canonical = std::move(decoded);
                } else {
                    decodeError = error;
                }
            }
            if (decodeError)
                return refused(*decodeError, false);
            ChatRequest& canon = *canonical;
            prepared.mode = PreparedCall::Mode::Translate;
            // Written for the provider under its model name, then kept under the client's,
            // which the answer echoes. Swapping the name spares a copy of the conversation.
            QString clientModel = std::exchange(canon.model, target.model);
            prepared.body =
                target.adapter->chatFormat().encodeRequest(canon, prepared.dropped).serialize();
            canon.model = std::move(clientModel);
            prepared.request = canonical;
            prepared.stream = canon.stream;
            return prepared;
        });
}

void ProxyHandler::countTokens(const std::shared_ptr<HttpExchange>& exchange,
                               std::shared_ptr<const ProxySnapshot> snapshot,
                               const QByteArray& requestId) {
    std::optional<ClientRequest> request;
    std::optional<RoutePlan> plan;
    const auto call = newCall(exchange, snapshot, requestId, *anthropic_, "anthropic.count_tokens",
                              request, plan);
    if (!call)
        return;
    const ChatFormat* anthropic = anthropic_;
    call->run(std::move(*plan),
              [request = std::move(*request), anthropic](const ResolvedTarget& target) {
                  if (!target.adapter->supports(ProviderEndpoint::CountTokens))
                      return refused(unsupported(target, ProviderEndpoint::CountTokens), true);
                  PreparedCall prepared;
                  prepared.endpoint = ProviderEndpoint::CountTokens;
                  if (target.adapter->chatFormat().takesVerbatim(*anthropic)) {
                      prepared.body = request.withModel(target.model);
                      return prepared;
                  }
                  // count_tokens takes a Messages request without max_tokens; the reader needs one.
                  Json json = Json::parseValid(request.body);
                  if (!json.contains("max_tokens"))
                      json.set("max_tokens", 1);
                  ChatRequest canon;
                  ApiError error;
                  if (!anthropic->decodeRequest(json, canon, error))
                      return refused(error, false);
                  canon.sourceFormat = anthropic;
                  canon.model = target.model;
                  if (!target.adapter->encodeCountTokens(canon, prepared.body, prepared.dropped))
                      return refused(unsupported(target, ProviderEndpoint::CountTokens), true);
                  prepared.dropped.removeAll(QStringLiteral("max_tokens"));
                  prepared.mode = PreparedCall::Mode::Mapped;
                  const ProviderAdapter* adapter = target.adapter;
                  prepared.mapper = [adapter](const QByteArray& answer, ApiError& failure) {
                      std::optional<QByteArray> out;
                      if (const auto count = adapter->decodeCountTokens(answer)) {
                          out = R"({"input_tokens":)" + QByteArray::number(*count) + '}';
                      } else {
                          failure.message = tr("The provider's token count could not be read.");
                      }
                      return out;
                  };
                  return prepared;
              });
}

void ProxyHandler::openAiEndpoint(const std::shared_ptr<HttpExchange>& exchange,
                                  std::shared_ptr<const ProxySnapshot> snapshot,
                                  const QByteArray& requestId, ProviderEndpoint endpoint) {
    std::optional<ClientRequest> request;
    std::optional<RoutePlan> plan;
    const auto call = newCall(
        exchange, snapshot, requestId, *openAi_,
        endpoint == ProviderEndpoint::Embeddings ? "openai.embeddings" : "openai.completions",
        request, plan);
    if (!call)
        return;
    const bool addUsage = request->stream && !request->hasStreamOptions;
    if (addUsage)
        call->cutAddedUsage();
    const ChatFormat* openAi = openAi_;
    // The body read as JSON once, when a target needs it, and shared with the answer's reader.
    call->run(std::move(*plan),
              [request = std::move(*request), openAi, endpoint, addUsage,
               json = std::shared_ptr<const Json>()](const ResolvedTarget& target) mutable {
                  if (!target.adapter->supports(endpoint))
                      return refused(unsupported(target, endpoint), true);
                  PreparedCall prepared;
                  prepared.endpoint = endpoint;
                  const ChatFormat& format = target.adapter->chatFormat();
                  if (format.name() == openAi->name()) {
                      // Providers that refuse stream_options get the body as it came.
                      prepared.body = addUsage && format.takesVerbatim(*openAi)
                                          ? request.withModelAndUsage(target.model)
                                          : request.withModel(target.model);
                      prepared.stream = request.stream;
                      return prepared;
                  }
                  if (endpoint != ProviderEndpoint::Embeddings)
                      return refused(unsupported(target, endpoint), true);
                  if (!json)
                      json = std::make_shared<const Json>(Json::parseValid(request.body));
                  ApiError error;
                  if (!target.adapter->encodeEmbeddings(*json, target.model, prepared.body,
                                                        prepared.dropped, error)) {
                      return refused(error, false);
                  }
                  prepared.mode = PreparedCall::Mode::Mapped;
                  const ProviderAdapter* adapter = target.adapter;
                  prepared.mapper = [adapter, input = json, model = target.model](
                                        const QByteArray& answer, ApiError& failure) {
                      QByteArray out;
                      return adapter->decodeEmbeddings(answer, *input, model, out, failure)
                                 ? std::optional<QByteArray>(out)
                                 : std::nullopt;
                  };
                  return prepared;
              });
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
    const std::function<void(const std::vector<RouteTarget>&)> addTargets =
        [&](const std::vector<RouteTarget>& targets) {
            for (const RouteTarget& t : targets) {
                if (t.isGroup())
                    addTargets(t.members);
                else
                    add(t.label(), t.provider);
            }
        };
    for (const auto& [name, route] : config.routes)
        addTargets(route.targets);
    for (const auto& [id, provider] : config.providers) {
        for (const QString& m : provider.models)
            add(id + QLatin1Char('/') + m, id);
    }
    out.append("]}");
    sendJson(*exchange, 200, out, requestId);
}

}  // namespace signalbox
