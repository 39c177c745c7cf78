#pragma once

#include "http/HttpHeaders.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>

namespace signalbox {

// One call to a provider: what to send.
struct UpstreamRequest {
    QByteArray method = "POST";
    QByteArray url;
    HttpHeaders headers;
    QByteArray body;  // implicitly shared with the client's request where unchanged
    int connectTimeoutMs = 10'000;
    int totalTimeoutMs = 0;  // 0: none (streams may run long)
    // Give up when the response head has not arrived this long after the start, or when
    // the body then falls silent for idleTimeoutMs; 0: never. libcurl's low-speed limit
    // does not cover the wait for the head, so the client keeps these.
    int firstByteTimeoutMs = 0;
    int idleTimeoutMs = 0;
};

// How a call ended. `curlCode` is 0 for a complete response; `message` is for
// people and names no key.
struct UpstreamResult {
    int curlCode = 0;
    int status = 0;
    bool timedOut = false;
    bool connectFailed = false;
    QString message;
    bool ok() const { return curlCode == 0; }
};

// What the caller hears, in order: the response head once, body pieces as they
// arrive, then exactly one done (unless it cancelled the call first).
struct UpstreamCallbacks {
    std::function<void(int status, const HttpHeaders& headers)> onHead;
    std::function<void(QByteArrayView data)> onData;
    std::function<void(const UpstreamResult& result)> onDone;
};

}  // namespace signalbox
