#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace signalbox {

// A JSON value that keeps what matters to a translating gateway: object members in
// the order they came (a tool's schema properties steer the order a model writes
// them in) and numbers as their original text (no rounding of big integers).
// Strings hold decoded UTF-8. Used off the pass-through path only.
class Json {
public:
    enum class Type { Null, Bool, Number, String, Array, Object };
    using Member = std::pair<QByteArray, Json>;

    Json() = default;
    Json(bool value);            // NOLINT(google-explicit-constructor): literals read best
    Json(int value);             // NOLINT(google-explicit-constructor)
    Json(qint64 value);          // NOLINT(google-explicit-constructor)
    Json(double value);          // NOLINT(google-explicit-constructor)
    Json(const QString& value);  // NOLINT(google-explicit-constructor)
    Json(const char* utf8);      // NOLINT(google-explicit-constructor)
    Json(QByteArrayView utf8);   // NOLINT(google-explicit-constructor)
    static Json object();
    static Json array();
    // A number from its JSON text, kept as written ("1e400" stays "1e400").
    static Json number(QByteArray text);

    // Parses one JSON value; nullopt with a message in `error` when invalid.
    static std::optional<Json> parse(QByteArrayView text, QString* error = nullptr);
    // The tree of text a JsonScanner has already found valid (the proxy scans every body
    // once on arrival); skips validating it a second time.
    static Json parseValid(QByteArrayView text);

    Type type() const { return type_; }
    bool isNull() const { return type_ == Type::Null; }
    bool isBool() const { return type_ == Type::Bool; }
    bool isNumber() const { return type_ == Type::Number; }
    bool isString() const { return type_ == Type::String; }
    bool isArray() const { return type_ == Type::Array; }
    bool isObject() const { return type_ == Type::Object; }

    bool toBool(bool fallback = false) const;
    double toDouble(double fallback = 0) const;
    qint64 toInt(qint64 fallback = 0) const;
    QString toString() const;                           // empty unless a string
    const QByteArray& utf8() const { return scalar_; }  // string bytes or number text

    // Objects: members in order; a missing key gives a null value.
    const Json& operator[](QByteArrayView key) const;
    bool contains(QByteArrayView key) const;
    const std::vector<Member>& members() const { return members_; }
    // In-place access for passes that rewrite values where they stand (redaction); named
    // apart from members() so ordinary reads never get a mutable reference by accident.
    std::vector<Member>& mutableMembers() { return members_; }
    // Replaces the value of `key` in place, or appends it.
    Json& set(QByteArrayView key, Json value);
    void remove(QByteArrayView key);

    // Arrays.
    const std::vector<Json>& items() const { return items_; }
    std::vector<Json>& mutableItems() { return items_; }
    qsizetype size() const;
    const Json& at(qsizetype index) const;
    Json& append(Json value);

    QByteArray serialize() const;
    void writeTo(QByteArray& out) const;

    friend bool operator==(const Json& a, const Json& b);

private:
    Type type_ = Type::Null;
    bool bool_ = false;
    QByteArray scalar_;
    std::vector<Json> items_;
    std::vector<Member> members_;

    friend class JsonParser;
};

}  // namespace signalbox
