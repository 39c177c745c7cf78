#include "JsonKeyOrder.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace signalbox::mock {

namespace {

class Cursor {
public:
    explicit Cursor(QByteArrayView text) : s_(text) {}

    char peek() {
        skipSpace();
        return i_ < s_.size() ? s_[i_] : '\0';
    }
    bool take(char c) {
        if (peek() != c) {
            return false;
        }
        ++i_;
        return true;
    }
    // A string token, decoded by Qt so escapes are read the standard way.
    bool string(QString* out) {
        if (peek() != '"') {
            return false;
        }
        const qsizetype start = i_;
        if (!skipString()) {
            return false;
        }
        const QByteArray token = "[" + s_.sliced(start, i_ - start).toByteArray() + "]";
        const QJsonDocument doc = QJsonDocument::fromJson(token);
        if (!doc.isArray()) {
            return false;
        }
        *out = doc.array().at(0).toString();
        return true;
    }
    bool skipValue() {
        const char c = peek();
        if (c == '"') {
            return skipString();
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (i_ < s_.size()) {
                const char d = s_[i_];
                if (d == '"') {
                    if (!skipString()) {
                        return false;
                    }
                    continue;
                }
                ++i_;
                if (d == '{' || d == '[') {
                    ++depth;
                } else if (d == '}' || d == ']') {
                    if (--depth == 0) {
                        return true;
                    }
                }
            }
            return false;
        }
        const qsizetype start = i_;
        while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '}' && s_[i_] != ']' && s_[i_] != ' ' &&
               s_[i_] != '\n' && s_[i_] != '\r' && s_[i_] != '\t') {
            ++i_;
        }
        return i_ > start;
    }

private:
    void skipSpace() {
        while (i_ < s_.size() &&
               (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) {
            ++i_;
        }
    }
    bool skipString() {
        ++i_;  // the opening quote
        while (i_ < s_.size()) {
            const char c = s_[i_++];
            if (c == '\\') {
                ++i_;
            } else if (c == '"') {
                return true;
            }
        }
        return false;
    }

    QByteArrayView s_;
    qsizetype i_ = 0;
};

// Moves the cursor onto the value of `step` in the object or array at the cursor.
bool enter(Cursor& c, const QString& step) {
    if (c.take('{')) {
        if (c.take('}')) {
            return false;
        }
        do {
            QString key;
            if (!c.string(&key) || !c.take(':')) {
                return false;
            }
            if (key == step) {
                return true;
            }
            if (!c.skipValue()) {
                return false;
            }
        } while (c.take(','));
        return false;
    }
    if (c.take('[')) {
        bool ok = false;
        const int wanted = step.toInt(&ok);
        if (!ok || c.take(']')) {
            return false;
        }
        int index = 0;
        do {
            if (index++ == wanted) {
                return true;
            }
            if (!c.skipValue()) {
                return false;
            }
        } while (c.take(','));
    }
    return false;
}

}  // namespace

QStringList JsonKeyOrder::at(QByteArrayView json, const QStringList& path) {
    Cursor c(json);
    for (const QString& step : path) {
        if (!enter(c, step)) {
            return {};
        }
    }
    QStringList keys;
    if (!c.take('{') || c.take('}')) {
        return keys;
    }
    do {
        QString key;
        if (!c.string(&key) || !c.take(':') || !c.skipValue()) {
            return {};
        }
        keys << key;
    } while (c.take(','));
    return keys;
}

}  // namespace signalbox::mock
