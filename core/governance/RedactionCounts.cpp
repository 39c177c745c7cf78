#include "governance/RedactionCounts.h"

namespace signalbox {

int RedactionCounts::count(RedactionKind kind) const {
    switch (kind) {
        case RedactionKind::Email:
            return email;
        case RedactionKind::Phone:
            return phone;
        case RedactionKind::Card:
            return card;
        case RedactionKind::Iban:
            return iban;
        case RedactionKind::Secret:
            return secret;
    }
    return 0;
}

void RedactionCounts::add(RedactionKind kind, int n) {
    switch (kind) {
        case RedactionKind::Email:
            email += n;
            return;
        case RedactionKind::Phone:
            phone += n;
            return;
        case RedactionKind::Card:
            card += n;
            return;
        case RedactionKind::Iban:
            iban += n;
            return;
        case RedactionKind::Secret:
            secret += n;
            return;
    }
}

void RedactionCounts::add(const RedactionCounts& other) {
    for (const RedactionKind kind : kRedactionKindList)
        add(kind, other.count(kind));
}

QByteArray RedactionCounts::json() const {
    if (total() == 0)
        return {};
    QByteArray out = "{";
    for (const RedactionKind kind : kRedactionKindList) {
        const int n = count(kind);
        if (n == 0)
            continue;
        if (out.size() > 1)
            out += ',';
        out += '"' + redactionKindName(kind).toLatin1() + "\":" + QByteArray::number(n);
    }
    out += '}';
    return out;
}

}  // namespace signalbox
