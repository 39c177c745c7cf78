#pragma once

#include <QByteArray>

namespace signalbox {

class HttpHeaders;
struct CallGovernance;

// What an answer says of governance: x-signalbox-cache (and a hit's Age), and the virtual
// key's rate limits as each surface's SDKs read them: OpenAI's
// x-ratelimit-{limit,remaining,reset}-{requests,tokens} with the reset as "12ms", "1.5s",
// "6m0s", or on /v1/messages anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}
// with the reset as an RFC 3339 time.
class GovernanceHeaders {
public:
    static void add(HttpHeaders& out, const CallGovernance& governance, bool anthropic,
                    qint64 wallMs, qint64 cacheAgeS);
    static QByteArray durationText(qint64 ms);
};

}  // namespace signalbox
