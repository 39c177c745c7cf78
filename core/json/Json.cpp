#include "json/Json.h"

#include "json/JsonScanner.h"

#include <QHash>

#include <cmath>

namespace signalbox {

// Builds the tree from text JsonScanner has already validated, so it checks nothing.
class JsonParser {
public:
    explicit JsonParser(QByteArrayView in) : in_(in) {}

    Json value() {
        skipSpace();
        Json out;
        switch (in_[pos_]) {
            case '{':
                out.type_ = Json::Type::Object;
                ++pos_;
                skipSpace();
                while (in_[pos_] != '}') {
                    QByteArray key = string();
                    skipSpace();
                    ++pos_;  // ':'
                    out.members_.emplace_back(std::move(key), value());
                    skipSpace();
                    if (in_[pos_] == ',') {
                        ++pos_;
                        skipSpace();
                    }
                }
                ++pos_;
                mergeRepeatedKeys(out.members_);
                return out;
            case '[':
                out.type_ = Json::Type::Array;
                ++pos_;
                skipSpace();
                while (in_[pos_] != ']') {
                    out.items_.push_back(value());
                    skipSpace();
                    if (in_[pos_] == ',')
                        ++pos_;
                    skipSpace();
                }
                ++pos_;
                return out;
            case '"':
                out.type_ = Json::Type::String;
                out.scalar_ = string();
                return out;
            case 't':
                pos_ += 4;
                return Json(true);
            case 'f':
                pos_ += 5;
                return Json(false);
            case 'n':
                pos_ += 4;
                return out;
            default: {
                const qsizetype start = pos_;
                while (pos_ < in_.size() && isNumberChar(in_[pos_]))
                    ++pos_;
                return Json::number(in_.sliced(start, pos_ - start).toByteArray());
            }
        }
    }

private:
    // A repeated key keeps its first place and its last value, as most parsers read it.
    // Linear for small objects, hashed for big ones: a crafted body with many keys must
    // not cost quadratic time on a worker thread.
    static void mergeRepeatedKeys(std::vector<Json::Member>& members) {
        const size_t n = members.size();
        if (n < 2)
            return;
        std::vector<bool> dropped(n, false);
        bool any = false;
        if (n <= 16) {
            for (size_t i = 1; i < n; ++i) {
                for (size_t j = 0; j < i; ++j) {
                    if (!dropped[j] && members[j].first == members[i].first) {
                        members[j].second = std::move(members[i].second);
                        dropped[i] = any = true;
                        break;
                    }
                }
            }
        } else {
            QHash<QByteArray, size_t> first;
            first.reserve(static_cast<qsizetype>(n));
            for (size_t i = 0; i < n; ++i) {
                const auto it = first.constFind(members[i].first);
                if (it == first.constEnd()) {
                    first.insert(members[i].first, i);
                } else {
                    members[*it].second = std::move(members[i].second);
                    dropped[i] = any = true;
                }
            }
        }
        if (!any)
            return;
        size_t kept = 0;
        for (size_t i = 0; i < n; ++i) {
            if (!dropped[i])
                members[kept++] = std::move(members[i]);
        }
        members.resize(kept);
    }

