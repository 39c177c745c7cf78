#include "config/Config.h"
#include "config/ProviderKinds.h"
#include "json/Json.h"
#include "providers/ProviderAdapter.h"
#include "providers/ProviderRegistry.h"
#include "providers/ToolCallIds.h"
#include "providers/openai/OpenAiChatFormat.h"

#include "CanonicalNames.h"

#include <QTest>

#include <algorithm>

using namespace signalbox;

class TestOpenAiFormat : public QObject {
    Q_OBJECT
private slots:
    void decodesRequests_data();
    void decodesRequests();
    void refusesBadRequests_data();
    void refusesBadRequests();
    void roundTripsSameFormatByteForByte_data();
    void roundTripsSameFormatByteForByte();
    void normalizesSameFormat_data();
    void normalizesSameFormat();
    void encodesAnthropicShapedRequest();
    void encodesForProvidersThatRefuseFields();
    void decodesResponses_data();
    void decodesResponses();
    void refusesBadResponses_data();
    void refusesBadResponses();
    void encodesResponses();
    void encodesEveryFinishReason_data();
    void encodesEveryFinishReason();
    void decodesStreamCutAnywhere();
    void streamWithoutDoneIsIncomplete();
    void streamErrorMidway();
    void streamThatIsNotJson();
    void decodesReasoningAndUsageVariants();
    void encodesStream_data();
    void encodesStream();
    void streamFailureEndsWithErrorEvent();
    void decodesErrors_data();
    void decodesErrors();
    void encodesErrors();
    void openAiAdapter();
    void azureAdapter();
    void compatiblePresets();
};

// moc's lexer does not know raw string literals, which the samples below are full of;
// all it needs is the class above.
#ifndef Q_MOC_RUN
namespace {

using test::finishName;
using test::kindName;

// A client format other than OpenAI's, as an Anthropic client's request names it.
class AnthropicNamedFormat : public OpenAiChatFormat {
public:
    QByteArrayView name() const override { return "anthropic"; }
};

QStringList strings(std::initializer_list<const char*> items) {
    QStringList out;
    for (const char* item : items)
        out.append(QString::fromUtf8(item));
    return out;
}

Json parsed(QByteArrayView text) {
    QString error;
    const std::optional<Json> json = Json::parse(text, &error);
    if (!json)
        qFatal("test JSON does not parse: %s", qPrintable(error));
    return *json;
}

QByteArray describe(const ContentPart& p) {
    QByteArray out = kindName(p.kind) + '(';
    switch (p.kind) {
        case ContentPart::Kind::Text:
        case ContentPart::Kind::Thinking:
            out += p.text.toUtf8();
            break;
        case ContentPart::Kind::Image:
            out += p.url.isEmpty() ? p.mediaType.toUtf8() + ' ' + p.data : p.url.toUtf8();
            if (!p.detail.isEmpty())
                out += " detail=" + p.detail.toUtf8();
            break;
        case ContentPart::Kind::RedactedThinking:
            out += p.data;
            break;
        case ContentPart::Kind::ToolCall:
            out += p.toolCallId.toUtf8() + ' ' + p.toolName.toUtf8() + ' ' + p.arguments;
            break;
        case ContentPart::Kind::ToolResult: {
            out += p.toolCallId.toUtf8() + ' ' + p.toolName.toUtf8();
            if (p.isError)
                out += " error";
            out += ':';
            for (const ContentPart& c : p.content)
                out += ' ' + describe(c);
            break;
        }
    }
    if (!p.signature.isEmpty())
        out += " sig=" + p.signature;
    if (!p.cacheControl.isNull())
        out += " cc";
    return out + ')';
}

QByteArray describe(const std::vector<ContentPart>& parts) {
    QByteArrayList out;
    for (const ContentPart& p : parts)
        out.append(describe(p));
    return out.join(' ');
}

QByteArray number(double v) {
    return QByteArray::number(v);
}

// The canonical request in a form a table can spell out.
QByteArray describe(const ChatRequest& r) {
    QByteArrayList lines;
    QByteArray head = "model=" + r.model.toUtf8();
    if (r.stream)
        head += " stream";
    if (r.includeUsage)
        head += " include_usage";
    lines.append(head);
    if (!r.system.empty())
        lines.append("system: " + describe(r.system));
    for (const ChatMessage& m : r.messages) {
        QByteArray line = m.role == ChatMessage::Role::User ? "user" : "assistant";
        if (!m.name.isEmpty())
            line += '[' + m.name.toUtf8() + ']';
        lines.append(line + ": " + describe(m.parts));
    }
    for (const ToolDefinition& t : r.tools) {
        QByteArray line = "tool " + t.name.toUtf8();
        if (!t.description.isEmpty())
            line += " \"" + t.description.toUtf8() + '"';
        line += ' ' + t.parameters.serialize();
        if (t.strict)
            line += " strict";
        if (!t.cacheControl.isNull())
            line += " cc";
        lines.append(line);
    }
    const ToolChoice& c = r.toolChoice;
    if (c.mode != ToolChoice::Mode::Unset || c.parallelGiven) {
        static const char* const modes[] = {"unset", "auto", "none", "required", "tool"};
        QByteArray line = "tool_choice=" + QByteArray(modes[static_cast<int>(c.mode)]);
        if (!c.name.isEmpty())
            line += ':' + c.name.toUtf8();
        if (c.parallelGiven)
            line += QByteArray(" parallel=") + (c.parallelCallsAllowed ? "1" : "0");
        lines.append(line);
    }
    QByteArrayList params;
    if (r.maxTokens)
        params.append("max=" + QByteArray::number(*r.maxTokens));
    if (r.temperature)
        params.append("temperature=" + number(*r.temperature));
    if (r.topP)
        params.append("top_p=" + number(*r.topP));
    if (r.topK)
        params.append("top_k=" + QByteArray::number(*r.topK));
    if (r.candidates)
        params.append("n=" + QByteArray::number(*r.candidates));
    if (r.seed)
        params.append("seed=" + QByteArray::number(*r.seed));
    if (r.presencePenalty)
        params.append("presence=" + number(*r.presencePenalty));
    if (r.frequencyPenalty)
        params.append("frequency=" + number(*r.frequencyPenalty));
    if (!r.stop.isEmpty())
        params.append("stop=" + r.stop.join(QLatin1Char('|')).toUtf8());
    if (!r.reasoningEffort.isEmpty())
        params.append("effort=" + r.reasoningEffort.toUtf8());
    if (r.thinking)
        params.append(QByteArray("thinking=") + (*r.thinking ? "1" : "0"));
    if (!r.user.isEmpty())
        params.append("user=" + r.user.toUtf8());
    if (!params.isEmpty())
        lines.append(params.join(' '));
    if (!r.responseFormat.isNull())
        lines.append("response_format=" + r.responseFormat.serialize());
    if (!r.metadata.isNull())
        lines.append("metadata=" + r.metadata.serialize());
    if (!r.extra.empty()) {
        QByteArrayList names;
        for (const auto& [name, value] : r.extra)
            names.append(name + '=' + value.serialize());
        lines.append("extra: " + names.join(' '));
    }
    return lines.join('\n');
}

QByteArray describe(const Usage& u) {
    return QByteArray::number(u.inputTokens) + '/' + QByteArray::number(u.outputTokens) + '/' +
           QByteArray::number(u.cacheReadTokens) + '/' + QByteArray::number(u.reasoningTokens);
}

QByteArray describe(const ChatResponse& r) {
    QByteArrayList lines;
    lines.append("id=" + r.id.toUtf8() + " model=" + r.model.toUtf8() +
                 " created=" + QByteArray::number(r.created));
    for (const ContentPart& p : r.content)
        lines.append(describe(p));
    lines.append("finish=" + finishName(r.finish) + " usage=" + describe(r.usage));
    return lines.join('\n');
}

QByteArray describe(const StreamEvent& e) {
    using Type = StreamEvent::Type;
    const QByteArray index = QByteArray::number(e.index);
    switch (e.type) {
        case Type::MessageStart:
            return "start " + e.id.toUtf8() + ' ' + e.model.toUtf8();
        case Type::BlockStart: {
            QByteArray out = "block " + index + ' ' + kindName(e.blockKind);
            if (e.blockKind == ContentPart::Kind::ToolCall)
                out += ' ' + e.toolCallId.toUtf8() + ' ' + e.toolName.toUtf8();
            return out;
        }
        case Type::TextDelta:
            return "text " + index + ' ' + e.text.toUtf8();
        case Type::SignatureDelta:
            return "sig " + index + ' ' + e.signature;
        case Type::ArgumentsDelta:
            return "args " + index + ' ' + e.arguments;
        case Type::BlockStop:
            return "stop " + index;
        case Type::Usage:
            return "usage " + describe(e.usage);
        case Type::Finish:
            return "finish " + finishName(e.finish) + ' ' + describe(e.usage);
        case Type::Error:
            return "error " + QByteArray::number(e.error.status) + ' ' + e.error.code + ": " +
                   e.error.message.toUtf8();
    }
    return "?";
}

QByteArray describe(const std::vector<StreamEvent>& events) {
    QByteArrayList out;
    for (const StreamEvent& e : events)
        out.append(describe(e));
    return out.join('\n');
}

ContentPart text(const QString& t, bool cached = false) {
    ContentPart p = ContentPart::textPart(t);
    if (cached)
        p.cacheControl = parsed(R"({"type":"ephemeral"})");
    return p;
}

ContentPart toolCall(const QString& id, const QString& name, const QByteArray& arguments,
                     const QByteArray& signature = {}) {
    ContentPart p;
    p.kind = ContentPart::Kind::ToolCall;
    p.toolCallId = id;
    p.toolName = name;
    p.arguments = arguments;
    p.signature = signature;
    return p;
}

ContentPart toolResult(const QString& id, const QString& name, std::vector<ContentPart> content,
                       bool isError = false) {
    ContentPart p;
    p.kind = ContentPart::Kind::ToolResult;
    p.toolCallId = id;
    p.toolName = name;
    p.content = std::move(content);
    p.isError = isError;
    return p;
}

StreamEvent streamEvent(StreamEvent::Type type, int index = 0) {
    StreamEvent e;
    e.type = type;
    e.index = index;
    return e;
}

// A stream's events as the client reads them: the JSON of each `data:` line, and
// [DONE] as a null.
std::vector<Json> sseData(const QByteArray& stream, bool* wellFramed) {
    std::vector<Json> out;
    *wellFramed = stream.endsWith("\n\n");
    for (const QByteArray& event : stream.split('\n')) {
        if (event.isEmpty())
            continue;
        if (!event.startsWith("data: ")) {
            *wellFramed = false;
            continue;
        }
        const QByteArray data = event.mid(6);
        out.push_back(data == "[DONE]" ? Json() : parsed(data));
    }
    return out;
}

const QByteArray kToolStream =
    R"(data: {"id":"chatcmpl-B9","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-B9","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"content":"Checking "},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-B9","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"content":"both."},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-B9","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-B9","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"ci"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-B9","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":""}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-B9","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ty\": \"Paris\"}"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-B9","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\"tz\": \"CET\"}"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-B9","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}],"usage":null}

