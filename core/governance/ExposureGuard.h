#pragma once

#include <QByteArrayView>
#include <QString>

namespace signalbox {

class HttpHeaders;
struct Config;

// Keeps web pages away from a proxy that spends the user's keys. A page on another site
// can make a browser send requests to 127.0.0.1, or rebind its own name to it (DNS
// rebinding); the browser then says who sent it: an Origin header, and a Host that is
// the page's name. Requests whose Host is a name the proxy was not given, or whose
// Origin the config does not allow, are refused.
class ExposureGuard {
public:
    enum class Verdict { Allow, ForeignHost, ForeignOrigin };

    static Verdict check(const HttpHeaders& headers, const Config& config);
    // The refusal in words, for a 403.
    static QString message(Verdict verdict, const HttpHeaders& headers);
    static bool originAllowed(QByteArrayView origin, const Config& config);
    // Loopback names, IP literals (a rebinding page is addressed by name), the names in
    // governance.allowed_hosts; any name at all when keys are required and none are
    // listed, since then a page cannot use the proxy without a key either.
    static bool hostAllowed(QByteArrayView host, const Config& config);
};

}  // namespace signalbox
