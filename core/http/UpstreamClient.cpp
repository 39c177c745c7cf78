#include "http/UpstreamClient.h"

#include <QSocketNotifier>

#include <curl/curl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <vector>

namespace signalbox {

namespace {
constexpr long kReceiveBufferBytes = 8 * 1024;
}  // namespace

struct UpstreamClient::Call {
    CallId id = 0;
    CURL* easy = nullptr;
    curl_slist* headerList = nullptr;
    UpstreamRequest request;
    UpstreamCallbacks callbacks;
    int status = 0;
    HttpHeaders responseHeaders;
    bool headDelivered = false;
    bool cancelled = false;
    bool paused = false;  // we stopped reading: the silence is ours, not the provider's
    std::chrono::steady_clock::time_point lastActivity;  // the start, then the last byte in
    char errorBuffer[CURL_ERROR_SIZE] = {};
};

struct UpstreamClient::SocketWatch {
    QSocketNotifier* read = nullptr;
    QSocketNotifier* write = nullptr;
    // libcurl stopped watching it (a connection back in its pool). Its read notifier
    // stays on until it fires: a pooled connection is silent until the provider closes
    // it, and turning notifiers off and on again per request is not free.
    bool parked = false;
};

// libcurl's C callbacks.
struct UpstreamCurlGlue {
    static CURLM* multi(UpstreamClient* c) { return static_cast<CURLM*>(c->multi_); }

    static int onSocket(CURL*, curl_socket_t fd, int what, void* userp, void* socketp) {
        auto* client = static_cast<UpstreamClient*>(userp);
        auto* watch = static_cast<UpstreamClient::SocketWatch*>(socketp);
        if (what == CURL_POLL_REMOVE) {
            if (!watch)
                return 0;
            curl_multi_assign(multi(client), fd, nullptr);
            if (client->connectionSockets_.count(fd) == 0) {
                client->forgetSocket(fd);  // closed without telling us
            } else {
                watch->parked = true;
                watch->write->setEnabled(false);  // a socket is writable nearly always
            }
            return 0;
        }
        if (!watch) {
            const auto it = client->watches_.find(fd);
            if (it != client->watches_.end()) {
                watch = it->second;
            } else {
                watch = new UpstreamClient::SocketWatch;
                watch->read = new QSocketNotifier(fd, QSocketNotifier::Read, client);
                watch->write = new QSocketNotifier(fd, QSocketNotifier::Write, client);
                watch->read->setEnabled(false);
                watch->write->setEnabled(false);
                QObject::connect(watch->read, &QSocketNotifier::activated, client,
                                 [client, fd] { client->onReadable(fd); });
                QObject::connect(watch->write, &QSocketNotifier::activated, client,
                                 [client, fd] { client->onSocketEvent(fd, CURL_CSELECT_OUT); });
                client->watches_.emplace(fd, watch);
            }
            watch->parked = false;
            curl_multi_assign(multi(client), fd, watch);
        }
        watch->read->setEnabled((what & CURL_POLL_IN) != 0);
        watch->write->setEnabled((what & CURL_POLL_OUT) != 0);
        return 0;
    }

    static curl_socket_t onOpenSocket(void* clientp, curlsocktype, curl_sockaddr* address) {
        const int fd =
            ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
        if (fd < 0)
            return CURL_SOCKET_BAD;
        static_cast<UpstreamClient*>(clientp)->connectionSockets_.insert(fd);
        return fd;
    }

    static int onCloseSocket(void* clientp, curl_socket_t fd) {
        auto* client = static_cast<UpstreamClient*>(clientp);
        client->connectionSockets_.erase(fd);
        client->forgetSocket(fd);
        return ::close(fd);
    }

    static int onTimer(CURLM*, long timeoutMs, void* userp) {
        auto* client = static_cast<UpstreamClient*>(userp);
        if (timeoutMs < 0) {
            client->timer_.stop();
        } else {
            client->timer_.start(static_cast<int>(timeoutMs));
        }
        return 0;
    }

    static void deliverHead(UpstreamClient::Call* call) {
        if (call->headDelivered)
            return;
        call->headDelivered = true;
        if (call->callbacks.onHead)
            call->callbacks.onHead(call->status, call->responseHeaders);
    }

