// The exact-match response cache's parts: CacheKey says which requests are the same
// question, ResponseAssembler gathers a stream back into a whole answer, ResponseCache
// keeps answers by key for a time within a byte budget, from many threads at once.
#include "ManualClock.h"

#include "governance/CacheKey.h"
#include "governance/ResponseCache.h"
#include "providers/ChatFormat.h"
#include "providers/ProviderRegistry.h"
#include "providers/ResponseAssembler.h"
#include "providers/ResponseEvents.h"

#include <QTest>

#include <thread>
#include <vector>

using namespace signalbox;
using namespace Qt::StringLiterals;

namespace {

constexpr char kChat[] =
    "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
    "\"temperature\":1,\"max_tokens\":100}";

QByteArray keyOf(QByteArrayView body, QStringView scope = u"vk_1",
                 QByteArrayView surface = "openai.chat") {
    const std::optional<QByteArray> key = CacheKey::of(surface, scope, body);
    return key ? *key : QByteArray();
}

ChatResponse richResponse() {
    ChatResponse r;
    r.id = u"msg_1"_s;
    r.model = u"claude-sonnet-4"_s;
    ContentPart thinking;
    thinking.kind = ContentPart::Kind::Thinking;
    thinking.text = u"Weigh it."_s;
    thinking.signature = "c2lnbmF0dXJl";
    ContentPart redacted;
    redacted.kind = ContentPart::Kind::RedactedThinking;
    redacted.data = "ZW5jcnlwdGVk";
    ContentPart first;
    first.kind = ContentPart::Kind::ToolCall;
    first.toolCallId = u"toolu_1"_s;
    first.toolName = u"weather"_s;
    first.arguments = "{\"city\":\"Paris\"}";
    ContentPart second;
    second.kind = ContentPart::Kind::ToolCall;
    second.toolCallId = u"toolu_2"_s;
    second.toolName = u"clock"_s;
    second.arguments = "{}";
    r.content = {thinking, redacted, ContentPart::textPart(u"Let me look. ☀"_s), first, second};
    r.finish = FinishReason::StopSequence;
    r.stopSequence = u"###"_s;
    r.usage.inputTokens = 120;
    r.usage.outputTokens = 45;
    r.usage.cacheReadTokens = 100;
    r.usage.reasoningTokens = 12;
    return r;
}

void compareResponses(const ChatResponse& actual, const ChatResponse& expected) {
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.model, expected.model);
    QCOMPARE(actual.finish, expected.finish);
    QCOMPARE(actual.stopSequence, expected.stopSequence);
    QCOMPARE(actual.usage.inputTokens, expected.usage.inputTokens);
    QCOMPARE(actual.usage.outputTokens, expected.usage.outputTokens);
    QCOMPARE(actual.usage.cacheReadTokens, expected.usage.cacheReadTokens);
    QCOMPARE(actual.usage.cacheWriteTokens, expected.usage.cacheWriteTokens);
    QCOMPARE(actual.usage.reasoningTokens, expected.usage.reasoningTokens);
    QCOMPARE(actual.content.size(), expected.content.size());
    for (size_t i = 0; i < expected.content.size(); ++i) {
        const ContentPart& a = actual.content[i];
        const ContentPart& e = expected.content[i];
        QCOMPARE(a.kind, e.kind);
        QCOMPARE(a.text, e.text);
        QCOMPARE(a.signature, e.signature);
        QCOMPARE(a.data, e.data);
        QCOMPARE(a.toolCallId, e.toolCallId);
        QCOMPARE(a.toolName, e.toolName);
        QCOMPARE(a.arguments, e.arguments);
    }
}

StreamEvent streamEvent(StreamEvent::Type type, int index = 0) {
    StreamEvent e;
    e.type = type;
    e.index = index;
    return e;
}

StreamEvent toolStart(int index, const QString& id, const QString& name) {
    StreamEvent e = streamEvent(StreamEvent::Type::BlockStart, index);
    e.blockKind = ContentPart::Kind::ToolCall;
    e.toolCallId = id;
    e.toolName = name;
    return e;
}

StreamEvent arguments(int index, const QByteArray& fragment) {
    StreamEvent e = streamEvent(StreamEvent::Type::ArgumentsDelta, index);
    e.arguments = fragment;
    return e;
}

