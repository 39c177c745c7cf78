#include "config/Config.h"
#include "json/Json.h"
#include "providers/ProviderAdapter.h"
#include "providers/ProviderRegistry.h"
#include "providers/SseParser.h"
#include "providers/ToolCallIds.h"
#include "providers/anthropic/AnthropicFormat.h"
#include "providers/anthropic/AnthropicThinkingPlan.h"

#include "CanonicalNames.h"
#include "NamedFormat.h"

#include <QTest>

using namespace signalbox;

namespace {

using test::kindName;

using test::NamedFormat;

const AnthropicFormat kFormat;
const NamedFormat kOpenAi("openai");

Json parse(QByteArrayView text) {
    QString error;
    const std::optional<Json> json = Json::parse(text, &error);
    if (!json)
        qFatal("test JSON does not parse: %s", qPrintable(error));
    return *json;
}

// Compact text of a JSON literal written readably in a test.
QByteArray compact(QByteArrayView text) {
    return parse(text).serialize();
}

ContentPart text(const QString& t) {
    return ContentPart::textPart(t);
}

ContentPart toolCall(const QString& id, const QString& name, const QByteArray& arguments) {
    ContentPart p;
    p.kind = ContentPart::Kind::ToolCall;
    p.toolCallId = id;
    p.toolName = name;
    p.arguments = arguments;
    return p;
}

ContentPart toolResult(const QString& id, const QString& result) {
    ContentPart p;
    p.kind = ContentPart::Kind::ToolResult;
    p.toolCallId = id;
    p.content.push_back(text(result));
    return p;
}

ChatMessage message(ChatMessage::Role role, std::vector<ContentPart> parts) {
    ChatMessage m;
    m.role = role;
    m.parts = std::move(parts);
    return m;
}

// One line per canonical event, so that sequences compare with readable failures.
QStringList dump(const std::vector<StreamEvent>& events) {
    QStringList lines;
    for (const StreamEvent& e : events) {
        switch (e.type) {
            case StreamEvent::Type::MessageStart:
                lines << QStringLiteral("start %1 %2 in=%3 out=%4")
                             .arg(e.id, e.model)
                             .arg(e.usage.inputTokens)
                             .arg(e.usage.outputTokens);
                break;
            case StreamEvent::Type::BlockStart:
                lines << QStringLiteral("block %1 %2 %3 %4 [%5] [%6]")
                             .arg(e.index)
                             .arg(QLatin1String(kindName(e.blockKind)), e.toolCallId, e.toolName,
                                  e.text, QString::fromUtf8(e.data));
                break;
            case StreamEvent::Type::TextDelta:
                lines << QStringLiteral("text %1 [%2]").arg(e.index).arg(e.text);
                break;
            case StreamEvent::Type::SignatureDelta:
                lines << QStringLiteral("sig %1 [%2]")
                             .arg(e.index)
                             .arg(QString::fromUtf8(e.signature));
                break;
            case StreamEvent::Type::ArgumentsDelta:
                lines << QStringLiteral("args %1 [%2]")
                             .arg(e.index)
                             .arg(QString::fromUtf8(e.arguments));
                break;
            case StreamEvent::Type::BlockStop:
                lines << QStringLiteral("stop %1").arg(e.index);
                break;
            case StreamEvent::Type::Usage:
                lines << QStringLiteral("usage in=%1 out=%2 read=%3 write=%4")
                             .arg(e.usage.inputTokens)
                             .arg(e.usage.outputTokens)
                             .arg(e.usage.cacheReadTokens)
                             .arg(e.usage.cacheWriteTokens);
                break;
            case StreamEvent::Type::Finish:
                lines << QStringLiteral("finish %1 [%2] in=%3 out=%4 read=%5 write=%6")
                             .arg(static_cast<int>(e.finish))
                             .arg(e.stopSequence)
                             .arg(e.usage.inputTokens)
                             .arg(e.usage.outputTokens)
                             .arg(e.usage.cacheReadTokens)
                             .arg(e.usage.cacheWriteTokens);
                break;
            case StreamEvent::Type::Error:
                lines << QStringLiteral("error %1 %2 %3")
                             .arg(static_cast<int>(e.error.kind))
                             .arg(e.error.status)
                             .arg(e.error.message);
                break;
        }
    }
    return lines;
}

// The streams of the "Streaming Messages" and "Extended thinking" pages
// (docs.claude.com/en/api/messages-streaming), joined into one answer that thinks,
// writes, and calls a tool, with a ping and a server tool block the canonical model skips.
const QByteArray kDocumentedStream = R"(event: message_start
data: {"type": "message_start", "message": {"id": "msg_014p7gG3wDgGV9EUtLvnow3U", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5", "stop_sequence": null, "usage": {"input_tokens": 472, "cache_creation_input_tokens": 100, "cache_read_input_tokens": 2000, "output_tokens": 2}, "content": [], "stop_reason": null}}

event: content_block_start
data: {"type": "content_block_start", "index": 0, "content_block": {"type": "thinking", "thinking": ""}}

event: content_block_delta
data: {"type": "content_block_delta", "index": 0, "delta": {"type": "thinking_delta", "thinking": "Let me solve this step by step:\n\n1. First break down 27 * 453"}}

event: content_block_delta
data: {"type": "content_block_delta", "index": 0, "delta": {"type": "thinking_delta", "thinking": "\n2. 453 = 400 + 50 + 3"}}

event: content_block_delta
data: {"type": "content_block_delta", "index": 0, "delta": {"type": "signature_delta", "signature": "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"}}

event: content_block_stop
data: {"type": "content_block_stop", "index": 0}

event: content_block_start
data: {"type": "content_block_start", "index": 1, "content_block": {"type": "text", "text": ""}}

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type": "content_block_delta", "index": 1, "delta": {"type": "text_delta", "text": "Okay, let's check the weather for San Francisco, CA:"}}

event: content_block_stop
data: {"type": "content_block_stop", "index": 1}

event: content_block_start
data: {"type": "content_block_start", "index": 2, "content_block": {"type": "server_tool_use", "id": "srvtoolu_014hJH82Qum7Td6UV8gDXThB", "name": "web_search", "input": {}}}

event: content_block_delta
data: {"type": "content_block_delta", "index": 2, "delta": {"type": "input_json_delta", "partial_json": "{\"query\": \"weather SF\"}"}}

event: content_block_stop
data: {"type": "content_block_stop", "index": 2}

event: content_block_start
data: {"type":"content_block_start","index":3,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

event: content_block_delta
data: {"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"{\"location\":"}}

event: content_block_delta
data: {"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":" \"San Francisc"}}

event: content_block_delta
data: {"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"o, CA\"}"}}

event: content_block_stop
data: {"type":"content_block_stop","index":3}

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

event: message_stop
data: {"type":"message_stop"}

)";

const QStringList kDocumentedEvents = {
    QStringLiteral("start msg_014p7gG3wDgGV9EUtLvnow3U claude-sonnet-4-5 in=2572 out=2"),
    QStringLiteral("block 0 thinking   [] []"),
    QStringLiteral("text 0 [Let me solve this step by step:\n\n1. First break down 27 * 453]"),
    QStringLiteral("text 0 [\n2. 453 = 400 + 50 + 3]"),
    QStringLiteral("sig 0 [EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds]"),
    QStringLiteral("stop 0"),
    QStringLiteral("block 1 text   [] []"),
    QStringLiteral("text 1 [Okay, let's check the weather for San Francisco, CA:]"),
    QStringLiteral("stop 1"),
    QStringLiteral("block 2 tool toolu_01T1x1fJ34qAmk2tNTrN7Up6 get_weather [] []"),
    QStringLiteral("args 2 [{\"location\":]"),
    QStringLiteral("args 2 [ \"San Francisc]"),
    QStringLiteral("args 2 [o, CA\"}]"),
    QStringLiteral("stop 2"),
    QStringLiteral("finish 4 [] in=2572 out=89 read=2000 write=100"),
};

struct WireEvent {
    QByteArray name;
    Json data;
};

std::vector<WireEvent> readSse(const QByteArray& bytes) {
    SseParser parser;
    std::vector<SseParser::Event> events;
    parser.feed(bytes, events);
    std::vector<WireEvent> out;
    for (const SseParser::Event& e : events)
        out.push_back({e.event, parse(e.data)});
    return out;
}

}  // namespace

class TestAnthropicFormat : public QObject {
    Q_OBJECT
private slots:
    // --- requests from Anthropic clients, written back for Anthropic ---------------------

    void requestRoundTrip_data();
    void requestRoundTrip();
    void requestReadsIntoTheCanonicalModel();
    void requestOutputConfigMapsToCanonical();
    void requestRefusals_data();
    void requestRefusals();

