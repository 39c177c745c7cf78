#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <initializer_list>
#include <vector>

namespace signalbox {

// Where a value sits in the raw request body, as byte offsets [begin, end).
struct JsonSpan {
    qsizetype begin = -1;
    qsizetype end = -1;
    bool found() const { return begin >= 0; }
};

// A single-pass, allocation-light validator for RFC 8259 JSON that also records
// where chosen top-level members of an object are. The pass-through uses it to
// rewrite only what it must (the model name) and forward every other byte as
// the client sent it: re-serializing would reorder keys and round big numbers.
class JsonScanner {
public:
    struct Member {
        QByteArrayView key;
        JsonSpan value;  // the whole value, quotes included for strings
    };

    // Scans `json`; returns false with error() set when it is not one valid JSON
    // value (an object is required when requireObject is true).
    bool scan(QByteArrayView json, std::initializer_list<QByteArrayView> wantedKeys,
              bool requireObject = true);

    const QString& error() const { return error_; }
    JsonSpan span(QByteArrayView key) const;

    // Decodes the string value at `span` (with quotes). Returns false when the
    // span is not a string.
    static bool decodeString(QByteArrayView json, JsonSpan span, QString* out);
    // Appends `text` as a JSON string literal, quotes included.
    static void appendQuoted(QByteArray& out, QStringView text);
    static void appendQuotedUtf8(QByteArray& out, QByteArrayView utf8);
    static bool isLiteral(QByteArrayView json, JsonSpan span, QByteArrayView literal);

private:
    bool value(int depth);
    bool string();
    bool number();
    bool literal(QByteArrayView word);
    bool object(int depth);
    bool array(int depth);
    bool recordMember(QByteArrayView key, qsizetype valueBegin);
    void skipSpace();
    bool fail(const char* what);

    QByteArrayView in_;
    qsizetype pos_ = 0;
    QString error_;
    std::vector<Member> members_;
    std::vector<QByteArrayView> wanted_;
};

}  // namespace signalbox