// Decodes `stream` with the named format's decoder, fed in small pieces.
ResponseAssembler assemble(QByteArrayView format, const QByteArray& stream, bool* ended) {
    std::unique_ptr<StreamDecoder> decoder = ProviderRegistry::format(format)->newStreamDecoder();
    std::vector<StreamEvent> events;
    for (qsizetype at = 0; at < stream.size(); at += 7)
        decoder->feed(QByteArrayView(stream).sliced(at, qMin<qsizetype>(7, stream.size() - at)),
                      events);
    *ended = decoder->finish(events);
    ResponseAssembler assembler;
    for (const StreamEvent& e : events)
        assembler.add(e);
    return assembler;
}

QByteArray sse(const char* data) {
    return "data: " + QByteArray(data) + "\n\n";
}

QByteArray anthropicEvent(const char* type, const char* data) {
    return "event: " + QByteArray(type) + "\ndata: " + QByteArray(data) + "\n\n";
}

std::shared_ptr<const CachedAnswer> answerWithText(const QString& text) {
    auto answer = std::make_shared<CachedAnswer>();
    answer->response.content.push_back(ContentPart::textPart(text));
    answer->target = u"openai/gpt-4o"_s;
    answer->createdAtMs = 1'795'000'000'000;
    return answer;
}

QByteArray keyNumbered(int i) {
    return keyOf("{\"model\":\"m\",\"i\":" + QByteArray::number(i) + "}");
}

}  // namespace

class TestResponseCache : public QObject {
    Q_OBJECT
private slots:
    void keyIgnoresWhatCannotChangeTheAnswer() {
        const QByteArray base = keyOf(kChat);
        QCOMPARE(base.size(), 32);
        // Member order, at the top and nested; spacing; escapes of the same text.
        QCOMPARE(keyOf("{\"max_tokens\":100,\"temperature\":1,\"messages\":[{\"content\":\"Hi\","
                       "\"role\":\"user\"}],\"model\":\"gpt-4o\"}"),
                 base);
        QCOMPARE(keyOf("{ \"model\" : \"gpt-4o\", \"messages\": [{\"role\":\"user\",\"content\":"
                       "\"\\u0048i\"}], \"temperature\": 1, \"max_tokens\": 100 }"),
                 base);
        // Number spellings.
        for (const char* t : {"1.0", "1e0", "10e-1", "1.00"}) {
            QCOMPARE(keyOf("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
                           "\"Hi\"}],\"temperature\":" +
                           QByteArray(t) + ",\"max_tokens\":1e2}"),
                     base);
        }
        // Delivery and labels.
        QCOMPARE(
            keyOf("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                  "\"temperature\":1,\"max_tokens\":100,\"stream\":true,\"stream_options\":"
                  "{\"include_usage\":true},\"user\":\"alice\",\"metadata\":{\"tag\":\"x\"},"
                  "\"store\":true,\"prompt_cache_key\":\"p\",\"safety_identifier\":\"s\","
                  "\"service_tier\":\"auto\",\"n\":1}"),
            keyOf("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                  "\"temperature\":1,\"max_tokens\":100,\"n\":1}"));
        QCOMPARE(
            keyOf("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                  "\"temperature\":1,\"max_tokens\":100,\"user\":\"bob\"}"),
            base);
    }

    void keyChangesWithWhatChangesTheAnswer() {
        const QByteArray base = keyOf(kChat);
        const QList<QByteArray> others = {
            // model, messages, temperature, tools
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
            "\"temperature\":1,\"max_tokens\":100}",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi!\"}],"
            "\"temperature\":1,\"max_tokens\":100}",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"Hi\"}],"
            "\"temperature\":1,\"max_tokens\":100}",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
            "\"temperature\":0.7,\"max_tokens\":100}",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
            "\"temperature\":1,\"max_tokens\":100,\"tools\":[{\"type\":\"function\","
            "\"function\":{\"name\":\"f\"}}]}",
            // a nested field named like an ignored top-level one still counts
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\","
            "\"user\":\"x\"}],\"temperature\":1,\"max_tokens\":100}",
            // a string that spells the number is not the number
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
            "\"temperature\":\"1\",\"max_tokens\":100}",
        };
        for (const QByteArray& other : others) {
            const QByteArray key = keyOf(other);
            QCOMPARE(key.size(), 32);
            QVERIFY2(key != base, other.constData());
        }
        // Seeds beyond 2^53 keep all their digits.
        QVERIFY(keyOf("{\"model\":\"m\",\"seed\":9007199254740993}") !=
                keyOf("{\"model\":\"m\",\"seed\":9007199254740992}"));
        // Another virtual key, no key, another surface.
        QVERIFY(keyOf(kChat, u"vk_2") != base);
        QVERIFY(keyOf(kChat, u"") != base);
        QVERIFY(keyOf(kChat, u"vk_1", "anthropic.messages") != base);
        // The separators cannot be shifted: surface "a"+scope "bc" vs "ab"+"c".
        QVERIFY(keyOf(kChat, u"bc", "a") != keyOf(kChat, u"c", "ab"));
    }

