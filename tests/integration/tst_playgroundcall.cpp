// The Playground's call through the real proxy to the mock provider: text arrives as it
// is streamed, the answer names its target and cost, the call is logged with its tag,
// Stop reaches the provider, and failures come back in words.
#include "MockProvider.h"
#include "config/ConfigError.h"
#include "config/ConfigLoader.h"
#include "engine/Engine.h"
#include "engine/RequestLog.h"
#include "playground/JsonPrinter.h"
#include "playground/LoggedRequestReader.h"
#include "playground/PlaygroundCall.h"
#include "playground/PlaygroundConversation.h"
#include "playground/PlaygroundRequest.h"
#include "store/RequestStore.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace signalbox;
using namespace Qt::StringLiterals;
using mock::MockFault;

namespace {
constexpr char kConfig[] =
    "listen: 127.0.0.1:0\n"
    "server: {workers: 1}\n"
    "providers:\n"
    "  oai: {kind: openai, base_url: \"OPENAI_URL\"}\n"
    "routes:\n"
    "  chat: {targets: [oai/gpt-4o-mini]}\n";

Json parsed(const QByteArray& text) {
    std::optional<Json> json = Json::parse(text);
    if (!json)
        qFatal("not JSON: %s", text.constData());
    return *json;
}

QByteArray chat(const char* model) {
    return QByteArray(R"({"model":")") + model +
           R"(","messages":[{"role":"user","content":"tell me a story"}]})";
}
}  // namespace

class TestPlaygroundCall : public QObject {
    Q_OBJECT
private:
    mock::MockProvider mock_;
    QTemporaryDir dir_;
    std::unique_ptr<Engine> engine_;

    // The request log's row for `id`: status and tags.
    std::pair<int, QString> logged(const QByteArray& id) {
        engine_->requestLog().store()->waitUntilWritten(5000);
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"reader"_s);
        db.setDatabaseName(engine_->requestLog().store()->databasePath());
        std::pair<int, QString> row{0, {}};
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(u"SELECT status, tags FROM requests WHERE id = ?"_s);
            q.addBindValue(QString::fromLatin1(id));
            if (q.exec() && q.next())
                row = {q.value(0).toInt(), q.value(1).toString()};
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"reader"_s);
        return row;
    }