    // --- requests from OpenAI clients, written for Anthropic --------------------------------

    void openAiRequestBecomesMessagesBody();
    void imagesBecomeAnthropicSources_data();
    void imagesBecomeAnthropicSources();
    void reasoningBecomesThinking_data();
    void reasoningBecomesThinking();
    void adaptiveThinkingModels_data();
    void adaptiveThinkingModels();
    void jsonObjectFormatAndMetadataAreDropped();

    // --- answers -----------------------------------------------------------------------

    void responseBothWays();
    void responseFromAnotherProvider();
    void stopReasons_data();
    void stopReasons();
    void responseThatIsNoMessage_data();
    void responseThatIsNoMessage();

    // --- streams from Anthropic -------------------------------------------------------------

    void streamDecodesTheDocumentedStream();
    void streamCutAtEveryByte();
    void streamWithCrLfLineEnds();
    void streamWithoutMessageStopIsCutShort();
    void streamErrorMidway();
    void streamThatIsNoJson();

    // --- streams to Anthropic clients ---------------------------------------------------------

    void streamEncodesAnAnthropicShapedAnswer();
    void streamReordersInterleavedToolCalls();
    void streamFoldsGeminiSignaturesIntoToolIds();
    void streamRoundTripsThroughTheEncoder();
    void streamFailureEndsWithAnErrorEvent();

    // --- errors ------------------------------------------------------------------------

    void errorsFromAnthropic_data();
    void errorsFromAnthropic();
    void errorsToAnthropicClients_data();
    void errorsToAnthropicClients();

    // --- the adapter ----------------------------------------------------------------------

    void adapterIsRegistered();
    void adapterPreparesCalls();
};

void TestAnthropicFormat::requestRoundTrip_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("text") << QByteArray(
        R"({"model":"claude-sonnet-4-5","max_tokens":1024,
            "messages":[{"role":"user","content":"Hello, world"}]})");
    QTest::newRow("system blocks with cache_control") << QByteArray(R"({
        "model":"claude-sonnet-4-5","max_tokens":1024,
        "system":[{"type":"text","text":"You are an AI assistant tasked with analyzing literary works."},
                  {"type":"text","text":"<the entire contents of Pride and Prejudice>",
                   "cache_control":{"type":"ephemeral","ttl":"1h"}}],
        "messages":[{"role":"user","content":"Analyze the major themes in Pride and Prejudice."}]})");
    QTest::newRow("images") << QByteArray(R"({
        "model":"claude-sonnet-4-5","max_tokens":1024,
        "messages":[{"role":"user","content":[
            {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQSkZJRg=="}},
            {"type":"image","source":{"type":"url","url":"https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg"},
             "cache_control":{"type":"ephemeral"}},
            {"type":"text","text":"Compare these images."}]}]})");
    QTest::newRow("tools and tool_choice") << QByteArray(R"({
        "model":"claude-sonnet-4-5","max_tokens":1024,
        "messages":[{"role":"user","content":"What's the weather like in San Francisco?"}],
        "tools":[{"name":"get_weather","description":"Get the current weather in a given location",
                  "input_schema":{"type":"object","properties":{"location":{"type":"string",
                    "description":"The city and state, e.g. San Francisco, CA"}},"required":["location"]},
                  "cache_control":{"type":"ephemeral"},"strict":true}],
        "tool_choice":{"type":"tool","name":"get_weather","disable_parallel_tool_use":true}})");
    QTest::newRow("tool_use and tool_result turns") << QByteArray(R"({
        "model":"claude-sonnet-4-5","max_tokens":1024,
        "messages":[
          {"role":"user","content":"What's the weather like in San Francisco and Paris?"},
          {"role":"assistant","content":[
            {"type":"text","text":"I'll check both."},
            {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather","input":{"location":"San Francisco, CA"}},
            {"type":"tool_use","id":"toolu_01B","name":"get_weather","input":{}}]},
          {"role":"user","content":[
            {"type":"tool_result","tool_use_id":"toolu_01A09q90qw90lq917835lq9","content":"15 degrees"},
            {"type":"tool_result","tool_use_id":"toolu_01B","content":[{"type":"text","text":"ERROR: missing location"},
              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}],
             "is_error":true,"cache_control":{"type":"ephemeral"}},
            {"type":"tool_result","tool_use_id":"toolu_01C"}]}],
        "tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{}}}],
        "tool_choice":{"type":"any"}})");
    QTest::newRow("thinking with signatures and redacted thinking") << QByteArray(R"({
        "model":"claude-sonnet-4-5","max_tokens":16000,
        "messages":[
          {"role":"user","content":"What is 27 * 453?"},
          {"role":"assistant","content":[
            {"type":"thinking","thinking":"Let me analyze this step by step...","signature":"WaUjzkypQ2mUEVM36O2TxuC06KN8xyfbJwyem2dw3URve/op91XWHOEBLLqIOMfFG/UvLEczmEsUjavL"},
            {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"},
            {"type":"text","text":"27 * 453 = 12,231"}]},
          {"role":"user","content":"And 12,231 / 3?"}],
        "thinking":{"type":"enabled","budget_tokens":10000}})");
    QTest::newRow("adaptive thinking, effort, sampling, extras in order") << QByteArray(R"({
        "model":"claude-opus-4-6","max_tokens":32000,
        "messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"The answer is ("}],
        "thinking":{"type":"adaptive","display":"omitted"},
        "output_config":{"effort":"max","format":{"type":"json_schema","schema":{"type":"object"}}},
        "stop_sequences":["\n\nHuman:","END"],"temperature":0.7,"top_p":0.9,"top_k":40,
        "metadata":{"user_id":"13803d75-b4b5-4c3e-b2a2-6f21399b021b"},"stream":true,
        "service_tier":"standard_only","container":null,"context_management":{"edits":[]}})");
    QTest::newRow("the client's member order") << QByteArray(R"({
        "stream":true,"messages":[{"role":"user","content":"Hi"}],"temperature":0.5,
        "anthropic_extension":{"x":1},"system":"Be brief.","max_tokens":64,"model":"claude-haiku-4-5"})");
    QTest::newRow("server tools kept verbatim, thinking off") << QByteArray(R"({
        "model":"claude-sonnet-4-5","max_tokens":1024,
        "messages":[{"role":"user","content":"What's new in Rust?"}],
        "tools":[{"name":"lookup","input_schema":{"type":"object"},"defer_loading":true},
                 {"type":"web_search_20250305","name":"web_search","max_uses":5}],
        "tool_choice":{"type":"auto","disable_parallel_tool_use":false},
        "thinking":{"type":"disabled"},
        "metadata":{"user_id":null}})");
}

void TestAnthropicFormat::requestRoundTrip() {
    QFETCH(QByteArray, body);
    ChatRequest request;
    ApiError error;
    QVERIFY2(kFormat.decodeRequest(parse(body), request, error), qPrintable(error.message));
    QCOMPARE(request.sourceFormat, &kFormat);
    QStringList dropped;
    QCOMPARE(kFormat.encodeRequest(request, dropped).serialize(), compact(body));
    QCOMPARE(dropped, QStringList());
}

void TestAnthropicFormat::requestReadsIntoTheCanonicalModel() {
    const QByteArray folded = ToolCallIds::fold(QStringLiteral("call_7"), "sig\x01").toUtf8();
    const Json body = parse(R"({
        "model":"claude-sonnet-4-5","max_tokens":2048,"stream":true,
        "system":"Be brief.",
        "messages":[
          {"role":"user","content":"Weather?"},
          {"role":"assistant","content":[{"type":"tool_use","id":")" +
                            folded +
                            R"(","name":"w","input":{"city":"Oslo"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":")" +
                            folded +
                            R"(","content":"-3"}]}],
        "thinking":{"type":"enabled","budget_tokens":1024},
        "metadata":{"user_id":"u-1"},
        "service_tier":"auto","output_format":{"type":"json_schema","schema":{}}})");
    ChatRequest r;
    ApiError error;
    QVERIFY2(kFormat.decodeRequest(body, r, error), qPrintable(error.message));
    QCOMPARE(r.model, QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(r.maxTokens.value_or(-1), qint64(2048));
    QVERIFY(r.stream);
    QVERIFY(r.includeUsage);
    QCOMPARE(r.system.size(), size_t(1));
    QCOMPARE(r.system[0].text, QStringLiteral("Be brief."));
    QCOMPARE(r.messages.size(), size_t(3));
    const ContentPart& call = r.messages[1].parts[0];
    QCOMPARE(call.kind, ContentPart::Kind::ToolCall);
    QCOMPARE(call.toolCallId, QStringLiteral("call_7"));
    QCOMPARE(call.signature, QByteArray("sig\x01"));
    QCOMPARE(call.arguments, QByteArray(R"({"city":"Oslo"})"));
    const ContentPart& result = r.messages[2].parts[0];
    QCOMPARE(result.kind, ContentPart::Kind::ToolResult);
    QCOMPARE(result.toolCallId, QStringLiteral("call_7"));
    QCOMPARE(result.content.at(0).text, QStringLiteral("-3"));
    QCOMPARE(r.thinking.value_or(false), true);
    QCOMPARE(r.thinkingBudget.value_or(-1), qint64(1024));
    QVERIFY(r.includeThoughts);
    QCOMPARE(r.user, QStringLiteral("u-1"));
    QCOMPARE(r.extra.size(), size_t(2));
    QCOMPARE(r.extra[0].first, QByteArray("service_tier"));
    QCOMPARE(r.extra[1].first, QByteArray("output_format"));
}