    static size_t onHeader(char* buffer, size_t size, size_t count, void* userdata) {
        auto* call = static_cast<UpstreamClient::Call*>(userdata);
        const size_t n = size * count;
        if (call->cancelled)
            return 0;
        call->lastActivity = std::chrono::steady_clock::now();
        const QByteArrayView line(buffer, static_cast<qsizetype>(n));
        if (line.startsWith("HTTP/")) {
            // A new header block: an interim 1xx response or the final one.
            const qsizetype sp = line.indexOf(' ');
            call->status =
                sp > 0 ? line.sliced(sp + 1, std::min<qsizetype>(3, line.size() - sp - 1)).toInt()
                       : 0;
            call->responseHeaders.clear();
            return n;
        }
        const QByteArrayView trimmed = line.trimmed();
        if (trimmed.isEmpty()) {
            if (call->status >= 200)
                deliverHead(call);
            return call->cancelled ? 0 : n;
        }
        const qsizetype colon = trimmed.indexOf(':');
        if (colon > 0) {
            call->responseHeaders.add(trimmed.first(colon).trimmed().toByteArray(),
                                      trimmed.sliced(colon + 1).trimmed().toByteArray());
        }
        return n;
    }

    static size_t onWrite(char* data, size_t size, size_t count, void* userdata) {
        auto* call = static_cast<UpstreamClient::Call*>(userdata);
        const size_t n = size * count;
        if (call->cancelled)
            return 0;
        call->lastActivity = std::chrono::steady_clock::now();
        deliverHead(call);
        if (call->cancelled)
            return 0;
        if (call->callbacks.onData)
            call->callbacks.onData(QByteArrayView(data, static_cast<qsizetype>(n)));
        return call->cancelled ? 0 : n;
    }
};

void UpstreamClient::initGlobal() {
    static std::once_flag once;
    std::call_once(once, [] {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        // Hands libcurl's TLS state back at exit, so leak checkers see only our own.
        std::atexit([] { curl_global_cleanup(); });
    });
}

UpstreamClient::UpstreamClient(QObject* parent) : QObject(parent) {
    initGlobal();
    CURLM* m = curl_multi_init();
    multi_ = m;
    curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, &UpstreamCurlGlue::onSocket);
    curl_multi_setopt(m, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, &UpstreamCurlGlue::onTimer);
    curl_multi_setopt(m, CURLMOPT_TIMERDATA, this);
    // No cap per host or in total: LLM calls last seconds, a cap would queue them.
    curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, 0L);
    curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, 0L);
    // Idle connections kept per worker for reuse: a burst of streams beyond them opens new
    // ones, and closes them after, instead of holding their memory (TLS state) idle.
    curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, 256L);
    curl_multi_setopt(m, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, &UpstreamClient::onTimeout);
    // One sweep for all calls of this worker: a per-call timer restarted on every
    // chunk would churn the event loop's timer list on the hot path.
    stallSweep_.setInterval(kStallSweepMs);
    connect(&stallSweep_, &QTimer::timeout, this, &UpstreamClient::sweepStalled);
}

UpstreamClient::~UpstreamClient() {
    for (auto& [id, call] : calls_) {
        curl_multi_remove_handle(static_cast<CURLM*>(multi_), call->easy);
        curl_easy_cleanup(call->easy);
        curl_slist_free_all(call->headerList);
        delete call;
    }
    calls_.clear();
    for (void* e : idleHandles_)
        curl_easy_cleanup(static_cast<CURL*>(e));
    curl_multi_cleanup(static_cast<CURLM*>(multi_));
    // Sockets closed in the cleanup are forgotten; the notifiers are children.
    for (auto& [fd, watch] : watches_)
        delete watch;
}

void UpstreamClient::onReadable(int fd) {
    const auto it = watches_.find(fd);
    if (it == watches_.end())
        return;
    if (it->second->parked) {
        it->second->read->setEnabled(false);  // a pooled connection closed, or noise
        return;
    }
    onSocketEvent(fd, CURL_CSELECT_IN);
}

void UpstreamClient::forgetSocket(int fd) {
    const auto it = watches_.find(fd);
    if (it == watches_.end())
        return;
    SocketWatch* watch = it->second;
    watches_.erase(it);
    // We may be inside one of these notifiers' signals: disable now, delete later.
    for (QSocketNotifier* n : {watch->read, watch->write}) {
        n->setEnabled(false);
        n->deleteLater();
    }
    delete watch;
}