    void keyRefusesWhatMustNotBeCached() {
        QVERIFY(!CacheKey::of("openai.chat", u"", "{\"model\":\"m\",\"n\":2}"));
        QVERIFY(!CacheKey::of("openai.chat", u"", "{\"model\":\"m\",\"n\":3.0}"));
        QVERIFY(!CacheKey::of("openai.chat", u"", "[1,2]"));
        QVERIFY(!CacheKey::of("openai.chat", u"", "\"text\""));
        QVERIFY(!CacheKey::of("openai.chat", u"", "{\"model\":"));
        QVERIFY(!CacheKey::of("openai.chat", u"", ""));
        QVERIFY(CacheKey::of("openai.chat", u"", "{}"));
        QVERIFY(CacheKey::of("openai.chat", u"", "{\"model\":\"m\",\"n\":1}"));
    }

    void assemblerInvertsResponseEvents() {
        const ChatResponse expected = richResponse();
        ResponseAssembler assembler;
        for (const StreamEvent& e : ResponseEvents::fromResponse(expected))
            assembler.add(e);
        QVERIFY(assembler.complete());
        compareResponses(assembler.take(), expected);
        if (QTest::currentTestFailed())
            return;
        // take() starts over.
        QVERIFY(!assembler.complete());
        QVERIFY(assembler.take().content.empty());
    }

    void assemblerJoinsInterleavedFragments() {
        ResponseAssembler assembler;
        StreamEvent start = streamEvent(StreamEvent::Type::MessageStart);
        start.id = u"r1"_s;
        start.usage.inputTokens = 30;
        assembler.add(start);
        StreamEvent text = streamEvent(StreamEvent::Type::BlockStart, 0);
        text.text = u"First"_s;  // a piece on the start itself
        assembler.add(text);
        StreamEvent more = streamEvent(StreamEvent::Type::TextDelta, 0);
        more.text = u" words"_s;
        assembler.add(more);
        assembler.add(streamEvent(StreamEvent::Type::BlockStop, 0));
        assembler.add(toolStart(1, u"call_a"_s, u"alpha"_s));
        assembler.add(toolStart(2, u"call_b"_s, u"beta"_s));
        assembler.add(toolStart(3, u"call_c"_s, u"gamma"_s));  // no arguments at all
        assembler.add(arguments(2, "{\"y\":"));
        assembler.add(arguments(1, "{\"x\":"));
        assembler.add(arguments(2, "2}"));
        assembler.add(arguments(1, "1}"));
        for (int i : {2, 1, 3})
            assembler.add(streamEvent(StreamEvent::Type::BlockStop, i));
        StreamEvent finish = streamEvent(StreamEvent::Type::Finish);
        finish.finish = FinishReason::ToolCalls;
        assembler.add(finish);
        StreamEvent usage = streamEvent(StreamEvent::Type::Usage);  // after the finish, as OpenAI
        usage.usage.outputTokens = 17;
        assembler.add(usage);
        QVERIFY(assembler.complete());

        const ChatResponse r = assembler.take();
        QCOMPARE(r.id, u"r1"_s);
        QCOMPARE(r.usage.inputTokens, 30);
        QCOMPARE(r.usage.outputTokens, 17);
        QCOMPARE(r.finish, FinishReason::ToolCalls);
        QCOMPARE(r.content.size(), size_t(4));
        QCOMPARE(r.content[0].kind, ContentPart::Kind::Text);
        QCOMPARE(r.content[0].text, u"First words"_s);
        QCOMPARE(r.content[1].toolName, u"alpha"_s);
        QCOMPARE(r.content[1].arguments, QByteArray("{\"x\":1}"));
        QCOMPARE(r.content[2].toolCallId, u"call_b"_s);
        QCOMPARE(r.content[2].arguments, QByteArray("{\"y\":2}"));
        QCOMPARE(r.content[3].toolName, u"gamma"_s);
        QCOMPARE(r.content[3].arguments, QByteArray("{}"));
    }

