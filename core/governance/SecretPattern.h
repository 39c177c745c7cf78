#pragma once

#include <QRegularExpression>

namespace signalbox {

// Text shaped like a credential: provider and gateway API keys, cloud and chat-platform
// tokens, bearer headers and PEM private keys. Shared by request redaction and the request
// log, so both agree on what a secret looks like.
class SecretPattern {
public:
    // One pattern, compiled once; safe to use from any thread.
    static const QRegularExpression& keyLike();
    // No shape keyLike() matches is shorter than this, so shorter text can skip the regex.
    static constexpr qsizetype kMinimumLength = 15;
};

}  // namespace signalbox
