#pragma once

#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <initializer_list>
#include <optional>

namespace signalbox {

// What the redactor can mask before a request leaves the machine.
enum class RedactionKind : quint8 { Email, Phone, Card, Iban, Secret };

// Every kind, in the order logs and config list them.
inline constexpr RedactionKind kRedactionKindList[] = {RedactionKind::Email, RedactionKind::Phone,
                                                       RedactionKind::Card, RedactionKind::Iban,
                                                       RedactionKind::Secret};

// The kinds a route asks to have masked; a bit per kind so the hot path tests cheaply.
class RedactionKinds {
public:
    constexpr RedactionKinds() = default;
    constexpr RedactionKinds(std::initializer_list<RedactionKind> kinds) {
        for (const RedactionKind kind : kinds)
            insert(kind);
    }
    static constexpr RedactionKinds all() {
        RedactionKinds kinds;
        for (const RedactionKind kind : kRedactionKindList)
            kinds.insert(kind);
        return kinds;
    }

    constexpr bool contains(RedactionKind kind) const { return (bits_ & bit(kind)) != 0; }
    constexpr bool isEmpty() const { return bits_ == 0; }
    constexpr void insert(RedactionKind kind) { bits_ = quint8(bits_ | bit(kind)); }
    constexpr void remove(RedactionKind kind) { bits_ = quint8(bits_ & ~bit(kind)); }

    friend constexpr bool operator==(RedactionKinds, RedactionKinds) = default;

private:
    static constexpr quint8 bit(RedactionKind kind) { return quint8(1U << quint8(kind)); }

    quint8 bits_ = 0;
};

// The names config files and the request log use: "email", "phone", "card", "iban",
// "secret".
QString redactionKindName(RedactionKind kind);
// Reads a name back, ignoring case; nullopt for anything else.
std::optional<RedactionKind> redactionKindFromName(QStringView name);

}  // namespace signalbox
