#pragma once

#include "http/HttpHeaders.h"

#include <QByteArray>
#include <QHostAddress>

namespace signalbox {

// One parsed inbound request, body complete.
struct HttpRequest {
    QByteArray method;
    QByteArray target;  // as sent: path and query
    QByteArray path;    // target without the query
    HttpHeaders headers;
    QByteArray body;
    int versionMinor = 1;  // HTTP/1.x
    bool keepAlive = true;
    QHostAddress peer;
};

}  // namespace signalbox
