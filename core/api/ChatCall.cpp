#include "api/ChatCall.h"

#include "api/ClientRequest.h"
#include "api/GovernanceHeaders.h"
#include "engine/RequestLog.h"
#include "engine/SecretMask.h"
#include "governance/CachedAnswer.h"
#include "http/HttpExchange.h"
#include "json/Json.h"
#include "providers/ChatFormat.h"
#include "providers/ProviderAdapter.h"
#include "providers/ResponseEvents.h"
#include "providers/StreamDecoder.h"
#include "providers/StreamEncoder.h"
#include "routing/FailurePolicy.h"
#include "routing/HealthBoard.h"
#include "routing/RetryAfter.h"

#include <QCoreApplication>
#include <QTimer>

namespace signalbox {

namespace {
// Past this much unsent response, stop reading from the provider until the client
// catches up: a slow client must not make us buffer a whole stream.
constexpr qint64 kHighWaterBytes = 1024 * 1024;
// Whole answers are read before they are translated; none is honestly this big.
constexpr qsizetype kMaxCollectedBytes = 64 * 1024 * 1024;
// An error answer is read this far and no further: its message is at the start, and a
// provider's 50 MB HTML error page must not cost its status.
constexpr qsizetype kMaxErrorBytes = 64 * 1024;
// A stream's start is held back until content arrives, but no more than this of it.
constexpr qsizetype kMaxHeldBytes = 256 * 1024;

QString tr(const char* text) {
    return QCoreApplication::translate("ChatCall", text);
}

// Response headers of the provider worth passing on to the client.
bool isForwardedResponseHeader(QByteArrayView name, bool sameFormat, bool ownLimits) {
    const auto is = [name](QByteArrayView n) { return name.compare(n, Qt::CaseInsensitive) == 0; };
    const bool limits = name.startsWith("x-ratelimit-") || name.startsWith("X-RateLimit-") ||
                        name.startsWith("anthropic-ratelimit-");
    if (limits && ownLimits)
        return false;  // the client's own limits are its virtual key's
    if (is("retry-after") || limits)
        return true;
    // The rest describes the provider's own body: only true when the body is its own.
    return sameFormat && (is("content-type") || is("x-request-id") || is("request-id") ||
                          is("openai-processing-ms"));
}

ApiError badResponse(QByteArray code, const QString& message) {
    ApiError error;
    error.status = 502;
    error.kind = ApiError::Kind::BadResponse;
    error.code = std::move(code);
    error.message = message;
    return error;
}

bool isEventStream(const HttpHeaders& headers) {
    return headers.value("content-type").startsWith("text/event-stream");
}

// Whether an event carries something of the answer, after which it is the answer.
bool isContent(const StreamEvent& event) {
    switch (event.type) {
        case StreamEvent::Type::TextDelta:
            return !event.text.isEmpty();
        case StreamEvent::Type::BlockStart:
            return !event.toolName.isEmpty() || !event.text.isEmpty() || !event.data.isEmpty();
        case StreamEvent::Type::SignatureDelta:
        case StreamEvent::Type::ArgumentsDelta:
        case StreamEvent::Type::Finish:
            return true;
        case StreamEvent::Type::MessageStart:
        case StreamEvent::Type::BlockStop:
        case StreamEvent::Type::Usage:
        case StreamEvent::Type::Error:
            break;
    }
    return false;
}

void noteWait(qint64& soonest, qint64 wait) {
    soonest = soonest < 0 ? wait : std::min(soonest, wait);
}

QByteArray outcomeOf(const ApiError& error, bool transport) {
    if (transport)
        return error.kind == ApiError::Kind::Unreachable ? "connect" : "timeout";
    if (error.kind == ApiError::Kind::BadResponse)
        return "bad_response";
    if (error.status >= 400)
        return QByteArray::number(error.status);
    return "error";
}
}  // namespace

ChatCall::ChatCall(std::shared_ptr<HttpExchange> exchange,
                   std::shared_ptr<const ProxySnapshot> snapshot, UpstreamClient& upstream,
                   HealthBoard& health, std::mt19937& random, RequestLog& log, QByteArray requestId,
                   const ChatFormat& clientFormat, QByteArray surface)
    : exchange_(std::move(exchange)),
      snapshot_(std::move(snapshot)),
      upstream_(upstream),
      health_(health),
      random_(random),
      requestId_(std::move(requestId)),
      clientFormat_(clientFormat),
      recorder_(log, *snapshot_, requestId_, health_.clock().wallMs(), std::move(surface),
                exchange_->request().headers.value("x-signalbox-tags")) {
    startedMs_ = now();
}

ChatCall::~ChatCall() {
    // Every way out logs on its own; this is the net under the ones not foreseen.
    if (!recorder_.logged())
        logRequest(499, tr("The request ended without an answer: the client left."));
}

void ChatCall::logWhole(const QString& error) {
    if (recorder_.logged())
        return;
    recorder_.endWhole(clientFormat_);
    logRequest(upstreamStatus_, error);
}

void ChatCall::addForwarded(HttpHeaders& out, const HttpHeaders& upstream, bool sameFormat) const {
    const bool ownLimits = governance_.requests || governance_.tokens;
    for (const auto& [name, value] : upstream.fields()) {
        if (isForwardedResponseHeader(name, sameFormat, ownLimits))
            out.add(name.toLower(), value);
    }
}

void ChatCall::govern(CallGovernance governance, ResponseCache& cache) {
    governance_ = std::move(governance);
    recorder_.govern(governance_);
    if (governance_.cache == CallGovernance::Cache::Miss)
        fill_ = std::make_unique<CacheFill>(cache, governance_.cacheKey, governance_.cacheTtlMs);
}

void ChatCall::logRequest(int status, const QString& error) {
    if (recorder_.logged())
        return;
    if (tap_) {
        recorder_.noteUsage(tap_->usage());
        recorder_.noteOutputEvents(tap_->events());
    }
    // A provider bills what it answered, and what it read of a prompt whose caller left
    // while it was at work.
    const bool billed = committed_ || (status == 499 && (callId_ != 0 || local_));
    recorder_.finish(status, error, now() - startedMs_, target_, trail_, billed);
    // A complete answer is kept for the next to ask the same; the last bytes still go out.
    if (fill_ && status >= 200 && status < 300 && !recorder_.record().truncated &&
        target_ != nullptr) {
        fill_->store(*providerFormat_, target_->label(), health_.clock().wallMs());
    }
    fill_.reset();
}

qint64 ChatCall::now() const {
    return health_.clock().monotonicMs();
}

HttpHeaders ChatCall::baseHeaders() const {
    HttpHeaders h;
    h.add("x-signalbox-request-id", requestId_);
    if (target_ != nullptr)
        h.add("x-signalbox-target", AttemptTrail::headerText(target_->label()));
    else if (!cachedTarget_.isEmpty())
        h.add("x-signalbox-target", AttemptTrail::headerText(cachedTarget_));
    h.add("x-signalbox-attempts", QByteArray::number(trail_.calls()));
    if (!trail_.attempts().empty())
        h.add("x-signalbox-trail", trail_.header());
    GovernanceHeaders::add(h, governance_, clientFormat_.name() == QLatin1String("anthropic"),
                           health_.clock().wallMs(), cachedAgeS_);
    if (!prepared_.dropped.isEmpty()) {
        QStringList dropped = prepared_.dropped;
        dropped.removeDuplicates();
        h.add("x-signalbox-dropped", dropped.join(QLatin1Char(',')).toUtf8());
    }
    return h;
}

void ChatCall::fail(const ApiError& error) {
    if (!exchange_->isOpen()) {
        logRequest(499, error.message);
        return;
    }
    HttpHeaders headers = baseHeaders();
    headers.add("content-type", "application/json");
    if (!error.retryAfter.isEmpty())
        headers.add("retry-after", error.retryAfter);
    // A spent budget or a request over the key's limit does not pass on a retry; the SDKs
    // that retry 429s read this.
    if (error.status == 429 && (error.code == "insufficient_quota" || error.retryAfter.isEmpty()))
        headers.add("x-should-retry", "false");
    const QByteArray body = clientFormat_.encodeError(error);
    recorder_.keepResponse(body);
    // Logged before the answer goes: a completed answer always has its record.
    logRequest(error.status, error.message);
    exchange_->respond(error.status, headers, body);
}

void ChatCall::serveCached(const CachedAnswer& answer, const ClientRequest& request) {
    cachedTarget_ = answer.target;
    cachedAgeS_ = std::max<qint64>(0, (health_.clock().wallMs() - answer.createdAtMs) / 1000);
    // Served: the log prices the answer's usage as what the hit saved.
    committed_ = true;
    recorder_.noteCacheHit(answer.target, answer.response.usage);
    recorder_.firstContent(now() - startedMs_);
    if (request.stream) {
        auto canonical = std::make_shared<ChatRequest>();
        ApiError error;
        if (!clientFormat_.decodeRequest(Json::parseValid(request.body), *canonical, error)) {
            committed_ = false;
            fail(error);
            return;
        }
        canonical->sourceFormat = &clientFormat_;
        prepared_.request = std::move(canonical);
        beginEventStream();
        events_ = ResponseEvents::fromResponse(answer.response);
        relayEvents();
        endEventStream();
        return;
    }
    HttpHeaders headers = baseHeaders();
    headers.add("content-type", "application/json");
    const QByteArray body = clientFormat_.encodeResponse(answer.response).serialize();
    recorder_.keepResponse(body);
    logRequest(200);
    exchange_->respond(200, headers, body);
}

void ChatCall::run(RoutePlan plan, CallPreparer prepare) {
    plan_ = std::move(plan);
    prepare_ = std::move(prepare);
    cursor_ = PlanCursor(plan_);
    std::weak_ptr<ChatCall> weak = weak_from_this();
    exchange_->setClientGoneHandler([weak] {
        if (auto self = weak.lock())
            self->onClientGone();
    });
    exchange_->setDrainedHandler([weak] {
        auto self = weak.lock();
        if (self && self->paused_) {
            self->paused_ = false;
            if (self->callId_ != 0)
                self->upstream_.resume(self->callId_);
        }
    });
    next();
}

void ChatCall::next() {
    const qint64 t = now();
    while (const ResolvedTarget* next = cursor_.target()) {
        const ResolvedTarget& target = *next;
        const auto passOver = [&](QByteArray outcome, const QString& why) {
            trail_.add({target.label(), {}, std::move(outcome), t - startedMs_, 0, why, false});
            cursor_.passOver();
        };
        if (cursor_.tries() == 0) {
            prepared_ = prepare_(target);
            if (prepared_.error) {
                // The request is at fault only if no target took it: after an earlier
                // target's failure, that failure is the one to answer with.
                if (!prepared_.skip && !failure_) {
                    target_ = &target;
                    fail(*prepared_.error);
                    return;
                }
                failure_ = Failure{*prepared_.error, {}, {}};
                passOver("unsupported", prepared_.error->message);
                continue;
            }
        }
        // A retry comes after the provider's wait (or chose to ignore it for another key).
        if (target.health != nullptr && !target.health->tryAcquire(t, cursor_.tries() > 0)) {
            const qint64 resting = target.health->restingForMs(t);
            if (resting > 0) {
                noteWait(restWaitMs_, resting);
                passOver("resting", tr("rate limited for %1 ms more").arg(resting));
            } else {
                noteWait(benchWaitMs_, target.health->benchedForMs(t));
                passOver("benched", tr("benched after repeated failures"));
            }
            continue;
        }
        const ProviderKey* key = nullptr;
        keyHealth_ = nullptr;
        const auto keys = snapshot_->providerKeys.find(target.provider->id);
        if (keys != snapshot_->providerKeys.end() && keys->second.size() > 1) {
            KeyRing& ring = health_.keys(target.provider->id);
            const int index = ring.pick(keys->second, t, &keyHealth_);
            if (index < 0) {
                if (target.health != nullptr)
                    target.health->recordAbandoned();
                noteWait(restWaitMs_, ring.waitMs(keys->second, t));
                passOver("keys_resting", tr("every key is rate limited or benched"));
                continue;
            }
            key = &keys->second[static_cast<size_t>(index)];
        } else if (keys != snapshot_->providerKeys.end() && !keys->second.empty()) {
            key = &keys->second.front();
        } else if (!target.provider->keyRefs.isEmpty()) {
            // Keys were named but none could be read. A provider with no keys at all is
            // called without one: local servers need none, and the others say so.
            if (target.health != nullptr)
                target.health->recordAbandoned();
            failure_ = Failure{missingKey(*target.provider), {}, {}};
            passOver("no_key", failure_->error.message);
            continue;
        }
        startAttempt(target, key);
        return;
    }
    answerFailure();
}

ApiError ChatCall::missingKey(const ProviderConfig& provider) const {
    const auto errors = snapshot_->keyErrors.find(provider.id);
    ApiError error;
    error.status = 500;
    error.kind = ApiError::Kind::Authentication;
    error.code = "provider_key_missing";
    error.message = tr("Provider '%1' has no usable API key: %2. Add the key or fix its "
                       "reference in the config.")
                        .arg(provider.id, errors != snapshot_->keyErrors.end()
                                              ? errors->second.join(QStringLiteral("; "))
                                              : QString());
    return error;
}

void ChatCall::answerFailure() {
    if (!exchange_->isOpen()) {
        logRequest(499, failure_ ? failure_->error.message : QString());
        return;
    }
    if (!failure_) {
        // Nothing was called: every target rests after a rate limit or is benched.
        ApiError error;
        const bool resting = restWaitMs_ >= 0;
        const qint64 wait = resting ? restWaitMs_ : std::max<qint64>(0, benchWaitMs_);
        error.retryAfter = QByteArray::number(std::max<qint64>(1, (wait + 999) / 1000));
        if (resting) {
            error.status = 429;
            error.kind = ApiError::Kind::RateLimited;
            error.code = "rate_limited";
            error.message =
                tr("Every target of this request is rate limited by its provider "
                   "(%1); try again in %2 s.")
                    .arg(QString::fromUtf8(trail_.header()), QString::fromLatin1(error.retryAfter));
        } else {
            error.status = 503;
            error.kind = ApiError::Kind::Overloaded;
            error.code = "no_target_available";
            error.message =
                tr("Every target of this request is benched after repeated "
                   "failures (%1); Signalbox tries again in %2 s.")
                    .arg(QString::fromUtf8(trail_.header()), QString::fromLatin1(error.retryAfter));
        }
        fail(error);
        return;
    }
    if (failure_->body.isEmpty()) {
        fail(failure_->error);
        return;
    }
    // The provider's own error, already in the client's format: as it was sent.
    HttpHeaders headers = baseHeaders();
    addForwarded(headers, failure_->headers, true);
    recorder_.keepResponse(failure_->body);
    logRequest(failure_->error.status, failure_->error.message);
    exchange_->respond(failure_->error.status, headers, failure_->body);
}

void ChatCall::startAttempt(const ResolvedTarget& target, const ProviderKey* key) {
    target_ = &target;
    const ProviderAdapter& adapter = *target.adapter;
    providerFormat_ = &adapter.chatFormat();
    const ProviderConfig& provider = *target.provider;
    cursor_.startTry();
    attemptStartMs_ = now();
    firstByteMs_ = -1;
    upstreamStatus_ = 0;
    upstreamOk_ = false;
    holding_ = false;
    streaming_ = false;
    atEventBoundary_ = true;
    collected_.clear();
    upstreamHeaders_.clear();
    decoder_.reset();
    encoder_.reset();
    events_.clear();
    tap_.reset();
    if (fill_)
        fill_->reset();
    trail_.add({target.label(),
                keyHealth_ != nullptr ? key->ref : QString(),
                {},
                attemptStartMs_ - startedMs_,
                0,
                {},
                true});

    UpstreamRequest request =
        adapter.prepare(prepared_.endpoint, provider,
                        key != nullptr ? QByteArrayView(key->secret) : QByteArrayView(),
                        target.model, prepared_.stream, exchange_->request().headers);
    request.body = prepared_.body;
    request.connectTimeoutMs = target.timeouts.connectMs;
    request.firstByteTimeoutMs = target.timeouts.firstByteMs;
    request.idleTimeoutMs = target.timeouts.idleMs;
    request.totalTimeoutMs = target.timeouts.totalMs;
    if (!request.body.isEmpty() && !request.headers.contains("content-type"))
        request.headers.add("Content-Type", "application/json");
    if (!request.headers.contains("accept")) {
        const QByteArrayView accept = exchange_->request().headers.value("accept");
        request.headers.add(
            "Accept",
            prepared_.mode == PreparedCall::Mode::PassThrough && !accept.isEmpty()
                ? accept.toByteArray()
                : QByteArray(prepared_.stream ? "text/event-stream" : "application/json"));
    }

    auto self = shared_from_this();
    UpstreamCallbacks callbacks{
        [self](int status, const HttpHeaders& h) { self->onHead(status, h); },
        [self](QByteArrayView data) { self->onData(data); },
        [self](const UpstreamResult& r) { self->onDone(r); }};
    local_ = adapter.newLocalResponder();
    if (local_) {
        local_->start(request, std::move(callbacks));
        return;
    }
    callId_ = upstream_.start(std::move(request), std::move(callbacks));
}

void ChatCall::settle(Verdict verdict) {
    TargetHealth* target = target_->health;
    if (verdict == Verdict::Success) {
        if (target != nullptr)
            target->recordSuccess(firstByteMs_ >= 0 ? firstByteMs_ : now() - attemptStartMs_);
        if (keyHealth_ != nullptr)
            keyHealth_->recordSuccess(0);
        return;
    }
    const QString& what = trail_.attempts().back().error;
    const BreakerConfig& breaker = snapshot_->config->breaker;
    if (target != nullptr) {
        if (verdict == Verdict::TargetFault)
            target->recordFailure(now(), breaker, what);
        else
            target->recordAbandoned();
    }
    if (keyHealth_ != nullptr) {
        if (verdict == Verdict::KeyFault)
            keyHealth_->recordFailure(now(), breaker, what);
        else
            keyHealth_->recordAbandoned();
    }
}

void ChatCall::attemptFailed(ApiError error, bool transport) {
    cancelUpstream();
    // Providers quote the key they were sent ("Incorrect API key provided: …").
    SecretMask::apply(error.message, *snapshot_);
    if (error.retryAfter.isEmpty())
        error.retryAfter = upstreamHeaders_.value("retry-after").toByteArray();
    Attempt* attempt = trail_.last();
    attempt->outcome = outcomeOf(error, transport);
    attempt->durationMs = now() - attemptStartMs_;
    attempt->error = error.message;

    const FailureAction action =
        classifyFailure(error, transport, *target_->adapter, plan_.retryOn);
    std::optional<qint64> asked;
    if (action == FailureAction::Retry || action == FailureAction::FallOver) {
        asked = RetryAfter::fromHeaders(upstreamHeaders_, health_.clock().wallMs());
        if (!asked && !error.retryAfter.isEmpty())
            asked = RetryAfter::parseValue(error.retryAfter, health_.clock().wallMs());
        // A rate-limited key rests until the provider's time; with one key, the target.
        TargetHealth* rests = keyHealth_ != nullptr ? keyHealth_ : target_->health;
        if (asked && rests != nullptr)
            rests->restUntil(now() + *asked);
    }
    // A rejected or exhausted key is that key's fault, not the model's its other keys
    // reach (with one key, the two are one). Otherwise a failure that moves the call on is
    // the target's; one that the request caused says nothing of either.
    const bool keyFault = keyHealth_ != nullptr &&
                          (error.status == 401 || error.status == 403 || error.status == 429);
    const bool targetFault = action == FailureAction::Retry || action == FailureAction::FallOver;
    settle(keyFault ? Verdict::KeyFault : targetFault ? Verdict::TargetFault : Verdict::NoVerdict);
    // The provider's own error body goes back as it is when it is in the client's format.
    const bool verbatim = prepared_.mode == PreparedCall::Mode::PassThrough && !transport &&
                          upstreamStatus_ >= 400 && !collected_.isEmpty() &&
                          collected_.size() < kMaxErrorBytes;  // a cut body is not JSON
    QByteArray body = verbatim ? collected_ : QByteArray();
    SecretMask::apply(body, *snapshot_);
    failure_ = Failure{error, std::move(body), upstreamHeaders_};

    const double jitter = std::uniform_real_distribution<double>(0, 1)(random_);
    // Another key would not have to wait for the provider's time.
    const PlanCursor::Turn turn =
        cursor_.afterFailure(action, jitter, keyHealth_ == nullptr ? asked : std::nullopt);
    if (turn.move == PlanCursor::Move::Answer) {
        answerFailure();
        return;
    }
    proceed(turn.delayMs);
}

void ChatCall::proceed(qint64 delayMs) {
    // Never from inside the finished call's callbacks: the next call starts afresh.
    auto self = shared_from_this();
    QTimer::singleShot(std::chrono::milliseconds(delayMs), &upstream_, [self] {
        if (self->exchange_->isOpen())
            self->next();
    });
}

void ChatCall::onClientGone() {
    if (recorder_.logged())
        return;
    // An answer the client had begun to read ends short of its end.
    if (committed_)
        recorder_.markTruncated();
    const bool inFlight = callId_ != 0 || local_;
    if (inFlight && !committed_) {
        Attempt* attempt = trail_.last();
        attempt->outcome = "client_gone";
        attempt->durationMs = now() - attemptStartMs_;
        attempt->error = tr("the client closed the connection");
    }
    logRequest(499, committed_ ? tr("The client closed the connection before the answer ended.")
                               : tr("The client closed the connection before an answer came."));
    if (inFlight) {
        // The attempt under way ends without a verdict.
        if (target_ != nullptr && !committed_)
            settle(Verdict::NoVerdict);
        cancelUpstream();
    }
}

void ChatCall::cancelUpstream() {
    if (callId_ != 0) {
        upstream_.cancel(callId_);
        callId_ = 0;
    }
    if (local_) {
        local_->cancel();
        local_.reset();
    }
}

void ChatCall::commit() {
    committed_ = true;
    Attempt* attempt = trail_.last();
    attempt->outcome = "ok";
    attempt->durationMs = now() - attemptStartMs_;
    settle(Verdict::Success);
    // No other target will be asked: what was kept to ask them goes (a long stream
    // should not hold the request it no longer needs).
    prepare_ = nullptr;
    prepared_.body = QByteArray();
}

void ChatCall::onHead(int status, const HttpHeaders& upstreamHeaders) {
    // Cancelling drops the callbacks that own this call: stay alive until we return.
    const auto keep = shared_from_this();
    firstByteMs_ = now() - attemptStartMs_;
    upstreamStatus_ = status;
    upstreamOk_ = status >= 200 && status < 300;
    const bool eventStream = isEventStream(upstreamHeaders);
    const PreparedCall::Mode mode = prepared_.mode;
    if (upstreamOk_ && !eventStream && mode == PreparedCall::Mode::PassThrough) {
        // A whole answer in the client's format: relay it as it comes.
        commit();
        HttpHeaders headers = baseHeaders();
        addForwarded(headers, upstreamHeaders, true);
        bool known = false;
        const qint64 length = upstreamHeaders.value("content-length").toLongLong(&known);
        wholeLeft_ = known ? length : -1;
        exchange_->beginStream(status, headers, known ? length : -1);
        // A body of known length is ready at the provider: the head goes with its first
        // bytes. One of unknown length may be a while coming: the answer has begun.
        if (!known)
            exchange_->flush();
        return;
    }
    // Kept for what comes after: the route's decision on an error, the head sent later.
    upstreamHeaders_ = upstreamHeaders;
    if (!upstreamOk_)
        return;  // the error body is read first, then the route decides
    if (eventStream && (mode == PreparedCall::Mode::PassThrough ||
                        (mode == PreparedCall::Mode::Translate && prepared_.request->stream))) {
        // Held until content arrives: an error before it may still fall over.
        holding_ = true;
        decoder_ = providerFormat_->newStreamDecoder();
        if (mode == PreparedCall::Mode::PassThrough)
            tap_.emplace(*providerFormat_, cutUsage_);
    }
    // Otherwise the whole answer is read first, then translated.
}

void ChatCall::beginEventStream() {
    encoder_ = clientFormat_.newStreamEncoder(*prepared_.request);
    HttpHeaders headers = baseHeaders();
    addForwarded(headers, upstreamHeaders_, false);
    headers.add("content-type", "text/event-stream; charset=utf-8");
    headers.add("cache-control", "no-cache");
    exchange_->beginStream(200, headers);
}

void ChatCall::endEventStream() {
    encoder_->finish(out_);
    recorder_.keepResponse(out_);
    logRequest(200);
    exchange_->write(out_);
    out_.clear();
    exchange_->end();
}

// The start of a stream, before any content: watched for an early error, then sent.
void ChatCall::holdEvents(QByteArrayView data) {
    const bool passThrough = prepared_.mode == PreparedCall::Mode::PassThrough;
    if (passThrough)
        collected_.append(data);
    const size_t seen = events_.size();
    const bool readable = decoder_->feed(data, events_);
    bool content = false;
    for (size_t i = seen; i < events_.size(); ++i) {
        const StreamEvent& event = events_[i];
        if (event.type == StreamEvent::Type::Error) {
            attemptFailed(event.error, false);
            return;
        }
        content = content || isContent(event);
    }
    if (!readable) {
        attemptFailed(badResponse("upstream_bad_response",
                                  tr("The provider for '%1' sent a stream that cannot be read.")
                                      .arg(target_->label())),
                      false);
        return;
    }
    if (!content && collected_.size() < kMaxHeldBytes &&
        events_.size() < static_cast<size_t>(kMaxHeldBytes / 64)) {
        return;
    }
    releaseHeld();
    pauseIfBehind();
}

void ChatCall::releaseHeld() {
    // The answer has begun: it is this target's now.
    holding_ = false;
    streaming_ = true;
    commit();
    recorder_.firstContent(now() - startedMs_);
    if (prepared_.mode != PreparedCall::Mode::PassThrough) {
        beginEventStream();
        relayEvents();
        return;
    }
    HttpHeaders headers = baseHeaders();
    addForwarded(headers, upstreamHeaders_, true);
    headers.add("cache-control", "no-cache");
    exchange_->beginStream(upstreamStatus_, headers);
    writePassThrough(collected_);
    collected_ = QByteArray();
    events_ = {};
    upstreamHeaders_ = {};
    decoder_.reset();  // relayed byte for byte from here on
}

void ChatCall::onData(QByteArrayView data) {
    const auto keep = shared_from_this();
    if (holding_) {
        holdEvents(data);
        return;
    }
    if (streaming_) {
        if (prepared_.mode == PreparedCall::Mode::PassThrough) {
            writePassThrough(data);
            pauseIfBehind();
            return;
        }
        // An unreadable stream leaves an Error as its last event: relay up to it.
        const bool readable = decoder_->feed(data, events_);
        if (!relayEvents() || !readable) {
            cancelUpstream();
            recorder_.markTruncated();
            logRequest(200, tr("The provider for '%1' sent a stream that cannot be read.")
                                .arg(target_->label()));
            exchange_->end();
            return;
        }
        pauseIfBehind();
        return;
    }
    if (committed_) {  // a whole pass-through answer
        recorder_.copyWhole(data);
        if (fill_)
            fill_->wholeBytes(data);
        // With its length known, the client has it all with these bytes: log it first.
        if (wholeLeft_ >= 0 && (wholeLeft_ -= data.size()) <= 0)
            logWhole();
        exchange_->write(data);
        pauseIfBehind();
        return;
    }
    if (!upstreamOk_ && collected_.size() + data.size() > kMaxErrorBytes) {
        collected_.append(data.first(kMaxErrorBytes - collected_.size()));
        cancelUpstream();
        errorAnswered();
        return;
    }
    if (collected_.size() + data.size() > kMaxCollectedBytes) {
        attemptFailed(badResponse("upstream_response_too_large",
                                  tr("The provider for '%1' sent an answer larger than %2 MiB.")
                                      .arg(target_->label())
                                      .arg(kMaxCollectedBytes / (1024 * 1024))),
                      false);
        return;
    }
    collected_.append(data);
}

bool ChatCall::relayEvents() {
    const StreamEvent* failed = nullptr;
    for (const StreamEvent& event : events_) {
        if (event.type == StreamEvent::Type::Error) {
            ApiError error = event.error;
            SecretMask::apply(error.message, *snapshot_);
            encoder_->fail(error, out_);
            failed = &event;
            break;
        }
        recorder_.noteEvent(event);
        if (fill_)
            fill_->event(event);
        encoder_->encode(event, out_);
    }
    if (failed != nullptr) {
        // The client has part of the answer; the stream ends with the provider's error.
        recorder_.markTruncated();
        logRequest(200, failed->error.message);
    }
    events_.clear();
    if (!out_.isEmpty()) {
        recorder_.keepResponse(out_);
        exchange_->write(out_);
        out_.clear();
    }
    return failed == nullptr;
}

void ChatCall::writePassThrough(QByteArrayView data) {
    if (fill_)
        fill_->streamBytes(*providerFormat_, data);
    const QByteArrayView out = tap_->feed(data, tapScratch_);
    if (out.isEmpty())
        return;
    QByteArrayView sent = out;
    QByteArray masked;
    if (tap_->failed()) {
        // The provider's own error event ends what the client got of the answer; its
        // message may quote the key the provider was sent.
        recorder_.markTruncated();
        logRequest(upstreamStatus_, tap_->failure());
        masked = out.toByteArray();
        SecretMask::apply(masked, *snapshot_);
        sent = masked;
    } else if (tap_->ended()) {
        logRequest(upstreamStatus_);  // before the client has the whole answer
    }
    atEventBoundary_ = sent.endsWith("\n\n");
    recorder_.keepResponse(sent);
    exchange_->write(sent);
}

void ChatCall::endPassThrough() {
    writePassThrough(tap_->rest());
    logRequest(upstreamStatus_);
    exchange_->end();
}

void ChatCall::pauseIfBehind() {
    if (!paused_ && callId_ != 0 && exchange_->pendingBytes() > kHighWaterBytes) {
        paused_ = true;
        upstream_.pause(callId_);
    }
}

ApiError ChatCall::transportError(const UpstreamResult& result) const {
    ApiError error;
    const QString where = target_->label();
    if (result.timedOut && !result.connectFailed) {
        error.status = 504;
        error.kind = ApiError::Kind::Timeout;
        error.code = "upstream_timeout";
        error.message = tr("Provider for '%1' timed out: %2").arg(where, result.message);
    } else if (result.connectFailed || firstByteMs_ < 0) {
        error.status = 502;
        error.kind = ApiError::Kind::Unreachable;
        error.code = "upstream_unreachable";
        error.message = tr("Could not reach the provider for '%1': %2").arg(where, result.message);
    } else {
        error = badResponse(
            "stream_interrupted",
            tr("The provider for '%1' broke off the answer: %2").arg(where, result.message));
    }
    return error;
}

void ChatCall::onDone(const UpstreamResult& result) {
    const auto keep = shared_from_this();
    callId_ = 0;
    local_.reset();
    if (!exchange_->isOpen())
        return;
    if (streaming_) {
        finishStream(result);
        return;
    }
    if (committed_) {  // a whole pass-through answer
        if (result.ok()) {
            logWhole();
            exchange_->end();
        } else {
            if (!recorder_.logged())
                recorder_.markTruncated();
            logWhole(tr("The provider for '%1' broke off the answer: %2")
                         .arg(target_->label(), result.message));
            exchange_->abort();  // cut short: let the client see it broke
        }
        return;
    }
    if (!result.ok()) {
        const ApiError error = transportError(result);
        attemptFailed(error, error.kind != ApiError::Kind::BadResponse);
        return;
    }
    if (holding_) {
        // The stream ended before any content: an empty answer when it ended properly.
        const bool complete = decoder_->finish(events_);
        for (const StreamEvent& event : events_) {
            if (event.type == StreamEvent::Type::Error) {
                attemptFailed(event.error, false);
                return;
            }
        }
        if (!complete) {
            attemptFailed(badResponse("stream_interrupted",
                                      tr("The provider for '%1' ended the stream before any "
                                         "content.")
                                          .arg(target_->label())),
                          false);
            return;
        }
        releaseHeld();
        if (prepared_.mode == PreparedCall::Mode::PassThrough) {
            endPassThrough();
        } else {
            endEventStream();
        }
        return;
    }
    if (!upstreamOk_) {
        errorAnswered();
        return;
    }
    finishWhole();
}

void ChatCall::errorAnswered() {
    if (upstreamStatus_ < 200 || (upstreamStatus_ >= 300 && upstreamStatus_ < 400)) {
        // Redirects and interim answers are not answers: the base URL is likely wrong.
        attemptFailed(badResponse("upstream_bad_response",
                                  tr("The provider for '%1' answered with HTTP status %2 "
                                     "instead of an answer; check its base_url.")
                                      .arg(target_->label())
                                      .arg(upstreamStatus_)),
                      false);
        return;
    }
    attemptFailed(providerFormat_->decodeError(upstreamStatus_, collected_), false);
}

void ChatCall::finishWhole() {
    ApiError error;
    std::optional<QByteArray> body;
    if (prepared_.mode == PreparedCall::Mode::Mapped) {
        body = prepared_.mapper(collected_, error);
        if (body)
            recorder_.readUsage(*providerFormat_, collected_);
    } else {
        QString parseError;
        const std::optional<Json> json = Json::parse(collected_, &parseError);
        ChatResponse response;
        if (!json) {
            error.message =
                tr("The provider for '%1' answered with something that is not "
                   "JSON (%2): %3")
                    .arg(target_->label(), parseError, QString::fromUtf8(collected_.left(120)));
        } else if (providerFormat_->decodeResponse(*json, response, error)) {
            commit();
            if (fill_)
                fill_->whole(response);
            recorder_.noteUsage(response.usage);
            for (const ContentPart& part : response.content)
                recorder_.noteOutputBytes(part.text.size() + part.arguments.size());
            if (prepared_.request->stream) {
                replayAsStream(response);
                return;
            }
            body = clientFormat_.encodeResponse(response).serialize();
        }
    }
    if (!body) {
        error.status = 502;
        error.kind = ApiError::Kind::BadResponse;
        if (error.code.isEmpty())
            error.code = "upstream_bad_response";
        attemptFailed(error, false);
        return;
    }
    if (!committed_)
        commit();
    HttpHeaders headers = baseHeaders();
    addForwarded(headers, upstreamHeaders_, false);
    headers.add("content-type", "application/json");
    recorder_.keepResponse(*body);
    logRequest(200);
    exchange_->respond(200, headers, *body);
}

void ChatCall::replayAsStream(const ChatResponse& response) {
    recorder_.firstContent(now() - startedMs_);
    beginEventStream();
    events_ = ResponseEvents::fromResponse(response);
    relayEvents();
    endEventStream();
}

void ChatCall::finishStream(const UpstreamResult& result) {
    if (prepared_.mode == PreparedCall::Mode::PassThrough) {
        if (result.ok()) {
            endPassThrough();
            return;
        }
        // Bytes already reached the client: say so in the stream, never end it cleanly.
        if (!atEventBoundary_)
            exchange_->write("\n\n");  // end the half-sent event so ours parses on its own
        ApiError error = transportError(result);
        error.code = "stream_interrupted";
        error.message = tr("The provider for '%1' broke off the stream: %2")
                            .arg(target_->label(), result.message);
        failStream(error);
        return;
    }
    const bool complete = result.ok() && decoder_->finish(events_);
    if (!relayEvents()) {
        exchange_->end();  // the provider's own error event already went out
        return;
    }
    if (complete) {
        endEventStream();
        return;
    }
    ApiError error = result.ok() ? ApiError{} : transportError(result);
    error.status = 502;
    error.code = "stream_interrupted";
    error.message = result.ok() ? tr("The provider for '%1' ended the stream before the answer "
                                     "was complete.")
                                      .arg(target_->label())
                                : tr("The provider for '%1' broke off the stream: %2")
                                      .arg(target_->label(), result.message);
    failStream(error);
}

void ChatCall::failStream(const ApiError& error) {
    std::unique_ptr<StreamEncoder> oneOff;
    StreamEncoder* encoder = encoder_.get();
    if (encoder == nullptr) {
        oneOff =
            clientFormat_.newStreamEncoder(prepared_.request ? *prepared_.request : ChatRequest{});
        encoder = oneOff.get();
    }
    encoder->fail(error, out_);
    recorder_.keepResponse(out_);
    recorder_.markTruncated();
    logRequest(200, error.message);
    exchange_->write(out_);
    out_.clear();
    exchange_->end();
}

}  // namespace signalbox
