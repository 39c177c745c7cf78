#include "governance/Redaction.h"

namespace signalbox {

QString redactionKindName(RedactionKind kind) {
    switch (kind) {
        case RedactionKind::Email:
            return QStringLiteral("email");
        case RedactionKind::Phone:
            return QStringLiteral("phone");
        case RedactionKind::Card:
            return QStringLiteral("card");
        case RedactionKind::Iban:
            return QStringLiteral("iban");
        case RedactionKind::Secret:
            return QStringLiteral("secret");
    }
    return {};
}

std::optional<RedactionKind> redactionKindFromName(QStringView name) {
    for (const RedactionKind kind : kRedactionKindList) {
        if (name.compare(redactionKindName(kind), Qt::CaseInsensitive) == 0)
            return kind;
    }
    return std::nullopt;
}

}  // namespace signalbox
