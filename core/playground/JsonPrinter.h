#pragma once

#include "json/Json.h"

#include <QString>

namespace signalbox {

// A JSON value written out for people: indented, members in their order, as JSON, as a
// JavaScript object literal (plain keys unquoted) or as a Python literal (True, False,
// None). The Playground's fields and its exported code use it.
class JsonPrinter {
public:
    enum class Syntax { Json, JavaScript, Python };

    explicit JsonPrinter(Syntax syntax, int indentWidth = 2)
        : syntax_(syntax), indentWidth_(indentWidth) {}

    // `value` as text; lines after the first are indented by `depth` levels, so the text
    // can stand inside code already that deep.
    QString print(const Json& value, int depth = 0) const;

private:
    void write(const Json& value, int depth, QString& out) const;
    QString key(const QByteArray& name) const;

    Syntax syntax_;
    int indentWidth_;
};

}  // namespace signalbox