data: {"id":"chatcmpl-B9","object":"chat.completion.chunk","created":1727000000,"model":"gpt-4o-2024-08-06","choices":[],"usage":{"prompt_tokens":82,"completion_tokens":40,"total_tokens":122,"prompt_tokens_details":{"cached_tokens":64,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0}}}

data: [DONE]

)";

const QByteArray kToolStreamEvents = R"(start chatcmpl-B9 gpt-4o-2024-08-06
block 0 text
text 0 Checking 
text 0 both.
stop 0
block 1 tool call_a get_weather
args 1 {"ci
block 2 tool call_b get_time
args 1 ty": "Paris"}
args 2 {"tz": "CET"}
stop 1
stop 2
finish tool_calls -1/-1/0/0
usage 82/40/64/0)";

}  // namespace

void TestOpenAiFormat::decodesRequests_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");

    // The API reference's first example, developer role included.
    QTest::newRow("reference example")
        << QByteArray(
               R"({"model":"gpt-4.1","messages":[{"role":"developer","content":"You are a helpful assistant."},{"role":"user","content":"Hello!"}]})")
        << QByteArray(
               "model=gpt-4.1\n"
               "system: text(You are a helpful assistant.)\n"
               "user: text(Hello!)");

    QTest::newRow("system anywhere, text parts")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"system","content":"A"},{"role":"user","content":"hi","name":"ann"},{"role":"developer","content":[{"type":"text","text":"B"},{"type":"text","text":"C","cache_control":{"type":"ephemeral"}}]},{"role":"assistant","content":[{"type":"text","text":"ok"},{"type":"refusal","refusal":"no"}]}]})")
        << QByteArray(
               "model=m\n"
               "system: text(A) text(B) text(C cc)\n"
               "user[ann]: text(hi)\n"
               "assistant: text(ok) text(no)");

    QTest::newRow("images")
        << QByteArray(
               R"({"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"text","text":"What is in these images?"},{"type":"image_url","image_url":{"url":"https://upload.wikimedia.org/boardwalk.jpg","detail":"high"}},{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQSkZJRg=="}}]}]})")
        << QByteArray(
               "model=gpt-4o\n"
               "user: text(What is in these images?) "
               "image(https://upload.wikimedia.org/boardwalk.jpg detail=high) "
               "image(image/jpeg /9j/4AAQSkZJRg==)");

    // Parallel calls, their results in consecutive tool messages, then the user again:
    // one user turn, and each result knows its function's name.
    QTest::newRow("tool turns")
        << QByteArray(
               R"({"model":"gpt-4o","messages":[{"role":"user","content":"Weather in Paris and Tokyo?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},{"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Tokyo\" }"}}]},{"role":"tool","tool_call_id":"call_1","content":"18C"},{"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"25C"}]},{"role":"user","content":"Thanks"},{"role":"assistant","content":"Welcome","tool_calls":[{"id":"call_3","type":"function","function":{"name":"noop","arguments":""}},{"id":"call_4","type":"function","function":{"name":"bad","arguments":"{not json"}}]},{"role":"tool","tool_call_id":"call_3","content":""}]})")
        << QByteArray(
               "model=gpt-4o\n"
               "user: text(Weather in Paris and Tokyo?)\n"
               "assistant: tool(call_1 get_weather {\"city\":\"Paris\"}) "
               "tool(call_2 get_weather {\"city\": \"Tokyo\" })\n"
               "user: result(call_1 get_weather: text(18C)) "
               "result(call_2 get_weather: text(25C)) text(Thanks)\n"
               "assistant: text(Welcome) tool(call_3 noop {}) tool(call_4 bad {not json)\n"
               "user: result(call_3 noop:)");

    // Ids that carry a Gemini signature come back split.
    QTest::newRow("folded tool call ids")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"call_g__sbsig_c2lnLWJ5dGVz","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"call_g__sbsig_c2lnLWJ5dGVz","content":"done"}]})")
        << QByteArray(
               "model=m\n"
               "assistant: tool(call_g f {} sig=sig-bytes)\n"
               "user: result(call_g f: text(done))");

    QTest::newRow("reasoning history")
        << QByteArray(
               R"({"model":"deepseek-reasoner","messages":[{"role":"user","content":"9.11 or 9.8?"},{"role":"assistant","content":"9.8","reasoning_content":"Compare decimals."},{"role":"assistant","content":"Sure.","reasoning":"Named by OpenRouter."}]})")
        << QByteArray(
               "model=deepseek-reasoner\n"
               "user: text(9.11 or 9.8?)\n"
               "assistant: thinking(Compare decimals.) text(9.8)\n"
               "assistant: thinking(Named by OpenRouter.) text(Sure.)");

    QTest::newRow("parameters")
        << QByteArray(
               R"({"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"get_weather","description":"Get the weather","parameters":{"type":"object","properties":{"location":{"type":"string"},"unit":{"type":"string","enum":["c","f"]}},"required":["location"]},"strict":true}},{"type":"function","function":{"name":"now"},"cache_control":{"type":"ephemeral"}}],"tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":false,"max_tokens":100,"temperature":0.2,"top_p":0.9,"n":2,"seed":7,"presence_penalty":0.1,"frequency_penalty":-0.5,"stop":"END","response_format":{"type":"json_schema","json_schema":{"name":"w","schema":{"type":"object"}}},"reasoning_effort":"low","stream":true,"stream_options":{"include_usage":true},"user":"u-1","metadata":{"team":"a"},"temperature_unit":null})")
        << QByteArray(
               "model=gpt-4o stream include_usage\n"
               "user: text(x)\n"
               "tool get_weather \"Get the weather\" "
               R"({"type":"object","properties":{"location":{"type":"string"},"unit":{"type":"string","enum":["c","f"]}},"required":["location"]})"
               " strict\n"
               "tool now null cc\n"
               "tool_choice=tool:get_weather parallel=0\n"
               "max=100 temperature=0.2 top_p=0.9 n=2 seed=7 presence=0.1 frequency=-0.5 "
               "stop=END effort=low user=u-1\n"
               R"(response_format={"type":"json_schema","json_schema":{"name":"w","schema":{"type":"object"}}})"
               "\n"
               R"(metadata={"team":"a"})"
               "\n"
               "extra: temperature_unit=null");

    QTest::newRow("max_completion_tokens wins, nulls are not given")
        << QByteArray(
               R"({"model":"o3","max_completion_tokens":500,"messages":[{"role":"user","content":"x"}],"max_tokens":20,"temperature":null,"stop":["a","b"],"tool_choice":"required","response_format":{"type":"text"},"reasoning_effort":"none"})")
        << QByteArray(
               "model=o3\n"
               "user: text(x)\n"
               "tool_choice=required\n"
               "max=500 stop=a|b effort=none thinking=0");

    // Unknown members and the ones this model has no place for keep the client's order.
    QTest::newRow("extras in order")
        << QByteArray(
               R"({"logprobs":true,"model":"gpt-4o","top_logprobs":2,"messages":[{"role":"user","content":"x"}],"store":true,"x_custom":{"b":1,"a":[2]},"service_tier":"flex","prediction":{"type":"content","content":"y"}})")
        << QByteArray(
               "model=gpt-4o\n"
               "user: text(x)\n"
               "extra: logprobs=true top_logprobs=2 store=true "
               R"(x_custom={"b":1,"a":[2]} service_tier="flex" )"
               R"(prediction={"type":"content","content":"y"})");
}

void TestOpenAiFormat::decodesRequests() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    const OpenAiChatFormat format;
    ChatRequest request;
    ApiError error;
    QVERIFY2(format.decodeRequest(parsed(body), request, error), qPrintable(error.message));
    // Line by line, so that a failure shows the line that differs.
    const QByteArrayList got = describe(request).split('\n');
    const QByteArrayList want = expected.split('\n');
    for (qsizetype i = 0; i < qMin(got.size(), want.size()); ++i)
        QCOMPARE(got[i], want[i]);
    QCOMPARE(got.size(), want.size());
}

