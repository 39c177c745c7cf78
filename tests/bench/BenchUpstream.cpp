#include "BenchUpstream.h"

#include "http/HttpExchange.h"

#include <QTimer>

namespace signalbox::bench {

namespace {
QByteArray chunk(QByteArrayView choices, QByteArrayView usage = "null") {
    QByteArray c =
        R"(data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-bench","system_fingerprint":"fp_bench","choices":)";
    c.append(choices).append(R"(,"usage":)").append(usage).append("}\n\n");
    return c;
}

// Sends the stream's frames on the worker's event loop; owns itself.
// As OpenAI does, the usage chunk comes only when the request asked for it.
void sendFrame(std::shared_ptr<HttpExchange> ex, const BenchReplies* r, int next, bool usage) {
    if (!ex->isOpen())
        return;
    if (next == 0) {
        ex->write(r->roleChunk);
    } else if (next <= r->chunks) {
        ex->write(r->deltaChunk);
    } else {
        ex->write(r->finishChunk);
        if (usage)
            ex->write(r->usageChunk);
        ex->write("data: [DONE]\n\n");
        ex->end();
        return;
    }
    auto again = [ex = std::move(ex), r, next, usage]() mutable {
        sendFrame(std::move(ex), r, next + 1, usage);
    };
    if (r->gapMs > 0) {
        QTimer::singleShot(r->gapMs, Qt::PreciseTimer, std::move(again));
    } else {
        again();  // back to back: the 500-chunk burst
    }
}
}  // namespace

BenchReplies BenchReplies::make(int chunks, int gapMs) {
    BenchReplies r;
    r.chunks = chunks;
    r.gapMs = gapMs;
    const QByteArray text(1000, 'x');
    r.completion =
        R"({"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"gpt-bench","choices":[{"index":0,"message":{"role":"assistant","content":")" +
        text +
        R"(","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":250,"total_tokens":262,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default","system_fingerprint":"fp_bench"})";
    r.roleChunk = chunk(
        R"([{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}])");
    r.deltaChunk =
        chunk(R"([{"index":0,"delta":{"content":" token"},"logprobs":null,"finish_reason":null}])");
    r.finishChunk = chunk(R"([{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}])");
    r.usageChunk = chunk("[]", R"({"prompt_tokens":12,"completion_tokens":64,"total_tokens":76})");
    return r;
}

void BenchUpstream::handle(const std::shared_ptr<HttpExchange>& exchange) {
    const QByteArray& body = exchange->request().body;
    HttpHeaders h;
    if (body.contains(R"("stream":true)") || body.contains(R"("stream": true)")) {
        h.add("content-type", "text/event-stream");
        exchange->beginStream(200, h);
        sendFrame(
            exchange, &replies_, 0,
            body.contains(R"("include_usage":true)") || body.contains(R"("include_usage": true)"));
        return;
    }
    h.add("content-type", "application/json");
    exchange->respond(200, h, replies_.completion);
}

}  // namespace signalbox::bench
