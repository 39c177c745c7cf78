#include "config/Config.h"
#include "json/Json.h"
#include "providers/ChatFormat.h"
#include "providers/ProviderAdapter.h"
#include "providers/ProviderRegistry.h"
#include "providers/gemini/GeminiCountTokens.h"
#include "providers/gemini/GeminiEmbeddings.h"
#include "providers/gemini/GeminiFormat.h"
#include "providers/gemini/GeminiStreamEncoder.h"

#include "CanonicalNames.h"
#include "NamedFormat.h"

#include <QTest>

using namespace signalbox;

namespace {

using test::finishName;

using test::NamedFormat;

const NamedFormat kOpenAi("openai");
const NamedFormat kAnthropic("anthropic");
const GeminiFormat kGemini;

Json json(QByteArrayView text) {
    QString error;
    const auto parsed = Json::parse(text, &error);
    if (!parsed)
        qFatal("bad test JSON: %s in %s", qPrintable(error), text.toByteArray().constData());
    return *parsed;
}

ContentPart text(const QString& t) {
    return ContentPart::textPart(t);
}

ContentPart text(const char* utf8) {
    return ContentPart::textPart(QString::fromUtf8(utf8));
}

ContentPart image(const char* mime, const QByteArray& base64) {
    ContentPart p;
    p.kind = ContentPart::Kind::Image;
    p.mediaType = QString::fromLatin1(mime);
    p.data = base64;
    return p;
}

ContentPart imageUrl(const QString& url, const QString& detail = {}) {
    ContentPart p;
    p.kind = ContentPart::Kind::Image;
    p.url = url;
    p.detail = detail;
    return p;
}

ContentPart thinking(const QString& t, const QByteArray& signature) {
    ContentPart p;
    p.kind = ContentPart::Kind::Thinking;
    p.text = t;
    p.signature = signature;
    return p;
}

ContentPart call(const QString& id, const QString& name, const QByteArray& args,
                 const QByteArray& signature = {}) {
    ContentPart p;
    p.kind = ContentPart::Kind::ToolCall;
    p.toolCallId = id;
    p.toolName = name;
    p.arguments = args;
    p.signature = signature;
    return p;
}

ContentPart result(const QString& id, std::vector<ContentPart> content, bool isError = false) {
    ContentPart p;
    p.kind = ContentPart::Kind::ToolResult;
    p.toolCallId = id;
    p.content = std::move(content);
    p.isError = isError;
    return p;
}

ChatMessage user(std::vector<ContentPart> parts) {
    ChatMessage m;
    m.parts = std::move(parts);
    return m;
}

ChatMessage assistant(std::vector<ContentPart> parts) {
    ChatMessage m;
    m.role = ChatMessage::Role::Assistant;
    m.parts = std::move(parts);
    return m;
}

ChatRequest request(const ChatFormat& source, const QString& model) {
    ChatRequest r;
    r.sourceFormat = &source;
    r.model = model;
    return r;
}

ToolDefinition tool(const QString& name, const QString& description, const Json& parameters) {
    ToolDefinition t;
    t.name = name;
    t.description = description;
    t.parameters = parameters;
    return t;
}

// The tool turn of a conversation an Anthropic client continues on Gemini: a signed
// thought, a signed call Gemini gave an id, calls it did not, and their results.
ChatRequest toolTurn() {
    ChatRequest r = request(kAnthropic, QStringLiteral("gemini-2.5-flash"));
    ContentPart question = text(QStringLiteral("Weather in Paris, the time, any alerts?"));
    question.cacheControl = json(R"({"type":"ephemeral"})");
    r.messages = {
        user({question}),
        assistant({thinking(QStringLiteral("I should call all three tools."), "c2lnLXRoaW5r"),
                   call(QStringLiteral("gemini_fc-1"), QStringLiteral("get_weather"),
                        R"({"city":"Paris"})", "c2lnLWNhbGw="),
                   call(QStringLiteral("call_r1_1"), QStringLiteral("get_time"), ""),
                   call(QStringLiteral("call_r1_2"), QStringLiteral("get_alerts"), "{}")}),
        user({result(QStringLiteral("gemini_fc-1"), {text(R"({"temp_c":21,"sky":"clear"})")}),
              result(QStringLiteral("call_r1_1"),
                     {text(QStringLiteral("12:00 CET")), image("image/png", "iVBORw0KGgo=")}),
              result(QStringLiteral("call_r1_2"), {text(QStringLiteral("service down"))}, true)}),
    };
    return r;
}

QString describe(const Usage& u) {
    return QStringLiteral("%1/%2/%3/%4")
        .arg(u.inputTokens)
        .arg(u.outputTokens)
        .arg(u.cacheReadTokens)
        .arg(u.reasoningTokens);
}

QString describe(const std::vector<ContentPart>& parts) {
    QStringList out;
    for (const ContentPart& p : parts) {
        QString s;
        switch (p.kind) {
            case ContentPart::Kind::Text:
                s = QStringLiteral("text:") + p.text;
                break;
            case ContentPart::Kind::Thinking:
                s = QStringLiteral("thought:") + p.text;
                break;
            case ContentPart::Kind::ToolCall:
                s = QStringLiteral("call:%1:%2:%3")
                        .arg(p.toolCallId, p.toolName, QString::fromUtf8(p.arguments));
                break;
            default:
                s = QStringLiteral("other");
                break;
        }
        if (!p.signature.isEmpty())
            s += u'#' + QString::fromLatin1(p.signature);
        out.append(s);
    }
    return out.join(u'|');
}

QString describe(const StreamEvent& e) {
    switch (e.type) {
        case StreamEvent::Type::MessageStart:
            return QStringLiteral("start %1 %2 usage=%3").arg(e.id, e.model, describe(e.usage));
        case StreamEvent::Type::BlockStart:
            switch (e.blockKind) {
                case ContentPart::Kind::Thinking:
                    return QStringLiteral("block+ %1 thinking").arg(e.index);
                case ContentPart::Kind::ToolCall:
                    return QStringLiteral("block+ %1 call %2 %3")
                        .arg(e.index)
                        .arg(e.toolCallId, e.toolName);
                default:
                    return QStringLiteral("block+ %1 text").arg(e.index);
            }
        case StreamEvent::Type::TextDelta:
            return QStringLiteral("text %1 %2").arg(e.index).arg(e.text);
        case StreamEvent::Type::SignatureDelta:
            return QStringLiteral("sig %1 %2").arg(e.index).arg(QString::fromLatin1(e.signature));
        case StreamEvent::Type::ArgumentsDelta:
            return QStringLiteral("args %1 %2").arg(e.index).arg(QString::fromUtf8(e.arguments));
        case StreamEvent::Type::BlockStop:
            return QStringLiteral("block- %1").arg(e.index);
        case StreamEvent::Type::Usage:
            return QStringLiteral("usage %1").arg(describe(e.usage));
        case StreamEvent::Type::Finish:
            return QStringLiteral("finish %1 usage=%2")
                .arg(QLatin1StringView(finishName(e.finish)), describe(e.usage));
        case StreamEvent::Type::Error:
            return QStringLiteral("error %1 %2").arg(int(e.error.kind)).arg(e.error.status);
    }
    return {};
}

QStringList describe(const std::vector<StreamEvent>& events) {
    QStringList out;
    for (const StreamEvent& e : events)
        out.append(describe(e));
    return out;
}

// A streamGenerateContent?alt=sse answer as Gemini frames it: a thought summary, text,
// a signed text part, a signed whole functionCall, then the finish with final counts.
QByteArray sampleStream() {
    const char* chunks[] = {
        R"({"candidates":[{"content":{"parts":[{"text":"**Checking the forecast**","thought":true}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":31,"totalTokenCount":31},"modelVersion":"gemini-2.5-flash","responseId":"Xy1-abc"})",
        R"({"candidates":[{"content":{"parts":[{"text":"Let me "}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":31,"candidatesTokenCount":2,"totalTokenCount":73,"thoughtsTokenCount":40},"modelVersion":"gemini-2.5-flash","responseId":"Xy1-abc"})",
        R"({"candidates":[{"content":{"parts":[{"text":"check Paris.","thoughtSignature":"U2lnVGV4dA=="}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":31,"candidatesTokenCount":2,"totalTokenCount":73,"thoughtsTokenCount":40},"modelVersion":"gemini-2.5-flash","responseId":"Xy1-abc"})",
        R"({"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris","unit":"c"}},"thoughtSignature":"U2lnQ2FsbA=="}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":31,"candidatesTokenCount":20,"totalTokenCount":91,"thoughtsTokenCount":40},"modelVersion":"gemini-2.5-flash","responseId":"Xy1-abc"})",
        R"({"candidates":[{"content":{"parts":[{"text":""}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":31,"candidatesTokenCount":25,"totalTokenCount":96,"thoughtsTokenCount":40},"modelVersion":"gemini-2.5-flash","responseId":"Xy1-abc"})",
    };
    QByteArray out;
    for (const char* c : chunks)
        out.append("data: ").append(c).append("\r\n\r\n");
    return out;
}