void TestOpenAiFormat::refusesBadRequests_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("param");

    QTest::newRow("not an object") << QByteArray(R"([1])") << QByteArray();
    QTest::newRow("no messages") << QByteArray(R"({"model":"m"})") << QByteArray("messages");
    QTest::newRow("empty messages")
        << QByteArray(R"({"model":"m","messages":[]})") << QByteArray("messages");
    QTest::newRow("content of a wrong type")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"user","content":"a"},{"role":"user","content":7}]})")
        << QByteArray("messages[1].content");
    QTest::newRow("unknown role")
        << QByteArray(R"({"model":"m","messages":[{"role":"robot","content":"a"}]})")
        << QByteArray("messages[0].role");
    QTest::newRow("legacy function message")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"user","content":"a"},{"role":"function","name":"f","content":"1"}]})")
        << QByteArray("messages[1].role");
    QTest::newRow("audio cannot be translated")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"input_audio","input_audio":{"data":"AAA","format":"wav"}}]}]})")
        << QByteArray("messages[0].content[1].type");
    QTest::newRow("file cannot be translated")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"user","content":[{"type":"file","file":{"file_id":"file-1"}}]}]})")
        << QByteArray("messages[0].content[0].type");
    QTest::newRow("image data URL not base64")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png,abc"}}]}]})")
        << QByteArray("messages[0].content[0].image_url.url");
    QTest::newRow("tool result without id")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"},{"role":"tool","content":"c"}]})")
        << QByteArray("messages[2].tool_call_id");
    QTest::newRow("tool call without name")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"arguments":"{}"}}]}]})")
        << QByteArray("messages[0].tool_calls[0].function.name");
    QTest::newRow("custom tool")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"user","content":"a"}],"tools":[{"type":"custom","custom":{"name":"x"}}]})")
        << QByteArray("tools[0].type");
    QTest::newRow("temperature as text")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"user","content":"a"}],"temperature":"hot"})")
        << QByteArray("temperature");
    QTest::newRow("fractional max_tokens")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"user","content":"a"}],"max_tokens":1.5})")
        << QByteArray("max_tokens");
    QTest::newRow("stop with a number")
        << QByteArray(R"({"model":"m","messages":[{"role":"user","content":"a"}],"stop":["a",1]})")
        << QByteArray("stop[1]");
    QTest::newRow("tool_choice unknown")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"user","content":"a"}],"tool_choice":"sometimes"})")
        << QByteArray("tool_choice");
}

void TestOpenAiFormat::refusesBadRequests() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, param);
    const OpenAiChatFormat format;
    ChatRequest request;
    ApiError error;
    QVERIFY(!format.decodeRequest(parsed(body), request, error));
    QCOMPARE(error.kind, ApiError::Kind::InvalidRequest);
    QCOMPARE(error.status, 400);
    QCOMPARE(error.param, param);
    QVERIFY(!error.message.isEmpty());
    // The client sees it in OpenAI's shape, param included.
    const Json sent = parsed(format.encodeError(error));
    QCOMPARE(sent["error"]["type"].toString(), QStringLiteral("invalid_request_error"));
    QCOMPARE(sent["error"]["param"].utf8(), param);
}

void TestOpenAiFormat::roundTripsSameFormatByteForByte_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("maxTokensField");

    QTest::newRow("minimal")
        << QByteArray(
               R"({"model":"gpt-4o","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"Hello!"}]})")
        << QByteArray("max_completion_tokens");
    // Unknown members between known ones stay where the client put them.
    QTest::newRow("unknown fields interleaved")
        << QByteArray(
               R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"Write a haiku."}],"logit_bias":{"50256":-100},"temperature":0.2,"store":true,"max_completion_tokens":300,"x_trace":{"span":[1,2,{"k":"v"}],"n":1e400},"stream":true,"stream_options":{"include_usage":true},"service_tier":"flex"})")
        << QByteArray("max_completion_tokens");
    QTest::newRow("tool conversation")
        << QByteArray(
               R"({"model":"gpt-4.1","messages":[{"role":"system","content":[{"type":"text","text":"Use the tools.","cache_control":{"type":"ephemeral"}}]},{"role":"user","content":[{"type":"text","text":"Weather and time in Paris?"},{"type":"image_url","image_url":{"url":"https://example.com/paris.jpg","detail":"low"}},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}],"name":"ann"},{"role":"assistant","content":null,"reasoning_content":"Two lookups.","tool_calls":[{"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},{"id":"call_b__sbsig_c2lnLWJ5dGVz","type":"function","function":{"name":"get_time","arguments":"{\"tz\": \"CET\"}"}}]},{"role":"tool","tool_call_id":"call_a","content":"18C"},{"role":"tool","tool_call_id":"call_b__sbsig_c2lnLWJ5dGVz","content":"14:05"},{"role":"user","content":"Thanks!"},{"role":"assistant","content":"You are welcome."}],"tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false},"strict":true}},{"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{"tz":{"type":"string"}}}}}],"tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":false})")
        << QByteArray("max_completion_tokens");
    // The order the openai Python SDK sends: messages, model, then alphabetical.
    QTest::newRow("every parameter")
        << QByteArray(
               R"({"messages":[{"role":"user","content":"Return JSON."}],"model":"o3-mini","frequency_penalty":0.5,"max_completion_tokens":2048,"metadata":{"team":"search"},"n":2,"presence_penalty":-0.25,"reasoning_effort":"high","response_format":{"type":"json_schema","json_schema":{"name":"answer","strict":true,"schema":{"type":"object","properties":{"b":{"type":"number"},"a":{"type":"string"}},"required":["b","a"],"additionalProperties":false}}},"seed":42,"stop":["\u000a\u000a","END"],"stream":false,"temperature":1,"top_p":0.95,"user":"user-1234"})")
        << QByteArray("max_completion_tokens");
    QTest::newRow("compatible server with max_tokens")
        << QByteArray(
               R"({"model":"llama3.1","messages":[{"role":"user","content":"hi"}],"max_tokens":64,"stream":true,"stream_options":{"include_usage":true}})")
        << QByteArray("max_tokens");
}

void TestOpenAiFormat::roundTripsSameFormatByteForByte() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, maxTokensField);
    OpenAiFormatOptions options;
    options.maxTokensField = maxTokensField;
    const OpenAiChatFormat format(options);
    ChatRequest request;
    ApiError error;
    QVERIFY2(format.decodeRequest(parsed(body), request, error), qPrintable(error.message));
    request.sourceFormat = &format;
    QStringList dropped;
    QCOMPARE(format.encodeRequest(request, dropped).serialize(), body);
    QCOMPARE(dropped, QStringList());
}

void TestOpenAiFormat::normalizesSameFormat_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");

    // max_tokens becomes max_completion_tokens in its place; a stream always asks for
    // usage; text parts without cache_control become strings.
    QTest::newRow("token field, usage, plain text")
        << QByteArray(
               R"({"model":"gpt-4o","max_tokens":64,"messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}],"stream":true,"stream_options":{"include_usage":false},"response_format":{"type":"text"}})")
        << QByteArray(
               R"({"model":"gpt-4o","max_completion_tokens":64,"messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}})");
    QTest::newRow("stream without options, developer role, stop string")
        << QByteArray(
               R"({"model":"o3","messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":"hi"}],"stop":"END","stream":true})")
        << QByteArray(
               R"({"model":"o3","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"}],"stop":["END"],"stream":true,"stream_options":{"include_usage":true}})");
}

void TestOpenAiFormat::normalizesSameFormat() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    const OpenAiChatFormat format;
    ChatRequest request;
    ApiError error;
    QVERIFY2(format.decodeRequest(parsed(body), request, error), qPrintable(error.message));
    request.sourceFormat = &format;
    QStringList dropped;
    QCOMPARE(format.encodeRequest(request, dropped).serialize(), expected);
    QCOMPARE(dropped, QStringList());
}