void TestAnthropicFormat::requestOutputConfigMapsToCanonical() {
    ChatRequest r;
    ApiError error;
    QVERIFY(kFormat.decodeRequest(
        parse(R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":"x"}],
                  "output_config":{"effort":"low","format":{"type":"json_schema","schema":{"type":"object"}}}})"),
        r, error));
    QCOMPARE(r.reasoningEffort, QStringLiteral("low"));
    QCOMPARE(
        r.responseFormat.serialize(),
        compact(
            R"({"type":"json_schema","json_schema":{"name":"output","schema":{"type":"object"},"strict":true}})"));
    QVERIFY(r.extra.empty());
}

void TestAnthropicFormat::requestRefusals_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("param");
    QTest::addColumn<QString>("message");
    QTest::newRow("max_tokens missing")
        << QByteArray(R"({"model":"m","messages":[{"role":"user","content":"x"}]})")
        << QByteArray("max_tokens") << QStringLiteral("max_tokens: Field required");
    QTest::newRow("model missing")
        << QByteArray(R"({"max_tokens":5,"messages":[{"role":"user","content":"x"}]})")
        << QByteArray("model") << QStringLiteral("model: Field required");
    QTest::newRow("messages missing")
        << QByteArray(R"({"model":"m","max_tokens":5})") << QByteArray("messages")
        << QStringLiteral("messages: Field required");
    QTest::newRow("not an object") << QByteArray(R"([1])") << QByteArray()
                                   << QStringLiteral("The request body must be a JSON object.");
    QTest::newRow("max_tokens a string")
        << QByteArray(R"({"model":"m","max_tokens":"5","messages":[]})") << QByteArray("max_tokens")
        << QStringLiteral("max_tokens: Input should be a valid integer");
    QTest::newRow("max_tokens negative")
        << QByteArray(R"({"model":"m","max_tokens":-1,"messages":[]})") << QByteArray("max_tokens")
        << QStringLiteral("max_tokens: Input should be greater than or equal to 0");
    QTest::newRow("no messages") << QByteArray(R"({"model":"m","max_tokens":5,"messages":[]})")
                                 << QByteArray("messages")
                                 << QStringLiteral("messages: at least one message is required");
    QTest::newRow("system role")
        << QByteArray(
               R"({"model":"m","max_tokens":5,"messages":[{"role":"system","content":"x"}]})")
        << QByteArray("messages.0.role")
        << QStringLiteral("messages.0.role: Input should be 'user' or 'assistant'");
    QTest::newRow("document block")
        << QByteArray(R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[
              {"type":"text","text":"x"},{"type":"document","source":{"type":"text","media_type":"text/plain","data":"d"}}]}]})")
        << QByteArray("messages.0.content.1.type")
        << QStringLiteral(
               "messages.0.content.1.type: blocks of type 'document' cannot be "
               "translated; Signalbox takes 'text', 'image', 'thinking', "
               "'redacted_thinking', 'tool_use' and 'tool_result'");
    QTest::newRow("file image source")
        << QByteArray(R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[
              {"type":"image","source":{"type":"file","file_id":"file_011"}}]}]})")
        << QByteArray("messages.0.content.0.source.type")
        << QStringLiteral(
               "messages.0.content.0.source.type: image sources of type 'file' "
               "cannot be translated; Signalbox takes 'base64' and 'url'");
    QTest::newRow("tool_use in a tool result")
        << QByteArray(R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[
              {"type":"tool_result","tool_use_id":"t","content":[{"type":"tool_use","id":"a","name":"b","input":{}}]}]}]})")
        << QByteArray("messages.0.content.0.content.0.type")
        << QStringLiteral(
               "messages.0.content.0.content.0.type: blocks of type 'tool_use' "
               "cannot be translated inside a tool result; Signalbox takes "
               "'text' and 'image' there");
    QTest::newRow("tool_use input not an object")
        << QByteArray(R"({"model":"m","max_tokens":5,"messages":[{"role":"assistant","content":[
              {"type":"tool_use","id":"a","name":"b","input":"{}"}]}]})")
        << QByteArray("messages.0.content.0.input")
        << QStringLiteral("messages.0.content.0.input: Input should be a valid dictionary");
    QTest::newRow("text without text")
        << QByteArray(
               R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"text"}]}]})")
        << QByteArray("messages.0.content.0.text")
        << QStringLiteral("messages.0.content.0.text: Field required");
    QTest::newRow("tool without input_schema")
        << QByteArray(R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":"x"}],
                         "tools":[{"name":"t"}]})")
        << QByteArray("tools.0.input_schema")
        << QStringLiteral("tools.0.input_schema: Field required");
    QTest::newRow("tool_choice type")
        << QByteArray(R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":"x"}],
                         "tool_choice":{"type":"required"}})")
        << QByteArray("tool_choice.type")
        << QStringLiteral("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
    QTest::newRow("thinking without budget")
        << QByteArray(R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":"x"}],
                         "thinking":{"type":"enabled"}})")
        << QByteArray("thinking.budget_tokens")
        << QStringLiteral("thinking.budget_tokens: Field required");
    QTest::newRow("stop_sequences not strings")
        << QByteArray(R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":"x"}],
                         "stop_sequences":["a",1]})")
        << QByteArray("stop_sequences.1")
        << QStringLiteral("stop_sequences.1: Input should be a valid string");
    QTest::newRow("temperature a string")
        << QByteArray(R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":"x"}],
                         "temperature":"hot"})")
        << QByteArray("temperature")
        << QStringLiteral("temperature: Input should be a valid number");
}

void TestAnthropicFormat::requestRefusals() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, param);
    QFETCH(QString, message);
    ChatRequest request;
    ApiError error;
    QVERIFY(!kFormat.decodeRequest(parse(body), request, error));
    QCOMPARE(error.kind, ApiError::Kind::InvalidRequest);
    QCOMPARE(error.status, 400);
    QCOMPARE(error.param, param);
    QCOMPARE(error.message, message);
}