UpstreamClient::CallId UpstreamClient::start(UpstreamRequest request, UpstreamCallbacks callbacks) {
    auto* call = new Call;
    call->id = nextId_++;
    call->request = std::move(request);
    call->callbacks = std::move(callbacks);
    CURL* e = nullptr;
    if (idleHandles_.empty()) {
        e = curl_easy_init();
    } else {
        // A reused handle skips the allocation and set-up of a fresh one.
        e = static_cast<CURL*>(idleHandles_.back());
        idleHandles_.pop_back();
        curl_easy_reset(e);
    }
    call->easy = e;
    const UpstreamRequest& r = call->request;
    curl_easy_setopt(e, CURLOPT_URL, r.url.constData());
    curl_easy_setopt(e, CURLOPT_PRIVATE, call);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(r.connectTimeoutMs));
    if (r.totalTimeoutMs > 0) {
        curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(r.totalTimeoutMs));
    }
    // libcurl's receive buffer, one per call in flight: its 16 KiB default is most of a
    // stream's memory, while an SSE event is a few hundred bytes (nginx reads an upstream
    // with one page, 4 or 8 KiB, too).
    curl_easy_setopt(e, CURLOPT_BUFFERSIZE, kReceiveBufferBytes);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, call->errorBuffer);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &UpstreamCurlGlue::onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, call);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &UpstreamCurlGlue::onWrite);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, call);
    // The connection this call opens (if it opens one) opens and closes through us.
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &UpstreamCurlGlue::onOpenSocket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, this);
    curl_easy_setopt(e, CURLOPT_CLOSESOCKETFUNCTION, &UpstreamCurlGlue::onCloseSocket);
    curl_easy_setopt(e, CURLOPT_CLOSESOCKETDATA, this);
    for (const auto& [name, value] : r.headers.fields()) {
        const QByteArray line = name + ": " + value;
        call->headerList = curl_slist_append(call->headerList, line.constData());
    }
    // A large body must not wait a second for "100 Continue".
    call->headerList = curl_slist_append(call->headerList, "Expect:");
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, call->headerList);
    if (r.method == "POST") {
        curl_easy_setopt(e, CURLOPT_POST, 1L);
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.constData());
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
    } else if (r.method == "GET") {
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method.constData());
        if (!r.body.isEmpty()) {
            curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.constData());
            curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
                             static_cast<curl_off_t>(r.body.size()));
        }
    }
    call->lastActivity = std::chrono::steady_clock::now();
    watchStalls(call->request);
    calls_.emplace(call->id, call);
    curl_multi_add_handle(static_cast<CURLM*>(multi_), e);
    return call->id;
}

void UpstreamClient::cancel(CallId id) {
    const auto it = calls_.find(id);
    if (it == calls_.end()) {
        return;
    }
    Call* call = it->second;
    call->cancelled = true;
    call->callbacks = {};
    if (inCurl_ > 0) {
        // libcurl is on the stack: its callbacks now refuse data; remove it after.
        QMetaObject::invokeMethod(
            this, [this, id] { cancel(id); }, Qt::QueuedConnection);
        return;
    }
    calls_.erase(it);
    release(call);
}

void UpstreamClient::release(Call* call) {
    curl_multi_remove_handle(static_cast<CURLM*>(multi_), call->easy);
    if (idleHandles_.size() < kMaxIdleHandles) {
        idleHandles_.push_back(call->easy);
    } else {
        curl_easy_cleanup(call->easy);
    }
    curl_slist_free_all(call->headerList);
    delete call;
}

void UpstreamClient::pause(CallId id) {
    const auto it = calls_.find(id);
    if (it != calls_.end() && !it->second->cancelled) {
        it->second->paused = true;
        curl_easy_pause(it->second->easy, CURLPAUSE_RECV);
    }
}

void UpstreamClient::resume(CallId id) {
    const auto it = calls_.find(id);
    if (it != calls_.end() && !it->second->cancelled) {
        it->second->paused = false;
        it->second->lastActivity = std::chrono::steady_clock::now();
        watchStalls(it->second->request);
        ++inCurl_;  // unpausing may deliver data right away
        curl_easy_pause(it->second->easy, CURLPAUSE_CONT);
        --inCurl_;
        checkFinished();
    }
}

void UpstreamClient::onSocketEvent(int fd, int curlEvent) {
    int running = 0;
    ++inCurl_;
    curl_multi_socket_action(static_cast<CURLM*>(multi_), fd, curlEvent, &running);
    --inCurl_;
    checkFinished();
}

