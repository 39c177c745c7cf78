// StreamUsageTap on OpenAI and Anthropic streams split at every byte: what reaches the
// client is the stream less only the usage chunk the gateway added, the counts are read,
// and the stream's end and its in-stream errors are seen.
#include "api/StreamUsageTap.h"
#include "providers/ProviderRegistry.h"

#include <QTest>

using namespace signalbox;

namespace {
constexpr char kDelta[] =
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
    "\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}],\"usage\":null}\n\n";
constexpr char kFinish[] =
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
    "\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n";
constexpr char kUsage[] =
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
    "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,\"total_tokens\":19}}\n\n";
constexpr char kDone[] = "data: [DONE]\n\n";

// Feeds `stream` in two reads split at `at`; returns what went out.
QByteArray relay(StreamUsageTap& tap, const QByteArray& stream, qsizetype at) {
    QByteArray out;
    QByteArray scratch;
    out += tap.feed(QByteArrayView(stream).first(at), scratch);
    out += tap.feed(QByteArrayView(stream).sliced(at), scratch);
    out += tap.rest();
    return out;
}
}  // namespace

class TestStreamUsageTap : public QObject {
    Q_OBJECT
private slots:
    void cutsOnlyTheAddedUsageChunk() {
        const ChatFormat& openAi = *ProviderRegistry::format("openai");
        const QByteArray stream = QByteArray(kDelta) + kDelta + kFinish + kUsage + kDone;
        const QByteArray expected = QByteArray(kDelta) + kDelta + kFinish + kDone;
        for (qsizetype at = 0; at <= stream.size(); ++at) {
            StreamUsageTap tap(openAi, true);
            QCOMPARE(relay(tap, stream, at), expected);
            QCOMPARE(tap.usage().inputTokens, 12);
            QCOMPARE(tap.usage().outputTokens, 7);
            QCOMPARE(tap.events(), 3);
            QVERIFY(tap.ended());
            QVERIFY(!tap.failed());
        }
    }

    void passesEverythingWhenNotCutting() {
        const ChatFormat& openAi = *ProviderRegistry::format("openai");
        const QByteArray stream = QByteArray(kDelta) + kFinish + kUsage + kDone;
        for (qsizetype at = 0; at <= stream.size(); ++at) {
            StreamUsageTap tap(openAi, false);
            QCOMPARE(relay(tap, stream, at), stream);
            QCOMPARE(tap.usage().outputTokens, 7);
        }
    }

    void readsAnthropicUsageEndAndErrors() {
        const ChatFormat& anthropic = *ProviderRegistry::format("anthropic");
        const QByteArray start =
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\","
            "\"usage\":{\"input_tokens\":20,\"output_tokens\":1}}}\n\n";
        const QByteArray delta =
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
            "\"end_turn\"},\"usage\":{\"output_tokens\":42}}\n\n";
        const QByteArray stop = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        StreamUsageTap whole(anthropic, false);
        QCOMPARE(relay(whole, start + delta + stop, 10), start + delta + stop);
        QCOMPARE(whole.usage().inputTokens, 20);
        QCOMPARE(whole.usage().outputTokens, 42);
        QVERIFY(whole.ended());

        const QByteArray error =
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
            "\"message\":\"Overloaded\"}}\n\n";
        StreamUsageTap broken(anthropic, false);
        relay(broken, start + error, 5);
        QVERIFY(broken.failed());
        QCOMPARE(broken.failure(), QStringLiteral("Overloaded"));
        QVERIFY(!broken.ended());
    }
};

QTEST_MAIN(TestStreamUsageTap)
#include "tst_streamusagetap.moc"