QStringList sampleEvents() {
    return {
        QStringLiteral("start Xy1-abc gemini-2.5-flash usage=31/-1/0/0"),
        QStringLiteral("block+ 0 thinking"),
        QStringLiteral("text 0 **Checking the forecast**"),
        QStringLiteral("block- 0"),
        QStringLiteral("block+ 1 text"),
        QStringLiteral("text 1 Let me "),
        QStringLiteral("usage 31/42/0/40"),
        QStringLiteral("text 1 check Paris."),
        QStringLiteral("sig 1 U2lnVGV4dA=="),
        QStringLiteral("block- 1"),
        QStringLiteral("block+ 2 call call_Xy1-abc_0 get_weather"),
        QStringLiteral("sig 2 U2lnQ2FsbA=="),
        QStringLiteral(R"(args 2 {"city":"Paris","unit":"c"})"),
        QStringLiteral("block- 2"),
        QStringLiteral("usage 31/60/0/40"),
        QStringLiteral("finish tool_calls usage=31/65/0/40"),
    };
}

ProviderConfig geminiProvider(const QString& baseUrl = {}, const QString& apiVersion = {}) {
    ProviderConfig p;
    p.id = QStringLiteral("google");
    p.kind = QStringLiteral("gemini");
    p.baseUrl = baseUrl;
    p.apiVersion = apiVersion;
    return p;
}

}  // namespace

Q_DECLARE_METATYPE(signalbox::ChatRequest)

