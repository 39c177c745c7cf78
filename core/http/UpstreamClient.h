#pragma once

#include "http/UpstreamRequest.h"

#include <QObject>
#include <QTimer>

#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace signalbox {

// HTTP client for provider calls on libcurl's multi interface, driven by the
// calling thread's Qt event loop (socket notifiers and one timer). One per
// worker thread; not thread-safe. No per-host connection cap, connections are
// reused, HTTP/2 is used where the provider offers it.
class UpstreamClient : public QObject {
    Q_OBJECT
public:
    using CallId = std::uint64_t;

    explicit UpstreamClient(QObject* parent = nullptr);
    // libcurl's (and OpenSSL's) process-wide setup. Call it on the main thread
    // before workers start: state it makes on a worker thread outlives the thread.
    static void initGlobal();
    ~UpstreamClient() override;

    CallId start(UpstreamRequest request, UpstreamCallbacks callbacks);
    // Stops a call at once; its callbacks are not called again.
    void cancel(CallId id);
    // Flow control: stop reading a response the client is not taking, and resume.
    void pause(CallId id);
    void resume(CallId id);

    int activeCalls() const { return static_cast<int>(calls_.size()); }

private:
    struct Call;
    struct SocketWatch;
    friend struct UpstreamCurlGlue;

    void onSocketEvent(int fd, int curlEvent);
    void onReadable(int fd);
    void onTimeout();
    void checkFinished();
    void sweepStalled();
    void watchStalls(const UpstreamRequest& request);
    static int stallLimit(const Call& call);
    static int sweepInterval(int limitMs);
    void release(Call* call);
    // libcurl closes a socket: its notifiers go with it.
    void forgetSocket(int fd);

    void* multi_ = nullptr;  // CURLM*
    QTimer timer_;
    QTimer stallSweep_;
    static constexpr int kStallSweepMs = 250;
    std::unordered_map<CallId, Call*> calls_;
    CallId nextId_ = 1;
    int inCurl_ = 0;  // > 0 while libcurl is calling us back
    static constexpr size_t kMaxIdleHandles = 64;
    std::vector<void*> idleHandles_;  // CURL* easy handles kept for reuse
    // Every socket libcurl has open, watched or idle in its connection pool: a pooled
    // connection keeps its notifiers until libcurl closes it, so reusing it costs no
    // new notifiers.
    std::unordered_map<int, SocketWatch*> watches_;
    // The connections' sockets (libcurl opens and closes them through us); other sockets
    // libcurl watches (its resolver's) are forgotten as soon as it stops watching them.
    std::unordered_set<int> connectionSockets_;
};

}  // namespace signalbox
