#include "governance/SecretPattern.h"

namespace signalbox {

const QRegularExpression& SecretPattern::keyLike() {
    // Signalbox "sbk-…" (its own shape: base64url, which may hold no digit), OpenAI and
    // Anthropic "sk-…" and xAI "xai-…" (with a digit early on, so prose like
    // "sk-learn-compatible-models" stays), Google "AIza…", Groq "gsk_…",
    // bearer tokens from pasted headers, AWS access key ids, GitHub and Slack tokens, and
    // PEM private keys: the whole block, or its base64 lines when the END line is cut off.
    // Every scan is bounded or consumes what it reads, so crafted text costs linear time.
    static const QRegularExpression pattern = [] {
        QRegularExpression re(
            QStringLiteral(R"((?:\bsbk-[A-Za-z0-9_\-]{40,})"
                           R"(|\b(?:sk|sbk|xai)-(?=[A-Za-z_\-]{0,64}[0-9])[A-Za-z0-9_\-]{16,})"
                           R"(|\bAIza[A-Za-z0-9_\-]{30,})"
                           R"(|\bgsk_[A-Za-z0-9]{20,})"
                           R"(|\b(?i:bearer)\s+[A-Za-z0-9._\-]{16,})"
                           R"(|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b)"
                           R"(|\bgh[pousr]_[A-Za-z0-9]{36,})"
                           R"(|\bgithub_pat_[A-Za-z0-9_]{22,})"
                           R"(|\bxox[abprs]-[A-Za-z0-9\-]{10,})"
                           R"(|-----BEGIN[A-Z ]*PRIVATE KEY-----)"
                           R"((?:(?:(?!-----)[\s\S])*-----END[A-Z ]*PRIVATE KEY-----)"
                           R"(|(?:\r?\n[A-Za-z0-9+/=]+(?![^\r\n]))*)))"));
        re.optimize();
        return re;
    }();
    return pattern;
}

}  // namespace signalbox
