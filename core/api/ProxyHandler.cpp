#include "api/ProxyHandler.h"

#include "api/ChatCall.h"
#include "api/RequestId.h"
#include "engine/SnapshotSlot.h"
#include "http/HttpExchange.h"
#include "json/Json.h"
#include "json/JsonScanner.h"
#include "providers/ChatFormat.h"
#include "providers/ProviderAdapter.h"
#include "providers/ProviderRegistry.h"
#include "routing/ModelResolver.h"

#include <QCoreApplication>
#include <QDateTime>

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

ApiError modelNotFound(const QString& model) {
    return errorOf(404, ApiError::Kind::NotFound,
                   tr("The model '%1' does not exist here: it is neither a route nor "
                      "'provider/model' with a configured provider. GET /v1/models lists what "
                      "is.")
                       .arg(model),
                   "model_not_found");
}

// Where the client's "model" is, and what it says. Reports a client error otherwise.
struct ModelField {
    JsonSpan span;
    QString name;
    bool stream = false;  // "stream": true
};
std::optional<ModelField> readModel(const QByteArray& body, ApiError& error) {
    JsonScanner json;
    if (!json.scan(body, {"model", "stream"})) {
        error = ApiError::invalidRequest(tr("We could not parse the JSON body of your request "
                                            "(%1). The body must be a JSON object.")
                                             .arg(json.error()),
                                         "invalid_json");
        return std::nullopt;
    }
    ModelField field{
        json.span("model"), {}, JsonScanner::isLiteral(body, json.span("stream"), "true")};
    if (!JsonScanner::decodeString(body, field.span, &field.name) || field.name.isEmpty()) {
        error = ApiError::invalidRequest(
            tr("You must provide a model parameter: a route name or 'provider/model'."),
            "missing_model");
        error.param = "model";
        return std::nullopt;
    }
    return field;
}

// The client's body with only the model's bytes replaced, when they change: everything
// else goes out as the client sent it. A rewritten copy frees the original.
QByteArray withModel(HttpExchange& exchange, const ModelField& model, const QString& target) {
    const QByteArray body = exchange.request().body;
    if (target == model.name)
        return body;  // shared, not copied
    QByteArray out;
    out.reserve(body.size() + target.size());
    out.append(body.constData(), model.span.begin);
    JsonScanner::appendQuoted(out, target);
    out.append(body.constData() + model.span.end, body.size() - model.span.end);
    exchange.releaseRequestBody();
    return out;
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
// The model the client named, and where it goes; answers the client itself when either
// is missing.
std::optional<ResolvedTarget> resolve(const QByteArray& body, const ProxySnapshot& snapshot,
                                      ChatCall& call, std::optional<ModelField>& model) {
    ApiError error;
    model = readModel(body, error);
    if (!model) {
        call.fail(error);
        return std::nullopt;
    }
    std::optional<ResolvedTarget> target = ModelResolver::resolve(*snapshot.config, model->name);
    if (!target)
        call.fail(modelNotFound(model->name));
    return target;
}

}  // namespace

ProxyHandler::ProxyHandler(const SnapshotSlot& snapshots)
    : snapshots_(snapshots),
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
            chat(exchange, snapshots_.load(), requestId, *openAi_);
    } else if (path == "/messages") {
        if (needPost())
            chat(exchange, snapshots_.load(), requestId, *anthropic_);
    } else if (path == "/messages/count_tokens") {
        if (needPost())
            countTokens(exchange, snapshots_.load(), requestId);
    } else if (path == "/completions") {
        if (needPost())
            openAiEndpoint(exchange, snapshots_.load(), requestId, ProviderEndpoint::Completions);
    } else if (path == "/embeddings") {
        if (needPost())
            openAiEndpoint(exchange, snapshots_.load(), requestId, ProviderEndpoint::Embeddings);
    } else if (path == "/models" && isGet) {
        models(exchange, *snapshots_.load(), requestId);
    } else if (request.path == "/health" && isGet) {
        sendJson(*exchange, 200, R"({"status":"ok"})", requestId);
    } else {
        sendError(
            *exchange, format,
            errorOf(404, ApiError::Kind::NotFound,
                    tr("Unknown path %1 %2. Signalbox serves POST /v1/chat/completions, "
                       "/v1/completions, /v1/embeddings, /v1/messages and "
                       "/v1/messages/count_tokens, GET /v1/models and GET /health.")
                        .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.path)),
                    "unknown_url"),
            requestId);
    }
}