void UpstreamClient::onTimeout() {
    int running = 0;
    ++inCurl_;
    curl_multi_socket_action(static_cast<CURLM*>(multi_), CURL_SOCKET_TIMEOUT, 0, &running);
    --inCurl_;
    checkFinished();
}

void UpstreamClient::checkFinished() {
    if (inCurl_ > 0) {
        return;
    }
    struct Finished {
        UpstreamCallbacks callbacks;
        UpstreamResult result;
    };
    std::vector<Finished> finished;
    int pending = 0;
    while (CURLMsg* msg = curl_multi_info_read(static_cast<CURLM*>(multi_), &pending)) {
        if (msg->msg != CURLMSG_DONE) {
            continue;
        }
        Call* call = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &call);
        const CURLcode code = msg->data.result;
        UpstreamResult result;
        result.curlCode = static_cast<int>(code);
        result.status = call->status;
        result.timedOut = code == CURLE_OPERATION_TIMEDOUT;
        curl_off_t connectedAfterUs = 0;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_CONNECT_TIME_T, &connectedAfterUs);
        // A timeout counts as a connect failure only if no connection was ever made.
        result.connectFailed = code == CURLE_COULDNT_CONNECT ||
                               code == CURLE_COULDNT_RESOLVE_HOST ||
                               (code == CURLE_OPERATION_TIMEDOUT && connectedAfterUs == 0);
        if (code != CURLE_OK) {
            result.message = QString::fromUtf8(call->errorBuffer[0] ? call->errorBuffer
                                                                    : curl_easy_strerror(code));
        }
        if (code == CURLE_OK && !call->cancelled) {
            // A body-less response still has a head to report. A cancel from
            // inside onHead is deferred, like one from any other callback.
            ++inCurl_;
            UpstreamCurlGlue::deliverHead(call);
            --inCurl_;
        }
        if (!call->cancelled) {
            finished.push_back({std::move(call->callbacks), result});
        }
        calls_.erase(call->id);
        release(call);
    }
    for (Finished& f : finished) {
        if (f.callbacks.onDone)
            f.callbacks.onDone(f.result);
    }
}

int UpstreamClient::stallLimit(const Call& call) {
    return call.headDelivered ? call.request.idleTimeoutMs : call.request.firstByteTimeoutMs;
}

// A quarter of the limit, so a stall is caught within 25% of it; no busier than every 10
// ms and no lazier than kStallSweepMs.
int UpstreamClient::sweepInterval(int limitMs) {
    return std::clamp(limitMs / 4, 10, kStallSweepMs);
}

void UpstreamClient::watchStalls(const UpstreamRequest& request) {
    int limit = 0;
    for (const int l : {request.firstByteTimeoutMs, request.idleTimeoutMs}) {
        if (l > 0)
            limit = limit == 0 ? l : std::min(limit, l);
    }
    if (limit <= 0)
        return;
    const int interval = sweepInterval(limit);
    if (!stallSweep_.isActive() || stallSweep_.interval() > interval)
        stallSweep_.start(interval);
}

void UpstreamClient::sweepStalled() {
    const auto now = std::chrono::steady_clock::now();
    std::vector<Call*> stalled;
    bool watching = false;
    int shortest = kStallSweepMs * 4;
    for (const auto& [id, call] : calls_) {
        const int limit = stallLimit(*call);
        if (limit <= 0 || call->cancelled || call->paused) {
            continue;
        }
        watching = true;
        shortest = std::min(shortest, limit);
        if (now - call->lastActivity >= std::chrono::milliseconds(limit)) {
            stalled.push_back(call);
        }
    }
    if (!watching) {
        stallSweep_.stop();
    } else {
        stallSweep_.setInterval(sweepInterval(shortest));
    }
    for (Call* call : stalled) {
        UpstreamResult result;
        result.curlCode = CURLE_OPERATION_TIMEDOUT;
        result.status = call->status;
        result.timedOut = true;
        result.message = call->headDelivered
                             ? tr("the answer fell silent for %1 ms").arg(stallLimit(*call))
                             : tr("no answer began within %1 ms").arg(stallLimit(*call));
        UpstreamCallbacks callbacks = std::move(call->callbacks);
        calls_.erase(call->id);
        release(call);
        if (callbacks.onDone)
            callbacks.onDone(result);
    }
}

}  // namespace signalbox