void TestAnthropicFormat::openAiRequestBecomesMessagesBody() {
    ChatRequest r;
    r.sourceFormat = &kOpenAi;
    r.model = QStringLiteral("claude-sonnet-4-5");
    r.stream = true;
    r.includeUsage = true;
    r.system = {text(QStringLiteral("You are terse.")), text(QStringLiteral("Answer in French."))};
    ContentPart image;
    image.kind = ContentPart::Kind::Image;
    image.url = QStringLiteral("data:image/png;base64,iVBORw0KGgo=");
    image.detail = QStringLiteral("high");
    ContentPart unsignedThought;
    unsignedThought.kind = ContentPart::Kind::Thinking;
    unsignedThought.text = QStringLiteral("reasoning from another provider");
    ContentPart badResult = toolResult(QStringLiteral("call_2"), QStringLiteral("21:00"));
    badResult.isError = true;
    r.messages = {
        message(ChatMessage::Role::User,
                {text(QStringLiteral("Weather in Paris, time in Tokyo?")), image}),
        message(ChatMessage::Role::Assistant,
                {unsignedThought, text(QStringLiteral("Let me check.")),
                 toolCall(QStringLiteral("call_1"), QStringLiteral("get_weather"),
                          R"({"location":"Paris"})"),
                 toolCall(QStringLiteral("call_2"), QStringLiteral("get_time"), "not json")}),
        message(ChatMessage::Role::User,
                {toolResult(QStringLiteral("call_1"), QStringLiteral("18°C"))}),
        message(ChatMessage::Role::User, {text(QStringLiteral("Thanks."))}),
        message(ChatMessage::Role::User, {badResult}),
    };
    ToolDefinition weather;
    weather.name = QStringLiteral("get_weather");
    weather.description = QStringLiteral("Get the weather");
    weather.parameters = parse(
        R"({"type":"object","properties":{"location":{"type":"string"}},"required":["location"]})");
    weather.strict = true;
    ToolDefinition time;
    time.name = QStringLiteral("get_time");
    r.tools = {weather, time};
    r.toolChoice.mode = ToolChoice::Mode::Required;
    r.toolChoice.parallelCallsAllowed = false;
    r.toolChoice.parallelGiven = true;
    r.stop = QStringList{QStringLiteral("END")};
    r.candidates = 2;
    r.seed = 42;
    r.presencePenalty = 0.5;
    r.temperature = 1.5;
    r.user = QStringLiteral("user-123");
    r.responseFormat = parse(R"({"type":"json_schema","json_schema":{"name":"weather","strict":true,
        "schema":{"type":"object","properties":{"summary":{"type":"string"}}}}})");
    r.extra.emplace_back("logprobs", Json(true));

    QStringList dropped;
    const Json body = kFormat.encodeRequest(r, dropped);
    QCOMPARE(body.serialize(), compact(R"({
        "model":"claude-sonnet-4-5","max_tokens":4096,
        "system":[{"type":"text","text":"You are terse."},{"type":"text","text":"Answer in French."}],
        "messages":[
          {"role":"user","content":[{"type":"text","text":"Weather in Paris, time in Tokyo?"},
            {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]},
          {"role":"assistant","content":[{"type":"text","text":"Let me check."},
            {"type":"tool_use","id":"call_1","name":"get_weather","input":{"location":"Paris"}},
            {"type":"tool_use","id":"call_2","name":"get_time","input":{}}]},
          {"role":"user","content":[
            {"type":"tool_result","tool_use_id":"call_1","content":"18°C"},
            {"type":"tool_result","tool_use_id":"call_2","content":"21:00","is_error":true},
            {"type":"text","text":"Thanks."}]}],
        "tools":[{"name":"get_weather","description":"Get the weather","input_schema":{"type":"object",
                   "properties":{"location":{"type":"string"}},"required":["location"]},"strict":true},
                 {"name":"get_time","input_schema":{"type":"object","properties":{}}}],
        "tool_choice":{"type":"any","disable_parallel_tool_use":true},
        "output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"summary":{"type":"string"}}}}},
        "stop_sequences":["END"],
        "temperature":1,
        "metadata":{"user_id":"user-123"},
        "stream":true})"));
    QCOMPARE(dropped,
             (QStringList{QStringLiteral("messages[].content[].image_url.detail"),
                          QStringLiteral("messages[].reasoning_content"), QStringLiteral("n"),
                          QStringLiteral("seed"), QStringLiteral("presence_penalty"),
                          QStringLiteral("logprobs")}));
}

void TestAnthropicFormat::imagesBecomeAnthropicSources_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("source");
    QTest::newRow("https") << QStringLiteral("https://example.com/a.png")
                           << QByteArray(R"({"type":"url","url":"https://example.com/a.png"})");
    QTest::newRow("base64 without type: sniffed jpeg")
        << QStringLiteral("data:;base64,/9j/4AAQSkZJRg==")
        << QByteArray(R"({"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQSkZJRg=="})");
    QTest::newRow("gif")
        << QStringLiteral("data:image/gif;base64,R0lGODlhAQABAAAAACw=")
        << QByteArray(
               R"({"type":"base64","media_type":"image/gif","data":"R0lGODlhAQABAAAAACw="})");
    QTest::newRow("percent-encoded svg")
        << QStringLiteral("data:image/svg+xml,%3Csvg%2F%3E")
        << QByteArray(R"({"type":"base64","media_type":"image/svg+xml","data":"PHN2Zy8+"})");
}

void TestAnthropicFormat::imagesBecomeAnthropicSources() {
    QFETCH(QString, url);
    QFETCH(QByteArray, source);
    ContentPart image;
    image.kind = ContentPart::Kind::Image;
    image.url = url;
    ChatRequest r;
    r.sourceFormat = &kOpenAi;
    r.model = QStringLiteral("m");
    r.messages = {message(ChatMessage::Role::User, {image})};
    QStringList dropped;
    const Json body = kFormat.encodeRequest(r, dropped);
    QCOMPARE(body["messages"].at(0)["content"].at(0)["source"].serialize(), compact(source));
    QVERIFY(dropped.isEmpty());
}

void TestAnthropicFormat::reasoningBecomesThinking_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("effort");
    QTest::addColumn<qint64>("budget");        // -2: none
    QTest::addColumn<qint64>("maxTokens");     // 0: none
    QTest::addColumn<QByteArray>("expected");  // members after messages
    QTest::addColumn<QStringList>("dropped");
    QTest::newRow("effort high, budget model")
        << QStringLiteral("claude-sonnet-4-5") << QStringLiteral("high") << qint64(-2) << qint64(0)
        << QByteArray(R"({"max_tokens":20480,"thinking":{"type":"enabled","budget_tokens":16384}})")
        << QStringList{QStringLiteral("temperature"), QStringLiteral("top_k")};
    QTest::newRow("effort medium, adaptive model")
        << QStringLiteral("claude-opus-4-6") << QStringLiteral("medium") << qint64(-2) << qint64(0)
        << QByteArray(
               R"({"max_tokens":16384,"thinking":{"type":"adaptive"},"output_config":{"effort":"medium"}})")
        << QStringList{QStringLiteral("temperature"), QStringLiteral("top_k")};
    QTest::newRow("effort minimal, adaptive model")
        << QStringLiteral("anthropic.claude-sonnet-4-6") << QStringLiteral("minimal") << qint64(-2)
        << qint64(3000)
        << QByteArray(
               R"({"max_tokens":3000,"thinking":{"type":"adaptive"},"output_config":{"effort":"low"}})")
        << QStringList{QStringLiteral("temperature"), QStringLiteral("top_k")};
    QTest::newRow("effort high below the client's max_tokens")
        << QStringLiteral("claude-3-7-sonnet-20250219") << QStringLiteral("high") << qint64(-2)
        << qint64(6000)
        << QByteArray(R"({"max_tokens":6000,"thinking":{"type":"enabled","budget_tokens":3000}})")
        << QStringList{QStringLiteral("temperature"), QStringLiteral("top_k")};
    QTest::newRow("effort with no room to think")
        << QStringLiteral("claude-sonnet-4-5") << QStringLiteral("low") << qint64(-2) << qint64(800)
        << QByteArray(R"({"max_tokens":800,"temperature":0.2,"top_k":5})")
        << QStringList{QStringLiteral("reasoning_effort")};
    QTest::newRow("effort none") << QStringLiteral("claude-sonnet-4-5") << QStringLiteral("none")
                                 << qint64(-2) << qint64(0)
                                 << QByteArray(R"({"max_tokens":4096,"temperature":0.2,"top_k":5})")
                                 << QStringList();
    QTest::newRow("explicit budget above max_tokens")
        << QStringLiteral("claude-sonnet-4-5") << QString() << qint64(5000) << qint64(1000)
        << QByteArray(R"({"max_tokens":6000,"thinking":{"type":"enabled","budget_tokens":5000}})")
        << QStringList{QStringLiteral("temperature"), QStringLiteral("top_k")};
    QTest::newRow("explicit small budget raised to the minimum")
        << QStringLiteral("claude-sonnet-4-5") << QString() << qint64(200) << qint64(0)
        << QByteArray(R"({"max_tokens":5120,"thinking":{"type":"enabled","budget_tokens":1024}})")
        << QStringList{QStringLiteral("temperature"), QStringLiteral("top_k")};
    QTest::newRow("forced tool choice rules thinking out")
        << QStringLiteral("claude-sonnet-4-5") << QStringLiteral("high") << qint64(-2) << qint64(0)
        << QByteArray(
               R"({"max_tokens":4096,"tools":[{"name":"t","input_schema":{"type":"object","properties":{}}}],
                         "tool_choice":{"type":"any"},"temperature":0.2,"top_k":5})")
        << QStringList{QStringLiteral("reasoning_effort")};
    QTest::newRow("no reasoning") << QStringLiteral("claude-opus-4-6") << QString() << qint64(-2)
                                  << qint64(0)
                                  << QByteArray(
                                         R"({"max_tokens":4096,"temperature":0.2,"top_k":5})")
                                  << QStringList();
}

void TestAnthropicFormat::reasoningBecomesThinking() {
    QFETCH(QString, model);
    QFETCH(QString, effort);
    QFETCH(qint64, budget);
    QFETCH(qint64, maxTokens);
    QFETCH(QByteArray, expected);
    QFETCH(QStringList, dropped);
    ChatRequest r;
    r.sourceFormat = &kOpenAi;
    r.model = model;
    r.messages = {message(ChatMessage::Role::User, {text(QStringLiteral("Prove it."))})};
    r.reasoningEffort = effort;
    if (budget != -2)
        r.thinkingBudget = budget;
    if (maxTokens > 0)
        r.maxTokens = maxTokens;
    r.temperature = 0.2;
    r.topK = 5;
    if (QByteArray(QTest::currentDataTag()).startsWith("forced tool")) {
        ToolDefinition tool;
        tool.name = QStringLiteral("t");
        r.tools = {tool};
        r.toolChoice.mode = ToolChoice::Mode::Required;
    }
    QStringList actualDropped;
    Json body = kFormat.encodeRequest(r, actualDropped);
    body.remove("model");
    body.remove("messages");
    QCOMPARE(body.serialize(), compact(expected));
    QCOMPARE(actualDropped, dropped);
}

