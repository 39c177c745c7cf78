#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

#include <optional>

namespace signalbox {

// The response cache's key: which requests are the same question. Two requests get the
// same key when they differ only in what cannot change the answer (member order, number
// spelling, streaming, end-user ids and tags), and only on the same surface under the
// same virtual key, so that one key's answers never serve another.
class CacheKey {
public:
    // The 32-byte SHA-256 of the normalized request; nullopt when the request must not
    // be cached (the body is not a JSON object; OpenAI `n` asks for several choices, or
    // `logprobs`, which a replay does not carry).
    // `surface` names the inbound API ("openai.chat"); `scope` the virtual key's id,
    // empty when none.
    static std::optional<QByteArray> of(QByteArrayView surface, QStringView scope,
                                        QByteArrayView body);
};

}  // namespace signalbox