// A request as the Anthropic decoder builds it: system blocks with cache_control,
// thinking with a signature, tool_use and tool_result (an image and an error among
// them), a Gemini-signed call from an earlier translated turn, top_k, a thinking budget
// and Anthropic-only members.
void TestOpenAiFormat::encodesAnthropicShapedRequest() {
    const AnthropicNamedFormat anthropic;
    ChatRequest r;
    r.sourceFormat = &anthropic;
    r.model = QStringLiteral("gpt-5");
    r.stream = true;
    r.system = {text(QStringLiteral("You are terse."), true),
                text(QStringLiteral("Answer in French."))};
    ContentPart thinking;
    thinking.kind = ContentPart::Kind::Thinking;
    thinking.text = QStringLiteral("The user wants the weather.");
    thinking.signature = "EqQBCkYIARgCIkB";
    ContentPart redacted;
    redacted.kind = ContentPart::Kind::RedactedThinking;
    redacted.data = "EmwKAhgBEgy3va3pzix";
    ContentPart image;
    image.kind = ContentPart::Kind::Image;
    image.mediaType = QStringLiteral("image/png");
    image.data = "iVBORw0KGgo=";
    r.messages = {
        {ChatMessage::Role::User,
         {text(QStringLiteral("What is the weather in Paris?"), true)},
         {}},
        {ChatMessage::Role::Assistant,
         {thinking, redacted, text(QStringLiteral("Let me check.")),
          toolCall(QStringLiteral("toolu_01"), QStringLiteral("get_weather"),
                   R"({"city":"Paris"})")},
         {}},
        {ChatMessage::Role::User,
         {toolResult(QStringLiteral("toolu_01"), QStringLiteral("get_weather"),
                     {text(QStringLiteral("18°C and sunny")), image}),
          text(QStringLiteral("And the time?"))},
         {}},
        {ChatMessage::Role::Assistant,
         {toolCall(QStringLiteral("call_g1"), QStringLiteral("get_time"),
                   R"({"tz":"Europe/Paris"})", "gemini-sig")},
         {}},
        {ChatMessage::Role::User,
         {toolResult(QStringLiteral("call_g1"), QStringLiteral("get_time"),
                     {text(QStringLiteral("unknown zone"))}, true)},
         {}},
    };
    ToolDefinition weather;
    weather.name = QStringLiteral("get_weather");
    weather.description = QStringLiteral("Current weather");
    weather.parameters =
        parsed(R"({"type":"object","properties":{"city":{"type":"string"}},"required":["city"]})");
    weather.cacheControl = parsed(R"({"type":"ephemeral"})");
    ToolDefinition time;
    time.name = QStringLiteral("get_time");
    r.tools = {weather, time};
    r.toolChoice.mode = ToolChoice::Mode::Auto;
    r.toolChoice.parallelCallsAllowed = false;  // disable_parallel_tool_use
    r.toolChoice.parallelGiven = true;
    r.maxTokens = 1024;
    r.temperature = 0.5;
    r.topK = 40;
    r.stop = QStringList{QStringLiteral("END")};
    r.thinkingBudget = 10000;
    r.thinking = true;
    r.user = QStringLiteral("user-42");
    r.extra.emplace_back("container", parsed(R"({"id":"c1"})"));
    r.extra.emplace_back("mcp_servers", Json::array());

    const OpenAiChatFormat format;
    QStringList dropped;
    const QByteArray body = format.encodeRequest(r, dropped).serialize();
    QCOMPARE(
        body,
        QByteArray(
            R"({"model":"gpt-5","messages":[{"role":"system","content":[{"type":"text","text":"You are terse."},{"type":"text","text":"Answer in French."}]},)"
            R"({"role":"user","content":"What is the weather in Paris?"},)"
            R"({"role":"assistant","content":"Let me check.","tool_calls":[{"id":"toolu_01","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},)"
            R"({"role":"tool","tool_call_id":"toolu_01","content":"18°C and sunny"},)"
            R"({"role":"user","content":"And the time?"},)"
            R"({"role":"assistant","content":null,"tool_calls":[{"id":"call_g1","type":"function","function":{"name":"get_time","arguments":"{\"tz\":\"Europe/Paris\"}"}}]},)"
            R"({"role":"tool","tool_call_id":"call_g1","content":"unknown zone"}],)"
            R"("tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},{"type":"function","function":{"name":"get_time"}}],)"
            R"("tool_choice":"auto","parallel_tool_calls":false,"max_completion_tokens":1024,"temperature":0.5,"stop":["END"],)"
            // A 10,000-token budget is a medium effort.
            R"("reasoning_effort":"medium","user":"user-42","stream":true,"stream_options":{"include_usage":true}})"));
    dropped.sort();
    QCOMPARE(dropped,
             strings({"cache_control", "container", "is_error", "mcp_servers", "redacted_thinking",
                      "thinking", "tool_result.content.image", "top_k"}));

    // Thinking turned off wins over a budget; an effort given wins over both.
    r.thinking = false;
    dropped.clear();
    QVERIFY(!format.encodeRequest(r, dropped).contains("reasoning_effort"));
    r.reasoningEffort = QStringLiteral("minimal");
    QCOMPARE(format.encodeRequest(r, dropped)["reasoning_effort"].toString(),
             QStringLiteral("minimal"));
    r.reasoningEffort.clear();
    r.thinking = true;
    const std::pair<qint64, const char*> budgets[] = {
        {1024, "low"}, {4096, "low"}, {16384, "medium"}, {32000, "high"}, {-1, "medium"}};
    for (const auto& [budget, effort] : budgets) {
        r.thinkingBudget = budget;
        QCOMPARE(format.encodeRequest(r, dropped)["reasoning_effort"].utf8(), QByteArray(effort));
    }
}

void TestOpenAiFormat::encodesForProvidersThatRefuseFields() {
    const AnthropicNamedFormat anthropic;
    ChatRequest r;
    r.sourceFormat = &anthropic;
    r.model = QStringLiteral("mistral-large-latest");
    r.stream = true;
    r.messages = {{ChatMessage::Role::User, {text(QStringLiteral("hi"))}, QStringLiteral("ann")}};
    r.maxTokens = 100;
    r.seed = 7;
    r.user = QStringLiteral("u");
    r.metadata = parsed(R"({"k":"v"})");
    r.thinkingBudget = 2000;

    // Mistral's rules, as its preset has them.
    const OpenAiChatFormat& mistral = static_cast<const OpenAiChatFormat&>(
        ProviderRegistry::find(QStringLiteral("mistral"))->chatFormat());
    QStringList dropped;
    QCOMPARE(
        mistral.encodeRequest(r, dropped).serialize(),
        QByteArray(
            R"({"model":"mistral-large-latest","messages":[{"role":"user","content":"hi","name":"ann"}],"max_tokens":100,"random_seed":7,"stream":true})"));
    QCOMPARE(dropped, strings({"thinking", "user", "metadata"}));

    // Groq refuses participant names.
    const OpenAiChatFormat& groq = static_cast<const OpenAiChatFormat&>(
        ProviderRegistry::find(QStringLiteral("groq"))->chatFormat());
    dropped.clear();
    const Json body = groq.encodeRequest(r, dropped);
    QVERIFY(!body["messages"].at(0).contains("name"));
    QCOMPARE(body["max_completion_tokens"].toInt(), 100);
    QVERIFY(dropped.contains(QStringLiteral("messages[].name")));
}

void TestOpenAiFormat::decodesResponses_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("reference example")
        << QByteArray(
               R"({"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant","content":"The image shows a wooden boardwalk.","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":1117,"completion_tokens":46,"total_tokens":1163,"prompt_tokens_details":{"cached_tokens":1024,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default","system_fingerprint":"fp_fc9f1d7035"})")
        << QByteArray(
               "id=chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG model=gpt-4o-2024-08-06 "
               "created=1741570283\n"
               "text(The image shows a wooden boardwalk.)\n"
               "finish=stop usage=1117/46/1024/0");
    QTest::newRow("parallel tool calls")
        << QByteArray(
               R"({"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},{"id":"call_b","type":"function","function":{"name":"get_time","arguments":""}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":80,"completion_tokens":30,"total_tokens":110}})")
        << QByteArray(
               "id=chatcmpl-1 model=gpt-4o created=1\n"
               "tool(call_a get_weather {\"city\":\"Paris\"})\n"
               "tool(call_b get_time {})\n"
               "finish=tool_calls usage=80/30/0/0");
    QTest::newRow("reasoning model")
        << QByteArray(
               R"({"id":"r","model":"o3","choices":[{"index":0,"message":{"role":"assistant","content":"42"},"finish_reason":"length"}],"usage":{"prompt_tokens":10,"completion_tokens":500,"completion_tokens_details":{"reasoning_tokens":480}}})")
        << QByteArray(
               "id=r model=o3 created=0\n"
               "text(42)\n"
               "finish=length usage=10/500/0/480");
    QTest::newRow("refusal")
        << QByteArray(
               R"({"id":"r","model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":"I cannot help with that."},"finish_reason":"stop"}]})")
        << QByteArray(
               "id=r model=gpt-4o created=0\n"
               "text(I cannot help with that.)\n"
               "finish=refusal usage=-1/-1/0/0");
    QTest::newRow("content filter")
        << QByteArray(
               R"({"id":"r","model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"Partial"},"finish_reason":"content_filter"}]})")
        << QByteArray(
               "id=r model=gpt-4o created=0\n"
               "text(Partial)\n"
               "finish=content_filter usage=-1/-1/0/0");
    QTest::newRow("legacy function_call finish")
        << QByteArray(
               R"({"id":"r","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"x"},"finish_reason":"function_call"}]})")
        << QByteArray("id=r model=m created=0\ntext(x)\nfinish=tool_calls usage=-1/-1/0/0");
    QTest::newRow("no finish reason")
        << QByteArray(
               R"({"id":"r","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"x"},"finish_reason":null}]})")
        << QByteArray("id=r model=m created=0\ntext(x)\nfinish=unset usage=-1/-1/0/0");
    QTest::newRow("unknown finish reason")
        << QByteArray(
               R"({"id":"r","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"x"},"finish_reason":"eos_token"}]})")
        << QByteArray("id=r model=m created=0\ntext(x)\nfinish=other usage=-1/-1/0/0");
    QTest::newRow("deepseek reasoning and cache hits")
        << QByteArray(
               R"({"id":"d","object":"chat.completion","created":5,"model":"deepseek-reasoner","choices":[{"index":0,"message":{"role":"assistant","content":"9.8 is larger.","reasoning_content":"Compare 9.11 and 9.80."},"finish_reason":"stop"}],"usage":{"prompt_tokens":20,"completion_tokens":100,"total_tokens":120,"prompt_cache_hit_tokens":16,"prompt_cache_miss_tokens":4,"completion_tokens_details":{"reasoning_tokens":90}}})")
        << QByteArray(
               "id=d model=deepseek-reasoner created=5\n"
               "thinking(Compare 9.11 and 9.80.)\n"
               "text(9.8 is larger.)\n"
               "finish=stop usage=20/100/16/90");
    QTest::newRow("openrouter reasoning")
        << QByteArray(
               R"({"id":"o","model":"anthropic/claude-sonnet-4","choices":[{"index":0,"message":{"role":"assistant","content":"Hi","reasoning":"Greet back."},"finish_reason":"stop"}]})")
        << QByteArray(
               "id=o model=anthropic/claude-sonnet-4 created=0\n"
               "thinking(Greet back.)\n"
               "text(Hi)\n"
               "finish=stop usage=-1/-1/0/0");
    QTest::newRow("mistral content chunks")
        << QByteArray(
               R"({"id":"m","model":"magistral-medium-latest","choices":[{"index":0,"message":{"role":"assistant","content":[{"type":"thinking","thinking":[{"type":"text","text":"Think"},{"type":"text","text":"ing."}]},{"type":"text","text":"Answer."}]},"finish_reason":"stop"}]})")
        << QByteArray(
               "id=m model=magistral-medium-latest created=0\n"
               "thinking(Thinking.)\n"
               "text(Answer.)\n"
               "finish=stop usage=-1/-1/0/0");
    QTest::newRow("n > 1 keeps choice 0")
        << QByteArray(
               R"({"id":"n","model":"m","choices":[{"index":1,"message":{"role":"assistant","content":"second"},"finish_reason":"stop"},{"index":0,"message":{"role":"assistant","content":"first"},"finish_reason":"length"}]})")
        << QByteArray("id=n model=m created=0\ntext(first)\nfinish=length usage=-1/-1/0/0");
}