void ProxyHandler::chat(const std::shared_ptr<HttpExchange>& exchange,
                        std::shared_ptr<const ProxySnapshot> snapshot, const QByteArray& requestId,
                        const ChatFormat& clientFormat) {
    const QByteArray& body = exchange->request().body;
    auto call = std::make_shared<ChatCall>(exchange, snapshot, upstream_, requestId, clientFormat);
    ApiError error;
    std::optional<ModelField> model;
    const std::optional<ResolvedTarget> target = resolve(body, *snapshot, *call, model);
    if (!target)
        return;
    if (target->adapter->chatFormat().takesVerbatim(clientFormat)) {
        call->passThrough(*target, ProviderEndpoint::Chat,
                          withModel(*exchange, *model, target->model), model->stream);
        return;
    }
    // Another format: read the whole request into the canonical model.
    auto request = std::make_shared<ChatRequest>();
    if (!clientFormat.decodeRequest(Json::parseValid(body), *request, error)) {
        call->fail(error);
        return;
    }
    request->sourceFormat = &clientFormat;
    exchange->releaseRequestBody();
    call->translate(*target, std::move(request));
}

void ProxyHandler::countTokens(const std::shared_ptr<HttpExchange>& exchange,
                               std::shared_ptr<const ProxySnapshot> snapshot,
                               const QByteArray& requestId) {
    const QByteArray& body = exchange->request().body;
    auto call = std::make_shared<ChatCall>(exchange, snapshot, upstream_, requestId, *anthropic_);
    ApiError error;
    std::optional<ModelField> model;
    const std::optional<ResolvedTarget> target = resolve(body, *snapshot, *call, model);
    if (!target)
        return;
    if (!target->adapter->supports(ProviderEndpoint::CountTokens)) {
        call->fail(unsupported(*target, ProviderEndpoint::CountTokens));
        return;
    }
    if (target->adapter->chatFormat().takesVerbatim(*anthropic_)) {
        call->passThrough(*target, ProviderEndpoint::CountTokens,
                          withModel(*exchange, *model, target->model), false);
        return;
    }
    // count_tokens takes a Messages request without max_tokens; the reader needs one.
    Json json = Json::parseValid(body);
    if (!json.contains("max_tokens"))
        json.set("max_tokens", 1);
    ChatRequest request;
    if (!anthropic_->decodeRequest(json, request, error)) {
        call->fail(error);
        return;
    }
    request.sourceFormat = anthropic_;
    request.model = target->model;
    QByteArray upstreamBody;
    QStringList dropped;
    if (!target->adapter->encodeCountTokens(request, upstreamBody, dropped)) {
        call->fail(unsupported(*target, ProviderEndpoint::CountTokens));
        return;
    }
    dropped.removeAll(QStringLiteral("max_tokens"));
    const ProviderAdapter* adapter = target->adapter;
    call->mapped(*target, ProviderEndpoint::CountTokens, upstreamBody, dropped,
                 [adapter](const QByteArray& answer, ApiError& failure) {
                     std::optional<QByteArray> out;
                     if (const auto count = adapter->decodeCountTokens(answer)) {
                         out = R"({"input_tokens":)" + QByteArray::number(*count) + '}';
                     } else {
                         failure.message = tr("The provider's token count could not be read.");
                     }
                     return out;
                 });
}

void ProxyHandler::openAiEndpoint(const std::shared_ptr<HttpExchange>& exchange,
                                  std::shared_ptr<const ProxySnapshot> snapshot,
                                  const QByteArray& requestId, ProviderEndpoint endpoint) {
    const QByteArray& body = exchange->request().body;
    auto call = std::make_shared<ChatCall>(exchange, snapshot, upstream_, requestId, *openAi_);
    ApiError error;
    std::optional<ModelField> model;
    const std::optional<ResolvedTarget> target = resolve(body, *snapshot, *call, model);
    if (!target)
        return;
    if (!target->adapter->supports(endpoint)) {
        call->fail(unsupported(*target, endpoint));
        return;
    }
    if (target->adapter->chatFormat().name() == openAi_->name()) {
        call->passThrough(*target, endpoint, withModel(*exchange, *model, target->model),
                          model->stream);
        return;
    }
    if (endpoint != ProviderEndpoint::Embeddings) {
        call->fail(unsupported(*target, endpoint));
        return;
    }
    auto json = std::make_shared<const Json>(Json::parseValid(body));
    QByteArray upstreamBody;
    QStringList dropped;
    if (!target->adapter->encodeEmbeddings(*json, target->model, upstreamBody, dropped, error)) {
        call->fail(error);
        return;
    }
    const ProviderAdapter* adapter = target->adapter;
    call->mapped(
        *target, endpoint, upstreamBody, dropped,
        [adapter, json, model = target->model](const QByteArray& answer, ApiError& failure) {
            QByteArray out;
            return adapter->decodeEmbeddings(answer, *json, model, out, failure)
                       ? std::optional<QByteArray>(out)
                       : std::nullopt;
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
