#include "MockHandler.h"

#include "AnthropicMockReply.h"
#include "GeminiMockReply.h"
#include "MockCatalog.h"
#include "MockEmbeddings.h"
#include "MockJsonReply.h"
#include "OpenAiCompletionMockReply.h"
#include "OpenAiMockReply.h"
#include "http/HttpExchange.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <optional>

namespace signalbox::mock {

namespace {

void json(HttpExchange& ex, int status, const QByteArray& body) {
    HttpHeaders h;
    h.add("content-type", "application/json");
    ex.respond(status, h, body);
}

// The request body as a JSON object, or nullopt when it is not one.
std::optional<QJsonObject> bodyObject(const HttpRequest& r) {
    const QJsonDocument doc = QJsonDocument::fromJson(r.body);
    if (!doc.isObject()) {
        return std::nullopt;
    }
    return doc.object();
}

QUrlQuery query(const HttpRequest& r) {
    const qsizetype q = r.target.indexOf('?');
    return QUrlQuery(q < 0 ? QString() : QString::fromUtf8(r.target.mid(q + 1)));
}

// The model a request is for: the Azure deployment, the Gemini model in the
// path, or else the body's "model".
QString requestModel(const HttpRequest& r) {
    if (r.path.startsWith("/openai/deployments/")) {
        return QString::fromUtf8(
            r.path.mid(sizeof("/openai/deployments/") - 1).split('/').value(0));
    }
    if (const qsizetype at = r.path.indexOf("/models/");
        at >= 0 && (r.path.startsWith("/v1beta/") || r.path.contains(':'))) {
        const QByteArray rest = r.path.mid(at + sizeof("/models/") - 1);
        const qsizetype colon = rest.lastIndexOf(':');
        return QString::fromUtf8(colon < 0 ? rest : rest.left(colon));
    }
    const std::optional<QJsonObject> body = bodyObject(r);
    return body ? body->value(QLatin1String("model")).toString() : QString();
}

// Every API key the request carries, whichever provider's way it sends it.
QList<QByteArray> requestKeys(const HttpRequest& r) {
    QList<QByteArray> keys;
    const auto add = [&keys](QByteArrayView key) {
        if (!key.isEmpty() && !keys.contains(key)) {
            keys.append(key.toByteArray());
        }
    };
    if (const QByteArrayView auth = r.headers.value("authorization"); auth.startsWith("Bearer ")) {
        add(auth.sliced(7));
    }
    for (const char* name : {"x-api-key", "api-key", "x-goog-api-key"}) {
        add(r.headers.value(name));
    }
    add(query(r).queryItemValue(QStringLiteral("key"), QUrl::FullyDecoded).toUtf8());
    return keys;
}

template <typename Reply, typename... Args>
void start(Args&&... args) {
    auto* reply = new Reply(std::forward<Args>(args)...);
    reply->start();
}

// A known body, still subject to the request's fault.
void serveJson(MockReplyContext c, const QByteArray& body, MockJsonReply::ErrorBody errors) {
    start<MockJsonReply>(std::move(c), 200, body, std::move(errors));
}

}  // namespace

void MockHandler::handle(const std::shared_ptr<HttpExchange>& exchange) {
    const HttpRequest& r = exchange->request();
    if (r.path.startsWith("/mock/")) {
        control(exchange);
        return;
    }
    RecordedRequest record{r.method, r.target, {}, r.body, requestModel(r), requestKeys(r)};
    for (const auto& f : r.headers.fields()) {
        record.headers.append(f);
    }
    state_->record(std::move(record));

    const bool anthropicHeaders =
        r.headers.contains("x-api-key") || r.headers.contains("anthropic-version");
    if (r.path.startsWith("/openai/deployments/")) {
        azure(exchange);
    } else if (r.path.startsWith("/v1beta/") ||
               (r.path.startsWith("/v1/models/") && r.path.contains(':'))) {
        gemini(exchange);
    } else if (r.path.startsWith("/v1/messages") ||
               (r.path.startsWith("/v1/models") && anthropicHeaders)) {
        anthropic(exchange);
    } else {
        openAi(exchange);
    }
}

MockReplyContext MockHandler::context(const std::shared_ptr<HttpExchange>& exchange, bool queued) {
    MockFault fault;
    if (const QByteArrayView header = exchange->request().headers.value("x-mock-fault");
        !header.isEmpty()) {
        fault = MockFault::fromJson(QJsonDocument::fromJson(header.toByteArray()).object());
    } else if (auto next = queued ? state_->takeFault(requestModel(exchange->request()),
                                                      requestKeys(exchange->request()))
                                  : std::nullopt) {
        fault = *next;
    }
    return {exchange, fault, state_->defaultChunkDelayMs, &state_->clientsGone};
}

bool MockHandler::wrongKey(QByteArrayView sent) const {
    const QByteArray expected = state_->expectedKey();
    return !expected.isEmpty() && sent != expected;
}

void MockHandler::openAi(const std::shared_ptr<HttpExchange>& exchange) {
    const HttpRequest& r = exchange->request();
    const auto errors = [](int status) { return OpenAiMockReply::errorBody(status, {}); };
    const bool known =
        (r.method == "GET" && r.path == "/v1/models") ||
        (r.method == "POST" && (r.path == "/v1/chat/completions" || r.path == "/v1/completions" ||
                                r.path == "/v1/embeddings"));
    if (!known) {
        json(
            *exchange, 404,
            R"({"error":{"message":"Unknown request URL.","type":"invalid_request_error","param":null,"code":"unknown_url"}})");
        return;
    }
    const QByteArrayView auth = r.headers.value("authorization");
    if (wrongKey(auth.startsWith("Bearer ") ? auth.sliced(7) : QByteArrayView())) {
        json(*exchange, 401, errors(401));
        return;
    }
    if (r.method == "GET") {
        serveJson(context(exchange, false), MockCatalog::openAiModels(), errors);
        return;
    }
    const std::optional<QJsonObject> body = bodyObject(r);
    if (!body) {
        json(*exchange, 400, errors(400));
        return;
    }
    if (r.path == "/v1/chat/completions") {
        start<OpenAiMockReply>(context(exchange), *body, r.body);
    } else if (r.path == "/v1/completions") {
        start<OpenAiCompletionMockReply>(context(exchange), *body);
    } else if (const QByteArray out =
                   MockEmbeddings::openAi(*body, body->value(QLatin1String("model")).toString());
               out.isEmpty()) {
        json(
            *exchange, 400,
            R"({"error":{"message":"'input' is a required property","type":"invalid_request_error","param":null,"code":null}})");
    } else {
        serveJson(context(exchange), out, errors);
    }
}

void MockHandler::azure(const std::shared_ptr<HttpExchange>& exchange) {
    const HttpRequest& r = exchange->request();
    // /openai/deployments/{deployment}/{operation}
    const QList<QByteArray> segments = r.path.mid(sizeof("/openai/deployments/") - 1).split('/');
    const QString deployment = QString::fromUtf8(segments.value(0));
    const QByteArray operation =
        r.path.mid(sizeof("/openai/deployments/") - 1 + segments.value(0).size() + 1);
    const bool known = r.method == "POST" && !deployment.isEmpty() &&
                       (operation == "chat/completions" || operation == "completions" ||
                        operation == "embeddings");
    // Without an api-version the service finds no such resource at all.
    if (!known || !query(r).hasQueryItem(QStringLiteral("api-version"))) {
        json(*exchange, 404, OpenAiMockReply::azureErrorBody(404));
        return;
    }
    if (wrongKey(r.headers.value("api-key"))) {
        json(*exchange, 401, OpenAiMockReply::azureErrorBody(401));
        return;
    }
    const std::optional<QJsonObject> body = bodyObject(r);
    if (!body) {
        json(*exchange, 400, OpenAiMockReply::errorBody(400, {}));
        return;
    }
    if (operation == "chat/completions") {
        start<OpenAiMockReply>(context(exchange), *body, r.body, deployment, true);
    } else if (operation == "completions") {
        start<OpenAiCompletionMockReply>(context(exchange), *body, deployment, true);
    } else if (const QByteArray out = MockEmbeddings::openAi(*body, deployment); out.isEmpty()) {
        json(*exchange, 400, OpenAiMockReply::errorBody(400, {}));
    } else {
        serveJson(context(exchange), out, &OpenAiMockReply::azureErrorBody);
    }
}

void MockHandler::anthropic(const std::shared_ptr<HttpExchange>& exchange) {
    const HttpRequest& r = exchange->request();
    const auto errors = [](int status) { return AnthropicMockReply::errorBody(status, {}); };
    // x-api-key, or since the 1.x SDKs the key as a bearer token; x-api-key wins.
    QByteArrayView key = r.headers.value("x-api-key");
    if (const QByteArrayView auth = r.headers.value("authorization");
        key.isEmpty() && auth.startsWith("Bearer ")) {
        key = auth.sliced(7);
    }
    if (wrongKey(key)) {
        json(*exchange, 401,
             AnthropicMockReply::errorBody(401, key.isEmpty()
                                                    ? QStringLiteral("x-api-key header is required")
                                                    : QStringLiteral("invalid x-api-key")));
        return;
    }
    const QByteArrayView version = r.headers.value("anthropic-version");
    if (version.isEmpty() || !AnthropicMockReply::knownVersion(version)) {
        json(*exchange, 400,
             AnthropicMockReply::errorBody(
                 400, version.isEmpty()
                          ? QStringLiteral("anthropic-version: header is required")
                          : QStringLiteral("anthropic-version: \"%1\" is not a valid version")
                                .arg(QString::fromUtf8(version))));
        return;
    }
    if (r.method == "GET" && r.path == "/v1/models") {
        serveJson(context(exchange, false), MockCatalog::anthropicModels(), errors);
        return;
    }
    if (r.method == "GET" && r.path.startsWith("/v1/models/")) {
        const QByteArray model =
            MockCatalog::anthropicModel(QString::fromUtf8(r.path.mid(sizeof("/v1/models/") - 1)));
        if (model.isEmpty()) {
            json(*exchange, 404,
                 AnthropicMockReply::errorBody(404, QStringLiteral("model not found")));
        } else {
            serveJson(context(exchange, false), model, errors);
        }
        return;
    }
    const bool messages = r.path == "/v1/messages";
    if (r.method != "POST" || (!messages && r.path != "/v1/messages/count_tokens")) {
        json(*exchange, 404, AnthropicMockReply::errorBody(404, QStringLiteral("Not Found")));
        return;
    }
    const std::optional<QJsonObject> body = bodyObject(r);
    if (!body) {
        json(*exchange, 400,
             AnthropicMockReply::errorBody(400,
                                           QStringLiteral("The request body is not valid JSON.")));
        return;
    }
    if (messages) {
        start<AnthropicMockReply>(context(exchange), *body, r.body, version);
        return;
    }
    if (const QString refusal = AnthropicMockReply::refusal(*body, version, true);
        !refusal.isEmpty()) {
        json(*exchange, 400, AnthropicMockReply::errorBody(400, refusal));
        return;
    }
    serveJson(context(exchange), AnthropicMockReply::countTokens(*body), errors);
}

void MockHandler::gemini(const std::shared_ptr<HttpExchange>& exchange) {
    const HttpRequest& r = exchange->request();
    const QUrlQuery q = query(r);
    // models/{model} or models/{model}:{method}, after the version segment.
    const QByteArray rest = r.path.mid(r.path.indexOf('/', 1) + 1);
    const qsizetype colon = rest.lastIndexOf(':');
    const QByteArray resource = colon < 0 ? rest : rest.left(colon);
    const QByteArray method = colon < 0 ? QByteArray() : rest.mid(colon + 1);
    const QString model = QString::fromUtf8(resource.mid(sizeof("models/") - 1));
    const bool sse = q.queryItemValue(QStringLiteral("alt")) == QLatin1String("sse");
    const bool inArray = method == "streamGenerateContent" && !sse;

    QByteArray key = r.headers.value("x-goog-api-key").toByteArray();
    if (key.isEmpty()) {
        key = q.queryItemValue(QStringLiteral("key"), QUrl::FullyDecoded).toUtf8();
    }
    if (!state_->expectedKey().isEmpty() && key.isEmpty()) {
        json(*exchange, 403,
             GeminiMockReply::errorBody(
                 403,
                 QStringLiteral("Method doesn't allow unregistered callers (callers without "
                                "established identity). Please use API Key or other form of API "
                                "consumer identity to call this API."),
                 inArray));
        return;
    }
    if (wrongKey(key)) {
        // Google adds an ErrorInfo detail naming the reason.
        const QJsonObject detail{
            {QStringLiteral("@type"), QStringLiteral("type.googleapis.com/google.rpc.ErrorInfo")},
            {QStringLiteral("reason"), QStringLiteral("API_KEY_INVALID")},
            {QStringLiteral("domain"), QStringLiteral("googleapis.com")},
            {QStringLiteral("metadata"),
             QJsonObject{{QStringLiteral("service"),
                          QStringLiteral("generativelanguage.googleapis.com")}}}};
        QJsonObject error =
            QJsonDocument::fromJson(
                GeminiMockReply::errorBody(
                    400, QStringLiteral("API key not valid. Please pass a valid API key.")))
                .object();
        QJsonObject inner = error.value(QLatin1String("error")).toObject();
        inner.insert(QStringLiteral("details"), QJsonArray{detail});
        error.insert(QStringLiteral("error"), inner);
        const QByteArray body = QJsonDocument(error).toJson(QJsonDocument::Compact);
        json(*exchange, 400, inArray ? '[' + body + ']' : body);
        return;
    }
    const auto errors = [](int status) { return GeminiMockReply::errorBody(status, {}); };
    const auto notFound = [&] {
        json(*exchange, 404,
             GeminiMockReply::errorBody(
                 404,
                 QStringLiteral("models/%1 is not found for API version v1beta, or is not "
                                "supported for %2. Call ListModels to see the list of available "
                                "models and their supported methods.")
                     .arg(model, QString::fromUtf8(method.isEmpty() ? "get" : method)),
                 inArray));
    };
    if (r.method == "GET" && rest == "models") {
        serveJson(context(exchange, false), MockCatalog::geminiModels(), errors);
        return;
    }
    if (r.method == "GET" && method.isEmpty() && resource.startsWith("models/")) {
        const QByteArray found = MockCatalog::geminiModel(model);
        if (found.isEmpty()) {
            notFound();
        } else {
            serveJson(context(exchange, false), found, errors);
        }
        return;
    }
    static const QList<QByteArray> methods{"generateContent", "streamGenerateContent",
                                           "countTokens", "embedContent", "batchEmbedContents"};
    if (r.method != "POST" || !resource.startsWith("models/") || model.isEmpty() ||
        !methods.contains(method)) {
        notFound();
        return;
    }
    const std::optional<QJsonObject> body = bodyObject(r);
    if (!body) {
        json(*exchange, 400,
             GeminiMockReply::errorBody(
                 400, QStringLiteral("Invalid JSON payload received. Unexpected token."), inArray));
        return;
    }
    if (method == "generateContent") {
        start<GeminiMockReply>(context(exchange), *body, r.body, model,
                               GeminiMockReply::Mode::Whole);
    } else if (method == "streamGenerateContent") {
        start<GeminiMockReply>(context(exchange), *body, r.body, model,
                               sse ? GeminiMockReply::Mode::Sse : GeminiMockReply::Mode::JsonArray);
    } else if (method == "countTokens") {
        serveJson(context(exchange), GeminiMockReply::countTokens(*body), errors);
    } else if (method == "embedContent") {
        serveJson(context(exchange), MockEmbeddings::gemini(*body), errors);
    } else {
        serveJson(context(exchange), MockEmbeddings::geminiBatch(*body), errors);
    }
}

void MockHandler::control(const std::shared_ptr<HttpExchange>& exchange) {
    const HttpRequest& r = exchange->request();
    if (r.path == "/mock/faults" && r.method == "POST") {
        const QJsonDocument doc = QJsonDocument::fromJson(r.body);
        const QJsonArray list = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
        for (const QJsonValue v : list) {
            state_->pushFault(MockFault::fromJson(v.toObject()));
        }
        json(*exchange, 200, R"({"queued":)" + QByteArray::number(list.size()) + "}");
        return;
    }
    if (r.path == "/mock/faults" && r.method == "DELETE") {
        state_->clearFaults();
        json(*exchange, 200, R"({"cleared":true})");
        return;
    }
    if (r.path == "/mock/reset" && r.method == "POST") {
        state_->reset();
        json(*exchange, 200, R"({"reset":true})");
        return;
    }
    if (r.path == "/mock/requests" && r.method == "GET") {
        // ?model= and ?key= keep only the requests for that model, with that key.
        const QUrlQuery q = query(r);
        const QString model = q.queryItemValue(QStringLiteral("model"), QUrl::FullyDecoded);
        const QByteArray key = q.queryItemValue(QStringLiteral("key"), QUrl::FullyDecoded).toUtf8();
        QJsonArray out;
        for (const RecordedRequest& rec : state_->requests()) {
            if ((!model.isEmpty() && rec.model != model) ||
                (!key.isEmpty() && !rec.keys.contains(key))) {
                continue;
            }
            QJsonArray keys;
            for (const QByteArray& k : rec.keys) {
                keys.append(QString::fromUtf8(k));
            }
            QJsonObject headers;
            for (const auto& [name, value] : rec.headers) {
                headers.insert(QString::fromLatin1(name).toLower(), QString::fromUtf8(value));
            }
            out.append(QJsonObject{{QStringLiteral("method"), QString::fromLatin1(rec.method)},
                                   {QStringLiteral("path"), QString::fromUtf8(rec.path)},
                                   {QStringLiteral("headers"), headers},
                                   {QStringLiteral("body"), QString::fromUtf8(rec.body)},
                                   {QStringLiteral("model"), rec.model},
                                   {QStringLiteral("keys"), keys}});
        }
        json(*exchange, 200, QJsonDocument(out).toJson(QJsonDocument::Compact));
        return;
    }
    json(*exchange, 404, R"({"error":{"message":"unknown mock control path"}})");
}

}  // namespace signalbox::mock