    static bool isNumberChar(char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    void skipSpace() {
        while (pos_ < in_.size() &&
               (in_[pos_] == ' ' || in_[pos_] == '\t' || in_[pos_] == '\n' || in_[pos_] == '\r'))
            ++pos_;
    }

    QByteArray string() {
        const qsizetype start = pos_;
        ++pos_;
        bool escaped = false;
        while (in_[pos_] != '"') {
            if (in_[pos_] == '\\') {
                escaped = true;
                ++pos_;
            }
            ++pos_;
        }
        ++pos_;
        if (!escaped)
            return in_.sliced(start + 1, pos_ - start - 2).toByteArray();
        QString decoded;
        JsonScanner::decodeString(in_, {start, pos_}, &decoded);
        return decoded.toUtf8();
    }

    QByteArrayView in_;
    qsizetype pos_ = 0;
};

namespace {
const Json& nullJson() {
    static const Json instance;
    return instance;
}
}  // namespace

Json::Json(bool value) : type_(Type::Bool), bool_(value) {}
Json::Json(int value) : type_(Type::Number), scalar_(QByteArray::number(value)) {}
Json::Json(qint64 value) : type_(Type::Number), scalar_(QByteArray::number(value)) {}
Json::Json(double value) : type_(Type::Number) {
    if (std::isfinite(value)) {
        scalar_ = QByteArray::number(value, 'g', 17);
        // Shortest text that reads back the same, so 0.7 stays 0.7.
        for (int precision = 1; precision < 17; ++precision) {
            const QByteArray shorter = QByteArray::number(value, 'g', precision);
            if (shorter.toDouble() == value) {
                scalar_ = shorter;
                break;
            }
        }
    } else {
        type_ = Type::Null;  // JSON has no infinities or NaN
    }
}
Json::Json(const QString& value) : type_(Type::String), scalar_(value.toUtf8()) {}
Json::Json(const char* utf8) : type_(Type::String), scalar_(utf8) {}
Json::Json(QByteArrayView utf8) : type_(Type::String), scalar_(utf8.toByteArray()) {}

Json Json::object() {
    Json j;
    j.type_ = Type::Object;
    return j;
}

Json Json::array() {
    Json j;
    j.type_ = Type::Array;
    return j;
}

Json Json::number(QByteArray text) {
    Json j;
    j.type_ = Type::Number;
    j.scalar_ = std::move(text);
    return j;
}

std::optional<Json> Json::parse(QByteArrayView text, QString* error) {
    JsonScanner scanner;
    if (!scanner.scan(text, {}, false)) {
        if (error)
            *error = scanner.error();
        return std::nullopt;
    }
    return parseValid(text);
}

Json Json::parseValid(QByteArrayView text) {
    return JsonParser(text).value();
}

bool Json::toBool(bool fallback) const {
    return type_ == Type::Bool ? bool_ : fallback;
}

double Json::toDouble(double fallback) const {
    bool ok = false;
    const double v = type_ == Type::Number ? scalar_.toDouble(&ok) : 0;
    return ok ? v : fallback;
}

qint64 Json::toInt(qint64 fallback) const {
    if (type_ != Type::Number)
        return fallback;
    bool ok = false;
    const qint64 v = scalar_.toLongLong(&ok);
    if (ok)
        return v;
    const double d = scalar_.toDouble(&ok);  // "1e3", "2.0"
    return ok && std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18
               ? static_cast<qint64>(d)
               : fallback;
}

QString Json::toString() const {
    return type_ == Type::String ? QString::fromUtf8(scalar_) : QString();
}

const Json& Json::operator[](QByteArrayView key) const {
    for (const Member& m : members_) {
        if (m.first == key)
            return m.second;
    }
    return nullJson();
}

bool Json::contains(QByteArrayView key) const {
    for (const Member& m : members_) {
        if (m.first == key)
            return true;
    }
    return false;
}

Json& Json::set(QByteArrayView key, Json value) {
    type_ = Type::Object;
    for (Member& m : members_) {
        if (m.first == key) {
            m.second = std::move(value);
            return m.second;
        }
    }
    members_.emplace_back(key.toByteArray(), std::move(value));
    return members_.back().second;
}

void Json::remove(QByteArrayView key) {
    std::erase_if(members_, [key](const Member& m) { return m.first == key; });
}

qsizetype Json::size() const {
    return type_ == Type::Array    ? static_cast<qsizetype>(items_.size())
           : type_ == Type::Object ? static_cast<qsizetype>(members_.size())
                                   : 0;
}

const Json& Json::at(qsizetype index) const {
    return index >= 0 && index < static_cast<qsizetype>(items_.size())
               ? items_[static_cast<size_t>(index)]
               : nullJson();
}

Json& Json::append(Json value) {
    type_ = Type::Array;
    items_.push_back(std::move(value));
    return items_.back();
}

QByteArray Json::serialize() const {
    QByteArray out;
    writeTo(out);
    return out;
}

void Json::writeTo(QByteArray& out) const {
    switch (type_) {
        case Type::Null:
            out.append("null");
            return;
        case Type::Bool:
            out.append(bool_ ? "true" : "false");
            return;
        case Type::Number:
            out.append(scalar_);
            return;
        case Type::String:
            JsonScanner::appendQuotedUtf8(out, scalar_);
            return;
        case Type::Array: {
            out.append('[');
            bool first = true;
            for (const Json& item : items_) {
                if (!first)
                    out.append(',');
                first = false;
                item.writeTo(out);
            }
            out.append(']');
            return;
        }
        case Type::Object: {
            out.append('{');
            bool first = true;
            for (const Member& m : members_) {
                if (!first)
                    out.append(',');
                first = false;
                JsonScanner::appendQuotedUtf8(out, m.first);
                out.append(':');
                m.second.writeTo(out);
            }
            out.append('}');
            return;
        }
    }
}

bool operator==(const Json& a, const Json& b) {
    if (a.type_ != b.type_)
        return false;
    switch (a.type_) {
        case Json::Type::Null:
            return true;
        case Json::Type::Bool:
            return a.bool_ == b.bool_;
        case Json::Type::Number:
            return a.scalar_ == b.scalar_ || a.toDouble() == b.toDouble();
        case Json::Type::String:
            return a.scalar_ == b.scalar_;
        case Json::Type::Array:
            return a.items_ == b.items_;
        case Json::Type::Object:
            return a.members_ == b.members_;
    }
    return false;
}

}  // namespace signalbox
