// The mock provider answers in each provider's documented wire format; these
// checks pin the shapes the gateway's translations are tested against.
#include "AnthropicMockReply.h"
#include "GeminiMockReply.h"
#include "MockProvider.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QtEndian>
#include <QtTest>

using namespace signalbox;

namespace {

constexpr char kKey[] = "mock-test-key";

struct Answer {
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray headerValue(const QByteArray& name) const {
        for (const auto& [n, v] : headers) {
            if (n.compare(name, Qt::CaseInsensitive) == 0) {
                return v;
            }
        }
        return {};
    }
};

using Headers = QList<std::pair<QByteArray, QByteArray>>;

Headers withFault(Headers headers, const QByteArray& fault) {
    headers.append({"x-mock-fault", fault});
    return headers;
}
Headers bearer(const QByteArray& key) {
    return {{"authorization", "Bearer " + key}, {"content-type", "application/json"}};
}

Headers anthropicHeaders() {
    return {{"x-api-key", kKey},
            {"anthropic-version", "2023-06-01"},
            {"content-type", "application/json"}};
}
Headers geminiHeaders() {
    return {{"x-goog-api-key", kKey}, {"content-type", "application/json"}};
}
Headers openAiHeaders() {
    return {{"authorization", QByteArray("Bearer ") + kKey}, {"content-type", "application/json"}};
}

// SSE events as (event name, data) pairs; the name is empty where none is given.
QList<std::pair<QByteArray, QByteArray>> sse(QByteArray body) {
    body.replace("\r\n", "\n");
    QList<std::pair<QByteArray, QByteArray>> events;
    for (const QByteArray& block : body.split('\n')) {
        if (block.startsWith("event: ")) {
            events.append({block.mid(7), {}});
        } else if (block.startsWith("data: ")) {
            if (events.isEmpty() || !events.last().second.isEmpty()) {
                events.append(std::pair<QByteArray, QByteArray>());
            }
            events.last().second = block.mid(6);
        }
    }
    return events;
}

QJsonObject obj(const QByteArray& json) {
    return QJsonDocument::fromJson(json).object();
}

const char* kWeatherTool = R"({"name":"get_weather","description":"Weather",
    "%1":{"type":"object","properties":{"zeta":{"type":"string"},"alpha":{"type":"integer"},
    "mid":{"type":"boolean"},"obj":{"type":"object"}}}})";

}  // namespace

class TestMockProvider : public QObject {
    Q_OBJECT

    mock::MockProvider mock_;
    QNetworkAccessManager net_;

    Answer call(const QByteArray& method, const QString& path, const QByteArray& body,
                const Headers& headers) {
        QNetworkRequest request(QUrl(mock_.baseUrl() + path));
        for (const auto& [name, value] : headers) {
            request.setRawHeader(name, value);
        }
        QNetworkReply* reply = net_.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        Answer a;
        if (!finished.wait(5000)) {
            return a;
        }
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->readAll();
        a.headers = reply->rawHeaderPairs();
        a.error = reply->error();
        reply->deleteLater();
        return a;
    }
    Answer post(const QString& path, const QByteArray& body, const Headers& headers) {
        return call("POST", path, body, headers);
    }

private slots:
    void initTestCase() {
        mock_.state().setExpectedKey(kKey);
        QVERIFY(mock_.start());
    }
    void init() {
        mock_.state().reset();
        mock_.state().setExpectedKey(kKey);
    }

    // --- Anthropic -----------------------------------------------------------

