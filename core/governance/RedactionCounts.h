#pragma once

#include "governance/Redaction.h"

#include <QByteArray>

namespace signalbox {

// How many things of each kind one request had masked. Only counts travel to the request
// log; what was masked is never kept.
struct RedactionCounts {
    int email = 0;
    int phone = 0;
    int card = 0;
    int iban = 0;
    int secret = 0;

    int total() const { return email + phone + card + iban + secret; }
    int count(RedactionKind kind) const;
    void add(RedactionKind kind, int n = 1);
    void add(const RedactionCounts& other);
    // {"email":2,"card":1}: only the kinds that occurred, in enum order; empty when
    // nothing was masked, so the log stores nothing for the common case.
    QByteArray json() const;

    friend bool operator==(const RedactionCounts&, const RedactionCounts&) = default;
};

}  // namespace signalbox