void TestOpenAiFormat::decodesResponses() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    const OpenAiChatFormat format;
    ChatResponse response;
    ApiError error;
    QVERIFY2(format.decodeResponse(parsed(body), response, error), qPrintable(error.message));
    QCOMPARE(describe(response), expected);
}

void TestOpenAiFormat::refusesBadResponses_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");

    QTest::newRow("not an object") << QByteArray("[]") << int(ApiError::Kind::BadResponse)
                                   << QStringLiteral("not a JSON object");
    QTest::newRow("no choices") << QByteArray(R"({"id":"x","choices":[]})")
                                << int(ApiError::Kind::BadResponse) << QStringLiteral("no choices");
    QTest::newRow("error inside a 200")
        << QByteArray(
               R"({"error":{"message":"Upstream overloaded","type":"server_error","code":null}})")
        << int(ApiError::Kind::ServerError) << QStringLiteral("Upstream overloaded");
}

void TestOpenAiFormat::refusesBadResponses() {
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(QString, message);
    const OpenAiChatFormat format;
    ChatResponse response;
    ApiError error;
    QVERIFY(!format.decodeResponse(parsed(body), response, error));
    QCOMPARE(int(error.kind), kind);
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
}

void TestOpenAiFormat::encodesResponses() {
    ChatResponse r;
    r.id = QStringLiteral("msg_01XFDUDYJgAACzvnptvVoYEL");
    r.model = QStringLiteral("claude-sonnet-4-5");
    r.created = 1741570283;
    ContentPart thinking;
    thinking.kind = ContentPart::Kind::Thinking;
    thinking.text = QStringLiteral("Need the weather.");
    thinking.signature = "sig";
    r.content = {
        thinking, text(QStringLiteral("Checking.")),
        toolCall(QStringLiteral("toolu_01"), QStringLiteral("get_weather"), R"({"city":"Paris"})"),
        toolCall(QStringLiteral("call_g"), QStringLiteral("get_time"), "", "gemini\x01sig")};
    r.finish = FinishReason::ToolCalls;
    r.usage.inputTokens = 2095;
    r.usage.outputTokens = 503;
    r.usage.cacheReadTokens = 2048;
    r.usage.cacheWriteTokens = 10;
    r.usage.reasoningTokens = 100;

    const OpenAiChatFormat format;
    const QByteArray folded = ToolCallIds::fold(QStringLiteral("call_g"), "gemini\x01sig").toUtf8();
    QCOMPARE(
        format.encodeResponse(r).serialize(),
        QByteArray(
            R"({"id":"msg_01XFDUDYJgAACzvnptvVoYEL","object":"chat.completion","created":1741570283,"model":"claude-sonnet-4-5","choices":[{"index":0,"message":{"role":"assistant","content":"Checking.","reasoning_content":"Need the weather.","refusal":null,"tool_calls":[{"id":"toolu_01","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},{"id":")" +
            folded +
            R"(","type":"function","function":{"name":"get_time","arguments":"{}"}}]},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":2095,"completion_tokens":503,"total_tokens":2598,"prompt_tokens_details":{"cached_tokens":2048},"completion_tokens_details":{"reasoning_tokens":100}}})"));

    // Read back, the signature is still there to unfold.
    ChatResponse back;
    ApiError error;
    QVERIFY(format.decodeResponse(format.encodeResponse(r), back, error));
    QByteArray signature;
    QCOMPARE(ToolCallIds::unfold(back.content.back().toolCallId, &signature),
             QStringLiteral("call_g"));
    QCOMPARE(signature, QByteArray("gemini\x01sig"));
    QCOMPARE(describe(back.usage), describe(r.usage));

    // No id or time from the provider: made up, in OpenAI's form.
    const Json made = format.encodeResponse(ChatResponse{});
    QVERIFY(made["id"].toString().startsWith(QStringLiteral("chatcmpl-")));
    QVERIFY(made["created"].toInt() > 1700000000);
    QCOMPARE(made["choices"].at(0)["message"]["content"].toString(), QString());
    QVERIFY(!made.contains("usage"));
}

void TestOpenAiFormat::encodesEveryFinishReason_data() {
    QTest::addColumn<int>("finish");
    QTest::addColumn<bool>("withToolCall");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("message");

    const QByteArray said = R"({"role":"assistant","content":"Said.","refusal":null})";
    QTest::newRow("stop") << int(FinishReason::Stop) << false << QByteArray("stop") << said;
    QTest::newRow("stop sequence")
        << int(FinishReason::StopSequence) << false << QByteArray("stop") << said;
    QTest::newRow("length") << int(FinishReason::Length) << false << QByteArray("length") << said;
    QTest::newRow("tool calls") << int(FinishReason::ToolCalls) << true << QByteArray("tool_calls")
                                << QByteArray();
    // Gemini says STOP when it calls tools; OpenAI clients only run tools on tool_calls.
    QTest::newRow("stop with a tool call")
        << int(FinishReason::Stop) << true << QByteArray("tool_calls") << QByteArray();
    QTest::newRow("unset with a tool call")
        << int(FinishReason::Unset) << true << QByteArray("tool_calls") << QByteArray();
    QTest::newRow("content filter")
        << int(FinishReason::ContentFilter) << false << QByteArray("content_filter") << said;
    QTest::newRow("refusal") << int(FinishReason::Refusal) << false << QByteArray("stop")
                             << QByteArray(
                                    R"({"role":"assistant","content":null,"refusal":"Said."})");
    QTest::newRow("pause turn") << int(FinishReason::PauseTurn) << false << QByteArray("stop")
                                << said;
    QTest::newRow("other") << int(FinishReason::Other) << false << QByteArray("stop") << said;
    QTest::newRow("unset") << int(FinishReason::Unset) << false << QByteArray("stop") << said;
}

void TestOpenAiFormat::encodesEveryFinishReason() {
    QFETCH(int, finish);
    QFETCH(bool, withToolCall);
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, message);
    ChatResponse r;
    r.content = {text(QStringLiteral("Said."))};
    if (withToolCall)
        r.content.push_back(toolCall(QStringLiteral("c"), QStringLiteral("f"), "{}"));
    r.finish = static_cast<FinishReason>(finish);
    const OpenAiChatFormat format;
    const Json choice = format.encodeResponse(r)["choices"].at(0);
    QCOMPARE(choice["finish_reason"].utf8(), wire);
    if (!message.isEmpty())
        QCOMPARE(choice["message"].serialize(), message);
}

void TestOpenAiFormat::decodesStreamCutAnywhere() {
    const OpenAiChatFormat format;
    for (qsizetype cut = 0; cut <= kToolStream.size(); ++cut) {
        auto decoder = format.newStreamDecoder();
        std::vector<StreamEvent> events;
        QVERIFY(decoder->feed(QByteArrayView(kToolStream).first(cut), events));
        QVERIFY(decoder->feed(QByteArrayView(kToolStream).sliced(cut), events));
        QVERIFY(decoder->finish(events));
        const QByteArray got = describe(events);
        if (got != kToolStreamEvents)
            QCOMPARE(got + "\n(cut at " + QByteArray::number(cut) + ')', kToolStreamEvents);
    }
}

void TestOpenAiFormat::streamWithoutDoneIsIncomplete() {
    const OpenAiChatFormat format;
    const QByteArray cut = kToolStream.left(kToolStream.indexOf("data: [DONE]"));
    auto decoder = format.newStreamDecoder();
    std::vector<StreamEvent> events;
    QVERIFY(decoder->feed(cut, events));
    // The finish and even the usage came, but without [DONE] the end is not certain.
    QVERIFY(!decoder->finish(events));
    QCOMPARE(describe(events), kToolStreamEvents);

    // Cut inside a tool call: the blocks that were open stop at the end.
    decoder = format.newStreamDecoder();
    events.clear();
    QVERIFY(decoder->feed(kToolStream.left(kToolStream.indexOf("ty\\\": \\\"Paris")), events));
    QVERIFY(!decoder->finish(events));
    QVERIFY(
        describe(events).endsWith("args 1 {\"ci\nblock 2 tool call_b get_time\nstop 1\nstop 2"));
}

void TestOpenAiFormat::streamErrorMidway() {
    const QByteArray stream =
        kToolStream.left(kToolStream.indexOf("data: {", 10)) +
        R"(data: {"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}

)" + kToolStream.mid(kToolStream.indexOf("data: {", 10));
    const OpenAiChatFormat format;
    auto decoder = format.newStreamDecoder();
    std::vector<StreamEvent> events;
    QVERIFY(decoder->feed(stream, events));
    QCOMPARE(describe(events),
             QByteArray("start chatcmpl-B9 gpt-4o-2024-08-06\n"
                        "error 500 : The server had an error while processing your request. "
                        "Sorry about that!"));
    QCOMPARE(events.back().error.kind, ApiError::Kind::ServerError);
    QVERIFY(!decoder->finish(events));
}