    void anthropicMessage() {
        const Answer a = post(QStringLiteral("/v1/messages"),
                              R"({"model":"claude-mock","max_tokens":1024,
                                  "messages":[{"role":"user","content":"ping"}]})",
                              anthropicHeaders());
        QCOMPARE(a.status, 200);
        const QJsonObject m = a.json();
        QVERIFY(m[u"id"].toString().startsWith(u"msg_"));
        QCOMPARE(m[u"type"].toString(), QStringLiteral("message"));
        QCOMPARE(m[u"role"].toString(), QStringLiteral("assistant"));
        QCOMPARE(m[u"model"].toString(), QStringLiteral("claude-mock"));
        QCOMPARE(m[u"stop_reason"].toString(), QStringLiteral("end_turn"));
        QVERIFY(m[u"stop_sequence"].isNull());
        const QJsonObject block = m[u"content"].toArray().first().toObject();
        QCOMPARE(block[u"type"].toString(), QStringLiteral("text"));
        QCOMPARE(block[u"text"].toString(),
                 QStringLiteral("Hello from the mock provider. You said: ping"));
        const QJsonObject usage = m[u"usage"].toObject();
        QVERIFY(usage[u"input_tokens"].toInt() > 0);
        QVERIFY(usage[u"output_tokens"].toInt() > 0);
        QCOMPARE(usage[u"cache_read_input_tokens"].toInt(-1), 0);
        QCOMPARE(usage[u"cache_creation_input_tokens"].toInt(-1), 0);
        QVERIFY(a.headerValue("request-id").startsWith("req_"));
    }

    void anthropicCacheControlShowsCacheReads() {
        const QByteArray body = R"({"model":"claude-mock","max_tokens":100,
            "system":[{"type":"text","text":"You are terse.","cache_control":{"type":"ephemeral"}}],
            "messages":[{"role":"user","content":"hi"}]})";
        const QJsonObject usage = post(QStringLiteral("/v1/messages"), body, anthropicHeaders())
                                      .json()[u"usage"]
                                      .toObject();
        QVERIFY(usage[u"cache_read_input_tokens"].toInt() > 0);
        const Answer count =
            post(QStringLiteral("/v1/messages/count_tokens"), body, anthropicHeaders());
        QCOMPARE(count.status, 200);
        QCOMPARE(count.json()[u"input_tokens"].toInt(),
                 usage[u"input_tokens"].toInt() + usage[u"cache_read_input_tokens"].toInt());
    }

    void anthropicStreamEventOrder() {
        const Answer a = post(QStringLiteral("/v1/messages"),
                              R"({"model":"claude-mock","max_tokens":1024,"stream":true,
                                  "messages":[{"role":"user","content":"stream me"}]})",
                              anthropicHeaders());
        QCOMPARE(a.status, 200);
        QVERIFY(a.headerValue("content-type").startsWith("text/event-stream"));
        QByteArrayList names;
        QString text;
        for (const auto& [name, data] : sse(a.body)) {
            names << name;
            const QJsonObject d = obj(data);
            QCOMPARE(d[u"type"].toString().toUtf8(), name);  // event name matches data.type
            if (name == "content_block_delta") {
                text += d[u"delta"][u"text"].toString();
            }
            if (name == "message_delta") {
                QCOMPARE(d[u"delta"][u"stop_reason"].toString(), QStringLiteral("end_turn"));
                QVERIFY(d[u"usage"][u"output_tokens"].toInt() > 0);
            }
        }
        QCOMPARE(text, QStringLiteral("Hello from the mock provider. You said: stream me"));
        QCOMPARE(names.first(), "message_start");
        QCOMPARE(names[1], "content_block_start");
        QCOMPARE(names[2], "ping");
        QCOMPARE(names[3], "content_block_delta");
        QCOMPARE(names.mid(names.size() - 3),
                 (QByteArrayList{"content_block_stop", "message_delta", "message_stop"}));
    }

    void anthropicToolUseInSchemaOrder() {
        const QByteArray tools = "[" + QByteArray(kWeatherTool).replace("%1", "input_schema") + "]";
        const QByteArray body = R"({"model":"claude-mock","max_tokens":1024,"tools":)" + tools +
                                R"(,"messages":[{"role":"user","content":"Paris"}]})";
        const Answer a = post(QStringLiteral("/v1/messages"), body, anthropicHeaders());
        QCOMPARE(a.status, 200);
        const QByteArray input = R"({"zeta":"Paris","alpha":42,"mid":true,"obj":null})";
        QVERIFY2(a.body.contains(R"("input":)" + input), a.body.constData());
        const QJsonObject m = a.json();
        QCOMPARE(m[u"stop_reason"].toString(), QStringLiteral("tool_use"));
        const QJsonObject use = m[u"content"].toArray().first().toObject();
        QCOMPARE(use[u"type"].toString(), QStringLiteral("tool_use"));
        QCOMPARE(use[u"id"].toString(), QStringLiteral("toolu_mock1"));
        QCOMPARE(use[u"name"].toString(), QStringLiteral("get_weather"));

        QByteArray streamed = body;
        streamed.replace(R"("max_tokens":1024)", R"("max_tokens":1024,"stream":true)");
        const Answer s = post(QStringLiteral("/v1/messages"), streamed, anthropicHeaders());
        QByteArray json;
        int fragments = 0;
        for (const auto& [name, data] : sse(s.body)) {
            const QJsonObject d = obj(data);
            if (name == "content_block_start") {
                QCOMPARE(d[u"content_block"][u"type"].toString(), QStringLiteral("tool_use"));
                QCOMPARE(d[u"content_block"][u"name"].toString(), QStringLiteral("get_weather"));
            }
            if (name == "content_block_delta") {
                QCOMPARE(d[u"delta"][u"type"].toString(), QStringLiteral("input_json_delta"));
                json += d[u"delta"][u"partial_json"].toString().toUtf8();
                ++fragments;
            }
        }
        QCOMPARE(json, input);
        QVERIFY(fragments > 3);

        const QByteArray answer = R"({"model":"claude-mock","max_tokens":1024,"tools":)" + tools +
                                  R"(,"messages":[{"role":"user","content":"Paris"},
              {"role":"assistant","content":[{"type":"tool_use","id":"toolu_mock1","name":"get_weather","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_mock1","content":"sunny"}]}]})";
        const QJsonObject next =
            post(QStringLiteral("/v1/messages"), answer, anthropicHeaders()).json();
        QCOMPARE(next[u"content"][0][u"text"].toString(), QStringLiteral("Tool said: sunny"));
        QCOMPARE(next[u"stop_reason"].toString(), QStringLiteral("end_turn"));
    }

    void anthropicImagesAreCounted() {
        const QByteArray image =
            R"({"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}})";
        const QJsonObject m =
            post(
                QStringLiteral("/v1/messages"),
                R"({"model":"claude-mock","max_tokens":1024,"messages":[{"role":"user","content":[)" +
                    image + "," + image + R"(,{"type":"text","text":"what?"}]}]})",
                anthropicHeaders())
                .json();
        QCOMPARE(m[u"content"][0][u"text"].toString(),
                 QStringLiteral("Hello from the mock provider. You said: what? [images: 2]"));
    }

    void anthropicThinkingSignatureIsChecked() {
        const QByteArray first = R"({"model":"claude-mock","max_tokens":2048,
            "thinking":{"type":"enabled","budget_tokens":1024},
            "messages":[{"role":"user","content":"think"}]})";
        const QJsonObject m =
            post(QStringLiteral("/v1/messages"), first, anthropicHeaders()).json();
        const QJsonObject thinking = m[u"content"][0].toObject();
        QCOMPARE(thinking[u"type"].toString(), QStringLiteral("thinking"));
        QVERIFY(!thinking[u"signature"].toString().isEmpty());
        QCOMPARE(m[u"content"][1][u"type"].toString(), QStringLiteral("text"));

        auto followUp = [&](const QJsonObject& block) {
            QJsonObject request = obj(first);
            QJsonArray messages = request[u"messages"].toArray();
            messages.append(
                QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                            {QStringLiteral("content"), QJsonArray{block, m[u"content"][1]}}});
            messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                        {QStringLiteral("content"), QStringLiteral("again")}});
            request[QStringLiteral("messages")] = messages;
            return post(QStringLiteral("/v1/messages"), QJsonDocument(request).toJson(),
                        anthropicHeaders());
        };
        QCOMPARE(followUp(thinking).status, 200);
        QJsonObject tampered = thinking;
        tampered[QStringLiteral("thinking")] = QStringLiteral("something else");
        const Answer bad = followUp(tampered);
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.json()[u"error"][u"type"].toString(), QStringLiteral("invalid_request_error"));
        QCOMPARE(bad.json()[u"error"][u"message"].toString(),
                 QStringLiteral("messages.1.content.0: Invalid `signature` in `thinking` block"));

        // Streamed, the thinking block comes first with its signature as a delta.
        QByteArray streamed = first;
        streamed.replace(R"("max_tokens":2048)", R"("max_tokens":2048,"stream":true)");
        QStringList deltaTypes;
        for (const auto& [name, data] :
             sse(post(QStringLiteral("/v1/messages"), streamed, anthropicHeaders()).body)) {
            if (name == "content_block_delta") {
                deltaTypes << obj(data)[u"delta"][u"type"].toString();
            }
        }
        QCOMPARE(deltaTypes.first(), QStringLiteral("thinking_delta"));
        QVERIFY(deltaTypes.contains(QStringLiteral("signature_delta")));
        QCOMPARE(deltaTypes.last(), QStringLiteral("text_delta"));
    }

    void anthropicErrors() {
        const QByteArray body =
            R"({"model":"claude-mock","max_tokens":10,"messages":[{"role":"user","content":"x"}]})";
        Headers noVersion{{"x-api-key", kKey}};
        Answer a = post(QStringLiteral("/v1/messages"), body, noVersion);
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json()[u"type"].toString(), QStringLiteral("error"));
        QCOMPARE(a.json()[u"error"][u"message"].toString(),
                 QStringLiteral("anthropic-version: header is required"));

        Headers wrongKey{{"x-api-key", "nope"}, {"anthropic-version", "2023-06-01"}};
        a = post(QStringLiteral("/v1/messages"), body, wrongKey);
        QCOMPARE(a.status, 401);
        QCOMPARE(a.json()[u"error"][u"type"].toString(), QStringLiteral("authentication_error"));
        QVERIFY(a.json()[u"request_id"].toString().startsWith(u"req_"));

        a = post(QStringLiteral("/v1/messages"),
                 R"({"model":"claude-mock","messages":[{"role":"user","content":"x"}]})",
                 anthropicHeaders());
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json()[u"error"][u"message"].toString(),
                 QStringLiteral("max_tokens: Field required"));

        for (const auto& [status, type] : {std::pair{413, "request_too_large"},
                                           {429, "rate_limit_error"},
                                           {500, "api_error"},
                                           {529, "overloaded_error"}}) {
            Headers faulty = anthropicHeaders();
            faulty.append(std::pair<QByteArray, QByteArray>(
                "x-mock-fault", R"({"status":)" + QByteArray::number(status) + "}"));
            a = post(QStringLiteral("/v1/messages"), body, faulty);
            QCOMPARE(a.status, status);
            QCOMPARE(a.json()[u"error"][u"type"].toString(), QString::fromLatin1(type));
        }

        // An error after the stream began: the documented error event, then the end.
        Headers faulty = anthropicHeaders();
        faulty.append(std::pair<QByteArray, QByteArray>("x-mock-fault",
                                                        R"({"stream_error":"overloaded_error"})"));
        QByteArray streamed = body;
        streamed.replace(R"("max_tokens":10)", R"("max_tokens":10,"stream":true)");
        a = post(QStringLiteral("/v1/messages"), streamed, faulty);
        QCOMPARE(a.status, 200);
        const auto events = sse(a.body);
        QCOMPARE(events.last().first, "error");
        QCOMPARE(obj(events.last().second)[u"error"][u"type"].toString(),
                 QStringLiteral("overloaded_error"));
        QCOMPARE(events[events.size() - 2].first, "content_block_delta");
    }

    void anthropicVersionRules() {
        const QByteArray body = R"({"model":"claude-mock","max_tokens":10,"temperature":1.0,
                                   "messages":[{"role":"user","content":"x"}]})";
        // The 1.x SDKs send the key as a bearer token and version 2026-10-21,
        // which refuses the sampling parameters; 2023-06-01 still takes them.
        const Headers v2026{{"authorization", QByteArray("Bearer ") + kKey},
                            {"anthropic-version", "2026-10-21"}};
        Answer a = post(QStringLiteral("/v1/messages"), body, v2026);
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json()[u"error"][u"message"].toString(),
                 QStringLiteral("temperature: Extra inputs are not permitted"));
        a = post(QStringLiteral("/v1/messages/count_tokens"), body, v2026);
        QCOMPARE(a.status, 400);
        QCOMPARE(post(QStringLiteral("/v1/messages"), body, anthropicHeaders()).status, 200);
        QByteArray plain = body;
        plain.replace(R"("temperature":1.0,)", "");
        QCOMPARE(post(QStringLiteral("/v1/messages"), plain, v2026).status, 200);

        const Headers unknown{{"x-api-key", kKey}, {"anthropic-version", "2024-10-22"}};
        a = post(QStringLiteral("/v1/messages"), plain, unknown);
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json()[u"error"][u"message"].toString(),
                 QStringLiteral(R"(anthropic-version: "2024-10-22" is not a valid version)"));
    }

    void anthropicThinkingToolTurnKeepsThinkingFirst() {
        const QByteArray tools = "[" + QByteArray(kWeatherTool).replace("%1", "input_schema") + "]";
        const QByteArray body =
            R"({"model":"claude-mock","max_tokens":2048,"thinking":{"type":"enabled","budget_tokens":1024},
              "tools":)" +
            tools + R"(,"messages":[{"role":"user","content":"Paris"},
              {"role":"assistant","content":[{"type":"tool_use","id":"toolu_mock1","name":"get_weather","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_mock1","content":"sunny"}]}]})";
        const Answer a = post(QStringLiteral("/v1/messages"), body, anthropicHeaders());
        QCOMPARE(a.status, 400);
        QVERIFY(a.json()[u"error"][u"message"].toString().startsWith(
            QStringLiteral("messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, "
                           "but found `tool_use`.")));
    }

    void anthropicModelsAndCatalog() {
        const Answer a = call("GET", QStringLiteral("/v1/models"), {}, anthropicHeaders());
        QCOMPARE(a.status, 200);
        const QJsonObject list = a.json();
        QCOMPARE(list[u"data"][0][u"type"].toString(), QStringLiteral("model"));
        QVERIFY(list[u"data"][0][u"display_name"].isString());
        QVERIFY(list[u"data"][0][u"created_at"].isString());
        QCOMPARE(list[u"has_more"].toBool(true), false);
        QCOMPARE(list[u"first_id"].toString(), list[u"data"][0][u"id"].toString());
        // Without Anthropic's headers the same path is OpenAI's list.
        QCOMPARE(call("GET", QStringLiteral("/v1/models"), {}, openAiHeaders())
                     .json()[u"object"]
                     .toString(),
                 QStringLiteral("list"));
    }

    // --- Gemini --------------------------------------------------------------

    void geminiGenerateContent() {
        const Answer a =
            post(QStringLiteral("/v1beta/models/gemini-mock:generateContent"),
                 R"({"contents":[{"role":"user","parts":[{"text":"hi"}]}]})", geminiHeaders());
        QCOMPARE(a.status, 200);
        const QJsonObject r = a.json();
        const QJsonObject candidate = r[u"candidates"][0].toObject();
        QCOMPARE(candidate[u"content"][u"role"].toString(), QStringLiteral("model"));
        QCOMPARE(candidate[u"content"][u"parts"][0][u"text"].toString(),
                 QStringLiteral("Hello from the mock provider. You said: hi"));
        QCOMPARE(candidate[u"finishReason"].toString(), QStringLiteral("STOP"));
        QCOMPARE(candidate[u"index"].toInt(-1), 0);
        const QJsonObject usage = r[u"usageMetadata"].toObject();
        QVERIFY(usage[u"promptTokenCount"].toInt() > 0);
        QCOMPARE(usage[u"totalTokenCount"].toInt(),
                 usage[u"promptTokenCount"].toInt() + usage[u"candidatesTokenCount"].toInt());
        QCOMPARE(r[u"modelVersion"].toString(), QStringLiteral("gemini-mock"));
        QVERIFY(!r[u"responseId"].toString().isEmpty());

        const Answer count =
            post(QStringLiteral("/v1beta/models/gemini-mock:countTokens"),
                 R"({"contents":[{"role":"user","parts":[{"text":"hi"}]}]})", geminiHeaders());
        QCOMPARE(count.json()[u"totalTokens"].toInt(), usage[u"promptTokenCount"].toInt());
    }

    void geminiSseStream() {
        const Answer a =
            post(QStringLiteral("/v1beta/models/gemini-mock:streamGenerateContent?alt=sse"),
                 R"({"contents":[{"parts":[{"text":"go"}]}],
                     "generationConfig":{"thinkingConfig":{"includeThoughts":true}}})",
                 geminiHeaders());
        QCOMPARE(a.status, 200);
        QVERIFY(a.headerValue("content-type").startsWith("text/event-stream"));
        QVERIFY(a.body.contains("\r\n\r\n"));
        QString text;
        bool thoughtFirst = false;
        const auto events = sse(a.body);
        QVERIFY(events.size() > 3);
        for (qsizetype i = 0; i < events.size(); ++i) {
            const QJsonObject part =
                obj(events[i].second)[u"candidates"][0][u"content"][u"parts"][0].toObject();
            if (i == 0) {
                thoughtFirst = part[u"thought"].toBool();
            }
            if (!part[u"thought"].toBool()) {
                text += part[u"text"].toString();
            }
        }
        QVERIFY(thoughtFirst);
        QCOMPARE(text, QStringLiteral("Hello from the mock provider. You said: go"));
        const QJsonObject last = obj(events.last().second);
        QCOMPARE(last[u"candidates"][0][u"finishReason"].toString(), QStringLiteral("STOP"));
        QVERIFY(last[u"usageMetadata"][u"thoughtsTokenCount"].toInt() > 0);
    }

    void geminiJsonArrayStream() {
        const Answer a = post(QStringLiteral("/v1beta/models/gemini-mock:streamGenerateContent"),
                              R"({"contents":[{"parts":[{"text":"array"}]}]})", geminiHeaders());
        QCOMPARE(a.status, 200);
        const QJsonArray chunks = QJsonDocument::fromJson(a.body).array();
        QVERIFY(chunks.size() > 3);
        QCOMPARE(chunks.last()[u"candidates"][0][u"finishReason"].toString(),
                 QStringLiteral("STOP"));
    }

    void geminiFunctionCallNeedsItsSignatureBack() {
        const QByteArray tools = R"([{"functionDeclarations":[)" +
                                 QByteArray(kWeatherTool).replace("%1", "parameters") + "]}]";
        const QByteArray first =
            R"({"tools":)" + tools + R"(,"contents":[{"role":"user","parts":[{"text":"Rome"}]}]})";
        const Answer a = post(QStringLiteral("/v1beta/models/gemini-mock:generateContent"), first,
                              geminiHeaders());
        QCOMPARE(a.status, 200);
        QVERIFY2(a.body.contains(R"("args":{"zeta":"Rome","alpha":42,"mid":true,"obj":null})"),
                 a.body.constData());
        const QJsonObject part = a.json()[u"candidates"][0][u"content"][u"parts"][0].toObject();
        QCOMPARE(part[u"functionCall"][u"name"].toString(), QStringLiteral("get_weather"));
        QVERIFY(!part[u"thoughtSignature"].toString().isEmpty());

        auto followUp = [&](const QJsonObject& call,
                            const QString& model = QStringLiteral("gemini-mock")) {
            QJsonObject request = obj(first);
            QJsonArray contents = request[u"contents"].toArray();
            contents.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("model")},
                                        {QStringLiteral("parts"), QJsonArray{call}}});
            const QJsonObject response{
                {QStringLiteral("name"), QStringLiteral("get_weather")},
                {QStringLiteral("response"),
                 QJsonObject{{QStringLiteral("result"), QStringLiteral("sunny")}}}};
            contents.append(QJsonObject{
                {QStringLiteral("role"), QStringLiteral("user")},
                {QStringLiteral("parts"),
                 QJsonArray{QJsonObject{{QStringLiteral("functionResponse"), response}}}}});
            request[QStringLiteral("contents")] = contents;
            return post(QStringLiteral("/v1beta/models/%1:generateContent").arg(model),
                        QJsonDocument(request).toJson(), geminiHeaders());
        };
        const Answer ok = followUp(part);
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.json()[u"candidates"][0][u"content"][u"parts"][0][u"text"].toString(),
                 QStringLiteral("Tool said: sunny"));

        QJsonObject unsigned_ = part;
        unsigned_.remove(QStringLiteral("thoughtSignature"));
        const Answer bad = followUp(unsigned_);
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.json()[u"error"][u"status"].toString(), QStringLiteral("INVALID_ARGUMENT"));
        QVERIFY(bad.json()[u"error"][u"message"].toString().contains(
            QStringLiteral("Function call is missing a thought_signature")));
        // Gemini 2.5 never checked them.
        QCOMPARE(followUp(unsigned_, QStringLiteral("gemini-2.5-flash")).status, 200);
    }

    void geminiImagesAreCounted() {
        const QJsonObject r = post(QStringLiteral("/v1beta/models/gemini-mock:generateContent"),
                                   R"({"contents":[{"role":"user","parts":[{"text":"see"},
                    {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}}]}]})",
                                   geminiHeaders())
                                  .json();
        QCOMPARE(r[u"candidates"][0][u"content"][u"parts"][0][u"text"].toString(),
                 QStringLiteral("Hello from the mock provider. You said: see [images: 1]"));
    }

    void geminiErrors() {
        const QString path = QStringLiteral("/v1beta/models/gemini-mock:generateContent");
        const QByteArray body = R"({"contents":[{"parts":[{"text":"x"}]}]})";
        Answer a = post(path, body, {{"x-goog-api-key", "nope"}});
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json()[u"error"][u"status"].toString(), QStringLiteral("INVALID_ARGUMENT"));
        QCOMPARE(a.json()[u"error"][u"details"][0][u"reason"].toString(),
                 QStringLiteral("API_KEY_INVALID"));
        a = post(path, body, {});
        QCOMPARE(a.status, 403);
        QCOMPARE(a.json()[u"error"][u"status"].toString(), QStringLiteral("PERMISSION_DENIED"));
        // The key may come in the query instead.
        QCOMPARE(post(path + QStringLiteral("?key=") + QString::fromLatin1(kKey), body, {}).status,
                 200);

        for (const auto& [status, name] : {std::pair{400, "INVALID_ARGUMENT"},
                                           {403, "PERMISSION_DENIED"},
                                           {404, "NOT_FOUND"},
                                           {429, "RESOURCE_EXHAUSTED"},
                                           {500, "INTERNAL"},
                                           {503, "UNAVAILABLE"},
                                           {504, "DEADLINE_EXCEEDED"}}) {
            Headers faulty = geminiHeaders();
            faulty.append(std::pair<QByteArray, QByteArray>(
                "x-mock-fault", R"({"status":)" + QByteArray::number(status) + "}"));
            a = post(path, body, faulty);
            QCOMPARE(a.status, status);
            QCOMPARE(a.json()[u"error"][u"code"].toInt(), status);
            QCOMPARE(a.json()[u"error"][u"status"].toString(), QString::fromLatin1(name));
        }

        Headers blocked = geminiHeaders();
        blocked.append(std::pair<QByteArray, QByteArray>("x-mock-fault", R"({"blocked":true})"));
        a = post(path, body, blocked);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json()[u"promptFeedback"][u"blockReason"].toString(), QStringLiteral("SAFETY"));
        QVERIFY(!a.json().contains(u"candidates"));

        Headers safety = geminiHeaders();
        safety.append(
            std::pair<QByteArray, QByteArray>("x-mock-fault", R"({"finish_reason":"SAFETY"})"));
        a = post(path, body, safety);
        QCOMPARE(a.json()[u"candidates"][0][u"finishReason"].toString(), QStringLiteral("SAFETY"));
    }

    void geminiEmbeddingsAndModels() {
        const Answer one = post(QStringLiteral("/v1beta/models/gemini-embedding-mock:embedContent"),
                                R"({"content":{"parts":[{"text":"vector"}]}})", geminiHeaders());
        QCOMPARE(one.status, 200);
        const QJsonArray values = one.json()[u"embedding"][u"values"].toArray();
        QCOMPARE(values.size(), 8);
        const Answer batch = post(
            QStringLiteral("/v1beta/models/gemini-embedding-mock:batchEmbedContents"),
            R"({"requests":[{"model":"models/gemini-embedding-mock","content":{"parts":[{"text":"vector"}]}},
                                 {"model":"models/gemini-embedding-mock","content":{"parts":[{"text":"other"}]}}]})",
            geminiHeaders());
        const QJsonArray embeddings = batch.json()[u"embeddings"].toArray();
        QCOMPARE(embeddings.size(), 2);
        QCOMPARE(embeddings[0][u"values"].toArray(), values);
        QVERIFY(embeddings[1][u"values"].toArray() != values);

        const Answer models = call("GET", QStringLiteral("/v1beta/models"), {}, geminiHeaders());
        QVERIFY(models.json()[u"models"][0][u"name"].toString().startsWith(u"models/"));
    }

    // --- OpenAI and Azure ----------------------------------------------------

    void openAiToolCall() {
        const QByteArray tool = R"({"type":"function","function":)" +
                                QByteArray(kWeatherTool).replace("%1", "parameters") + "}";
        const QByteArray body = R"({"model":"gpt-mock","tools":[)" + tool +
                                R"(],"messages":[{"role":"user","content":"Oslo"}]})";
        const Answer a = post(QStringLiteral("/v1/chat/completions"), body, openAiHeaders());
        QCOMPARE(a.status, 200);
        const QJsonObject choice = a.json()[u"choices"][0].toObject();
        QCOMPARE(choice[u"finish_reason"].toString(), QStringLiteral("tool_calls"));
        const QJsonObject call = choice[u"message"][u"tool_calls"][0].toObject();
        QCOMPARE(call[u"id"].toString(), QStringLiteral("call_mock1"));
        QCOMPARE(call[u"type"].toString(), QStringLiteral("function"));
        QCOMPARE(call[u"function"][u"name"].toString(), QStringLiteral("get_weather"));
        const QString arguments =
            QStringLiteral(R"({"zeta":"Oslo","alpha":42,"mid":true,"obj":null})");
        QCOMPARE(call[u"function"][u"arguments"].toString(), arguments);
        QVERIFY(choice[u"message"][u"content"].isNull());

        QByteArray streamed = body;
        streamed.replace(R"("model":"gpt-mock")", R"("model":"gpt-mock","stream":true)");
        const auto events =
            sse(post(QStringLiteral("/v1/chat/completions"), streamed, openAiHeaders()).body);
        const QJsonObject head =
            obj(events[0].second)[u"choices"][0][u"delta"][u"tool_calls"][0].toObject();
        QCOMPARE(head[u"index"].toInt(-1), 0);
        QCOMPARE(head[u"id"].toString(), QStringLiteral("call_mock1"));
        QCOMPARE(head[u"type"].toString(), QStringLiteral("function"));
        QCOMPARE(head[u"function"][u"name"].toString(), QStringLiteral("get_weather"));
        QCOMPARE(head[u"function"][u"arguments"].toString(QStringLiteral("missing")), QString());
        QString joined;
        int fragments = 0;
        for (qsizetype i = 1; i < events.size(); ++i) {
            const QJsonObject delta = obj(events[i].second)[u"choices"][0][u"delta"].toObject();
            if (delta.contains(u"tool_calls")) {
                QVERIFY(!delta[u"tool_calls"][0].toObject().contains(u"id"));
                joined += delta[u"tool_calls"][0][u"function"][u"arguments"].toString();
                ++fragments;
            }
        }
        QCOMPARE(joined, arguments);
        QVERIFY(fragments > 3);
        QCOMPARE(obj(events[events.size() - 2].second)[u"choices"][0][u"finish_reason"].toString(),
                 QStringLiteral("tool_calls"));
        QCOMPARE(events.last().second, "[DONE]");

        const QByteArray result = R"({"model":"gpt-mock","tools":[)" + tool +
                                  R"(],"messages":[{"role":"user","content":"Oslo"},
               {"role":"assistant","content":null,"tool_calls":[{"id":"call_mock1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
               {"role":"tool","tool_call_id":"call_mock1","content":"rain"}]})";
        const QJsonObject next =
            post(QStringLiteral("/v1/chat/completions"), result, openAiHeaders()).json();
        QCOMPARE(next[u"choices"][0][u"message"][u"content"].toString(),
                 QStringLiteral("Tool said: rain"));
    }

    void openAiImagesAreCounted() {
        const QJsonObject r = post(QStringLiteral("/v1/chat/completions"),
                                   R"({"model":"gpt-mock","messages":[{"role":"user","content":[
                    {"type":"text","text":"look"},
                    {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                    {"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}]})",
                                   openAiHeaders())
                                  .json();
        QCOMPARE(r[u"choices"][0][u"message"][u"content"].toString(),
                 QStringLiteral("Hello from the mock provider. You said: look [images: 2]"));
    }

    void openAiEmbeddingsAndCompletions() {
        const Answer floats =
            post(QStringLiteral("/v1/embeddings"), R"({"model":"emb-mock","input":["one","two"]})",
                 openAiHeaders());
        QCOMPARE(floats.status, 200);
        QCOMPARE(floats.json()[u"object"].toString(), QStringLiteral("list"));
        const QJsonArray vector = floats.json()[u"data"][0][u"embedding"].toArray();
        QCOMPARE(vector.size(), 8);
        QVERIFY(floats.json()[u"usage"][u"prompt_tokens"].toInt() > 0);
        const Answer packed = post(
            QStringLiteral("/v1/embeddings"),
            R"({"model":"emb-mock","input":"one","encoding_format":"base64"})", openAiHeaders());
        const QByteArray bytes =
            QByteArray::fromBase64(packed.json()[u"data"][0][u"embedding"].toString().toLatin1());
        QCOMPARE(bytes.size(), 8 * 4);
        for (qsizetype i = 0; i < vector.size(); ++i) {
            const float f = qFromLittleEndian<float>(bytes.constData() + i * 4);
            QCOMPARE(static_cast<double>(f), vector[i].toDouble());
        }

        const Answer text = post(QStringLiteral("/v1/completions"),
                                 R"({"model":"gpt-mock","prompt":"legacy"})", openAiHeaders());
        QCOMPARE(text.json()[u"object"].toString(), QStringLiteral("text_completion"));
        QCOMPARE(text.json()[u"choices"][0][u"text"].toString(),
                 QStringLiteral("Hello from the mock provider. You said: legacy"));
    }

    void azureDeployments() {
        const QByteArray body = R"({"messages":[{"role":"user","content":"az"}]})";
        const Headers azureKey{{"api-key", kKey}, {"content-type", "application/json"}};
        const QString path = QStringLiteral("/openai/deployments/my-gpt/chat/completions");
        Answer a = post(path + QStringLiteral("?api-version=2024-10-21"), body, azureKey);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json()[u"model"].toString(), QStringLiteral("my-gpt"));
        a = post(path, body, azureKey);
        QCOMPARE(a.status, 404);
        QCOMPARE(a.json()[u"error"][u"code"].toString(), QStringLiteral("404"));
        a = post(path + QStringLiteral("?api-version=2024-10-21"), body, openAiHeaders());
        QCOMPARE(a.status, 401);
        // What was received is recorded with its query string.
        QCOMPARE(mock_.state().requests().front().path,
                 "/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21");
    }

    // --- Faults for routing --------------------------------------------------

    void faultsTargetModelsAndKeys() {
        // Keys rotate between several accounts here, so any key is taken.
        mock_.state().setExpectedKey({});
        const auto chat = [&](const char* model, const QByteArray& key) {
            return post(QStringLiteral("/v1/chat/completions"),
                        R"({"model":")" + QByteArray(model) +
                            R"(","messages":[{"role":"user","content":"x"}]})",
                        bearer(key))
                .status;
        };
        const Answer queued = post(QStringLiteral("/mock/faults"),
                                   R"([{"model":"gpt-b","status":503},
                                       {"key":"key-2","status":429,"times":2},
                                       {"model":"gpt-b","key":"key-3","status":500}])",
                                   {});
        QCOMPARE(queued.json()[u"queued"].toInt(), 3);
        // Faults meant for other requests stay queued, in order.
        QCOMPARE(chat("gpt-a", "key-1"), 200);
        QCOMPARE(chat("gpt-b", "key-3"), 503);
        QCOMPARE(chat("gpt-b", "key-1"), 200);
        QCOMPARE(chat("gpt-a", "key-2"), 429);
        QCOMPARE(chat("gpt-b", "key-2"), 429);
        QCOMPARE(chat("gpt-a", "key-2"), 200);
        QCOMPARE(chat("gpt-b", "key-3"), 500);
        QCOMPARE(chat("gpt-b", "key-3"), 200);

        QCOMPARE(mock_.state().count(), 8);
        QCOMPARE(mock_.state().count(QStringLiteral("gpt-b")), 5);
        QCOMPARE(mock_.state().count({}, "key-2"), 3);
        QCOMPARE(mock_.state().count(QStringLiteral("gpt-b"), "key-3"), 3);
        const QJsonArray seen =
            QJsonDocument::fromJson(
                call("GET", QStringLiteral("/mock/requests?model=gpt-a&key=key-2"), {}, {}).body)
                .array();
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen[0][u"model"].toString(), QStringLiteral("gpt-a"));
        QCOMPARE(seen[0][u"keys"][0].toString(), QStringLiteral("key-2"));
    }

    void faultsTargetEachProvidersModelAndKey() {
        mock_.state().setExpectedKey({});
        mock::MockFault gemini;
        gemini.model = QStringLiteral("gemini-b");
        gemini.status = 503;
        mock::MockFault azure;
        azure.model = QStringLiteral("dep-b");
        azure.status = 503;
        mock::MockFault anthropic;
        anthropic.key = "ant-2";
        anthropic.status = 529;
        mock::MockFault geminiKey;
        geminiKey.key = "goog-2";
        geminiKey.status = 429;
        for (const mock::MockFault& f : {gemini, azure, anthropic, geminiKey}) {
            mock_.state().pushFault(f);
        }
        const QByteArray contents = R"({"contents":[{"parts":[{"text":"x"}]}]})";
        const Headers goog1{{"x-goog-api-key", "goog-1"}};
        QCOMPARE(
            post(QStringLiteral("/v1beta/models/gemini-a:generateContent"), contents, goog1).status,
            200);
        QCOMPARE(post(QStringLiteral("/v1beta/models/gemini-b:streamGenerateContent?alt=sse"),
                      contents, goog1)
                     .status,
                 503);
        // Gemini takes the key in the query as well.
        QCOMPARE(
            post(QStringLiteral("/v1beta/models/gemini-a:generateContent?key=goog-2"), contents, {})
                .status,
            429);

        const QByteArray messages = R"({"messages":[{"role":"user","content":"x"}]})";
        const Headers azureKey{{"api-key", "az-1"}, {"content-type", "application/json"}};
        const QString deployments = QStringLiteral(
            "/openai/deployments/%1/chat/completions"
            "?api-version=2024-10-21");
        QCOMPARE(post(deployments.arg(u"dep-a"), messages, azureKey).status, 200);
        QCOMPARE(post(deployments.arg(u"dep-b"), messages, azureKey).status, 503);

        const QByteArray claude =
            R"({"model":"claude-mock","max_tokens":10,"messages":[{"role":"user","content":"x"}]})";
        QCOMPARE(post(QStringLiteral("/v1/messages"), claude,
                      {{"x-api-key", "ant-1"}, {"anthropic-version", "2023-06-01"}})
                     .status,
                 200);
        QCOMPARE(post(QStringLiteral("/v1/messages"), claude,
                      {{"x-api-key", "ant-2"}, {"anthropic-version", "2023-06-01"}})
                     .status,
                 529);
        QCOMPARE(mock_.state().count(QStringLiteral("dep-b")), 1);
        QCOMPARE(mock_.state().count(QStringLiteral("gemini-a"), "goog-2"), 1);
    }

    void faultsServeEveryMatchUntilCleared() {
        post(QStringLiteral("/mock/faults"), R"({"model":"gpt-down","status":500,"times":-1})", {});
        const QByteArray body =
            R"({"model":"gpt-down","messages":[{"role":"user","content":"x"}]})";
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(post(QStringLiteral("/v1/chat/completions"), body, openAiHeaders()).status,
                     500);
        }
        QCOMPARE(call("DELETE", QStringLiteral("/mock/faults"), {}, {}).status, 200);
        QCOMPARE(post(QStringLiteral("/v1/chat/completions"), body, openAiHeaders()).status, 200);
        // Clearing the faults keeps what was received.
        QCOMPARE(mock_.state().count(QStringLiteral("gpt-down")), 4);
    }

    void faultHeadersGoOut() {
        const QByteArray body =
            R"({"model":"gpt-mock","messages":[{"role":"user","content":"x"}]})";
        Answer a = post(
            QStringLiteral("/v1/chat/completions"), body,
            withFault(openAiHeaders(),
                      R"({"status":429,"retry_after_ms":1500,"headers":{)"
                      R"("x-ratelimit-reset-requests":"1s","x-ratelimit-reset-tokens":"6m0s"}})"));
        QCOMPARE(a.status, 429);
        QCOMPARE(a.headerValue("retry-after-ms"), "1500");
        QCOMPARE(a.headerValue("x-ratelimit-reset-requests"), "1s");
        QCOMPARE(a.headerValue("x-ratelimit-reset-tokens"), "6m0s");
        QCOMPARE(a.json()[u"error"][u"code"].toString(), QStringLiteral("rate_limit_exceeded"));

        a = post(
            QStringLiteral("/v1/messages"),
            R"({"model":"claude-mock","max_tokens":10,"messages":[{"role":"user","content":"x"}]})",
            withFault(anthropicHeaders(),
                      R"({"status":429,"retry_after":"2","headers":{)"
                      R"("anthropic-ratelimit-requests-remaining":"0",)"
                      R"("anthropic-ratelimit-requests-reset":"2026-11-24T12:00:00Z"}})"));
        QCOMPARE(a.status, 429);
        QCOMPARE(a.headerValue("retry-after"), "2");
        QCOMPARE(a.headerValue("anthropic-ratelimit-requests-reset"), "2026-11-24T12:00:00Z");
        QCOMPARE(a.headerValue("anthropic-ratelimit-requests-remaining"), "0");

        // Headers alone ride on a normal answer, streamed or not.
        a = post(
            QStringLiteral("/v1/chat/completions"), body,
            withFault(openAiHeaders(), R"({"headers":{"x-ratelimit-remaining-requests":"1"}})"));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.headerValue("x-ratelimit-remaining-requests"), "1");
        QByteArray streamed = body;
        streamed.replace(R"("model":"gpt-mock")", R"("model":"gpt-mock","stream":true)");
        a = post(QStringLiteral("/v1/chat/completions"), streamed,
                 withFault(openAiHeaders(), R"({"headers":{"x-ratelimit-remaining-tokens":"9"}})"));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.headerValue("x-ratelimit-remaining-tokens"), "9");
        QCOMPARE(sse(a.body).last().second, "[DONE]");
    }

    void geminiRateLimitCarriesRetryInfo() {
        const Answer a = post(QStringLiteral("/v1beta/models/gemini-mock:generateContent"),
                              R"({"contents":[{"parts":[{"text":"x"}]}]})",
                              withFault(geminiHeaders(), R"({"status":429,"retry_delay":"1.5s"})"));
        QCOMPARE(a.status, 429);
        // Google says when to retry in the body only.
        QVERIFY(a.headerValue("retry-after").isEmpty());
        const QJsonObject error = a.json()[u"error"].toObject();
        QCOMPARE(error[u"status"].toString(), QStringLiteral("RESOURCE_EXHAUSTED"));
        QVERIFY(error[u"message"].toString().startsWith(u"You exceeded your current quota"));
        QVERIFY(error[u"message"].toString().endsWith(u"Please retry in 1.5s."));
        const QJsonArray details = error[u"details"].toArray();
        QCOMPARE(details.first()[u"@type"].toString(),
                 QStringLiteral("type.googleapis.com/google.rpc.QuotaFailure"));
        QCOMPARE(details.first()[u"violations"][0][u"quotaDimensions"][u"model"].toString(),
                 QStringLiteral("gemini-mock"));
        QCOMPARE(details.last()[u"@type"].toString(),
                 QStringLiteral("type.googleapis.com/google.rpc.RetryInfo"));
        QCOMPARE(details.last()[u"retryDelay"].toString(), QStringLiteral("1.5s"));
    }

    void openAiNamedErrors() {
        const QByteArray body =
            R"({"model":"gpt-mock","messages":[{"role":"user","content":"x"}]})";
        Answer a = post(QStringLiteral("/v1/chat/completions"), body,
                        withFault(openAiHeaders(), R"({"error":"context_length"})"));
        QCOMPARE(a.status, 400);
        QJsonObject error = a.json()[u"error"].toObject();
        QCOMPARE(error[u"code"].toString(), QStringLiteral("context_length_exceeded"));
        QCOMPARE(error[u"type"].toString(), QStringLiteral("invalid_request_error"));
        QCOMPARE(error[u"param"].toString(), QStringLiteral("messages"));
        QVERIFY(QRegularExpression(
                    QStringLiteral("^This model's maximum context length is 128000 tokens\\. "
                                   "However, your messages resulted in \\d+ tokens\\. Please "
                                   "reduce the length of the messages\\.$"))
                    .match(error[u"message"].toString())
                    .hasMatch());

        // A stream is refused before it starts.
        QByteArray streamed = body;
        streamed.replace(R"("model":"gpt-mock")", R"("model":"gpt-mock","stream":true)");
        a = post(QStringLiteral("/v1/chat/completions"), streamed,
                 withFault(openAiHeaders(), R"({"error":"content_policy"})"));
        QCOMPARE(a.status, 400);
        QVERIFY(a.headerValue("content-type").startsWith("application/json"));
        error = a.json()[u"error"].toObject();
        QCOMPARE(error[u"code"].toString(), QStringLiteral("invalid_prompt"));
        QCOMPARE(error[u"type"].toString(), QStringLiteral("invalid_request_error"));
        QVERIFY(error[u"param"].isNull());
        QVERIFY(error[u"message"].toString().startsWith(
            u"Invalid prompt: your prompt was flagged as potentially violating our usage policy."));
    }

    void azureNamedErrors() {
        const Headers azureKey{{"api-key", kKey}, {"content-type", "application/json"}};
        const QString path =
            QStringLiteral("/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21");
        const QByteArray body = R"({"messages":[{"role":"user","content":"x"}]})";
        // The model's own error keeps OpenAI's shape on Azure.
        Answer a = post(path, body, withFault(azureKey, R"({"error":"context_length"})"));
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json()[u"error"][u"code"].toString(), QStringLiteral("context_length_exceeded"));
        QCOMPARE(a.json()[u"error"][u"param"].toString(), QStringLiteral("messages"));

        a = post(path, body, withFault(azureKey, R"({"error":"content_policy"})"));
        QCOMPARE(a.status, 400);
        const QJsonObject error = a.json()[u"error"].toObject();
        QCOMPARE(error[u"code"].toString(), QStringLiteral("content_filter"));
        QCOMPARE(error[u"param"].toString(), QStringLiteral("prompt"));
        QCOMPARE(error[u"status"].toInt(), 400);
        QVERIFY(error[u"message"].toString().startsWith(
            u"The response was filtered due to the prompt triggering Azure OpenAI's content "
            u"management policy."));
        const QJsonObject inner = error[u"innererror"].toObject();
        QCOMPARE(inner[u"code"].toString(), QStringLiteral("ResponsibleAIPolicyViolation"));
        const QJsonObject results = inner[u"content_filter_result"].toObject();
        QCOMPARE(results[u"violence"][u"filtered"].toBool(), true);
        QCOMPARE(results[u"violence"][u"severity"].toString(), QStringLiteral("medium"));
        QCOMPARE(results[u"hate"][u"filtered"].toBool(true), false);
    }

    void anthropicNamedErrors() {
        const QByteArray body =
            R"({"model":"claude-mock","max_tokens":10,"stream":true,"messages":[{"role":"user","content":"x"}]})";
        Answer a = post(QStringLiteral("/v1/messages"), body,
                        withFault(anthropicHeaders(), R"({"error":"context_length"})"));
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json()[u"type"].toString(), QStringLiteral("error"));
        QCOMPARE(a.json()[u"error"][u"type"].toString(), QStringLiteral("invalid_request_error"));
        QVERIFY(
            QRegularExpression(QStringLiteral("^prompt is too long: \\d+ tokens > 200000 maximum$"))
                .match(a.json()[u"error"][u"message"].toString())
                .hasMatch());
        QVERIFY(a.json()[u"request_id"].toString().startsWith(u"req_"));

        a = post(QStringLiteral("/v1/messages"), body,
                 withFault(anthropicHeaders(), R"({"error":"content_policy"})"));
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json()[u"error"][u"type"].toString(), QStringLiteral("invalid_request_error"));
        QCOMPARE(a.json()[u"error"][u"message"].toString(),
                 QStringLiteral("Output blocked by content filtering policy"));
    }

    void geminiNamedErrors() {
        const QByteArray body = R"({"contents":[{"parts":[{"text":"x"}]}]})";
        Answer a = post(QStringLiteral("/v1beta/models/gemini-mock:generateContent"), body,
                        withFault(geminiHeaders(), R"({"error":"context_length"})"));
        QCOMPARE(a.status, 400);
        const QRegularExpression tooLong(
            QStringLiteral("^The input token count \\(\\d+\\) exceeds the maximum number of tokens "
                           "allowed \\(1048576\\)\\.$"));
        QCOMPARE(a.json()[u"error"][u"code"].toInt(), 400);
        QCOMPARE(a.json()[u"error"][u"status"].toString(), QStringLiteral("INVALID_ARGUMENT"));
        QVERIFY(tooLong.match(a.json()[u"error"][u"message"].toString()).hasMatch());
        // The array-streaming endpoint wraps it in an array.
        a = post(QStringLiteral("/v1beta/models/gemini-mock:streamGenerateContent"), body,
                 withFault(geminiHeaders(), R"({"error":"context_length"})"));
        QCOMPARE(a.status, 400);
        QVERIFY(
            tooLong
                .match(QJsonDocument::fromJson(a.body).array()[0][u"error"][u"message"].toString())
                .hasMatch());

        // Gemini blocks a prompt in a normal answer, with no candidates.
        a = post(QStringLiteral("/v1beta/models/gemini-mock:generateContent"), body,
                 withFault(geminiHeaders(), R"({"error":"content_policy"})"));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json()[u"promptFeedback"][u"blockReason"].toString(),
                 QStringLiteral("PROHIBITED_CONTENT"));
        QVERIFY(!a.json()[u"promptFeedback"].toObject().contains(u"safetyRatings"));
        QVERIFY(!a.json().contains(u"candidates"));
        a = post(QStringLiteral("/v1beta/models/gemini-mock:streamGenerateContent?alt=sse"), body,
                 withFault(geminiHeaders(), R"({"error":"content_policy"})"));
        QCOMPARE(a.status, 200);
        const auto events = sse(a.body);
        QCOMPARE(events.size(), 1);
        QCOMPARE(obj(events[0].second)[u"promptFeedback"][u"blockReason"].toString(),
                 QStringLiteral("PROHIBITED_CONTENT"));
    }

    void streamsCutBeforeAnyContent() {
        QByteArray openAi =
            R"({"model":"gpt-mock","stream":true,"messages":[{"role":"user","content":"x"}]})";
        Answer a = post(QStringLiteral("/v1/chat/completions"), openAi,
                        withFault(openAiHeaders(), R"({"cut_after_chunks":1})"));
        QCOMPARE(a.status, 200);
        // The connection drops mid-body. Qt's client does not always report a chunked body
        // cut at a chunk boundary as an error, so the proof is what did not arrive.
        QVERIFY(!a.body.contains("[DONE]"));
        auto events = sse(a.body);
        QCOMPARE(events.size(), 1);
        const QJsonObject delta = obj(events[0].second)[u"choices"][0][u"delta"].toObject();
        QCOMPARE(delta[u"role"].toString(), QStringLiteral("assistant"));
        QCOMPARE(delta[u"content"].toString(QStringLiteral("missing")), QString());

        a = post(
            QStringLiteral("/v1/messages"),
            R"({"model":"claude-mock","max_tokens":10,"stream":true,"messages":[{"role":"user","content":"x"}]})",
            withFault(anthropicHeaders(), R"({"cut_after_chunks":1})"));
        QCOMPARE(a.status, 200);
        events = sse(a.body);
        QCOMPARE(events.size(), 1);  // no message_stop
        QCOMPARE(events[0].first, "message_start");
    }

    void streamErrorsBeforeAnyContent() {
        Answer a = post(
            QStringLiteral("/v1/messages"),
            R"({"model":"claude-mock","max_tokens":10,"stream":true,"messages":[{"role":"user","content":"x"}]})",
            withFault(anthropicHeaders(),
                      R"({"stream_error":"overloaded_error","cut_after_chunks":1})"));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.error, QNetworkReply::NoError);  // the stream ends cleanly after the error
        auto events = sse(a.body);
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[0].first, "message_start");
        QCOMPARE(events[1].first, "error");
        QCOMPARE(obj(events[1].second)[u"error"][u"type"].toString(),
                 QStringLiteral("overloaded_error"));
        QCOMPARE(obj(events[1].second)[u"error"][u"message"].toString(),
                 QStringLiteral("Overloaded"));

        a = post(
            QStringLiteral("/v1/chat/completions"),
            R"({"model":"gpt-mock","stream":true,"messages":[{"role":"user","content":"x"}]})",
            withFault(openAiHeaders(), R"({"stream_error":"server_error","cut_after_chunks":1})"));
        QCOMPARE(a.status, 200);
        events = sse(a.body);
        QCOMPARE(events.size(), 2);
        QCOMPARE(obj(events[0].second)[u"choices"][0][u"delta"][u"role"].toString(),
                 QStringLiteral("assistant"));
        const QJsonObject error = obj(events[1].second)[u"error"].toObject();
        QCOMPARE(error[u"type"].toString(), QStringLiteral("server_error"));
        QVERIFY(!error[u"message"].toString().isEmpty());
    }

    void slowHeadAndSlowChunks() {
        QElapsedTimer clock;
        clock.start();
        const Answer a = post(QStringLiteral("/v1/chat/completions"),
                              R"({"model":"gpt-mock","messages":[{"role":"user","content":"x"}]})",
                              withFault(openAiHeaders(), R"({"delay_ms":300})"));
        QCOMPARE(a.status, 200);
        QVERIFY2(clock.elapsed() >= 250, qPrintable(QString::number(clock.elapsed())));

        // Each chunk of the stream waits chunk_delay_ms after the one before.
        constexpr int kGap = 40;
        QNetworkRequest request(QUrl(mock_.baseUrl() + QStringLiteral("/v1/chat/completions")));
        for (const auto& [name, value] :
             withFault(openAiHeaders(), R"({"chunk_delay_ms":)" + QByteArray::number(kGap) + "}")) {
            request.setRawHeader(name, value);
        }
        QNetworkReply* reply = net_.post(
            request,
            QByteArray(
                R"({"model":"gpt-mock","stream":true,"messages":[{"role":"user","content":"one two three four five six"}]})"));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QElapsedTimer sinceFirst;
        int arrivals = 0;
        connect(reply, &QNetworkReply::readyRead, this, [&] {
            if (arrivals++ == 0) {
                sinceFirst.start();
            }
        });
        QVERIFY(finished.wait(5000));
        const qint64 spread = sinceFirst.elapsed();
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        const qsizetype chunks = sse(body).size();
        QVERIFY(chunks > 10);
        QVERIFY2(arrivals >= 6, qPrintable(QString::number(arrivals)));
        QVERIFY2(spread >= 6 * kGap, qPrintable(QString::number(spread)));
    }

    // --- Shared helpers ------------------------------------------------------

    void signaturesAreStable() {
        QCOMPARE(mock::AnthropicMockReply::thinkingSignature(QStringLiteral("a")),
                 mock::AnthropicMockReply::thinkingSignature(QStringLiteral("a")));
        QVERIFY(mock::AnthropicMockReply::thinkingSignature(QStringLiteral("a")) !=
                mock::AnthropicMockReply::thinkingSignature(QStringLiteral("b")));
        const QJsonObject args{{QStringLiteral("x"), 1}};
        QCOMPARE(mock::GeminiMockReply::thoughtSignature(QStringLiteral("f"), args),
                 mock::GeminiMockReply::thoughtSignature(QStringLiteral("f"), args));
    }
};

QTEST_GUILESS_MAIN(TestMockProvider)
#include "tst_mockprovider.moc"