    void assemblerReadsAnOpenAiStream() {
        const QByteArray stream =
            sse("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":"
                "\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}") +
            sse("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                "\"Let me \"},\"finish_reason\":null}]}") +
            sse("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                "\"check.\"},\"finish_reason\":null}]}") +
            sse("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":"
                "[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":"
                "\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}") +
            sse("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":"
                "[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},"
                "\"finish_reason\":null}]}") +
            sse("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":"
                "[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]},"
                "\"finish_reason\":null}]}") +
            sse("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{},"
                "\"finish_reason\":\"tool_calls\"}]}") +
            sse("{\"id\":\"chatcmpl-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":20,"
                "\"completion_tokens\":9,\"total_tokens\":29}}") +
            sse("[DONE]");
        bool ended = false;
        ResponseAssembler assembler = assemble("openai", stream, &ended);
        QVERIFY(ended);
        QVERIFY(assembler.complete());
        const ChatResponse r = assembler.take();
        QCOMPARE(r.id, u"chatcmpl-1"_s);
        QCOMPARE(r.model, u"gpt-4o-mini"_s);
        QCOMPARE(r.finish, FinishReason::ToolCalls);
        QCOMPARE(r.usage.inputTokens, 20);
        QCOMPARE(r.usage.outputTokens, 9);
        QCOMPARE(r.content.size(), size_t(2));
        QCOMPARE(r.content[0].kind, ContentPart::Kind::Text);
        QCOMPARE(r.content[0].text, u"Let me check."_s);
        QCOMPARE(r.content[1].kind, ContentPart::Kind::ToolCall);
        QCOMPARE(r.content[1].toolCallId, u"call_1"_s);
        QCOMPARE(r.content[1].toolName, u"get_weather"_s);
        QCOMPARE(r.content[1].arguments, QByteArray("{\"city\":\"Paris\"}"));
    }

