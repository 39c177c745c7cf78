#pragma once

#include <QCoreApplication>
#include <QString>

namespace signalbox {

struct RequestDetail;

// A logged request as a shell command that sends it again through the local proxy.
class CurlCommand {
    Q_DECLARE_TR_FUNCTIONS(CurlCommand)
public:
    // The path of the inbound API a request came in on, e.g. "/v1/chat/completions".
    static QString pathOf(const QString& surface);
    // curl with the surface's path, its headers and the kept request body. A request
    // made with a virtual key reads it from $SIGNALBOX_API_KEY; none is ever written out.
    static QString build(const QString& proxyUrl, const RequestDetail& detail);
};

}  // namespace signalbox
