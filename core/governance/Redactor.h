#pragma once

#include "governance/Redaction.h"
#include "governance/RedactionCounts.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace signalbox {

// Masks personal data and secrets in a request before it leaves the machine, for the
// routes that ask for it. Precision over recall: a gateway must not wreck ordinary text,
// so each match is validated (Luhn for cards, mod 97 and the country's length for IBANs)
// and must stand on its own, not inside a longer number or word. Immutable; one instance
// serves every worker thread.
class Redactor {
public:
    explicit Redactor(RedactionKinds kinds);

    RedactionKinds kinds() const { return kinds_; }

    // Masks matches in `text` in place ("[REDACTED_EMAIL]", "[REDACTED_CARD]", …) and adds
    // them to `counts`.
    void redactText(QString& text, RedactionCounts& counts) const;

    // Walks a JSON request body (OpenAI chat, completions, embeddings; Anthropic messages)
    // and masks string values, but not identifiers and opaque data (model, ids, names,
    // base64 data, urls, …) nor signed Anthropic thinking blocks. Returns the re-serialized
    // body when anything was masked; nullopt when nothing was, or when the body is not JSON
    // (the proxy refuses those before), and the caller keeps the original bytes.
    std::optional<QByteArray> redactBody(QByteArrayView body, RedactionCounts& counts) const;

private:
    RedactionKinds kinds_;
};

}  // namespace signalbox