private slots:
    void initTestCase() {
        QVERIFY(mock_.start());
        QByteArray yaml(kConfig);
        yaml.replace("OPENAI_URL", mock_.openAiBaseUrl().toUtf8());
        auto loaded = ConfigLoader::loadString(yaml, u"playground.yaml"_s);
        if (auto* error = std::get_if<ConfigError>(&loaded))
            QFAIL(qPrintable(error->toString()));
        engine_ = std::make_unique<Engine>();
        engine_->setConfig(std::make_shared<Config>(std::get<Config>(std::move(loaded))));
        engine_->setDataDir(dir_.path());
        engine_->startProxy();
        QTRY_COMPARE(engine_->proxyState(), Engine::ProxyState::Running);
    }
    void init() { mock_.state().reset(); }
    void cleanupTestCase() { engine_.reset(); }

    void textArrivesAsItIsStreamed() {
        MockFault paced;
        paced.chunkDelayMs = 20;
        mock_.state().pushFault(paced);
        PlaygroundCall call(*engine_);
        QSignalSpy serving(&call, &PlaygroundCall::serving);
        QSignalSpy finished(&call, &PlaygroundCall::finished);
        QStringList pieces;
        int piecesBeforeTheEnd = -1;
        connect(&call, &PlaygroundCall::textArrived, this,
                [&](const QString& text, bool) { pieces << text; });
        connect(&call, &PlaygroundCall::finished, this,
                [&] { piecesBeforeTheEnd = static_cast<int>(pieces.size()); });
        call.start(chat("chat"));
        QVERIFY(call.isRunning());
        QTRY_COMPARE(finished.count(), 1);
        const auto result = finished.at(0).at(0).value<PlaygroundResult>();
        QCOMPARE(result.outcome, PlaygroundResult::Outcome::Answered);
        QVERIFY2(piecesBeforeTheEnd >= 3, qPrintable(pieces.join(u'|')));
        QCOMPARE(serving.count(), 1);
        QCOMPARE(serving.at(0).at(0).toString(), u"oai/gpt-4o-mini"_s);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.target, u"oai/gpt-4o-mini"_s);
        QCOMPARE(result.attempts, 1);
        QCOMPARE(result.response.content.size(), size_t(1));
        QCOMPARE(result.response.content[0].text, pieces.join(QString()));
        QVERIFY(result.usage.inputTokens > 0 && result.usage.outputTokens > 0);
        // gpt-4o-mini's list price: $0.15 in, $0.60 out per million tokens.
        QVERIFY(result.costUsd.has_value());
        QCOMPARE(*result.costUsd,
                 (result.usage.inputTokens * 0.15 + result.usage.outputTokens * 0.60) / 1e6);
        QVERIFY(result.firstTokenMs >= 0 && result.firstTokenMs <= result.totalMs);
        // Later chunks came 20 ms apart: the first token came well before the end.
        QVERIFY(result.totalMs - result.firstTokenMs >= 20 * (piecesBeforeTheEnd - 2));

        const auto [status, tags] = logged(result.requestId);
        QCOMPARE(status, 200);
        QCOMPARE(tags, u"{\"source\":\"playground\"}"_s);
    }

    void stopCancelsTheProvidersCall() {
        MockFault slow;
        slow.chunkDelayMs = 200;
        mock_.state().pushFault(slow);
        PlaygroundCall call(*engine_);
        QSignalSpy finished(&call, &PlaygroundCall::finished);
        connect(&call, &PlaygroundCall::textArrived, this, [&] {
            if (call.isRunning())
                call.cancel();
        });
        call.start(chat("chat"));
        QTRY_COMPARE(finished.count(), 1);
        const auto result = finished.at(0).at(0).value<PlaygroundResult>();
        QCOMPARE(result.outcome, PlaygroundResult::Outcome::Cancelled);
        QVERIFY(!call.isRunning());
        // The proxy saw the client leave and logged it so (it cancels the upstream call
        // on the same path; tst_proxyrouting checks the provider's side).
        QVERIFY(!result.requestId.isEmpty());
        QTRY_COMPARE(logged(result.requestId).first, 499);
    }

    void anUnknownModelIsRefusedInWords() {
        PlaygroundCall call(*engine_);
        QSignalSpy finished(&call, &PlaygroundCall::finished);
        call.start(chat("nowhere/model"));
        QTRY_COMPARE(finished.count(), 1);
        const auto result = finished.at(0).at(0).value<PlaygroundResult>();
        QCOMPARE(result.outcome, PlaygroundResult::Outcome::Failed);
        QVERIFY(result.status >= 400);
        QVERIFY2(result.error.contains(u"nowhere/model"_s), qPrintable(result.error));
    }

    void toolCallsArriveAsTheyStream() {
        MockFault paced;
        paced.chunkDelayMs = 5;
        mock_.state().pushFault(paced);
        PlaygroundCall call(*engine_);
        QSignalSpy finished(&call, &PlaygroundCall::finished);
        QString name;
        QByteArray arguments;
        int pieces = 0;
        connect(&call, &PlaygroundCall::toolCallArrived, this,
                [&](int index, const QString& called, const QByteArray& fragment) {
                    QCOMPARE(index, 0);
                    if (!called.isEmpty())
                        name = called;
                    arguments += fragment;
                    ++pieces;
                });
        call.start(R"({"model":"chat","messages":[{"role":"user","content":"Paris"}],)"
                   R"("tools":[{"type":"function","function":{"name":"get_weather",)"
                   R"("parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]})");
        QTRY_COMPARE(finished.count(), 1);
        const auto result = finished.at(0).at(0).value<PlaygroundResult>();
        QCOMPARE(result.outcome, PlaygroundResult::Outcome::Answered);
        QCOMPARE(name, u"get_weather"_s);
        QVERIFY2(pieces >= 2, qPrintable(QString::number(pieces)));
        QCOMPARE(parsed(arguments)["city"].toString(), u"Paris"_s);
        QCOMPARE(result.response.content.size(), size_t(1));
        QCOMPARE(result.response.content[0].kind, ContentPart::Kind::ToolCall);
        QCOMPARE(result.response.content[0].arguments, arguments);

        // The call and its result go back in the conversation; the model answers the result.
        PlaygroundConversation conversation;
        conversation.addInput(u"Paris"_s);
        QVERIFY(conversation.awaitsAnswer());
        QVERIFY(conversation.addAnswer(result.response, true));
        QVERIFY(!conversation.awaitsAnswer());
        const auto pending = conversation.pendingToolCalls();
        QCOMPARE(pending.size(), size_t(1));
        QCOMPARE(pending[0].name, u"get_weather"_s);
        QCOMPARE(PlaygroundConversation::toolName(conversation.messages(), pending[0].id),
                 u"get_weather"_s);
        conversation.addInput(u"18 degrees, sunny"_s);
        QVERIFY(conversation.pendingToolCalls().empty());
        QVERIFY(conversation.awaitsAnswer());
        const Json& tool = conversation.messages().back();
        QCOMPARE(tool["role"].toString(), u"tool"_s);
        QCOMPARE(tool["tool_call_id"].toString(), pending[0].id);

        PlaygroundRequest request;
        request.model = u"chat"_s;
        request.messages = conversation.messages();
        call.start(request.body().serialize());
        QTRY_COMPARE(finished.count(), 2);
        const auto second = finished.at(1).at(0).value<PlaygroundResult>();
        QCOMPARE(second.outcome, PlaygroundResult::Outcome::Answered);
        QVERIFY(second.response.content[0].text.contains(u"18 degrees, sunny"_s));
        const Json sent = parsed(mock_.state().requests().back().body);
        QCOMPARE(sent["messages"].at(1)["tool_calls"].at(0)["function"]["name"].toString(),
                 u"get_weather"_s);
    }

    void aStoppedAnswerKeepsItsTextOnly() {
        ChatResponse response;
        response.content.push_back(ContentPart::textPart(u"Half an ans"_s));
        ContentPart call;
        call.kind = ContentPart::Kind::ToolCall;
        call.toolCallId = u"call_1"_s;
        call.toolName = u"lookup"_s;
        call.arguments = "{\"q\":\"x";  // cut short
        response.content.push_back(call);
        PlaygroundConversation conversation;
        conversation.addInput(u"hi"_s);
        QVERIFY(conversation.addAnswer(response, false));
        QCOMPARE(conversation.messages().back().serialize(),
                 QByteArray(R"({"role":"assistant","content":"Half an ans"})"));
        QVERIFY(!conversation.addAnswer(ChatResponse(), true));
        QCOMPARE(conversation.messages().size(), size_t(2));
    }

    void theBodyCarriesOnlyWhatWasSet() {
        PlaygroundRequest request;
        request.model = u"oai/gpt-4o-mini"_s;
        request.messages.push_back(parsed(R"({"role":"user","content":"hi"})"));
        QCOMPARE(request.body().serialize(),
                 QByteArray(R"({"model":"oai/gpt-4o-mini","messages":[{"role":"user",)"
                            R"("content":"hi"}]})"));
        request.system = u"Be brief."_s;
        request.temperature = 0.7;
        request.topP = 0.9;
        request.maxTokens = 256;
        // The schema's member order is the user's, not sorted.
        request.tools = parsed(R"([{"type":"function","function":{"name":"f","parameters":)"
                               R"({"type":"object","properties":{"z":{},"a":{}}}}}])");
        request.responseFormat = parsed(R"({"type":"json_object"})");
        QCOMPARE(request.body().serialize(),
                 QByteArray(R"({"model":"oai/gpt-4o-mini","messages":[{"role":"system",)"
                            R"("content":"Be brief."},{"role":"user","content":"hi"}],)"
                            R"("temperature":0.7,"top_p":0.9,"max_tokens":256,"tools":)"
                            R"([{"type":"function","function":{"name":"f","parameters":)"
                            R"({"type":"object","properties":{"z":{},"a":{}}}}}],)"
                            R"("response_format":{"type":"json_object"}})"));
        request.tools = parsed("[]");  // an empty list is none
        QVERIFY(!request.body().contains("tools"));
    }

    void typedJsonIsCheckedInWords() {
        QString problem;
        QVERIFY(PlaygroundRequest::parseInput(u"  \n"_s, &problem)->isNull());
        QVERIFY(!PlaygroundRequest::parseInput(u"[\n  {\"a\": 1\n  \"b\": 2}\n]"_s, &problem));
        QVERIFY2(problem == u"line 3, column 4: a comma or } is missing."_s, qPrintable(problem));
        QVERIFY(!PlaygroundRequest::parseInput(u"{\"a\": True}"_s, &problem));
        QVERIFY2(problem.startsWith(u"line 1, column 7: not a JSON value"_s), qPrintable(problem));

        QVERIFY(PlaygroundRequest::toolsProblem(Json()).isEmpty());
        QVERIFY(
            PlaygroundRequest::toolsProblem(parsed(R"({"type":"function"})")).contains(u"list"_s));
        QVERIFY(PlaygroundRequest::toolsProblem(parsed(R"([{"type":"function","function":{}}])"))
                    .contains(u"Tool 1 needs a name"_s));
        QVERIFY(PlaygroundRequest::toolsProblem(
                    parsed(R"([{"type":"function","function":{"name":"f","parameters":[]}}])"))
                    .contains(u"schema"_s));
        QVERIFY(PlaygroundRequest::responseFormatProblem(parsed(R"({"type":"json_object"})"))
                    .isEmpty());
        QVERIFY(PlaygroundRequest::responseFormatProblem(parsed(R"({"type":"yaml"})"))
                    .contains(u"yaml"_s));
        QVERIFY(PlaygroundRequest::responseFormatProblem(parsed(R"({"type":"json_schema"})"))
                    .contains(u"name"_s));
    }

    void printedJsonReadsInEachLanguage() {
        const Json value = parsed("{\"b\":true,\"a\":[null,1.5,\"x\\\"y\"],\"my-key\":{}}");
        QCOMPARE(JsonPrinter(JsonPrinter::Syntax::Json).print(value),
                 u"{\n  \"b\": true,\n  \"a\": [\n    null,\n    1.5,\n    \"x\\\"y\"\n  ],\n"
                 u"  \"my-key\": {}\n}"_s);
        QCOMPARE(JsonPrinter(JsonPrinter::Syntax::Python, 4).print(value),
                 u"{\n    \"b\": True,\n    \"a\": [\n        None,\n        1.5,\n"
                 u"        \"x\\\"y\"\n    ],\n    \"my-key\": {}\n}"_s);
        QCOMPARE(JsonPrinter(JsonPrinter::Syntax::JavaScript).print(value, 1),
                 u"{\n    b: true,\n    a: [\n      null,\n      1.5,\n      \"x\\\"y\"\n    ],\n"
                 u"    \"my-key\": {}\n  }"_s);
    }

    void anOpenAiLogBodyIsRestored() {
        const auto read = LoggedRequestReader::read(
            u"openai.chat"_s, u"chat"_s,
            R"({"model":"chat","stream":true,"seed":7,"messages":[)"
            R"({"role":"system","content":"Be brief."},{"role":"user","content":"hi"},)"
            R"({"role":"assistant","content":"Hello!"},{"role":"user","content":"more"}],)"
            R"("temperature":0.2,"max_completion_tokens":100,"tools":[{"type":"function",)"
            R"("function":{"name":"f"}}],"response_format":{"type":"json_object"}})");
        QVERIFY2(read.request, qPrintable(read.problem));
        const PlaygroundRequest& r = *read.request;
        QCOMPARE(r.model, u"chat"_s);
        QCOMPARE(r.system, u"Be brief."_s);
        QCOMPARE(r.messages.size(), size_t(3));
        QCOMPARE(r.messages[1]["content"].toString(), u"Hello!"_s);
        QCOMPARE(r.temperature, std::optional<double>(0.2));
        QVERIFY(!r.topP);
        QCOMPARE(r.maxTokens, std::optional<qint64>(100));
        QCOMPARE(r.tools.at(0)["function"]["name"].toString(), u"f"_s);
        QCOMPARE(r.responseFormat["type"].toString(), u"json_object"_s);
        QCOMPARE(read.notRestored, QStringList{u"seed"_s});
    }

    void anAnthropicLogBodyIsRestored() {
        const auto read = LoggedRequestReader::read(
            u"anthropic.messages"_s, u"chat"_s,
            R"({"model":"chat","max_tokens":300,"top_k":5,"system":[{"type":"text",)"
            R"("text":"You are terse."}],"messages":[{"role":"user","content":[{"type":)"
            R"("text","text":"weather?"}]},{"role":"assistant","content":[{"type":"tool_use",)"
            R"("id":"toolu_1","name":"get_weather","input":{"city":"Oslo"}}]},{"role":"user",)"
            R"("content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"rain"}]}],)"
            R"("tools":[{"name":"get_weather","description":"Weather","input_schema":)"
            R"({"type":"object","properties":{"city":{"type":"string"}}}}]})");
        QVERIFY2(read.request, qPrintable(read.problem));
        const PlaygroundRequest& r = *read.request;
        QCOMPARE(r.model, u"chat"_s);
        QCOMPARE(r.system, u"You are terse."_s);
        QCOMPARE(r.maxTokens, std::optional<qint64>(300));
        QCOMPARE(r.tools.at(0)["function"]["name"].toString(), u"get_weather"_s);
        QCOMPARE(r.messages.size(), size_t(3));
        QCOMPARE(r.messages[1]["tool_calls"].at(0)["function"]["name"].toString(),
                 u"get_weather"_s);
        QCOMPARE(r.messages[2]["role"].toString(), u"tool"_s);
        QCOMPARE(r.messages[2]["tool_call_id"].toString(), u"toolu_1"_s);
        QVERIFY2(read.notRestored.contains(u"top_k"_s), qPrintable(read.notRestored.join(u',')));
        // What was restored is a call the proxy takes.
        PlaygroundCall call(*engine_);
        QSignalSpy finished(&call, &PlaygroundCall::finished);
        call.start(r.body().serialize());
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).value<PlaygroundResult>().outcome,
                 PlaygroundResult::Outcome::Answered);
    }

    void whatCannotBeRestoredIsSaidInWords() {
        auto read = LoggedRequestReader::read(u"openai.embeddings"_s, u"emb"_s,
                                              R"({"model":"emb","input":"x"})");
        QVERIFY(!read.request);
        QVERIFY2(read.problem.contains(u"embeddings"_s), qPrintable(read.problem));
        read = LoggedRequestReader::read(u"openai.chat"_s, u"chat"_s,
                                         "{\"model\":\"chat\",\"messages\":[{\"role\":\"us");
        QVERIFY(!read.request);
        QVERIFY2(read.problem.contains(u"max_body_bytes"_s), qPrintable(read.problem));
        read = LoggedRequestReader::read(u"anthropic.messages"_s, u"chat"_s,
                                         R"({"model":"chat","messages":"no"})");
        QVERIFY(!read.request);
        QVERIFY2(!read.problem.isEmpty(), "no reason given");
    }

    void aStoppedProxyIsSaidSo() {
        engine_->stopProxy();
        PlaygroundCall call(*engine_);
        QSignalSpy finished(&call, &PlaygroundCall::finished);
        call.start(chat("chat"));
        QCOMPARE(finished.count(), 1);
        const auto result = finished.at(0).at(0).value<PlaygroundResult>();
        QCOMPARE(result.outcome, PlaygroundResult::Outcome::Failed);
        QVERIFY2(result.error.contains(u"Proxy"_s), qPrintable(result.error));
        engine_->startProxy();
        QTRY_COMPARE(engine_->proxyState(), Engine::ProxyState::Running);
    }
};

QTEST_GUILESS_MAIN(TestPlaygroundCall)
#include "tst_playgroundcall.moc"