void TestOpenAiFormat::streamThatIsNotJson() {
    const OpenAiChatFormat format;
    auto decoder = format.newStreamDecoder();
    std::vector<StreamEvent> events;
    QVERIFY(!decoder->feed("data: {\"id\":\"x\",\"choices\":[]}\n\ndata: <html>oops\n\n", events));
    QCOMPARE(events.back().type, StreamEvent::Type::Error);
    QCOMPARE(events.back().error.kind, ApiError::Kind::BadResponse);
    QVERIFY(events.back().error.message.contains(QStringLiteral("<html>oops")));
    QVERIFY(!decoder->feed("data: [DONE]\n\n", events));
    QVERIFY(!decoder->finish(events));
}

void TestOpenAiFormat::decodesReasoningAndUsageVariants() {
    // DeepSeek: reasoning_content deltas before the answer; OpenRouter's `reasoning`;
    // usage on the finish chunk (Mistral) or under x_groq (Groq); a refusal streamed.
    struct Case {
        const char* name;
        QByteArray stream;
        QByteArray expected;
    };
    const Case cases[] = {
        {"deepseek",
         R"(data: {"id":"d1","object":"chat.completion.chunk","created":1,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"role":"assistant","content":null,"reasoning_content":""},"finish_reason":null}]}

data: {"id":"d1","choices":[{"index":0,"delta":{"content":null,"reasoning_content":"Compare"},"finish_reason":null}]}

data: {"id":"d1","choices":[{"index":0,"delta":{"content":null,"reasoning_content":" decimals."},"finish_reason":null}]}

data: {"id":"d1","choices":[{"index":0,"delta":{"content":"9.8","reasoning_content":null},"finish_reason":null}]}

data: {"id":"d1","choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop"}],"usage":{"prompt_tokens":20,"completion_tokens":60,"total_tokens":80,"prompt_cache_hit_tokens":0,"prompt_cache_miss_tokens":20,"completion_tokens_details":{"reasoning_tokens":50}}}

data: [DONE]

)",
         "start d1 deepseek-reasoner\nblock 0 thinking\ntext 0 Compare\ntext 0  decimals.\n"
         "stop 0\nblock 1 text\ntext 1 9.8\nusage 20/60/0/50\nstop 1\nfinish stop 20/60/0/50"},
        {"openrouter and groq",
         R"(: OPENROUTER PROCESSING

data: {"id":"g1","model":"qwen/qwen3-32b","choices":[{"index":0,"delta":{"role":"assistant","reasoning":"Hm."},"finish_reason":null}]}

data: {"id":"g1","choices":[{"index":0,"delta":{"content":"Yes"},"finish_reason":"length"}],"x_groq":{"id":"req_1","usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}}

data: [DONE]

)",
         "start g1 qwen/qwen3-32b\nblock 0 thinking\ntext 0 Hm.\nstop 0\nblock 1 text\n"
         "text 1 Yes\nusage 5/7/0/0\nstop 1\nfinish length 5/7/0/0"},
        {"refusal",
         R"(data: {"id":"r","model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","refusal":"I cannot"},"finish_reason":null}]}

data: {"id":"r","choices":[{"index":0,"delta":{"refusal":" help."},"finish_reason":"stop"}]}

data: [DONE]

)",
         "start r gpt-4o\nblock 0 text\ntext 0 I cannot\ntext 0  help.\nstop 0\n"
         "finish refusal -1/-1/0/0"},
        {"azure filter results first, calls whole under one index",
         R"(data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}]}

data: {"id":"chatcmpl-az","object":"chat.completion.chunk","created":1,"model":"gpt-4o-2024-11-20","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":null}]}

data: {"id":"chatcmpl-az","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_2","type":"function","function":{"name":"g","arguments":"{\"x\":1}"}}]},"finish_reason":null}]}

data: {"id":"chatcmpl-az","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls","content_filter_results":{}}]}

data: [DONE]

)",
         "start chatcmpl-az gpt-4o-2024-11-20\nblock 0 tool call_1 f\nargs 0 {}\n"
         "block 1 tool call_2 g\nargs 1 {\"x\":1}\nstop 0\nstop 1\nfinish tool_calls -1/-1/0/0"},
        {"whole tool calls without index, other choices ignored",
         R"(data: {"id":"w","model":"llama3.1","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"id":"call_x","type":"function","function":{"name":"f","arguments":{"a":1}}},{"id":"call_y","type":"function","function":{"name":"g","arguments":"{}"}}]},"finish_reason":null},{"index":1,"delta":{"content":"other choice"},"finish_reason":null}]}

data: {"id":"w","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

data: [DONE]

)",
         "start w llama3.1\nblock 0 tool call_x f\nargs 0 {\"a\":1}\nblock 1 tool call_y g\n"
         "args 1 {}\nstop 0\nstop 1\nfinish tool_calls -1/-1/0/0"},
    };
    const OpenAiChatFormat format;
    for (const Case& c : cases) {
        auto decoder = format.newStreamDecoder();
        std::vector<StreamEvent> events;
        QVERIFY2(decoder->feed(c.stream, events), c.name);
        QVERIFY2(decoder->finish(events), c.name);
        if (describe(events) != c.expected)
            QCOMPARE(describe(events) + "\n(" + c.name + ')', c.expected);
    }
}

void TestOpenAiFormat::encodesStream_data() {
    QTest::addColumn<bool>("includeUsage");
    QTest::newRow("client asked for usage") << true;
    QTest::newRow("client did not") << false;
}

void TestOpenAiFormat::encodesStream() {
    QFETCH(bool, includeUsage);
    ChatRequest client;
    client.model = QStringLiteral("smart");  // the route the client named
    client.stream = true;
    client.includeUsage = includeUsage;
    const OpenAiChatFormat format;
    auto encoder = format.newStreamEncoder(client);

    using Type = StreamEvent::Type;
    std::vector<StreamEvent> events;
    StreamEvent start = streamEvent(Type::MessageStart);
    start.id = QStringLiteral("msg_1");
    start.model = QStringLiteral("claude-sonnet-4-5");
    start.usage.inputTokens = 10;
    start.usage.cacheReadTokens = 4;
    start.usage.outputTokens = 1;
    events.push_back(start);
    StreamEvent block = streamEvent(Type::BlockStart, 0);
    block.blockKind = ContentPart::Kind::Thinking;
    events.push_back(block);
    StreamEvent delta = streamEvent(Type::TextDelta, 0);
    delta.text = QStringLiteral("Hmm.");
    events.push_back(delta);
    StreamEvent signature = streamEvent(Type::SignatureDelta, 0);
    signature.signature = "thinking-sig";
    events.push_back(signature);
    events.push_back(streamEvent(Type::BlockStop, 0));
    block = streamEvent(Type::BlockStart, 1);
    block.blockKind = ContentPart::Kind::Text;
    block.text = QStringLiteral("Hi");
    events.push_back(block);
    delta = streamEvent(Type::TextDelta, 1);
    delta.text = QStringLiteral(" there");
    events.push_back(delta);
    events.push_back(streamEvent(Type::BlockStop, 1));
    // Anthropic streams arguments in pieces; Gemini signs its call after the start.
    block = streamEvent(Type::BlockStart, 2);
    block.blockKind = ContentPart::Kind::ToolCall;
    block.toolCallId = QStringLiteral("toolu_1");
    block.toolName = QStringLiteral("get_weather");
    events.push_back(block);
    for (const char* piece : {"{\"city\":", " \"Par", "is\"}"}) {
        StreamEvent arguments = streamEvent(Type::ArgumentsDelta, 2);
        arguments.arguments = piece;
        events.push_back(arguments);
    }
    block = streamEvent(Type::BlockStart, 3);
    block.blockKind = ContentPart::Kind::ToolCall;
    block.toolCallId = QStringLiteral("call_g");
    block.toolName = QStringLiteral("get_time");
    events.push_back(block);
    StreamEvent arguments = streamEvent(Type::ArgumentsDelta, 3);
    arguments.arguments = "{}";
    events.push_back(arguments);
    signature = streamEvent(Type::SignatureDelta, 3);
    signature.signature = "gemini\x01sig";
    events.push_back(signature);
    events.push_back(streamEvent(Type::BlockStop, 3));
    events.push_back(streamEvent(Type::BlockStop, 2));
    StreamEvent usage = streamEvent(Type::Usage);
    usage.usage.outputTokens = 20;
    usage.usage.reasoningTokens = 5;
    events.push_back(usage);
    StreamEvent finish = streamEvent(Type::Finish);
    finish.finish = FinishReason::Stop;  // as Gemini says it even when calling tools
    events.push_back(finish);

    QByteArray out;
    for (const StreamEvent& e : events)
        encoder->encode(e, out);
    encoder->finish(out);

    bool wellFramed = false;
    const std::vector<Json> chunks = sseData(out, &wellFramed);
    QVERIFY(wellFramed);
    QVERIFY(chunks.size() > 3);
    QVERIFY(chunks.back().isNull());  // [DONE]
    const Json& first = chunks.front();
    QCOMPARE(first["choices"].at(0)["delta"].serialize(),
             QByteArray(R"({"role":"assistant","content":""})"));

    QString content;
    QString reasoning;
    QByteArrayList finishes;
    std::map<qint64, QByteArray> ids;
    std::map<qint64, QByteArray> names;
    std::map<qint64, QByteArray> args;
    std::vector<qint64> order;
    int usageChunks = 0;
    for (size_t i = 0; i + 1 < chunks.size(); ++i) {
        const Json& c = chunks[i];
        QCOMPARE(c["id"].toString(), QStringLiteral("msg_1"));
        QCOMPARE(c["object"].toString(), QStringLiteral("chat.completion.chunk"));
        QCOMPARE(c["created"].toInt(), first["created"].toInt());
        QCOMPARE(c["model"].toString(), QStringLiteral("smart"));
        QCOMPARE(c.contains("usage"), includeUsage);
        if (c["choices"].size() == 0) {
            ++usageChunks;
            QCOMPARE(i + 2, chunks.size());  // right before [DONE]
            QCOMPARE(
                c["usage"].serialize(),
                QByteArray(
                    R"({"prompt_tokens":10,"completion_tokens":20,"total_tokens":30,"prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":5}})"));
            continue;
        }
        if (includeUsage)
            QVERIFY(c["usage"].isNull());
        const Json& choice = c["choices"].at(0);
        if (!choice["finish_reason"].isNull())
            finishes.append(choice["finish_reason"].utf8());
        const Json& d = choice["delta"];
        content += d["content"].toString();
        reasoning += d["reasoning_content"].toString();
        for (const Json& call : d["tool_calls"].items()) {
            const qint64 index = call["index"].toInt(-1);
            if (call.contains("id")) {
                QVERIFY(!ids.count(index));
                QCOMPARE(call["type"].toString(), QStringLiteral("function"));
                QCOMPARE(call["function"]["arguments"].toString(), QString());
                ids[index] = call["id"].utf8();
                names[index] = call["function"]["name"].utf8();
                order.push_back(index);
            } else {
                QVERIFY(ids.count(index));  // fragments only after the call's head
            }
            args[index] += call["function"]["arguments"].utf8();
        }
    }
    QCOMPARE(usageChunks, includeUsage ? 1 : 0);
    QCOMPARE(content, QStringLiteral("Hi there"));
    QCOMPARE(reasoning, QStringLiteral("Hmm."));
    QCOMPARE(finishes, QByteArrayList{"tool_calls"});
    QCOMPARE(order, (std::vector<qint64>{0, 1}));
    QCOMPARE(ids[0], QByteArray("toolu_1"));
    QCOMPARE(ids[1], ToolCallIds::fold(QStringLiteral("call_g"), "gemini\x01sig").toUtf8());
    QCOMPARE(names[0], QByteArray("get_weather"));
    QCOMPARE(names[1], QByteArray("get_time"));
    QCOMPARE(args[0], QByteArray(R"({"city": "Paris"})"));
    QCOMPARE(args[1], QByteArray("{}"));

    // Our own decoder reads it back whole.
    auto decoder = format.newStreamDecoder();
    std::vector<StreamEvent> back;
    QVERIFY(decoder->feed(out, back));
    QVERIFY(decoder->finish(back));
    QVERIFY(describe(back).contains("block 2 tool toolu_1 get_weather"));
    QVERIFY(describe(back).contains("finish tool_calls"));
}