void TestAnthropicFormat::adaptiveThinkingModels_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("adaptive");
    QTest::newRow("3.7") << QStringLiteral("claude-3-7-sonnet-20250219") << false;
    QTest::newRow("4 dated") << QStringLiteral("claude-sonnet-4-20250514") << false;
    QTest::newRow("4.1") << QStringLiteral("claude-opus-4-1") << false;
    QTest::newRow("4.5 dated") << QStringLiteral("claude-haiku-4-5-20251001") << false;
    QTest::newRow("4.6") << QStringLiteral("claude-opus-4-6") << true;
    QTest::newRow("bedrock 4.6") << QStringLiteral("anthropic.claude-opus-4-6-v1") << true;
    QTest::newRow("4.7") << QStringLiteral("claude-opus-4-7") << true;
    QTest::newRow("5") << QStringLiteral("claude-sonnet-5") << true;
    QTest::newRow("mythos preview") << QStringLiteral("claude-mythos-preview") << true;
    QTest::newRow("not claude") << QStringLiteral("gpt-5") << false;
}

void TestAnthropicFormat::adaptiveThinkingModels() {
    QFETCH(QString, model);
    QFETCH(bool, adaptive);
    QCOMPARE(AnthropicThinkingPlan::takesAdaptiveThinking(model), adaptive);
}

void TestAnthropicFormat::jsonObjectFormatAndMetadataAreDropped() {
    ChatRequest r;
    r.sourceFormat = &kOpenAi;
    r.model = QStringLiteral("m");
    r.messages = {message(ChatMessage::Role::User, {text(QStringLiteral("x"))})};
    r.responseFormat = parse(R"({"type":"json_object"})");
    r.metadata = parse(R"({"team":"a"})");
    r.frequencyPenalty = 0.1;
    r.candidates = 1;                            // one choice is what Anthropic gives anyway
    r.toolChoice.mode = ToolChoice::Mode::None;  // without tools: not written
    QStringList dropped;
    const Json body = kFormat.encodeRequest(r, dropped);
    QCOMPARE(
        body.serialize(),
        compact(R"({"model":"m","max_tokens":4096,"messages":[{"role":"user","content":"x"}]})"));
    QCOMPARE(dropped, (QStringList{QStringLiteral("frequency_penalty"),
                                   QStringLiteral("response_format"), QStringLiteral("metadata")}));
}

void TestAnthropicFormat::responseBothWays() {
    // A Message as the API reference shows it, with prompt caching at work.
    const QByteArray body = compact(R"({
        "id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant",
        "model":"claude-sonnet-4-5-20250929",
        "content":[
          {"type":"thinking","thinking":"The user wants the weather.","signature":"EuYBCkQYAiJA"},
          {"type":"redacted_thinking","data":"EmwKAhgB"},
          {"type":"text","text":"I'll check the weather."},
          {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather",
           "input":{"location":"San Francisco, CA","unit":"celsius"}}],
        "stop_reason":"tool_use","stop_sequence":null,
        "usage":{"input_tokens":50,"cache_creation_input_tokens":248,"cache_read_input_tokens":1800,"output_tokens":503}})");
    ChatResponse response;
    ApiError error;
    QVERIFY(kFormat.decodeResponse(parse(body), response, error));
    QCOMPARE(response.id, QStringLiteral("msg_01XFDUDYJgAACzvnptvVoYEL"));
    QCOMPARE(response.model, QStringLiteral("claude-sonnet-4-5-20250929"));
    QCOMPARE(response.finish, FinishReason::ToolCalls);
    QCOMPARE(response.usage.inputTokens, 50 + 248 + 1800);
    QCOMPARE(response.usage.outputTokens, 503);
    QCOMPARE(response.usage.cacheReadTokens, 1800);
    QCOMPARE(response.usage.cacheWriteTokens, 248);
    QCOMPARE(response.content.size(), size_t(4));
    QCOMPARE(response.content[0].kind, ContentPart::Kind::Thinking);
    QCOMPARE(response.content[0].signature, QByteArray("EuYBCkQYAiJA"));
    QCOMPARE(response.content[1].kind, ContentPart::Kind::RedactedThinking);
    QCOMPARE(response.content[1].data, QByteArray("EmwKAhgB"));
    QCOMPARE(response.content[3].arguments,
             QByteArray(R"({"location":"San Francisco, CA","unit":"celsius"})"));
    QCOMPARE(kFormat.encodeResponse(response).serialize(), body);
}

void TestAnthropicFormat::responseFromAnotherProvider() {
    ChatResponse response;
    response.id = QStringLiteral("chatcmpl-123");
    response.model = QStringLiteral("gemini-2.5-pro");
    ContentPart call = toolCall(QStringLiteral("call_9"), QStringLiteral("f"), "[1,2]");
    call.signature = "gem-sig";
    response.content = {text(QStringLiteral("Hi")), call};
    response.usage.inputTokens = 120;
    response.usage.cacheReadTokens = 100;
    response.usage.outputTokens = 7;
    response.finish = FinishReason::Unset;
    const QString folded = ToolCallIds::fold(QStringLiteral("call_9"), "gem-sig");
    QCOMPARE(kFormat.encodeResponse(response).serialize(),
             compact(QByteArray(R"({"id":"chatcmpl-123","type":"message","role":"assistant",
                "model":"gemini-2.5-pro","content":[{"type":"text","text":"Hi"},
                {"type":"tool_use","id":")") +
                     folded.toUtf8() + R"(","name":"f","input":{}}],
                "stop_reason":"tool_use","stop_sequence":null,
                "usage":{"input_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":100,"output_tokens":7}})"));

    response.content.clear();
    response.id.clear();
    response.usage = Usage();
    const Json bare = kFormat.encodeResponse(response);
    QVERIFY(bare["id"].toString().startsWith(QStringLiteral("msg_")));
    QCOMPARE(bare["id"].toString().size(), 28);
    QCOMPARE(bare["stop_reason"].utf8(), QByteArray("end_turn"));
    QCOMPARE(
        bare["usage"].serialize(),
        QByteArray(
            R"({"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0})"));
}

void TestAnthropicFormat::stopReasons_data() {
    QTest::addColumn<QByteArray>("stopReason");
    QTest::addColumn<int>("finish");
    QTest::addColumn<QByteArray>("writtenBack");
    QTest::newRow("end_turn") << QByteArray("end_turn") << int(FinishReason::Stop)
                              << QByteArray("end_turn");
    QTest::newRow("max_tokens") << QByteArray("max_tokens") << int(FinishReason::Length)
                                << QByteArray("max_tokens");
    QTest::newRow("stop_sequence") << QByteArray("stop_sequence") << int(FinishReason::StopSequence)
                                   << QByteArray("stop_sequence");
    QTest::newRow("tool_use") << QByteArray("tool_use") << int(FinishReason::ToolCalls)
                              << QByteArray("tool_use");
    QTest::newRow("pause_turn") << QByteArray("pause_turn") << int(FinishReason::PauseTurn)
                                << QByteArray("pause_turn");
    QTest::newRow("refusal") << QByteArray("refusal") << int(FinishReason::Refusal)
                             << QByteArray("refusal");
    QTest::newRow("model_context_window_exceeded")
        << QByteArray("model_context_window_exceeded") << int(FinishReason::Length)
        << QByteArray("max_tokens");
    QTest::newRow("a newer reason")
        << QByteArray("compaction") << int(FinishReason::Other) << QByteArray("end_turn");
}

void TestAnthropicFormat::stopReasons() {
    QFETCH(QByteArray, stopReason);
    QFETCH(int, finish);
    QFETCH(QByteArray, writtenBack);
    const bool isSequence = stopReason == "stop_sequence";
    Json body = parse(R"({"id":"msg_1","type":"message","role":"assistant","model":"m",
                          "content":[{"type":"text","text":"a"}],"stop_reason":null,
                          "stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}})");
    body.set("stop_reason", QByteArrayView(stopReason));
    if (isSequence)
        body.set("stop_sequence", "###");
    ChatResponse response;
    ApiError error;
    QVERIFY(kFormat.decodeResponse(body, response, error));
    QCOMPARE(int(response.finish), finish);
    QCOMPARE(response.stopSequence, isSequence ? QStringLiteral("###") : QString());
    const Json out = kFormat.encodeResponse(response);
    QCOMPARE(out["stop_reason"].utf8(), writtenBack);
    QCOMPARE(out["stop_sequence"].toString(), response.stopSequence);
}

