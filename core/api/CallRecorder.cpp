#include "api/CallRecorder.h"

#include "api/CallGovernance.h"
#include "api/ClientRequest.h"
#include "engine/ProxySnapshot.h"
#include "engine/RequestLog.h"
#include "governance/KeyDirectory.h"
#include "json/Json.h"
#include "json/JsonScanner.h"
#include "providers/ChatFormat.h"
#include "providers/StreamEvent.h"
#include "routing/AttemptTrail.h"
#include "routing/ResolvedTarget.h"

#include <algorithm>

namespace signalbox {

namespace {
// Bytes per token, for estimates when a provider reports no usage.
constexpr qint64 kBytesPerToken = 4;
// What a picture or a clip of sound in a prompt is counted as: providers charge by its
// size in pixels or seconds, which its base64 does not tell without decoding it.
constexpr qint64 kTokensPerMedia = 1000;
// Strings longer than this without a space are taken for base64 media.
constexpr qsizetype kMediaStringBytes = 1024;
// Bodies up to this size are estimated by their size alone.
constexpr qsizetype kPlainEstimateBytes = 16 * 1024;
// A whole pass-through answer is copied this far to read its usage at the end; past it,
// the counts are estimated.
constexpr qsizetype kMaxWholeCopyBytes = 4 * 1024 * 1024;
// Kept bodies are cut this much past the cap before masking, so that a key across the
// cap is masked whole before the cut.
constexpr qsizetype kMaskMarginBytes = 512;

qint64 estimateTokens(qint64 bytes) {
    return (bytes + kBytesPerToken - 1) / kBytesPerToken;
}
}  // namespace

CallRecorder::CallRecorder(RequestLog& log, const ProxySnapshot& snapshot, QByteArray id,
                           qint64 startedAtMs, QByteArray surface, QByteArrayView tagsHeader)
    : log_(log), snapshot_(snapshot) {
    record_.id = std::move(id);
    record_.startedAt = startedAtMs;
    record_.surface = std::move(surface);
    record_.tags = ClientRequest::tagsJson(tagsHeader);
    const StoreConfig& store = snapshot_.config->store;
    keepBodies_ = store.enabled && store.logBodies;
    keepBytes_ = store.maxBodyBytes + kMaskMarginBytes;
}

void CallRecorder::describe(const ClientRequest& request) {
    record_.route = request.model;
    record_.stream = request.stream;
    record_.user = request.user;
    promptTokens_ = estimatePromptTokens(request.body);
    if (keepBodies_) {
        // Shared when it fits; a copy of the start otherwise, so that a long stream does
        // not hold a large prompt.
        record_.requestBody =
            request.body.size() <= keepBytes_ ? request.body : request.body.first(keepBytes_);
    }
}

void CallRecorder::govern(const CallGovernance& governance) {
    if (governance.key) {
        record_.virtualKeyId = governance.key->key.id;
        meter_ = governance.key->meter;
    }
    ticket_ = governance.ticket;
    record_.redactions = governance.redactions;
}

void CallRecorder::noteCacheHit(const QString& target, const Usage& usage) {
    record_.cacheHit = true;
    record_.target = target;
    const qsizetype slash = target.indexOf(QLatin1Char('/'));
    const auto provider = snapshot_.config->providers.find(target.left(slash));
    if (provider != snapshot_.config->providers.end())
        record_.providerKind = provider->second.kind;
    record_.model = target.mid(slash + 1);
    usage_ = usage;
}

qint64 CallRecorder::estimatePromptTokens(QByteArrayView body) {
    if (body.size() <= kPlainEstimateBytes)
        return estimateTokens(body.size());
    qint64 textBytes = 0;
    qint64 media = 0;
    qsizetype at = 0;
    while (at < body.size()) {
        const qsizetype open = body.indexOf('"', at);
        if (open < 0) {
            textBytes += body.size() - at;
            break;
        }
        textBytes += open - at;
        // The closing quote: the next one not escaped by an odd run of backslashes.
        qsizetype close = open;
        for (;;) {
            close = body.indexOf('"', close + 1);
            if (close < 0)
                break;
            qsizetype slashes = 0;
            while (body[close - 1 - slashes] == '\\')
                ++slashes;
            if (slashes % 2 == 0)
                break;
        }
        if (close < 0)
            close = body.size();
        const QByteArrayView text = body.sliced(open + 1, close - open - 1);
        if (text.size() > kMediaStringBytes && !text.contains(' '))
            ++media;
        else
            textBytes += text.size();
        at = close + 1;
    }
    return estimateTokens(textBytes) + media * kTokensPerMedia;
}

void CallRecorder::firstContent(qint64 sinceStartMs) {
    if (record_.stream && record_.ttftMs < 0)
        record_.ttftMs = sinceStartMs;
}

void CallRecorder::noteEvent(const StreamEvent& event) {
    switch (event.type) {
        case StreamEvent::Type::MessageStart:
        case StreamEvent::Type::Usage:
        case StreamEvent::Type::Finish:
            noteUsage(event.usage);
            break;
        case StreamEvent::Type::TextDelta:
            outputBytes_ += event.text.size();
            break;
        case StreamEvent::Type::ArgumentsDelta:
            outputBytes_ += event.arguments.size();
            break;
        default:
            break;
    }
}

void CallRecorder::keepResponse(QByteArrayView data) {
    if (!keepBodies_)
        return;
    const qsizetype room = keepBytes_ - record_.responseBody.size();
    if (room > 0)
        record_.responseBody.append(data.first(std::min(room, data.size())));
}

void CallRecorder::copyWhole(QByteArrayView data) {
    wholeBytes_ += data.size();
    if (wholeTooBig_)
        return;
    if (wholeCopy_.size() + data.size() > kMaxWholeCopyBytes) {
        wholeTooBig_ = true;  // estimated from its size instead
        keepResponse(wholeCopy_);
        wholeCopy_ = QByteArray();
        return;
    }
    wholeCopy_.append(data);
}

void CallRecorder::endWhole(const ChatFormat& format) {
    if (wholeTooBig_)
        return;
    keepResponse(wholeCopy_);
    readUsage(format, wholeCopy_);
    wholeCopy_ = QByteArray();
}

void CallRecorder::readUsage(const ChatFormat& format, QByteArrayView body) {
    // Only the usage member is parsed: an embeddings answer may be megabytes of numbers.
    JsonScanner scanner;
    if (!scanner.scan(body, {"usage", "usageMetadata"}))
        return;
    for (const QByteArrayView key : {QByteArrayView("usage"), QByteArrayView("usageMetadata")}) {
        const JsonSpan span = scanner.span(key);
        if (!span.found())
            continue;
        QByteArray piece = "{\"" + key.toByteArray() + "\":";
        piece.append(body.sliced(span.begin, span.end - span.begin)).append('}');
        if (const std::optional<Json> json = Json::parse(piece)) {
            if (const std::optional<Usage> usage = format.usageIn(*json))
                noteUsage(*usage);
        }
    }
}

qint64 CallRecorder::estimateOutputTokens() const {
    // Pass-through streams: about a token an event; translated answers: the text sent;
    // whole pass-through answers: their size.
    if (outputEvents_ > 0)
        return outputEvents_;
    if (outputBytes_ > 0)
        return estimateTokens(outputBytes_);
    return estimateTokens(wholeBytes_);
}

void CallRecorder::finish(int status, const QString& error, qint64 latencyMs,
                          const ResolvedTarget* target, const AttemptTrail& trail, bool billed) {
    if (logged_)
        return;
    logged_ = true;
    RequestRecord& r = record_;
    r.finishedAt = r.startedAt + latencyMs;
    r.latencyMs = latencyMs;
    r.status = status;
    r.error = error;
    if (target != nullptr) {
        r.target = target->label();
        r.providerKind = target->provider->kind;
        r.model = target->model;
    }
    r.attempts = trail.attempts();
    r.calls = trail.calls();
    if (r.surface == "anthropic.count_tokens") {
        r.costUsd = 0.0;  // counting is free
    } else if (!billed) {
        r.costUsd = 0.0;  // failed calls are not billed
    } else {
        r.inputTokens = usage_.inputTokens;
        r.outputTokens = usage_.outputTokens;
        r.cachedInputTokens = usage_.cacheReadTokens;
        r.cacheWriteTokens = usage_.cacheWriteTokens;
        r.reasoningTokens = usage_.reasoningTokens;
        if (r.surface == "openai.embeddings" && r.outputTokens < 0)
            r.outputTokens = 0;  // embeddings generate no tokens
        if (r.inputTokens < 0) {
            r.inputTokens = promptTokens_;
            r.costEstimated = true;
        }
        // An answer cut short never got its final counts: what came (Anthropic's
        // message_start says 1 output token) is only a floor.
        const bool complete = !r.truncated && status != 499;
        if (r.outputTokens < 0 || !complete) {
            const qint64 estimate = estimateOutputTokens();
            if (r.outputTokens < estimate) {
                r.outputTokens = estimate;
                r.costEstimated = true;
            }
        }
    }
    log_.submit(r, snapshot_);
    wholeCopy_ = QByteArray();
    if (meter_ && ticket_) {
        // Charged in full, a client that left included: what was used was used.
        const qint64 tokens =
            std::max<qint64>(0, r.inputTokens) + std::max<qint64>(0, r.outputTokens);
        meter_->settle(*ticket_, r.cacheHit ? 0 : tokens, r.costUsd.value_or(0.0));
        ticket_.reset();
    }
}

}  // namespace signalbox