    void assemblerReadsAnAnthropicStream() {
        const QByteArray stream =
            anthropicEvent("message_start",
                           "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":"
                           "\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4\","
                           "\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":25,"
                           "\"output_tokens\":1}}}") +
            anthropicEvent("content_block_start",
                           "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                           "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}") +
            anthropicEvent("content_block_delta",
                           "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                           "\"thinking_delta\",\"thinking\":\"Hmm.\"}}") +
            anthropicEvent("content_block_delta",
                           "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                           "\"signature_delta\",\"signature\":\"c2ln\"}}") +
            anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}") +
            anthropicEvent("ping", "{\"type\":\"ping\"}") +
            anthropicEvent("content_block_start",
                           "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
                           "{\"type\":\"text\",\"text\":\"\"}}") +
            anthropicEvent("content_block_delta",
                           "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":"
                           "\"text_delta\",\"text\":\"Hello\"}}") +
            anthropicEvent("content_block_delta",
                           "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":"
                           "\"text_delta\",\"text\":\" there\"}}") +
            anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}") +
            anthropicEvent("content_block_start",
                           "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":"
                           "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"lookup\","
                           "\"input\":{}}}") +
            anthropicEvent("content_block_delta",
                           "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":"
                           "\"input_json_delta\",\"partial_json\":\"{\\\"q\\\":\"}}") +
            anthropicEvent("content_block_delta",
                           "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":"
                           "\"input_json_delta\",\"partial_json\":\"\\\"x\\\"}\"}}") +
            anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}") +
            anthropicEvent("message_delta",
                           "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
                           "\"stop_sequence\":null},\"usage\":{\"output_tokens\":40}}") +
            anthropicEvent("message_stop", "{\"type\":\"message_stop\"}");
        bool ended = false;
        ResponseAssembler assembler = assemble("anthropic", stream, &ended);
        QVERIFY(ended);
        QVERIFY(assembler.complete());
        const ChatResponse r = assembler.take();
        QCOMPARE(r.id, u"msg_1"_s);
        QCOMPARE(r.model, u"claude-sonnet-4"_s);
        QCOMPARE(r.finish, FinishReason::ToolCalls);
        QCOMPARE(r.usage.inputTokens, 25);
        QCOMPARE(r.usage.outputTokens, 40);
        QCOMPARE(r.content.size(), size_t(3));
        QCOMPARE(r.content[0].kind, ContentPart::Kind::Thinking);
        QCOMPARE(r.content[0].text, u"Hmm."_s);
        QCOMPARE(r.content[0].signature, QByteArray("c2ln"));
        QCOMPARE(r.content[1].kind, ContentPart::Kind::Text);
        QCOMPARE(r.content[1].text, u"Hello there"_s);
        QCOMPARE(r.content[2].kind, ContentPart::Kind::ToolCall);
        QCOMPARE(r.content[2].toolCallId, u"toolu_1"_s);
        QCOMPARE(r.content[2].toolName, u"lookup"_s);
        QCOMPARE(r.content[2].arguments, QByteArray("{\"q\":\"x\"}"));
    }

    void assemblerKnowsAnIncompleteAnswer() {
        std::vector<StreamEvent> events = ResponseEvents::fromResponse(richResponse());
        {
            ResponseAssembler cut;  // the stream ended before the finish
            for (size_t i = 0; i + 1 < events.size(); ++i)
                cut.add(events[i]);
            QVERIFY(!cut.complete());
        }
        {
            ResponseAssembler failed;  // an error, even after a finish
            for (const StreamEvent& e : events)
                failed.add(e);
            failed.add(streamEvent(StreamEvent::Type::Error));
            QVERIFY(!failed.complete());
        }
        {
            // A real stream cut off mid-answer: no finish reason, no [DONE].
            const QByteArray stream =
                sse("{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
                    "{\"content\":\"Half\"},\"finish_reason\":null}]}");
            bool ended = true;
            ResponseAssembler assembler = assemble("openai", stream, &ended);
            QVERIFY(!ended);
            QVERIFY(!assembler.complete());
            QCOMPARE(assembler.take().content.at(0).text, u"Half"_s);
        }
        {
            const QByteArray stream =
                sse("{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
                    "{\"content\":\"Half\"},\"finish_reason\":null}]}") +
                sse("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}");
            bool ended = true;
            ResponseAssembler assembler = assemble("openai", stream, &ended);
            QVERIFY(!assembler.complete());
        }
    }

    void cacheHitsAndMisses() {
        test::ManualClock clock;
        ResponseCache cache(clock, 1 << 20);
        const QByteArray key = keyOf(kChat);
        QVERIFY(!cache.find(key));
        cache.insert(key, answerWithText(u"Hello"_s), 60'000);
        const std::shared_ptr<const CachedAnswer> hit = cache.find(key);
        QVERIFY(hit);
        QCOMPARE(hit->response.content.at(0).text, u"Hello"_s);
        QCOMPARE(hit->target, u"openai/gpt-4o"_s);
        QCOMPARE(hit->createdAtMs, 1'795'000'000'000);
        QVERIFY(!cache.find(keyOf(kChat, u"vk_2")));
        QCOMPARE(cache.hits(), 1);
        QCOMPARE(cache.misses(), 2);
        QCOMPARE(cache.entries(), 1);
        QCOMPARE(cache.bytes(), ResponseCache::estimateBytes(key, *hit));
        QVERIFY(cache.bytes() > 0);
    }

    void cacheEntriesExpire() {
        test::ManualClock clock;
        ResponseCache cache(clock, 1 << 20);
        const QByteArray key = keyNumbered(1);
        cache.insert(key, answerWithText(u"a"_s), 1'000);
        clock.advance(999);
        QVERIFY(cache.find(key));
        clock.advance(1);
        QVERIFY(!cache.find(key));
        QCOMPARE(cache.entries(), 0);
        QCOMPARE(cache.bytes(), 0);
        QCOMPARE(cache.hits(), 1);
        QCOMPARE(cache.misses(), 1);
        QCOMPARE(cache.evictions(), 0);
        cache.insert(key, answerWithText(u"a"_s), 0);  // nothing to keep
        QVERIFY(!cache.find(key));
    }

    void cacheEvictsTheLeastRecentlyUsed() {
        // Keys in one shard, so one share of the budget governs them all.
        test::ManualClock clock;
        const auto answer = answerWithText(u"x"_s);
        std::vector<QByteArray> keys;
        const size_t shard = qHash(keyNumbered(0)) % 16;
        for (int i = 0; keys.size() < 4; ++i) {
            if (qHash(keyNumbered(i)) % 16 == shard)
                keys.push_back(keyNumbered(i));
        }
        const qint64 each = ResponseCache::estimateBytes(keys[0], *answer);
        ResponseCache cache(clock, 16 * 3 * each);  // room for three in a shard
        for (int i = 0; i < 3; ++i)
            cache.insert(keys[i], answer, 60'000);
        QVERIFY(cache.find(keys[0]));  // 1 is now the least recently used
        cache.insert(keys[3], answer, 60'000);
        QCOMPARE(cache.evictions(), 1);
        QCOMPARE(cache.entries(), 3);
        QVERIFY(!cache.find(keys[1]));
        QVERIFY(cache.find(keys[0]));
        QVERIFY(cache.find(keys[2]));
        QVERIFY(cache.find(keys[3]));  // order now 3, 2, 0 (most recent first)
        cache.setMaxBytes(16 * each);
        QCOMPARE(cache.entries(), 1);
        QCOMPARE(cache.evictions(), 3);
        QVERIFY(cache.find(keys[3]));
        QCOMPARE(cache.bytes(), each);
    }

    void cacheKeepsNoOversizedAnswer() {
        test::ManualClock clock;
        ResponseCache cache(clock, 16 * 4096);
        const QByteArray key = keyNumbered(7);
        cache.insert(key, answerWithText(u"small"_s), 60'000);
        QVERIFY(cache.find(key));
        cache.insert(key, answerWithText(QString(4096, u'x')), 60'000);
        QVERIFY(!cache.find(key));  // the old answer does not linger either
        QCOMPARE(cache.entries(), 0);
        QCOMPARE(cache.bytes(), 0);
        QCOMPARE(cache.evictions(), 0);
    }

    void cacheReplacesAndClears() {
        test::ManualClock clock;
        ResponseCache cache(clock, 1 << 20);
        const QByteArray key = keyNumbered(3);
        cache.insert(key, answerWithText(u"old"_s), 60'000);
        const auto fresh = answerWithText(u"a newer answer"_s);
        cache.insert(key, fresh, 1'000);
        QCOMPARE(cache.entries(), 1);
        QCOMPARE(cache.bytes(), ResponseCache::estimateBytes(key, *fresh));
        QCOMPARE(cache.find(key)->response.content.at(0).text, u"a newer answer"_s);
        clock.advance(1'000);  // the new ttl rules
        QVERIFY(!cache.find(key));

        for (int i = 0; i < 40; ++i)
            cache.insert(keyNumbered(i), answerWithText(u"v"_s), 60'000);
        QCOMPARE(cache.entries(), 40);
        cache.clear();
        QCOMPARE(cache.entries(), 0);
        QCOMPARE(cache.bytes(), 0);
        QVERIFY(!cache.find(keyNumbered(0)));
        QCOMPARE(cache.hits(), 1);
        QCOMPARE(cache.misses(), 2);
    }

    void cacheServesManyThreads() {
        test::ManualClock clock;
        const auto answer = answerWithText(u"shared"_s);
        ResponseCache cache(clock, 16 * 8 * ResponseCache::estimateBytes(keyNumbered(0), *answer));
        std::vector<QByteArray> keys;
        for (int i = 0; i < 64; ++i)
            keys.push_back(keyNumbered(i));
        const QByteArray common = keyOf(kChat);
        cache.insert(common, answer, 3'600'000);

        constexpr int kThreads = 6;
        constexpr int kRounds = 2'000;
        std::vector<qint64> sharedHits(kThreads, 0);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < kRounds; ++i) {
                    const QByteArray& key = keys[static_cast<size_t>((i * 7 + t) % 64)];
                    if (!cache.find(key))
                        cache.insert(key, answer, 3'600'000);
                    if (cache.find(common))
                        ++sharedHits[static_cast<size_t>(t)];
                    if (i % 5 == 0)
                        cache.insert(common, answer, 3'600'000);  // replaces under readers
                }
            });
        }
        for (std::thread& thread : threads)
            thread.join();

        QCOMPARE(cache.hits() + cache.misses(), qint64(kThreads) * kRounds * 2);
        qint64 commonHits = 0;
        for (qint64 n : sharedHits)
            commonHits += n;
        QVERIFY(commonHits > 0);
        QVERIFY(cache.entries() > 0);
        QVERIFY(cache.entries() <= 65);
        QVERIFY(cache.bytes() <= 16 * 8 * ResponseCache::estimateBytes(keys[0], *answer));
        // What is left is what the counters say: every kept key is found, each a hit.
        qint64 found = 0;
        for (const QByteArray& key : keys)
            found += cache.find(key) ? 1 : 0;
        found += cache.find(common) ? 1 : 0;
        QCOMPARE(found, cache.entries());
        QCOMPARE(cache.bytes(), cache.entries() * ResponseCache::estimateBytes(keys[0], *answer));
    }
};

QTEST_GUILESS_MAIN(TestResponseCache)
#include "tst_responsecache.moc"