class TestGeminiFormat : public QObject {
    Q_OBJECT
private slots:
    void encodesRequests_data() {
        QTest::addColumn<ChatRequest>("request");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<QStringList>("dropped");

        {
            ChatRequest r = request(kOpenAi, QStringLiteral("gemini-2.5-flash"));
            r.system = {text(QStringLiteral("You are terse."))};
            r.messages = {user({text(QStringLiteral("Hi"))}),
                          assistant({text(QStringLiteral("Hello!"))}),
                          user({text(QStringLiteral("Weather in Paris?"))})};
            r.temperature = 0.2;
            r.maxTokens = 256;
            r.topP = 0.9;
            r.stop = {QStringLiteral("END")};
            r.seed = 42;
            r.presencePenalty = 0.5;
            r.frequencyPenalty = 0.25;
            r.user = QStringLiteral("u-1");
            r.metadata = json(R"({"team":"a"})");
            QTest::newRow("system, turns and sampling")
                << r << QByteArray(R"({"systemInstruction":{"parts":[{"text":"You are terse."}]},
                    "contents":[{"role":"user","parts":[{"text":"Hi"}]},
                                {"role":"model","parts":[{"text":"Hello!"}]},
                                {"role":"user","parts":[{"text":"Weather in Paris?"}]}],
                    "generationConfig":{"stopSequences":["END"],"maxOutputTokens":256,
                        "temperature":0.2,"topP":0.9,"seed":42,"presencePenalty":0.5,
                        "frequencyPenalty":0.25}})")
                << QStringList{QStringLiteral("user"), QStringLiteral("metadata")};
        }
        {
            ChatRequest r = request(kOpenAi, QStringLiteral("gemini-2.5-flash"));
            r.messages = {
                user({text(QStringLiteral("What is in these?")), image("image/png", "iVBORw0KGgo="),
                      imageUrl(QStringLiteral("data:image/jpeg;base64,/9j/4AAQSkZJRg==")),
                      imageUrl(QStringLiteral("https://example.com/cat.webp?s=1"),
                               QStringLiteral("high")),
                      imageUrl(QStringLiteral("ftp://example.com/dog.png"))})};
            QTest::newRow("images inline, data URL, https and unsupported")
                << r << QByteArray(R"({"contents":[{"role":"user","parts":[
                    {"text":"What is in these?"},
                    {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}},
                    {"inlineData":{"mimeType":"image/jpeg","data":"/9j/4AAQSkZJRg=="}},
                    {"fileData":{"mimeType":"image/webp","fileUri":"https:\/\/example.com/cat.webp?s=1"}}]}]})")
                << QStringList{QStringLiteral("messages[].content[].image_url.detail"),
                               QStringLiteral("messages[].content[].image_url")};
        }
        {
            // What Pydantic makes of a model with an optional enum, as OpenAI SDKs send it.
            const char* schema =
                R"({"$defs":{"Unit":{"enum":["c","f"],"type":"string"}},"additionalProperties":false,"properties":{"city":{"type":"string"},"unit":{"anyOf":[{"$ref":"#/$defs/Unit"},{"type":"null"}]}},"required":["city","unit"],"type":"object"})";
            ChatRequest r = request(kOpenAi, QStringLiteral("gemini-2.5-flash"));
            r.messages = {user({text(QStringLiteral("Weather?"))})};
            r.tools = {tool(QStringLiteral("get_weather"), QStringLiteral("Current weather"),
                            json(schema)),
                       tool(QStringLiteral("get_time"), {}, {})};
            r.tools[0].strict = true;
            r.toolChoice.mode = ToolChoice::Mode::Auto;
            r.toolChoice.parallelGiven = true;
            r.toolChoice.parallelCallsAllowed = false;
            QTest::newRow("tools with a full JSON schema, strict")
                << r
                << (QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"Weather?"}]}],
                    "tools":[{"functionDeclarations":[{"name":"get_weather",
                        "description":"Current weather","parametersJsonSchema":)") +
                    schema + R"(},{"name":"get_time"}]}],
                    "toolConfig":{"functionCallingConfig":{"mode":"VALIDATED"}}})")
                << QStringList{QStringLiteral("parallel_tool_calls")};
        }
        {
            ChatRequest r = toolTurn();
            QTest::newRow("tool calls and results with signatures")
                << r << QByteArray(R"({"contents":[
                    {"role":"user","parts":[{"text":"Weather in Paris, the time, any alerts?"}]},
                    {"role":"model","parts":[
                        {"text":"I should call all three tools.","thought":true,"thoughtSignature":"c2lnLXRoaW5r"},
                        {"functionCall":{"id":"fc-1","name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"c2lnLWNhbGw="},
                        {"functionCall":{"name":"get_time","args":{}}},
                        {"functionCall":{"name":"get_alerts","args":{}}}]},
                    {"role":"user","parts":[
                        {"functionResponse":{"id":"fc-1","name":"get_weather","response":{"temp_c":21,"sky":"clear"}}},
                        {"functionResponse":{"name":"get_time","response":{"output":"12:00 CET"},
                            "parts":[{"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}}]}},
                        {"functionResponse":{"name":"get_alerts","response":{"error":"service down"}}}]}]})")
                << QStringList{QStringLiteral("cache_control")};
        }
        {
            // History from another provider: Gemini 3 wants the first call of a step signed.
            ChatRequest r = request(kOpenAi, QStringLiteral("gemini-3-pro-preview"));
            r.messages = {
                user({text(QStringLiteral("Oslo?"))}),
                assistant({call(QStringLiteral("call_abc"), QStringLiteral("get_weather"),
                                R"({"city":"Oslo"})"),
                           call(QStringLiteral("call_def"), QStringLiteral("get_time"), "{}")}),
                user({result(QStringLiteral("call_abc"), {text(R"({"temp_c":-3})")}),
                      result(QStringLiteral("call_def"), {text(QStringLiteral("9"))})})};
            QTest::newRow("gemini 3, unsigned calls from elsewhere")
                << r << QByteArray(R"({"contents":[
                    {"role":"user","parts":[{"text":"Oslo?"}]},
                    {"role":"model","parts":[
                        {"functionCall":{"name":"get_weather","args":{"city":"Oslo"}},"thoughtSignature":"skip_thought_signature_validator"},
                        {"functionCall":{"name":"get_time","args":{}}}]},
                    {"role":"user","parts":[
                        {"functionResponse":{"name":"get_weather","response":{"temp_c":-3}}},
                        {"functionResponse":{"name":"get_time","response":{"output":"9"}}}]}]})")
                << QStringList{};
        }
        {
            ChatRequest r = request(kAnthropic, QStringLiteral("gemini-2.5-pro"));
            r.messages = {user({text(QStringLiteral("Prove it."))})};
            r.maxTokens = 4096;
            r.thinking = true;
            r.thinkingBudget = 2048;
            r.includeThoughts = true;
            r.reasoningEffort = QStringLiteral("high");
            QTest::newRow("thinking budget wins over effort")
                << r << QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"Prove it."}]}],
                    "generationConfig":{"maxOutputTokens":4096,
                        "thinkingConfig":{"includeThoughts":true,"thinkingBudget":2048}}})")
                << QStringList{QStringLiteral("output_config.effort")};
        }
        {
            ChatRequest r = request(kOpenAi, QStringLiteral("gemini-3-flash-preview"));
            r.messages = {user({text(QStringLiteral("Quick one."))})};
            r.reasoningEffort = QStringLiteral("minimal");
            QTest::newRow("effort on gemini 3 is a thinking level")
                << r << QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"Quick one."}]}],
                    "generationConfig":{"thinkingConfig":{"thinkingLevel":"MINIMAL"}}})")
                << QStringList{};
        }
        {
            ChatRequest r = request(kOpenAi, QStringLiteral("gemini-2.5-pro"));
            r.messages = {user({text(QStringLiteral("Think."))})};
            r.reasoningEffort = QStringLiteral("medium");
            QTest::newRow("effort on gemini 2.5 is a budget")
                << r << QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"Think."}]}],
                    "generationConfig":{"thinkingConfig":{"thinkingBudget":8192}}})")
                << QStringList{};
        }
        {
            ChatRequest r = request(kAnthropic, QStringLiteral("gemini-2.5-flash"));
            r.messages = {user({text(QStringLiteral("No thinking."))})};
            r.thinking = false;
            r.includeThoughts = true;
            QTest::newRow("thinking off")
                << r
                << QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"No thinking."}]}],
                    "generationConfig":{"thinkingConfig":{"thinkingBudget":0}}})")
                << QStringList{};
        }
        {
            ChatRequest r = request(kOpenAi, QStringLiteral("gemini-2.5-flash"));
            r.messages = {user({text(QStringLiteral("Hm."))})};
            r.reasoningEffort = QStringLiteral("extreme");
            QTest::newRow("unknown effort")
                << r << QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"Hm."}]}]})")
                << QStringList{QStringLiteral("reasoning_effort")};
        }
        {
            ChatRequest r = request(kOpenAi, QStringLiteral("gemini-2.5-flash"));
            r.messages = {user({text(QStringLiteral("A city."))})};
            r.responseFormat = json(
                R"({"type":"json_schema","json_schema":{"name":"city","strict":true,"schema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}}})");
            QTest::newRow("json_schema")
                << r << QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"A city."}]}],
                    "generationConfig":{"responseMimeType":"application/json","responseJsonSchema":
                        {"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}}})")
                << QStringList{};
        }
        {
            ChatRequest r = request(kOpenAi, QStringLiteral("gemini-2.5-flash"));
            r.messages = {user({text(QStringLiteral("JSON please."))})};
            r.responseFormat = json(R"({"type":"json_object"})");
            QTest::newRow("json_object")
                << r
                << QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"JSON please."}]}],
                    "generationConfig":{"responseMimeType":"application/json"}})")
                << QStringList{};
        }
        const Json noArgs = json(R"({"type":"object","properties":{}})");
        const std::pair<ToolChoice::Mode, const char*> choices[] = {
            {ToolChoice::Mode::Tool, R"({"mode":"ANY","allowedFunctionNames":["ping"]})"},
            {ToolChoice::Mode::Required, R"({"mode":"ANY"})"},
            {ToolChoice::Mode::None, R"({"mode":"NONE"})"},
            {ToolChoice::Mode::Auto, R"({"mode":"AUTO"})"},
        };
        for (const auto& [mode, config] : choices) {
            ChatRequest r = request(kOpenAi, QStringLiteral("gemini-2.5-flash"));
            r.messages = {user({text(QStringLiteral("Go."))})};
            r.tools = {tool(QStringLiteral("ping"), {}, noArgs)};
            r.toolChoice.mode = mode;
            r.toolChoice.name = QStringLiteral("ping");
            QTest::addRow("tool choice %s", config)
                << r
                << (QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"Go."}]}],
                    "tools":[{"functionDeclarations":[{"name":"ping","parametersJsonSchema":{"type":"object","properties":{}}}]}],
                    "toolConfig":{"functionCallingConfig":)") +
                    config + "}}")
                << QStringList{};
        }
        {
            ChatRequest r = request(kOpenAi, QStringLiteral("gemini-2.5-flash"));
            ChatMessage named = user({text(QStringLiteral("Hi"))});
            named.name = QStringLiteral("alice");
            r.messages = {named};
            r.candidates = 2;
            r.extra = {{"logprobs", Json(true)},
                       {"top_logprobs", Json(3)},
                       {"service_tier", Json("auto")}};
            QTest::newRow("fields Gemini cannot take")
                << r << QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"Hi"}]}]})")
                << QStringList{QStringLiteral("messages[].name"), QStringLiteral("n"),
                               QStringLiteral("logprobs"), QStringLiteral("top_logprobs"),
                               QStringLiteral("service_tier")};
        }
        {
            ChatRequest r = request(kGemini, QStringLiteral("gemini-2.5-flash"));
            r.messages = {user({text(QStringLiteral("Hi"))})};
            r.extra = {
                {"safetySettings",
                 json(R"([{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}])")}};
            QTest::newRow("a Gemini client's own fields go back")
                << r << QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"Hi"}]}],
                    "safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}]})")
                << QStringList{};
        }
    }
    void encodesRequests() {
        QFETCH(ChatRequest, request);
        QFETCH(QByteArray, expected);
        QFETCH(QStringList, dropped);
        QStringList actualDropped;
        const Json body = kGemini.encodeRequest(request, actualDropped);
        QCOMPARE(body.serialize(), json(expected).serialize());
        QCOMPARE(actualDropped, dropped);
    }

    void decodedRequestsEncodeTheSame() {
        QStringList dropped;
        const Json first = kGemini.encodeRequest(toolTurn(), dropped);
        ChatRequest decoded;
        ApiError error;
        QVERIFY(kGemini.decodeRequest(first, decoded, error));
        QVERIFY(decoded.sourceFormat == &kGemini);
        decoded.model = QStringLiteral("gemini-2.5-flash");
        dropped.clear();
        QCOMPARE(kGemini.encodeRequest(decoded, dropped).serialize(), first.serialize());
        QVERIFY(dropped.isEmpty());
        QCOMPARE(decoded.messages[1].parts[1].toolCallId, QStringLiteral("gemini_fc-1"));
        QCOMPARE(decoded.messages[2].parts[2].isError, true);
        QVERIFY(!kGemini.decodeRequest(json("[]"), decoded, error));
        QCOMPARE(error.kind, ApiError::Kind::InvalidRequest);
    }

    void decodesResponses_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("finish");
        QTest::addColumn<QString>("usage");

        QTest::newRow("text")
            << QByteArray(
                   R"({"candidates":[{"content":{"parts":[{"text":"Paris is the capital of France."}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":7,"totalTokenCount":16},"modelVersion":"gemini-2.5-flash","responseId":"mQjTaJ3p"})")
            << QStringLiteral("text:Paris is the capital of France.") << QStringLiteral("stop")
            << QStringLiteral("9/7/0/0");
        QTest::newRow("parallel calls, the first signed")
            << QByteArray(
                   R"({"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"CiQBjz1rX2sig"},{"functionCall":{"name":"get_weather","args":{"city":"Oslo"}}}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":40,"candidatesTokenCount":20,"totalTokenCount":110,"thoughtsTokenCount":50},"modelVersion":"gemini-3-pro-preview","responseId":"r-1"})")
            << QStringLiteral(R"(call:call_r-1_0:get_weather:{"city":"Paris"}#CiQBjz1rX2sig|)"
                              R"(call:call_r-1_1:get_weather:{"city":"Oslo"})")
            << QStringLiteral("tool_calls") << QStringLiteral("40/70/0/50");
        QTest::newRow("a call with Gemini's id")
            << QByteArray(
                   R"({"candidates":[{"content":{"parts":[{"functionCall":{"id":"fc_9","name":"lookup"}}],"role":"model"},"finishReason":"STOP"}]})")
            << QStringLiteral("call:gemini_fc_9:lookup:{}") << QStringLiteral("tool_calls")
            << QStringLiteral("-1/-1/0/0");
        QTest::newRow("thoughts, signed text, cached prompt")
            << QByteArray(
                   R"({"candidates":[{"content":{"parts":[{"text":"**Weighing options**","thought":true},{"text":"Take the train.","thoughtSignature":"Q2lRQg=="}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":120,"cachedContentTokenCount":100,"candidatesTokenCount":30,"thoughtsTokenCount":50,"totalTokenCount":200}})")
            << QStringLiteral("thought:**Weighing options**|text:Take the train.#Q2lRQg==")
            << QStringLiteral("stop") << QStringLiteral("120/80/100/50");
        QTest::newRow("tool-use prompt counts as input")
            << QByteArray(
                   R"({"candidates":[{"content":{"parts":[{"text":"ok"}],"role":"model"},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":10,"toolUsePromptTokenCount":5,"candidatesTokenCount":3,"totalTokenCount":18}})")
            << QStringLiteral("text:ok") << QStringLiteral("stop") << QStringLiteral("15/3/0/0");
        QTest::newRow("max tokens")
            << QByteArray(
                   R"({"candidates":[{"content":{"parts":[{"text":"Once upon"}],"role":"model"},"finishReason":"MAX_TOKENS"}]})")
            << QStringLiteral("text:Once upon") << QStringLiteral("length")
            << QStringLiteral("-1/-1/0/0");
        for (const char* reason : {"SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
                                   "SPII", "IMAGE_SAFETY", "LANGUAGE"}) {
            QTest::addRow("%s", reason)
                << (QByteArray("{\"candidates\":[{\"finishReason\":\"") + reason +
                    "\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,"
                    "\"totalTokenCount\":12}}")
                << QString() << QStringLiteral("content_filter") << QStringLiteral("12/-1/0/0");
        }
        for (const char* reason : {"MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "OTHER"}) {
            QTest::addRow("%s", reason)
                << (QByteArray("{\"candidates\":[{\"content\":{\"parts\":[],\"role\":\"model\"},"
                               "\"finishReason\":\"") +
                    reason + "\"}]}")
                << QString() << QStringLiteral("other") << QStringLiteral("-1/-1/0/0");
        }
        QTest::newRow("prompt blocked")
            << QByteArray(
                   R"({"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[{"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"HIGH"}]},"usageMetadata":{"promptTokenCount":12,"totalTokenCount":12},"modelVersion":"gemini-2.5-flash","responseId":"b-1"})")
            << QString() << QStringLiteral("content_filter") << QStringLiteral("12/-1/0/0");
    }
    void decodesResponses() {
        QFETCH(QByteArray, body);
        QFETCH(QString, content);
        QFETCH(QString, finish);
        QFETCH(QString, usage);
        ChatResponse response;
        ApiError error;
        QVERIFY2(kGemini.decodeResponse(json(body), response, error), qPrintable(error.message));
        QCOMPARE(describe(response.content), content);
        QCOMPARE(QString::fromLatin1(finishName(response.finish)), finish);
        QCOMPARE(describe(response.usage), usage);
        const Json parsed = json(body);
        QCOMPARE(response.id, parsed["responseId"].toString());
        QCOMPARE(response.model, parsed["modelVersion"].toString());
    }

    void refusesWhatIsNotAnAnswer() {
        ChatResponse response;
        ApiError error;
        QVERIFY(!kGemini.decodeResponse(json("[]"), response, error));
        QCOMPARE(error.kind, ApiError::Kind::BadResponse);
        QVERIFY(!kGemini.decodeResponse(json(R"({"candidates":[]})"), response, error));
        QCOMPARE(error.kind, ApiError::Kind::BadResponse);
        QVERIFY(!kGemini.decodeResponse(
            json(R"({"error":{"code":429,"message":"Slow down.","status":"RESOURCE_EXHAUSTED"}})"),
            response, error));
        QCOMPARE(error.kind, ApiError::Kind::RateLimited);
        QCOMPARE(error.message, QStringLiteral("Slow down."));
    }

    void encodedResponsesReadBack() {
        const QByteArray body =
            R"({"candidates":[{"content":{"parts":[{"text":"**Weighing options**","thought":true},{"text":"Take the train.","thoughtSignature":"Q2lRQg=="},{"functionCall":{"id":"fc_1","name":"book","args":{"train":"TGV 6201"}},"thoughtSignature":"U2ln"}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":120,"candidatesTokenCount":30,"totalTokenCount":200,"cachedContentTokenCount":100,"thoughtsTokenCount":50},"modelVersion":"gemini-2.5-flash","responseId":"rt-1"})";
        ChatResponse response;
        ApiError error;
        QVERIFY(kGemini.decodeResponse(json(body), response, error));
        QCOMPARE(response.finish, FinishReason::ToolCalls);
        QCOMPARE(kGemini.encodeResponse(response).serialize(), json(body).serialize());

        ChatResponse blocked;
        QVERIFY(kGemini.decodeResponse(json(R"({"promptFeedback":{"blockReason":"OTHER"}})"),
                                       blocked, error));
        ChatResponse again;
        QVERIFY(kGemini.decodeResponse(kGemini.encodeResponse(blocked), again, error));
        QCOMPARE(again.finish, FinishReason::ContentFilter);
        QVERIFY(again.content.empty());
    }

    void streamSurvivesEveryCut() {
        const QByteArray stream = sampleStream();
        for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
            auto decoder = kGemini.newStreamDecoder();
            std::vector<StreamEvent> events;
            QVERIFY(decoder->feed(QByteArrayView(stream).first(cut), events));
            QVERIFY(decoder->feed(QByteArrayView(stream).sliced(cut), events));
            QVERIFY(decoder->finish(events));
            QCOMPARE(describe(events), sampleEvents());
        }
        auto decoder = kGemini.newStreamDecoder();
        std::vector<StreamEvent> events;
        for (qsizetype i = 0; i < stream.size(); ++i)
            QVERIFY(decoder->feed(QByteArrayView(stream).sliced(i, 1), events));
        QVERIFY(decoder->finish(events));
        QCOMPARE(describe(events), sampleEvents());
    }

    void streamReencodesToTheSameEvents() {
        auto decoder = kGemini.newStreamDecoder();
        std::vector<StreamEvent> events;
        QVERIFY(decoder->feed(sampleStream(), events));
        QVERIFY(decoder->finish(events));
        GeminiStreamEncoder encoder(QStringLiteral("gemini-2.5-flash"));
        QByteArray bytes;
        for (const StreamEvent& e : events)
            encoder.encode(e, bytes);
        encoder.finish(bytes);
        auto again = kGemini.newStreamDecoder();
        std::vector<StreamEvent> reread;
        QVERIFY(again->feed(bytes, reread));
        QVERIFY(again->finish(reread));
        QCOMPARE(describe(reread), sampleEvents());
    }

    void streamEndings_data() {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<QStringList>("tail");
        QTest::addColumn<bool>("complete");

        const QByteArray sample = sampleStream();
        const qsizetype second = sample.indexOf("data: ", 1);
        const QByteArray firstTwo = sample.left(sample.indexOf("data: ", second + 1));
        QTest::newRow("no finishReason: cut short")
            << firstTwo
            << QStringList{QStringLiteral("usage 31/42/0/40"), QStringLiteral("block- 1")} << false;
        QTest::newRow("prompt blocked")
            << QByteArray(
                   "data: {\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"},"
                   "\"usageMetadata\":{\"promptTokenCount\":7,\"totalTokenCount\":7},"
                   "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"blk\"}\r\n\r\n")
            << QStringList{QStringLiteral("start blk gemini-2.5-flash usage=7/-1/0/0"),
                           QStringLiteral("finish content_filter usage=7/-1/0/0")}
            << true;
        QTest::newRow("error object mid-stream")
            << firstTwo +
                   "data: {\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please "
                   "try again later.\",\"status\":\"UNAVAILABLE\"}}\r\n\r\n"
            << QStringList{QStringLiteral("block- 1"),
                           QStringLiteral("error %1 503").arg(int(ApiError::Kind::Overloaded))}
            << false;
        QTest::newRow("safety finish with no content")
            << QByteArray(
                   "data: {\"candidates\":[{\"finishReason\":\"SAFETY\",\"index\":0}],"
                   "\"responseId\":\"s\"}\r\n\r\n")
            << QStringList{QStringLiteral("start s  usage=-1/-1/0/0"),
                           QStringLiteral("finish content_filter usage=-1/-1/0/0")}
            << true;
    }
    void streamEndings() {
        QFETCH(QByteArray, stream);
        QFETCH(QStringList, tail);
        QFETCH(bool, complete);
        auto decoder = kGemini.newStreamDecoder();
        std::vector<StreamEvent> events;
        QVERIFY(decoder->feed(stream, events));
        QCOMPARE(decoder->finish(events), complete);
        const QStringList all = describe(events);
        QCOMPARE(all.mid(all.size() - tail.size()), tail);
    }

    void unreadableStreamFails() {
        auto decoder = kGemini.newStreamDecoder();
        std::vector<StreamEvent> events;
        QVERIFY(!decoder->feed("data: {not json\r\n\r\n", events));
        QVERIFY(!events.empty());
        QCOMPARE(events.back().type, StreamEvent::Type::Error);
        QCOMPARE(events.back().error.kind, ApiError::Kind::BadResponse);
        QVERIFY(!decoder->finish(events));
    }

    void decodesErrors_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("clientStatus");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QByteArray>("code");
        QTest::addColumn<QByteArray>("retryAfter");

        QTest::newRow("rate limited with retry info")
            << 429
            << QByteArray(
                   R"({"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests"}]},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"36.5s"}]}})")
            << int(ApiError::Kind::RateLimited) << 429
            << QStringLiteral("You exceeded your current quota") << QByteArray()
            << QByteArray("37");
        QTest::newRow("bad key")
            << 400
            << QByteArray(
                   R"({"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}})")
            << int(ApiError::Kind::Authentication) << 401 << QStringLiteral("API key not valid")
            << QByteArray("invalid_api_key") << QByteArray();
        QTest::newRow("context too long")
            << 400
            << QByteArray(
                   R"({"error":{"code":400,"message":"The input token count (1200293) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}})")
            << int(ApiError::Kind::ContextLengthExceeded) << 400
            << QStringLiteral("exceeds the maximum number of tokens")
            << QByteArray("context_length_exceeded") << QByteArray();
        QTest::newRow("free tier not in region")
            << 400
            << QByteArray(
                   R"({"error":{"code":400,"message":"Gemini API free tier is not available in your country. Please enable billing on your project in Google AI Studio.","status":"FAILED_PRECONDITION"}})")
            << int(ApiError::Kind::InvalidRequest) << 400 << QStringLiteral("free tier")
            << QByteArray() << QByteArray();
        QTest::newRow("permission denied")
            << 403
            << QByteArray(
                   "{\"error\":{\"code\":403,\"message\":\"Your API key doesn't have the required "
                   "permissions.\",\"status\":\"PERMISSION_DENIED\"}}")
            << int(ApiError::Kind::PermissionDenied) << 403 << QStringLiteral("permissions")
            << QByteArray() << QByteArray();
        QTest::newRow("unknown model")
            << 404
            << QByteArray(
                   R"({"error":{"code":404,"message":"models/gemini-9 is not found for API version v1beta, or is not supported for generateContent.","status":"NOT_FOUND"}})")
            << int(ApiError::Kind::NotFound) << 404 << QStringLiteral("models/gemini-9")
            << QByteArray("model_not_found") << QByteArray();
        QTest::newRow("internal")
            << 500
            << QByteArray(
                   R"({"error":{"code":500,"message":"An internal error has occurred.","status":"INTERNAL"}})")
            << int(ApiError::Kind::ServerError) << 500 << QStringLiteral("internal error")
            << QByteArray() << QByteArray();
        QTest::newRow("overloaded")
            << 503
            << QByteArray(
                   R"({"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}})")
            << int(ApiError::Kind::Overloaded) << 503 << QStringLiteral("overloaded")
            << QByteArray() << QByteArray();
        QTest::newRow("deadline")
            << 504
            << QByteArray(
                   R"({"error":{"code":504,"message":"Deadline expired before operation could complete.","status":"DEADLINE_EXCEEDED"}})")
            << int(ApiError::Kind::ServerError) << 504 << QStringLiteral("Deadline expired")
            << QByteArray() << QByteArray();
        QTest::newRow("array-wrapped")
            << 429
            << QByteArray(
                   R"([{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}])")
            << int(ApiError::Kind::RateLimited) << 429
            << QStringLiteral("Resource has been exhausted") << QByteArray() << QByteArray();
        QTest::newRow("not JSON") << 502
                                  << QByteArray("<html><body>502 Bad Gateway</body></html>\n")
                                  << int(ApiError::Kind::ServerError) << 502
                                  << QStringLiteral("<html><body>502 Bad Gateway</body></html>")
                                  << QByteArray() << QByteArray();
    }
    void decodesErrors() {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, kind);
        QFETCH(int, clientStatus);
        QFETCH(QString, message);
        QFETCH(QByteArray, code);
        QFETCH(QByteArray, retryAfter);
        const ApiError e = kGemini.decodeError(status, body);
        QCOMPARE(int(e.kind), kind);
        QCOMPARE(e.status, clientStatus);
        QVERIFY2(e.message.contains(message), qPrintable(e.message));
        QCOMPARE(e.code, code);
        QCOMPARE(e.retryAfter, retryAfter);
    }

    void encodesErrors_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("invalid")
            << int(ApiError::Kind::InvalidRequest) << 400
            << QByteArray(R"({"error":{"code":400,"message":"m","status":"INVALID_ARGUMENT"}})");
        QTest::newRow("auth")
            << int(ApiError::Kind::Authentication) << 401
            << QByteArray(R"({"error":{"code":401,"message":"m","status":"UNAUTHENTICATED"}})");
        QTest::newRow("rate")
            << int(ApiError::Kind::RateLimited) << 429
            << QByteArray(R"({"error":{"code":429,"message":"m","status":"RESOURCE_EXHAUSTED"}})");
        QTest::newRow("overloaded")
            << int(ApiError::Kind::Overloaded) << 503
            << QByteArray(R"({"error":{"code":503,"message":"m","status":"UNAVAILABLE"}})");
        QTest::newRow("timeout")
            << int(ApiError::Kind::Timeout) << 504
            << QByteArray(R"({"error":{"code":504,"message":"m","status":"DEADLINE_EXCEEDED"}})");
        QTest::newRow("bad response")
            << int(ApiError::Kind::BadResponse) << 502
            << QByteArray(R"({"error":{"code":502,"message":"m","status":"INTERNAL"}})");
    }
    void encodesErrors() {
        QFETCH(int, kind);
        QFETCH(int, status);
        QFETCH(QByteArray, expected);
        ApiError e;
        e.kind = ApiError::Kind(kind);
        e.status = status;
        e.message = QStringLiteral("m");
        const QByteArray body = kGemini.encodeError(e);
        QCOMPARE(body, expected);
        const ApiError back = kGemini.decodeError(status, body);
        QCOMPARE(back.status, status);
        QCOMPARE(back.message, e.message);
    }

    void adapterBuildsCalls() {
        const ProviderAdapter* adapter = ProviderRegistry::find(QStringLiteral("gemini"));
        QVERIFY(adapter);
        QCOMPARE(adapter->displayName(), QStringLiteral("Google Gemini"));
        QCOMPARE(adapter->defaultBaseUrl(),
                 QStringLiteral("https://generativelanguage.googleapis.com"));
        QCOMPARE(adapter->chatFormat().name().toByteArray(), QByteArray("gemini"));
        const HttpHeaders none;
        const ProviderConfig provider = geminiProvider();

        UpstreamRequest r = adapter->prepare(ProviderEndpoint::Chat, provider, "AIza-secret",
                                             QStringLiteral("gemini-2.5-flash"), false, none);
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.url, QByteArray("https://generativelanguage.googleapis.com/v1beta/models/"
                                   "gemini-2.5-flash:generateContent"));
        QCOMPARE(r.headers.value("x-goog-api-key").toByteArray(), QByteArray("AIza-secret"));
        QVERIFY(!r.url.contains("AIza"));

        r = adapter->prepare(ProviderEndpoint::Chat, provider, "k",
                             QStringLiteral("gemini-2.5-flash"), true, none);
        QVERIFY(r.url.endsWith("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"));
        r = adapter->prepare(ProviderEndpoint::CountTokens, provider, "k",
                             QStringLiteral("models/gemini-2.5-flash"), false, none);
        QVERIFY(r.url.endsWith("/v1beta/models/gemini-2.5-flash:countTokens"));
        r = adapter->prepare(ProviderEndpoint::Embeddings, provider, "k",
                             QStringLiteral("gemini-embedding-001"), false, none);
        QVERIFY(r.url.endsWith("/v1beta/models/gemini-embedding-001:batchEmbedContents"));
        r = adapter->prepare(ProviderEndpoint::Models, provider, "k", {}, false, none);
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(
            r.url,
            QByteArray("https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000"));

        r = adapter->prepare(ProviderEndpoint::Chat,
                             geminiProvider(QStringLiteral("http://127.0.0.1:9/v1beta/")), "k",
                             QStringLiteral("tunedModels/my-model"), false, none);
        QCOMPARE(r.url,
                 QByteArray("http://127.0.0.1:9/v1beta/tunedModels/my-model:generateContent"));
        r = adapter->prepare(
            ProviderEndpoint::Chat,
            geminiProvider(QStringLiteral("http://127.0.0.1:9"), QStringLiteral("v1")), "",
            QStringLiteral("gemini-2.5-flash"), false, none);
        QCOMPARE(r.url,
                 QByteArray("http://127.0.0.1:9/v1/models/gemini-2.5-flash:generateContent"));
        QVERIFY(!r.headers.contains("x-goog-api-key"));

        QVERIFY(!adapter->supports(ProviderEndpoint::Completions));
        QVERIFY(adapter->prepare(ProviderEndpoint::Completions, provider, "k", {}, false, none)
                    .url.isEmpty());

        for (int status : {429, 500, 503, 504})
            QVERIFY(adapter->isRetryable(kGemini.decodeError(status, "{}")));
        for (const char* body :
             {R"({"error":{"code":400,"message":"bad","status":"INVALID_ARGUMENT"}})",
              R"({"error":{"code":403,"message":"no","status":"PERMISSION_DENIED"}})",
              R"({"error":{"code":404,"message":"models/x is not found","status":"NOT_FOUND"}})"})
            QVERIFY(!adapter->isRetryable(
                kGemini.decodeError(int(json(body)["error"]["code"].toInt()), body)));
    }

    void countsTokensWithSystemAndTools() {
        ChatRequest r = request(kOpenAi, QStringLiteral("gemini-2.5-flash"));
        r.system = {text(QStringLiteral("Be brief."))};
        r.messages = {user({text(QStringLiteral("Hi"))})};
        r.tools = {tool(QStringLiteral("ping"), {}, json(R"({"type":"object"})"))};
        QStringList dropped;
        QCOMPARE(GeminiCountTokens::encodeRequest(r, dropped).serialize(),
                 json(R"({"generateContentRequest":{"model":"models/gemini-2.5-flash",
                     "systemInstruction":{"parts":[{"text":"Be brief."}]},
                     "contents":[{"role":"user","parts":[{"text":"Hi"}]}],
                     "tools":[{"functionDeclarations":[{"name":"ping","parametersJsonSchema":{"type":"object"}}]}]}})")
                     .serialize());
        QCOMPARE(
            GeminiCountTokens::totalTokens(
                json(
                    R"({"totalTokens":31,"promptTokensDetails":[{"modality":"TEXT","tokenCount":31}]})"))
                .value_or(-1),
            qint64(31));
        QVERIFY(!GeminiCountTokens::totalTokens(json("{}")));
    }

    void embeddingsRequest_data() {
        QTest::addColumn<QByteArray>("openAi");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<QStringList>("dropped");
        QTest::newRow("one string")
            << QByteArray(R"({"model":"embed","input":"hello"})")
            << QByteArray(
                   R"({"requests":[{"model":"models/gemini-embedding-001","content":{"parts":[{"text":"hello"}]}}]})")
            << QStringList{};
        QTest::newRow("strings, dimensions, base64, user")
            << QByteArray(
                   R"({"model":"embed","input":["a","b"],"dimensions":768,"encoding_format":"base64","user":"u"})")
            << QByteArray(R"({"requests":[
                {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"a"}]},"outputDimensionality":768},
                {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"b"}]},"outputDimensionality":768}]})")
            << QStringList{QStringLiteral("user")};
    }
    void embeddingsRequest() {
        QFETCH(QByteArray, openAi);
        QFETCH(QByteArray, expected);
        QFETCH(QStringList, dropped);
        Json out;
        QStringList actualDropped;
        ApiError error;
        QVERIFY(GeminiEmbeddings::encodeRequest(
            json(openAi), QStringLiteral("gemini-embedding-001"), out, actualDropped, error));
        QCOMPARE(out.serialize(), json(expected).serialize());
        QCOMPARE(actualDropped, dropped);
    }

    void embeddingsRefuseTokens() {
        Json out;
        QStringList dropped;
        ApiError error;
        QVERIFY(!GeminiEmbeddings::encodeRequest(json(R"({"input":[[15339,1917]]})"),
                                                 QStringLiteral("gemini-embedding-001"), out,
                                                 dropped, error));
        QCOMPARE(error.kind, ApiError::Kind::InvalidRequest);
        QCOMPARE(error.param, QByteArray("input"));
        QVERIFY(!GeminiEmbeddings::encodeRequest(json(R"({"input":"x","encoding_format":"int8"})"),
                                                 QStringLiteral("m"), out, dropped, error));
        QCOMPARE(error.param, QByteArray("encoding_format"));
        QVERIFY(!GeminiEmbeddings::encodeRequest(json(R"({"input":[]})"), QStringLiteral("m"), out,
                                                 dropped, error));
    }

    void embeddingsResponse_data() {
        QTest::addColumn<QByteArray>("openAiRequest");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("float") << QByteArray(R"({"input":["a","b"]})")
                               << QByteArray(R"({"object":"list","data":[
                {"object":"embedding","index":0,"embedding":[1.0,-2.5,0.15625]},
                {"object":"embedding","index":1,"embedding":[0.25,-1]}],
                "model":"embed","usage":{"prompt_tokens":0,"total_tokens":0}})");
        // Little-endian float32 bytes: 1.0 = 00 00 80 3f, -2.5 = 00 00 20 c0, ...
        QTest::newRow("base64") << QByteArray(R"({"input":["a","b"],"encoding_format":"base64"})")
                                << QByteArray(R"({"object":"list","data":[
                {"object":"embedding","index":0,"embedding":"AACAPwAAIMAAACA+"},
                {"object":"embedding","index":1,"embedding":"AACAPgAAgL8="}],
                "model":"embed","usage":{"prompt_tokens":0,"total_tokens":0}})");
    }
    void embeddingsResponse() {
        QFETCH(QByteArray, openAiRequest);
        QFETCH(QByteArray, expected);
        const QByteArray gemini =
            R"({"embeddings":[{"values":[1.0,-2.5,0.15625]},{"values":[0.25,-1]}]})";
        Json out;
        ApiError error;
        QVERIFY(GeminiEmbeddings::decodeResponse(json(gemini), json(openAiRequest),
                                                 QStringLiteral("embed"), out, error));
        QCOMPARE(out.serialize(), json(expected).serialize());
        QVERIFY(!GeminiEmbeddings::decodeResponse(json(R"({"embeddings":[{}]})"),
                                                  json(openAiRequest), QStringLiteral("embed"), out,
                                                  error));
        QCOMPARE(error.kind, ApiError::Kind::BadResponse);
    }
};

QTEST_GUILESS_MAIN(TestGeminiFormat)
#include "tst_geminiformat.moc"