void TestAnthropicFormat::responseThatIsNoMessage_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("error object") << QByteArray(
        R"({"type":"error","error":{"type":"api_error","message":"x"}})");
    QTest::newRow("no content") << QByteArray(R"({"type":"message","id":"m"})");
    QTest::newRow("array") << QByteArray(R"([])");
    QTest::newRow("chat completion")
        << QByteArray(R"({"id":"chatcmpl-1","object":"chat.completion","choices":[]})");
}

void TestAnthropicFormat::responseThatIsNoMessage() {
    QFETCH(QByteArray, body);
    ChatResponse response;
    ApiError error;
    QVERIFY(!kFormat.decodeResponse(parse(body), response, error));
    QCOMPARE(error.kind, ApiError::Kind::BadResponse);
    QCOMPARE(error.status, 502);
    QVERIFY(error.message.startsWith(
        QStringLiteral("Anthropic answered something that is not a message")));
}

void TestAnthropicFormat::streamDecodesTheDocumentedStream() {
    auto decoder = kFormat.newStreamDecoder();
    std::vector<StreamEvent> events;
    QVERIFY(decoder->feed(kDocumentedStream, events));
    QVERIFY(decoder->finish(events));
    QCOMPARE(dump(events), kDocumentedEvents);
}

void TestAnthropicFormat::streamCutAtEveryByte() {
    for (qsizetype cut = 0; cut <= kDocumentedStream.size(); ++cut) {
        auto decoder = kFormat.newStreamDecoder();
        std::vector<StreamEvent> events;
        QVERIFY(decoder->feed(QByteArrayView(kDocumentedStream).first(cut), events));
        QVERIFY(decoder->feed(QByteArrayView(kDocumentedStream).sliced(cut), events));
        QVERIFY(decoder->finish(events));
        if (dump(events) != kDocumentedEvents)
            QFAIL(qPrintable(QStringLiteral("differs when cut at byte %1").arg(cut)));
    }
}

void TestAnthropicFormat::streamWithCrLfLineEnds() {
    QByteArray crlf = kDocumentedStream;
    crlf.replace("\n", "\r\n");
    auto decoder = kFormat.newStreamDecoder();
    std::vector<StreamEvent> events;
    for (qsizetype i = 0; i < crlf.size(); i += 7)
        QVERIFY(decoder->feed(
            QByteArrayView(crlf).sliced(i, std::min<qsizetype>(7, crlf.size() - i)), events));
    QVERIFY(decoder->finish(events));
    QCOMPARE(dump(events), kDocumentedEvents);
}

void TestAnthropicFormat::streamWithoutMessageStopIsCutShort() {
    const qsizetype at = kDocumentedStream.indexOf("event: message_stop");
    auto decoder = kFormat.newStreamDecoder();
    std::vector<StreamEvent> events;
    QVERIFY(decoder->feed(kDocumentedStream.left(at), events));
    QVERIFY(!decoder->finish(events));
    QCOMPARE(dump(events), kDocumentedEvents);  // everything up to the stop came through
}

void TestAnthropicFormat::streamErrorMidway() {
    const QByteArray stream = kDocumentedStream.left(kDocumentedStream.indexOf("event: ping")) +
                              "event: error\n"
                              "data: {\"type\": \"error\", \"error\": {\"type\": "
                              "\"overloaded_error\", \"message\": \"Overloaded\"}}\n\n";
    auto decoder = kFormat.newStreamDecoder();
    std::vector<StreamEvent> events;
    QVERIFY(decoder->feed(stream, events));
    QVERIFY(!decoder->finish(events));
    QCOMPARE(events.back().type, StreamEvent::Type::Error);
    QCOMPARE(events.back().error.kind, ApiError::Kind::Overloaded);
    QCOMPARE(events.back().error.status, 529);
    QCOMPARE(events.back().error.message, QStringLiteral("Overloaded"));
    QVERIFY(events.back().error.retryable());
}

void TestAnthropicFormat::streamThatIsNoJson() {
    auto decoder = kFormat.newStreamDecoder();
    std::vector<StreamEvent> events;
    QVERIFY(!decoder->feed("event: message_start\ndata: {\"type\": \n\n", events));
    QCOMPARE(events.size(), size_t(1));
    QCOMPARE(events[0].type, StreamEvent::Type::Error);
    QCOMPARE(events[0].error.kind, ApiError::Kind::BadResponse);
    QVERIFY(!decoder->finish(events));
}

void TestAnthropicFormat::streamEncodesAnAnthropicShapedAnswer() {
    ChatRequest request;
    request.model = QStringLiteral("my-route");
    auto encoder = kFormat.newStreamEncoder(request);
    std::vector<StreamEvent> events;
    StreamEvent e;
    e.type = StreamEvent::Type::MessageStart;
    e.id = QStringLiteral("msg_1");
    e.usage.inputTokens = 25;
    events.push_back(e);
    e = {};
    e.type = StreamEvent::Type::BlockStart;
    e.blockKind = ContentPart::Kind::Text;
    e.text = QStringLiteral("Hel");
    events.push_back(e);
    e = {};
    e.type = StreamEvent::Type::TextDelta;
    e.text = QStringLiteral("lo!");
    events.push_back(e);
    e = {};
    e.type = StreamEvent::Type::BlockStop;
    events.push_back(e);
    e = {};
    e.type = StreamEvent::Type::Finish;
    e.finish = FinishReason::StopSequence;
    e.stopSequence = QStringLiteral("\n\nHuman:");
    e.usage.inputTokens = 25;
    e.usage.outputTokens = 15;
    events.push_back(e);
    QByteArray out;
    for (const StreamEvent& event : events)
        encoder->encode(event, out);
    encoder->finish(out);
    QCOMPARE(
        out,
        QByteArray(
            "event: message_start\n"
            R"(data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"my-route","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0}}})"
            "\n\n"
            "event: ping\n"
            R"(data: {"type":"ping"})"
            "\n\n"
            "event: content_block_start\n"
            R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"
            "\n\n"
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}})"
            "\n\n"
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo!"}})"
            "\n\n"
            "event: content_block_stop\n"
            R"(data: {"type":"content_block_stop","index":0})"
            "\n\n"
            "event: message_delta\n"
            R"(data: {"type":"message_delta","delta":{"stop_reason":"stop_sequence","stop_sequence":"\u000a\u000aHuman:"},"usage":{"input_tokens":25,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":15}})"
            "\n\n"
            "event: message_stop\n"
            R"(data: {"type":"message_stop"})"
            "\n\n"));
}