void TestOpenAiFormat::streamFailureEndsWithErrorEvent() {
    ChatRequest client;
    client.model = QStringLiteral("gpt-4o");
    client.includeUsage = true;
    const OpenAiChatFormat format;
    auto encoder = format.newStreamEncoder(client);
    QByteArray out;
    encoder->encode(streamEvent(StreamEvent::Type::MessageStart), out);
    StreamEvent block = streamEvent(StreamEvent::Type::BlockStart, 0);
    encoder->encode(block, out);
    StreamEvent delta = streamEvent(StreamEvent::Type::TextDelta, 0);
    delta.text = QStringLiteral("Par");
    encoder->encode(delta, out);
    ApiError error;
    error.status = 502;
    error.kind = ApiError::Kind::Unreachable;
    error.code = "stream_interrupted";
    error.message = QStringLiteral("The provider broke off the stream.");
    encoder->fail(error, out);
    encoder->finish(out);  // nothing may follow the error
    QVERIFY(out.endsWith(
        R"(data: {"error":{"message":"The provider broke off the stream.","type":"api_error","param":null,"code":"stream_interrupted"}})"
        "\n\n"));
    QVERIFY(!out.contains("[DONE]"));
    QVERIFY(!out.contains("finish_reason\":\""));
}

void TestOpenAiFormat::decodesErrors_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("retryable");

    using Kind = ApiError::Kind;
    QTest::newRow("invalid key")
        << 401
        << QByteArray(
               R"({"error":{"message":"Incorrect API key provided: sk-abc***xyz. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})")
        << int(Kind::Authentication) << QByteArray("invalid_api_key")
        << QStringLiteral("Incorrect API key provided") << false;
    QTest::newRow("quota gone")
        << 429
        << QByteArray(
               R"({"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})")
        << int(Kind::RateLimited) << QByteArray("insufficient_quota")
        << QStringLiteral("exceeded your current quota") << false;
    QTest::newRow("rate limited")
        << 429
        << QByteArray(
               R"({"error":{"message":"Rate limit reached for gpt-4o in organization org-1 on tokens per min (TPM): Limit 30000, Used 29000, Requested 2000.","type":"tokens","param":null,"code":"rate_limit_exceeded"}})")
        << int(Kind::RateLimited) << QByteArray("rate_limit_exceeded")
        << QStringLiteral("Rate limit reached") << true;
    QTest::newRow("context too long")
        << 400
        << QByteArray(
               R"({"error":{"message":"The maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}})")
        << int(Kind::ContextLengthExceeded) << QByteArray("context_length_exceeded")
        << QStringLiteral("maximum context length") << false;
    QTest::newRow("flagged prompt")
        << 400
        << QByteArray(
               R"({"error":{"message":"Invalid prompt: your prompt was flagged as potentially violating our usage policy. Please try again with a different prompt.","type":"invalid_request_error","param":null,"code":"invalid_prompt"}})")
        << int(Kind::ContentPolicy) << QByteArray("invalid_prompt")
        << QStringLiteral("usage policy") << false;
    QTest::newRow("azure content filter")
        << 400
        << QByteArray(
               R"({"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI content management policy.","type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation"}}})")
        << int(Kind::ContentPolicy) << QByteArray("content_filter")
        << QStringLiteral("content management policy") << false;
    QTest::newRow("model not found")
        << 404
        << QByteArray(
               R"({"error":{"message":"The model `gpt-9` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}})")
        << int(Kind::NotFound) << QByteArray("model_not_found") << QStringLiteral("gpt-9") << false;
    QTest::newRow("forbidden")
        << 403
        << QByteArray(
               R"({"error":{"message":"Project does not have access to model.","type":"invalid_request_error","param":null,"code":null}})")
        << int(Kind::PermissionDenied) << QByteArray() << QStringLiteral("access") << false;
    QTest::newRow("server error")
        << 500
        << QByteArray(
               R"({"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}})")
        << int(Kind::ServerError) << QByteArray() << QStringLiteral("server had an error") << true;
    QTest::newRow("overloaded")
        << 503
        << QByteArray(
               R"({"error":{"message":"The engine is currently overloaded, please try again later.","type":"server_error","param":null,"code":null}})")
        << int(Kind::Overloaded) << QByteArray() << QStringLiteral("overloaded") << true;
    QTest::newRow("not JSON") << 502
                              << QByteArray(
                                     "<html><head><title>502 Bad Gateway</title></head></html>")
                              << int(Kind::ServerError) << QByteArray()
                              << QStringLiteral("HTTP 502: <html><head>") << true;
    QTest::newRow("empty") << 500 << QByteArray() << int(Kind::ServerError) << QByteArray()
                           << QStringLiteral("empty body") << true;
    QTest::newRow("ollama")
        << 404 << QByteArray(R"({"error":"model \"llama9\" not found, try pulling it first"})")
        << int(Kind::NotFound) << QByteArray() << QStringLiteral("try pulling it first") << false;
    QTest::newRow("vllm")
        << 400
        << QByteArray(
               R"({"object":"error","message":"max_tokens must be at least 1, got 0.","type":"BadRequestError","param":null,"code":400})")
        << int(Kind::InvalidRequest) << QByteArray("400") << QStringLiteral("max_tokens must be")
        << false;
    QTest::newRow("mistral validation")
        << 422
        << QByteArray(
               R"({"detail":[{"type":"extra_forbidden","loc":["body","stream_options"],"msg":"Extra inputs are not permitted"}]})")
        << int(Kind::InvalidRequest) << QByteArray()
        << QStringLiteral("Extra inputs are not permitted") << false;
    QTest::newRow("openrouter credits")
        << 402
        << QByteArray(
               R"({"error":{"message":"Insufficient credits. Add more using https://openrouter.ai/credits","code":402}})")
        << int(Kind::PermissionDenied) << QByteArray("402")
        << QStringLiteral("Insufficient credits") << false;
}

void TestOpenAiFormat::decodesErrors() {
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(QByteArray, code);
    QFETCH(QString, message);
    QFETCH(bool, retryable);
    const OpenAiChatFormat format;
    const ApiError error = format.decodeError(status, body);
    QCOMPARE(int(error.kind), kind);
    QCOMPARE(error.status, status);
    QCOMPARE(error.code, code);
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
    QCOMPARE(ProviderRegistry::find(QStringLiteral("openai"))->isRetryable(error), retryable);
}

