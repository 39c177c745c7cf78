#include "MockHandler.h"

#include "OpenAiMockReply.h"
#include "http/HttpExchange.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace signalbox::mock {

namespace {
void json(HttpExchange& ex, int status, const QByteArray& body) {
    HttpHeaders h;
    h.add("content-type", "application/json");
    ex.respond(status, h, body);
}
}  // namespace

void MockHandler::handle(const std::shared_ptr<HttpExchange>& exchange) {
    const HttpRequest& r = exchange->request();
    if (r.path.startsWith("/mock/")) {
        control(exchange);
        return;
    }
    RecordedRequest record{r.method, r.target, {}, r.body};
    for (const auto& f : r.headers.fields())
        record.headers.append(f);
    state_->record(std::move(record));

    if (r.path == "/v1/models" && r.method == "GET") {
        json(
            *exchange, 200,
            R"({"object":"list","data":[{"id":"gpt-mock","object":"model","created":1700000000,"owned_by":"mock"}]})");
        return;
    }
    if (r.path != "/v1/chat/completions" || r.method != "POST") {
        json(
            *exchange, 404,
            OpenAiMockReply::errorBody(
                404,
                R"({"error":{"message":"Unknown request URL.","type":"invalid_request_error","param":null,"code":"unknown_url"}})"));
        return;
    }
    const QByteArray expected = state_->expectedKey();
    if (!expected.isEmpty() && r.headers.value("authorization") != "Bearer " + expected) {
        json(*exchange, 401, OpenAiMockReply::errorBody(401, {}));
        return;
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &error);
    if (!doc.isObject()) {
        json(*exchange, 400, OpenAiMockReply::errorBody(400, {}));
        return;
    }
    MockFault fault;
    if (const QByteArrayView header = r.headers.value("x-mock-fault"); !header.isEmpty()) {
        fault = MockFault::fromJson(QJsonDocument::fromJson(header.toByteArray()).object());
    } else if (auto queued = state_->takeFault()) {
        fault = *queued;
    }
    auto* reply = new OpenAiMockReply(exchange, doc.object(), fault, state_->defaultChunkDelayMs,
                                      &state_->clientsGone);
    reply->start();
}

void MockHandler::control(const std::shared_ptr<HttpExchange>& exchange) {
    const HttpRequest& r = exchange->request();
    if (r.path == "/mock/faults" && r.method == "POST") {
        const QJsonDocument doc = QJsonDocument::fromJson(r.body);
        const QJsonArray list = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
        for (const QJsonValue& v : list)
            state_->pushFault(MockFault::fromJson(v.toObject()));
        json(*exchange, 200, R"({"queued":)" + QByteArray::number(list.size()) + "}");
        return;
    }
    if (r.path == "/mock/reset" && r.method == "POST") {
        state_->reset();
        json(*exchange, 200, R"({"reset":true})");
        return;
    }
    if (r.path == "/mock/requests" && r.method == "GET") {
        QJsonArray out;
        for (const RecordedRequest& rec : state_->requests()) {
            QJsonObject headers;
            for (const auto& [name, value] : rec.headers) {
                headers.insert(QString::fromLatin1(name).toLower(), QString::fromUtf8(value));
            }
            out.append(QJsonObject{{QStringLiteral("method"), QString::fromLatin1(rec.method)},
                                   {QStringLiteral("path"), QString::fromUtf8(rec.path)},
                                   {QStringLiteral("headers"), headers},
                                   {QStringLiteral("body"), QString::fromUtf8(rec.body)}});
        }
        json(*exchange, 200, QJsonDocument(out).toJson(QJsonDocument::Compact));
        return;
    }
    json(*exchange, 404, R"({"error":{"message":"unknown mock control path"}})");
}

}  // namespace signalbox::mock