void TestAnthropicFormat::streamReordersInterleavedToolCalls() {
    // As an OpenAI provider streams them: text, then two tool calls whose fragments
    // interleave, numbered with a gap, the finish before the blocks stop and the usage
    // last.
    ChatRequest request;
    request.model = QStringLiteral("gpt-route");
    auto encoder = kFormat.newStreamEncoder(request);
    QByteArray out;
    auto send = [&](StreamEvent::Type type, int index, const QByteArray& payload = {},
                    ContentPart::Kind kind = ContentPart::Kind::Text, const QString& id = {},
                    const QString& name = {}) {
        StreamEvent e;
        e.type = type;
        e.index = index;
        e.blockKind = kind;
        e.toolCallId = id;
        e.toolName = name;
        if (type == StreamEvent::Type::TextDelta)
            e.text = QString::fromUtf8(payload);
        else
            e.arguments = payload;
        encoder->encode(e, out);
    };
    StreamEvent start;
    start.type = StreamEvent::Type::MessageStart;
    start.id = QStringLiteral("chatcmpl-abc");
    start.model = QStringLiteral("gpt-4o-2024-08-06");
    encoder->encode(start, out);
    send(StreamEvent::Type::BlockStart, 0);
    send(StreamEvent::Type::TextDelta, 0, "Checking");
    send(StreamEvent::Type::BlockStart, 1, {}, ContentPart::Kind::ToolCall,
         QStringLiteral("call_a"), QStringLiteral("get_weather"));
    send(StreamEvent::Type::ArgumentsDelta, 1, R"({"loc)");
    send(StreamEvent::Type::BlockStart, 3, {}, ContentPart::Kind::ToolCall,
         QStringLiteral("call_b"), QStringLiteral("get_time"));
    send(StreamEvent::Type::ArgumentsDelta, 3, R"({"tz":)");
    send(StreamEvent::Type::TextDelta, 0, " both.");
    send(StreamEvent::Type::ArgumentsDelta, 1, R"(ation":"Paris"})");
    send(StreamEvent::Type::ArgumentsDelta, 3, R"("UTC"})");
    StreamEvent finish;
    finish.type = StreamEvent::Type::Finish;
    finish.finish = FinishReason::ToolCalls;
    encoder->encode(finish, out);
    send(StreamEvent::Type::BlockStop, 3);
    send(StreamEvent::Type::BlockStop, 0);
    send(StreamEvent::Type::BlockStop, 1);
    StreamEvent usage;
    usage.type = StreamEvent::Type::Usage;
    usage.usage.inputTokens = 100;
    usage.usage.cacheReadTokens = 20;
    usage.usage.outputTokens = 30;
    encoder->encode(usage, out);
    encoder->finish(out);

    const std::vector<WireEvent> wire = readSse(out);
    QStringList order;
    int open = -1;
    int expectedNext = 0;
    QMap<int, QByteArray> input;
    QMap<int, QString> texts;
    QMap<int, QString> ids;
    for (const WireEvent& w : wire) {
        QCOMPARE(w.data["type"].utf8(), w.name);
        order << QString::fromUtf8(w.name);
        const int index = int(w.data["index"].toInt(-1));
        if (w.name == "content_block_start") {
            QCOMPARE(open, -1);  // one open block at a time
            QCOMPARE(index, expectedNext++);
            open = index;
            ids[index] = w.data["content_block"]["id"].toString();
        } else if (w.name == "content_block_delta") {
            QCOMPARE(index, open);
            input[index] += w.data["delta"]["partial_json"].utf8();
            texts[index] += w.data["delta"]["text"].toString();
        } else if (w.name == "content_block_stop") {
            QCOMPARE(index, open);
            open = -1;
        }
    }
    QCOMPARE(
        order,
        (QStringList{QStringLiteral("message_start"), QStringLiteral("ping"),
                     QStringLiteral("content_block_start"), QStringLiteral("content_block_delta"),
                     QStringLiteral("content_block_delta"), QStringLiteral("content_block_stop"),
                     QStringLiteral("content_block_start"), QStringLiteral("content_block_delta"),
                     QStringLiteral("content_block_delta"), QStringLiteral("content_block_stop"),
                     QStringLiteral("content_block_start"), QStringLiteral("content_block_delta"),
                     QStringLiteral("content_block_delta"), QStringLiteral("content_block_stop"),
                     QStringLiteral("message_delta"), QStringLiteral("message_stop")}));
    QCOMPARE(texts[0], QStringLiteral("Checking both."));
    QCOMPARE(ids[1], QStringLiteral("call_a"));
    QCOMPARE(input[1], QByteArray(R"({"location":"Paris"})"));
    QCOMPARE(ids[2], QStringLiteral("call_b"));
    QCOMPARE(input[2], QByteArray(R"({"tz":"UTC"})"));
    const Json& start0 = wire[0].data["message"];
    QCOMPARE(start0["id"].toString(), QStringLiteral("chatcmpl-abc"));
    QCOMPARE(start0["model"].toString(), QStringLiteral("gpt-4o-2024-08-06"));
    const Json& delta = wire[wire.size() - 2].data;
    QCOMPARE(
        delta.serialize(),
        compact(R"({"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},
                         "usage":{"input_tokens":80,"cache_creation_input_tokens":0,"cache_read_input_tokens":20,"output_tokens":30}})"));
}

void TestAnthropicFormat::streamFoldsGeminiSignaturesIntoToolIds() {
    ChatRequest request;
    request.model = QStringLiteral("gemini-route");
    auto encoder = kFormat.newStreamEncoder(request);
    QByteArray out;
    StreamEvent e;
    e.type = StreamEvent::Type::BlockStart;
    e.blockKind = ContentPart::Kind::ToolCall;
    e.toolCallId = QStringLiteral("fc_1");
    e.toolName = QStringLiteral("lookup");
    encoder->encode(e, out);
    e = {};
    e.type = StreamEvent::Type::SignatureDelta;
    e.signature = "CiQB0e2Kb";
    encoder->encode(e, out);
    e = {};
    e.type = StreamEvent::Type::ArgumentsDelta;
    e.arguments = R"({"q":"x"})";
    encoder->encode(e, out);
    e = {};
    e.type = StreamEvent::Type::BlockStop;
    encoder->encode(e, out);
    encoder->finish(out);
    const std::vector<WireEvent> wire = readSse(out);
    QCOMPARE(wire[2].name, QByteArray("content_block_start"));
    const QString id = wire[2].data["content_block"]["id"].toString();
    QCOMPARE(id, ToolCallIds::fold(QStringLiteral("fc_1"), "CiQB0e2Kb"));
    QByteArray signature;
    QCOMPARE(ToolCallIds::unfold(id, &signature), QStringLiteral("fc_1"));
    QCOMPARE(signature, QByteArray("CiQB0e2Kb"));
    QCOMPARE(wire[0].data["message"]["model"].toString(), QStringLiteral("gemini-route"));
    QVERIFY(wire[0].data["message"]["id"].toString().startsWith(QStringLiteral("msg_")));
    QCOMPARE(wire[wire.size() - 2].data["delta"]["stop_reason"].utf8(), QByteArray("tool_use"));
}

void TestAnthropicFormat::streamRoundTripsThroughTheEncoder() {
    // Anthropic → canonical → Anthropic → canonical keeps every event.
    auto decoder = kFormat.newStreamDecoder();
    std::vector<StreamEvent> events;
    QVERIFY(decoder->feed(kDocumentedStream, events));
    ChatRequest request;
    request.model = QStringLiteral("x");
    auto encoder = kFormat.newStreamEncoder(request);
    QByteArray out;
    for (const StreamEvent& e : events)
        encoder->encode(e, out);
    encoder->finish(out);
    auto again = kFormat.newStreamDecoder();
    std::vector<StreamEvent> reread;
    QVERIFY(again->feed(out, reread));
    QVERIFY(again->finish(reread));
    QCOMPARE(dump(reread), kDocumentedEvents);
}

void TestAnthropicFormat::streamFailureEndsWithAnErrorEvent() {
    ChatRequest request;
    request.model = QStringLiteral("x");
    auto encoder = kFormat.newStreamEncoder(request);
    QByteArray out;
    StreamEvent e;
    e.type = StreamEvent::Type::TextDelta;
    e.text = QStringLiteral("partial");
    encoder->encode(e, out);
    ApiError error;
    error.status = 529;
    error.kind = ApiError::Kind::Overloaded;
    error.message = QStringLiteral("Overloaded");
    const qsizetype before = out.size();
    encoder->fail(error, out);
    const qsizetype after = out.size();
    QCOMPARE(
        out.mid(before),
        QByteArray(
            "event: error\n"
            R"(data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"
            "\n\n"));
    encoder->finish(out);  // nothing after a failure, least of all message_stop
    QVERIFY(!out.contains("message_stop"));
    QCOMPARE(out.size(), after);
}