void TestOpenAiFormat::encodesErrors() {
    const OpenAiChatFormat format;
    using Kind = ApiError::Kind;
    const std::pair<Kind, const char*> types[] = {
        {Kind::InvalidRequest, "invalid_request_error"},
        {Kind::Authentication, "authentication_error"},
        {Kind::PermissionDenied, "permission_error"},
        {Kind::NotFound, "not_found_error"},
        {Kind::RequestTooLarge, "invalid_request_error"},
        {Kind::RateLimited, "rate_limit_error"},
        {Kind::Overloaded, "server_error"},
        {Kind::ServerError, "server_error"},
        {Kind::Timeout, "api_error"},
        {Kind::Unreachable, "api_error"},
        {Kind::BadResponse, "api_error"},
        {Kind::ContextLengthExceeded, "invalid_request_error"},
        {Kind::ContentPolicy, "invalid_request_error"},
    };
    for (const auto& [kind, type] : types) {
        ApiError e;
        e.kind = kind;
        e.message = QStringLiteral("m");
        QCOMPARE(parsed(format.encodeError(e))["error"]["type"].utf8(), QByteArray(type));
    }
    ApiError quota;
    quota.status = 429;
    quota.kind = Kind::RateLimited;
    quota.code = "insufficient_quota";
    quota.message = QStringLiteral("You exceeded your \"quota\".");
    QCOMPARE(
        format.encodeError(quota),
        QByteArray(
            R"({"error":{"message":"You exceeded your \"quota\".","type":"rate_limit_error","param":null,"code":"insufficient_quota"}})"));
    ApiError context;
    context.kind = Kind::ContextLengthExceeded;
    context.param = "messages";
    context.message = QStringLiteral("Too long.");
    QCOMPARE(
        format.encodeError(context),
        QByteArray(
            R"({"error":{"message":"Too long.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}})"));
    // What the provider said survives the trip to the client.
    const ApiError back = format.decodeError(429, format.encodeError(quota));
    QCOMPARE(back.code, QByteArray("insufficient_quota"));
    QCOMPARE(back.message, quota.message);
}

void TestOpenAiFormat::openAiAdapter() {
    const ProviderAdapter* openai = ProviderRegistry::find(QStringLiteral("openai"));
    QVERIFY(openai != nullptr);
    QCOMPARE(openai->chatFormat().name().toByteArray(), QByteArray("openai"));
    QCOMPARE(openai->defaultBaseUrl(), QStringLiteral("https://api.openai.com/v1"));
    QVERIFY(!openai->keyOptional());
    QVERIFY(openai->supports(ProviderEndpoint::Chat));
    QVERIFY(openai->supports(ProviderEndpoint::Completions));
    QVERIFY(openai->supports(ProviderEndpoint::Embeddings));
    QVERIFY(openai->supports(ProviderEndpoint::Models));
    QVERIFY(!openai->supports(ProviderEndpoint::CountTokens));
    QCOMPARE(ProviderKinds::find(QStringLiteral("openai"))->defaultBaseUrl,
             QStringLiteral("https://api.openai.com/v1"));

    ProviderConfig provider;
    provider.id = QStringLiteral("oa");
    provider.kind = QStringLiteral("openai");
    provider.baseUrl = openai->defaultBaseUrl();
    const UpstreamRequest chat = openai->prepare(ProviderEndpoint::Chat, provider, "sk-test",
                                                 QStringLiteral("gpt-4o"), true, {});
    QCOMPARE(chat.method, QByteArray("POST"));
    QCOMPARE(chat.url, QByteArray("https://api.openai.com/v1/chat/completions"));
    QCOMPARE(chat.headers.value("authorization").toByteArray(), QByteArray("Bearer sk-test"));
    const UpstreamRequest models =
        openai->prepare(ProviderEndpoint::Models, provider, "sk-test", {}, false, {});
    QCOMPARE(models.method, QByteArray("GET"));
    QCOMPARE(models.url, QByteArray("https://api.openai.com/v1/models"));
    QCOMPARE(openai->prepare(ProviderEndpoint::Embeddings, provider, "k", {}, false, {}).url,
             QByteArray("https://api.openai.com/v1/embeddings"));
    QCOMPARE(openai->prepare(ProviderEndpoint::Completions, provider, "k", {}, false, {}).url,
             QByteArray("https://api.openai.com/v1/completions"));
    // OpenAI's reasoning models want max_completion_tokens.
    QCOMPARE(static_cast<const OpenAiChatFormat&>(openai->chatFormat()).options().maxTokensField,
             QByteArray("max_completion_tokens"));
}

void TestOpenAiFormat::azureAdapter() {
    const ProviderAdapter* azure = ProviderRegistry::find(QStringLiteral("azure-openai"));
    QVERIFY(azure != nullptr);
    QVERIFY(azure->defaultBaseUrl().isEmpty());
    QVERIFY(azure->needsBaseUrl());
    QCOMPARE(azure->defaultApiVersion(), QStringLiteral("2024-10-21"));
    const ProviderKindInfo* kind = ProviderKinds::find(QStringLiteral("azure-openai"));
    QVERIFY(kind != nullptr);
    QCOMPARE(kind->defaultApiVersion, QStringLiteral("2024-10-21"));
    QVERIFY(azure->supports(ProviderEndpoint::Chat));
    QVERIFY(azure->supports(ProviderEndpoint::Embeddings));
    QVERIFY(!azure->supports(ProviderEndpoint::Models));

    ProviderConfig provider;
    provider.kind = QStringLiteral("azure-openai");
    provider.baseUrl = QStringLiteral("https://contoso.openai.azure.com");
    provider.apiVersion = QStringLiteral("2025-04-01-preview");
    const UpstreamRequest chat = azure->prepare(ProviderEndpoint::Chat, provider, "azkey",
                                                QStringLiteral("gpt 4o/prod"), true, {});
    QCOMPARE(chat.url,
             QByteArray("https://contoso.openai.azure.com/openai/deployments/"
                        "gpt%204o%2Fprod/chat/completions?api-version=2025-04-01-preview"));
    QCOMPARE(chat.headers.value("api-key").toByteArray(), QByteArray("azkey"));
    QVERIFY(!chat.headers.contains("authorization"));

    provider.baseUrl = QStringLiteral("https://contoso.openai.azure.com/openai");
    provider.apiVersion.clear();
    QCOMPARE(azure
                 ->prepare(ProviderEndpoint::Embeddings, provider, "k", QStringLiteral("embed"),
                           false, {})
                 .url,
             QByteArray("https://contoso.openai.azure.com/openai/deployments/embed/embeddings"
                        "?api-version=2024-10-21"));
}

void TestOpenAiFormat::compatiblePresets() {
    const QStringList kinds = ProviderRegistry::kinds();
    for (const char* kind :
         {"mistral", "groq", "deepseek", "together", "fireworks", "openrouter", "xai", "cerebras",
          "perplexity", "vercel", "cloudflare", "ollama", "lmstudio", "vllm", "llamacpp"}) {
        const ProviderAdapter* adapter = ProviderRegistry::find(QString::fromLatin1(kind));
        QVERIFY2(adapter != nullptr, kind);
        QVERIFY(kinds.contains(QString::fromLatin1(kind)));
        QCOMPARE(adapter->chatFormat().name().toByteArray(), QByteArray("openai"));
        QVERIFY2(adapter->supports(ProviderEndpoint::Chat), kind);
        QVERIFY2(!adapter->supports(ProviderEndpoint::CountTokens), kind);
        const ProviderKindInfo* info = ProviderKinds::find(QString::fromLatin1(kind));
        QVERIFY2(info != nullptr && info->defaultBaseUrl == adapter->defaultBaseUrl(), kind);
    }

    ProviderConfig provider;
    const ProviderAdapter* groq = ProviderRegistry::find(QStringLiteral("groq"));
    provider.baseUrl = groq->defaultBaseUrl();
    QCOMPARE(groq->prepare(ProviderEndpoint::Chat, provider, "gsk", {}, true, {}).url,
             QByteArray("https://api.groq.com/openai/v1/chat/completions"));
    QVERIFY(!groq->supports(ProviderEndpoint::Embeddings));

    const ProviderAdapter* ollama = ProviderRegistry::find(QStringLiteral("ollama"));
    QVERIFY(ollama->keyOptional());
    provider.baseUrl = ollama->defaultBaseUrl();
    const UpstreamRequest local =
        ollama->prepare(ProviderEndpoint::Embeddings, provider, {}, {}, false, {});
    QCOMPARE(local.url, QByteArray("http://127.0.0.1:11434/v1/embeddings"));
    QVERIFY(!local.headers.contains("authorization"));  // no key, no header

    const ProviderAdapter* cloudflare = ProviderRegistry::find(QStringLiteral("cloudflare"));
    QVERIFY(cloudflare->defaultBaseUrl().isEmpty());
    provider.baseUrl = QStringLiteral("https://gateway.ai.cloudflare.com/v1/acc/gw/compat");
    QCOMPARE(cloudflare->prepare(ProviderEndpoint::Chat, provider, "k", {}, false, {}).url,
             QByteArray("https://gateway.ai.cloudflare.com/v1/acc/gw/compat/chat/completions"));

    QCOMPARE(ProviderRegistry::find(QStringLiteral("deepseek"))->defaultBaseUrl(),
             QStringLiteral("https://api.deepseek.com"));
    QCOMPARE(ProviderRegistry::find(QStringLiteral("perplexity"))->defaultBaseUrl(),
             QStringLiteral("https://api.perplexity.ai"));
    QCOMPARE(ProviderRegistry::find(QStringLiteral("openrouter"))->defaultBaseUrl(),
             QStringLiteral("https://openrouter.ai/api/v1"));
    const auto& mistral = static_cast<const OpenAiChatFormat&>(
        ProviderRegistry::find(QStringLiteral("mistral"))->chatFormat());
    QCOMPARE(mistral.options().maxTokensField, QByteArray("max_tokens"));
    QCOMPARE(mistral.options().seedField, QByteArray("random_seed"));

    ApiError quota;
    quota.status = 429;
    quota.kind = ApiError::Kind::RateLimited;
    quota.code = "insufficient_quota";
    QVERIFY(!ProviderRegistry::find(QStringLiteral("azure-openai"))->isRetryable(quota));
    QVERIFY(!groq->isRetryable(quota));
    quota.code = "rate_limit_exceeded";
    QVERIFY(groq->isRetryable(quota));
}

#endif

QTEST_GUILESS_MAIN(TestOpenAiFormat)
#include "tst_openaiformat.moc"
