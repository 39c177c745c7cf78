#pragma once

#include "api/CacheFill.h"
#include "api/CallGovernance.h"
#include "api/CallRecorder.h"
#include "api/PreparedCall.h"
#include "api/StreamUsageTap.h"
#include "engine/ProxySnapshot.h"
#include "http/UpstreamClient.h"
#include "providers/ApiError.h"
#include "providers/ChatResponse.h"
#include "providers/LocalResponder.h"
#include "providers/StreamEvent.h"
#include "routing/AttemptTrail.h"
#include "routing/PlanCursor.h"
#include "routing/RoutePlan.h"

#include <QByteArray>

#include <memory>
#include <optional>
#include <random>

namespace signalbox {

class ChatFormat;
class HealthBoard;
class ResponseCache;
struct CachedAnswer;
class HttpExchange;
class RequestLog;
class StreamDecoder;
class StreamEncoder;
class TargetHealth;

// One proxied request, tried on the targets of its RoutePlan until one serves it:
// retries with jittered backoff and the provider's Retry-After, falls over on what the
// route's triggers name, skips benched targets and resting keys, and records every
// attempt. Nothing reaches the client until an answer is chosen: a stream's head is held
// until its first content, so a stream that fails before that still falls over. Once
// bytes went out, a failure ends the stream with an error event in the client's format.
// Errors reach the client in its own format, the provider's message kept. However it
// ends (answered, failed, cut short, or left by its client) the call logs it once, before
// the client has the whole answer (see CallRecorder). Owns itself through the upstream
// callbacks and timers.
class ChatCall : public std::enable_shared_from_this<ChatCall> {
public:
    ChatCall(std::shared_ptr<HttpExchange> exchange, std::shared_ptr<const ProxySnapshot> snapshot,
             UpstreamClient& upstream, HealthBoard& health, std::mt19937& random, RequestLog& log,
             QByteArray requestId, const ChatFormat& clientFormat, QByteArray surface);
    // Logs the request if nothing else did: as left by its client.
    ~ChatCall();

    // What the log keeps of the client's request, once it was read.
    void describe(const ClientRequest& request) { recorder_.describe(request); }
    // Pass-through OpenAI streams: the gateway asked the provider for usage the client
    // did not ask for, so the chunk that carries it is cut from the client's stream.
    void cutAddedUsage() { cutUsage_ = true; }
    // What governance decided (RequestGate): the key, its meter's ticket, the cache.
    void govern(CallGovernance governance, ResponseCache& cache);
    void run(RoutePlan plan, CallPreparer prepare);
    // Answers from the cache: whole, or as a stream when the client streams.
    void serveCached(const CachedAnswer& answer, const ClientRequest& request);
    // Answers the client with `error` before any upstream call.
    void fail(const ApiError& error);

private:
    // The last failure, to answer with once no target is left.
    struct Failure {
        ApiError error;
        QByteArray body;  // the provider's own error body when it is in the client's format
        HttpHeaders headers;
    };

    // What an attempt says of the target's and the key's health.
    enum class Verdict { Success, TargetFault, KeyFault, NoVerdict };

    void next();
    ApiError missingKey(const ProviderConfig& provider) const;
    void startAttempt(const ResolvedTarget& target, const ProviderKey* key);
    void attemptFailed(ApiError error, bool transport);
    // Tries the target again after the backoff, or the provider's wait when longer.
    void proceed(qint64 delayMs);  // next() from the event loop
    void answerFailure();
    void commit();  // this attempt serves the request
    void settle(Verdict verdict);
    void onClientGone();
    void cancelUpstream();
    void onHead(int status, const HttpHeaders& headers);
    void onData(QByteArrayView data);
    void onDone(const UpstreamResult& result);
    void holdEvents(QByteArrayView data);
    void releaseHeld();  // sends what was held and relays the rest as it comes
    bool relayEvents();  // false when the stream failed and the client was told
    void errorAnswered();
    void finishWhole();
    void replayAsStream(const ChatResponse& response);
    void beginEventStream();  // the client's stream head; encoder_ made for it
    void endEventStream();    // the format's clean end
    void finishStream(const UpstreamResult& result);
    void failStream(const ApiError& error);
    void pauseIfBehind();
    ApiError transportError(const UpstreamResult& result) const;
    HttpHeaders baseHeaders() const;
    // The provider's response headers worth passing on (its rate limits only when the
    // client's key has none of its own).
    void addForwarded(HttpHeaders& out, const HttpHeaders& upstream, bool sameFormat) const;
    qint64 now() const;
    // Logs the request, once: `status` as the client got it.
    void logRequest(int status, const QString& error = {});
    // Sends `data` of a pass-through stream, through the usage tap.
    void writePassThrough(QByteArrayView data);
    void endPassThrough();  // a pass-through stream's clean end
    // Logs a whole pass-through answer with the usage read from its copy.
    void logWhole(const QString& error = {});

    std::shared_ptr<HttpExchange> exchange_;
    std::shared_ptr<const ProxySnapshot> snapshot_;  // keeps the targets' config alive
    UpstreamClient& upstream_;
    HealthBoard& health_;
    std::mt19937& random_;
    QByteArray requestId_;
    const ChatFormat& clientFormat_;
    CallRecorder recorder_;
    CallGovernance governance_;
    std::unique_ptr<CacheFill> fill_;  // a cache miss: the answer is kept for the next
    QString cachedTarget_;             // a cache hit: what made the answer
    qint64 cachedAgeS_ = -1;           // and how long ago
    bool cutUsage_ = false;
    std::optional<StreamUsageTap> tap_;  // pass-through streams
    QByteArray tapScratch_;
    qint64 wholeLeft_ = -1;  // bytes of a whole pass-through answer still to come, if known

    // The route.
    RoutePlan plan_;
    CallPreparer prepare_;
    PlanCursor cursor_{plan_};  // where the call stands in plan_
    qint64 startedMs_ = 0;      // when the request arrived, monotonic
    qint64 restWaitMs_ = -1;    // the soonest a resting target passed over may take calls
    qint64 benchWaitMs_ = -1;   // the soonest a benched one may
    AttemptTrail trail_;
    std::optional<Failure> failure_;

    // The current attempt.
    const ResolvedTarget* target_ = nullptr;
    PreparedCall prepared_;
    const ChatFormat* providerFormat_ = nullptr;
    TargetHealth* keyHealth_ = nullptr;  // when the provider has several keys
    qint64 attemptStartMs_ = 0;
    qint64 firstByteMs_ = -1;
    UpstreamClient::CallId callId_ = 0;
    LocalResponder::Ptr local_;  // providers that answer in-process
    int upstreamStatus_ = 0;
    bool upstreamOk_ = false;  // 2xx
    bool holding_ = false;     // a stream's head and first events wait for content
    bool committed_ = false;   // the client has our answer's head
    bool streaming_ = false;   // relaying an event stream as it comes
    bool paused_ = false;
    bool atEventBoundary_ = true;  // pass-through: the last byte out ended an SSE event
    QByteArray collected_;         // held stream bytes, whole answers and error bodies
    HttpHeaders upstreamHeaders_;
    std::unique_ptr<StreamDecoder> decoder_;
    std::unique_ptr<StreamEncoder> encoder_;
    std::vector<StreamEvent> events_;
    QByteArray out_;
};

}  // namespace signalbox