void TestAnthropicFormat::errorsFromAnthropic_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("retryable");
    const auto body = [](const char* type, const char* message) {
        return QByteArray(R"({"type":"error","error":{"type":")") + type + R"(","message":")" +
               message + R"("},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"})";
    };
    QTest::newRow("400") << 400 << body("invalid_request_error", "messages: roles must alternate")
                         << int(ApiError::Kind::InvalidRequest)
                         << QStringLiteral("messages: roles must alternate") << false;
    QTest::newRow("400 prompt too long")
        << 400
        << body("invalid_request_error", "prompt is too long: 208310 tokens > 200000 maximum")
        << int(ApiError::Kind::ContextLengthExceeded)
        << QStringLiteral("prompt is too long: 208310 tokens > 200000 maximum") << false;
    QTest::newRow("400 content filtered")
        << 400 << body("invalid_request_error", "Output blocked by content filtering policy")
        << int(ApiError::Kind::ContentPolicy)
        << QStringLiteral("Output blocked by content filtering policy") << false;
    QTest::newRow("401") << 401 << body("authentication_error", "invalid x-api-key")
                         << int(ApiError::Kind::Authentication)
                         << QStringLiteral("invalid x-api-key") << false;
    QTest::newRow("402") << 402 << body("billing_error", "Your credit balance is too low")
                         << int(ApiError::Kind::PermissionDenied)
                         << QStringLiteral("Your credit balance is too low") << false;
    QTest::newRow("403") << 403 << body("permission_error", "no")
                         << int(ApiError::Kind::PermissionDenied) << QStringLiteral("no") << false;
    QTest::newRow("404") << 404 << body("not_found_error", "model: claude-x")
                         << int(ApiError::Kind::NotFound) << QStringLiteral("model: claude-x")
                         << false;
    QTest::newRow("413") << 413
                         << body("request_too_large",
                                 "Request exceeds the maximum allowed number of bytes.")
                         << int(ApiError::Kind::RequestTooLarge)
                         << QStringLiteral("Request exceeds the maximum allowed number of bytes.")
                         << false;
    QTest::newRow("429") << 429 << body("rate_limit_error", "slow down")
                         << int(ApiError::Kind::RateLimited) << QStringLiteral("slow down") << true;
    QTest::newRow("500") << 500 << body("api_error", "Internal server error")
                         << int(ApiError::Kind::ServerError)
                         << QStringLiteral("Internal server error") << true;
    QTest::newRow("504") << 504 << body("timeout_error", "Request timed out")
                         << int(ApiError::Kind::Timeout) << QStringLiteral("Request timed out")
                         << true;
    QTest::newRow("529") << 529 << body("overloaded_error", "Overloaded")
                         << int(ApiError::Kind::Overloaded) << QStringLiteral("Overloaded") << true;
    QTest::newRow("garbage") << 502 << QByteArray("<html><body>Bad Gateway</body></html>")
                             << int(ApiError::Kind::ServerError)
                             << QStringLiteral(
                                    "Anthropic answered HTTP 502 with a body that is "
                                    "not an error object: <html><body>Bad "
                                    "Gateway</body></html>")
                             << true;
    QTest::newRow("garbage 400") << 400 << QByteArray("oops") << int(ApiError::Kind::InvalidRequest)
                                 << QStringLiteral(
                                        "Anthropic answered HTTP 400 with a body that "
                                        "is not an error object: oops")
                                 << false;
    QTest::newRow("long garbage is cut")
        << 503 << QByteArray(300, 'x') << int(ApiError::Kind::ServerError)
        << QStringLiteral(
               "Anthropic answered HTTP 503 with a body that is not an error "
               "object: ") +
               QString(200, QLatin1Char('x')) + QStringLiteral("…")
        << true;
}

void TestAnthropicFormat::errorsFromAnthropic() {
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(QString, message);
    QFETCH(bool, retryable);
    const ApiError e = kFormat.decodeError(status, body);
    QCOMPARE(int(e.kind), kind);
    QCOMPARE(e.status, status);
    QCOMPARE(e.message, message);
    const ProviderAdapter* adapter = ProviderRegistry::find(QStringLiteral("anthropic"));
    QVERIFY(adapter);
    QCOMPARE(adapter->isRetryable(e), retryable);
}

void TestAnthropicFormat::errorsToAnthropicClients_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QByteArray>("type");
    QTest::newRow("invalid") << int(ApiError::Kind::InvalidRequest) << 400 << QByteArray()
                             << QByteArray("invalid_request_error");
    QTest::newRow("context") << int(ApiError::Kind::ContextLengthExceeded) << 400 << QByteArray()
                             << QByteArray("invalid_request_error");
    QTest::newRow("auth") << int(ApiError::Kind::Authentication) << 401 << QByteArray()
                          << QByteArray("authentication_error");
    QTest::newRow("billing") << int(ApiError::Kind::PermissionDenied) << 402
                             << QByteArray("billing_error") << QByteArray("billing_error");
    QTest::newRow("permission") << int(ApiError::Kind::PermissionDenied) << 403 << QByteArray()
                                << QByteArray("permission_error");
    QTest::newRow("not found") << int(ApiError::Kind::NotFound) << 404 << QByteArray()
                               << QByteArray("not_found_error");
    QTest::newRow("too large") << int(ApiError::Kind::RequestTooLarge) << 413 << QByteArray()
                               << QByteArray("request_too_large");
    QTest::newRow("rate") << int(ApiError::Kind::RateLimited) << 429 << QByteArray()
                          << QByteArray("rate_limit_error");
    QTest::newRow("server") << int(ApiError::Kind::ServerError) << 500 << QByteArray()
                            << QByteArray("api_error");
    QTest::newRow("overloaded") << int(ApiError::Kind::Overloaded) << 529 << QByteArray()
                                << QByteArray("overloaded_error");
    QTest::newRow("gateway timeout")
        << int(ApiError::Kind::Timeout) << 504 << QByteArray() << QByteArray("timeout_error");
    QTest::newRow("unreachable") << int(ApiError::Kind::Unreachable) << 502 << QByteArray()
                                 << QByteArray("api_error");
    QTest::newRow("bad response") << int(ApiError::Kind::BadResponse) << 502 << QByteArray()
                                  << QByteArray("api_error");
}

void TestAnthropicFormat::errorsToAnthropicClients() {
    QFETCH(int, kind);
    QFETCH(int, status);
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, type);
    ApiError e;
    e.kind = ApiError::Kind(kind);
    e.status = status;
    e.code = code;
    e.message = QStringLiteral("Something \"quoted\" went wrong");
    QCOMPARE(kFormat.encodeError(e), QByteArray(R"({"type":"error","error":{"type":")") + type +
                                         R"(","message":"Something \"quoted\" went wrong"}})");
    // Read back, the kind survives (Unreachable and BadResponse read as server errors).
    const ApiError back = kFormat.decodeError(status, kFormat.encodeError(e));
    QCOMPARE(back.status, status);
    QCOMPARE(back.message, e.message);
}

void TestAnthropicFormat::adapterIsRegistered() {
    const ProviderAdapter* adapter = ProviderRegistry::find(QStringLiteral("anthropic"));
    QVERIFY(adapter);
    QCOMPARE(adapter->displayName(), QStringLiteral("Anthropic"));
    QCOMPARE(adapter->defaultBaseUrl(), QStringLiteral("https://api.anthropic.com"));
    QCOMPARE(adapter->chatFormat().name().toByteArray(), QByteArray("anthropic"));
    QVERIFY(adapter->supports(ProviderEndpoint::Chat));
    QVERIFY(adapter->supports(ProviderEndpoint::CountTokens));
    QVERIFY(adapter->supports(ProviderEndpoint::Models));
    QVERIFY(!adapter->supports(ProviderEndpoint::Embeddings));
    QVERIFY(!adapter->supports(ProviderEndpoint::Completions));
}

void TestAnthropicFormat::adapterPreparesCalls() {
    const ProviderAdapter* adapter = ProviderRegistry::find(QStringLiteral("anthropic"));
    QVERIFY(adapter);
    ProviderConfig provider;
    provider.id = QStringLiteral("claude");
    provider.kind = QStringLiteral("anthropic");
    provider.baseUrl = QStringLiteral("https://proxy.example/anthropic/");

    const HttpHeaders none;
    UpstreamRequest chat = adapter->prepare(ProviderEndpoint::Chat, provider, "sk-ant-1",
                                            QStringLiteral("claude-sonnet-4-5"), true, none);
    QCOMPARE(chat.method, QByteArray("POST"));
    QCOMPARE(chat.url, QByteArray("https://proxy.example/anthropic/v1/messages"));
    QCOMPARE(chat.headers.value("x-api-key").toByteArray(), QByteArray("sk-ant-1"));
    QCOMPARE(chat.headers.value("anthropic-version").toByteArray(), QByteArray("2023-06-01"));
    QCOMPARE(chat.headers.value("accept").toByteArray(), QByteArray("text/event-stream"));
    QVERIFY(!chat.headers.contains("anthropic-beta"));
    QVERIFY(!chat.headers.contains("authorization"));

    HttpHeaders client;
    client.add("Anthropic-Version", "2024-01-01");
    client.add("anthropic-beta", "prompt-caching-2024-07-31,pdfs-2024-09-25");
    client.add("anthropic-beta", "output-128k-2025-02-19");
    provider.baseUrl.clear();
    const UpstreamRequest count = adapter->prepare(ProviderEndpoint::CountTokens, provider, "k",
                                                   QStringLiteral("m"), false, client);
    QCOMPARE(count.method, QByteArray("POST"));
    QCOMPARE(count.url, QByteArray("https://api.anthropic.com/v1/messages/count_tokens"));
    QCOMPARE(count.headers.value("anthropic-version").toByteArray(), QByteArray("2024-01-01"));
    QCOMPARE(count.headers.count("anthropic-beta"), 2);
    QCOMPARE(count.headers.fields().back().second, QByteArray("output-128k-2025-02-19"));
    QVERIFY(!count.headers.contains("accept"));

    const UpstreamRequest models =
        adapter->prepare(ProviderEndpoint::Models, provider, {}, {}, false, none);
    QCOMPARE(models.method, QByteArray("GET"));
    QCOMPARE(models.url, QByteArray("https://api.anthropic.com/v1/models"));
    QVERIFY(!models.headers.contains("x-api-key"));
}

QTEST_GUILESS_MAIN(TestAnthropicFormat)
#include "tst_anthropicformat.moc"
