#include "playground/JsonPrinter.h"

namespace signalbox {

namespace {

QString literal(const Json& value) {
    return QString::fromUtf8(value.serialize());
}

// A key JavaScript takes without quotes.
bool isIdentifier(const QByteArray& name) {
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool letter =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
        if (!letter && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

}  // namespace

QString JsonPrinter::print(const Json& value, int depth) const {
    QString out;
    write(value, depth, out);
    return out;
}

QString JsonPrinter::key(const QByteArray& name) const {
    if (syntax_ == Syntax::JavaScript && isIdentifier(name))
        return QString::fromUtf8(name);
    return literal(Json(QByteArrayView(name)));
}

void JsonPrinter::write(const Json& value, int depth, QString& out) const {
    const QString inner(indentWidth_ * (depth + 1), QLatin1Char(' '));
    const QString outer(indentWidth_ * depth, QLatin1Char(' '));
    switch (value.type()) {
        case Json::Type::Null:
            out += syntax_ == Syntax::Python ? QStringLiteral("None") : QStringLiteral("null");
            return;
        case Json::Type::Bool:
            if (syntax_ == Syntax::Python)
                out += value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
            else
                out += value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
            return;
        case Json::Type::Number:
        case Json::Type::String:
            // JSON's string escapes (\n, \", \uXXXX) mean the same in JavaScript and Python.
            out += literal(value);
            return;
        case Json::Type::Array:
            if (value.items().empty()) {
                out += QStringLiteral("[]");
                return;
            }
            out += QStringLiteral("[\n");
            for (size_t i = 0; i < value.items().size(); ++i) {
                out += inner;
                write(value.items()[i], depth + 1, out);
                out += i + 1 < value.items().size() ? QStringLiteral(",\n") : QStringLiteral("\n");
            }
            out += outer + QLatin1Char(']');
            return;
        case Json::Type::Object:
            if (value.members().empty()) {
                out += QStringLiteral("{}");
                return;
            }
            out += QStringLiteral("{\n");
            for (size_t i = 0; i < value.members().size(); ++i) {
                const auto& [name, member] = value.members()[i];
                out += inner + key(name) + QStringLiteral(": ");
                write(member, depth + 1, out);
                out +=
                    i + 1 < value.members().size() ? QStringLiteral(",\n") : QStringLiteral("\n");
            }
            out += outer + QLatin1Char('}');
            return;
    }
}

}  // namespace signalbox
