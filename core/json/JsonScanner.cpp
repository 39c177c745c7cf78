#include "json/JsonScanner.h"

#include <QCoreApplication>

#include <cstdint>
#include <cstring>

namespace signalbox {

namespace {
constexpr int kMaxDepth = 512;

// How many bytes from `p` need no care inside a JSON string: none is a quote, a
// backslash or a control character. Eight bytes a step: strings are most of an LLM
// body, and this runs over every body the proxy reads.
qsizetype plainRun(const char* p, qsizetype n) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    const auto hasZero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
    qsizetype i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        // A byte below 0x20; a byte equal to '"'; to '\\'. Bytes from 0x80 up (UTF-8)
        // are never flagged.
        const std::uint64_t special = ((w - kOnes * 0x20) & ~w & kHigh) |
                                      hasZero(w ^ (kOnes * '"')) | hasZero(w ^ (kOnes * '\\'));
        if (special)
            break;
    }
    for (; i < n; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        if (c == '"' || c == '\\' || c < 0x20)
            break;
    }
    return i;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
// The code unit of the four hex digits at `at` (validated by the scanner).
char32_t hex4(QByteArrayView raw, qsizetype at) {
    char32_t v = 0;
    for (qsizetype k = at; k < at + 4; ++k)
        v = v * 16 + static_cast<char32_t>(hexValue(raw[k]));
    return v;
}
}  // namespace

bool JsonScanner::scan(QByteArrayView json, std::initializer_list<QByteArrayView> wantedKeys,
                       bool requireObject) {
    in_ = json;
    pos_ = 0;
    error_.clear();
    members_.clear();
    wanted_.assign(wantedKeys.begin(), wantedKeys.end());
    skipSpace();
    if (requireObject && (pos_ >= in_.size() || in_[pos_] != '{')) {
        return fail("expected a JSON object");
    }
    if (!value(0)) {
        return false;
    }
    skipSpace();
    if (pos_ != in_.size()) {
        return fail("unexpected data after the JSON value");
    }
    return true;
}

JsonSpan JsonScanner::span(QByteArrayView key) const {
    for (const Member& m : members_) {
        if (m.key == key) {
            return m.value;
        }
    }
    return {};
}

bool JsonScanner::fail(const char* what) {
    error_ = QCoreApplication::translate("JsonScanner", "%1 at byte %2")
                 .arg(QCoreApplication::translate("JsonScanner", what))
                 .arg(pos_);
    return false;
}

void JsonScanner::skipSpace() {
    while (pos_ < in_.size()) {
        const char c = in_[pos_];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            break;
        }
        ++pos_;
    }
}

bool JsonScanner::value(int depth) {
    if (depth > kMaxDepth) {
        return fail("nesting too deep");
    }
    skipSpace();
    if (pos_ >= in_.size()) {
        return fail("unexpected end of input");
    }
    switch (in_[pos_]) {
        case '{':
            return object(depth + 1);
        case '[':
            return array(depth + 1);
        case '"':
            return string();
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number();
    }
}

bool JsonScanner::literal(QByteArrayView word) {
    if (in_.sliced(pos_).startsWith(word)) {
        pos_ += word.size();
        return true;
    }
    return fail("invalid literal");
}

bool JsonScanner::number() {
    const qsizetype start = pos_;
    auto digits = [this] {
        const qsizetype s = pos_;
        while (pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9')
            ++pos_;
        return pos_ - s;
    };
    if (pos_ < in_.size() && in_[pos_] == '-')
        ++pos_;
    if (pos_ < in_.size() && in_[pos_] == '0') {
        ++pos_;
    } else if (digits() == 0) {
        pos_ = start;
        return fail("unexpected character");
    }
    if (pos_ < in_.size() && in_[pos_] == '.') {
        ++pos_;
        if (digits() == 0)
            return fail("digit expected after decimal point");
    }
    if (pos_ < in_.size() && (in_[pos_] == 'e' || in_[pos_] == 'E')) {
        ++pos_;
        if (pos_ < in_.size() && (in_[pos_] == '+' || in_[pos_] == '-'))
            ++pos_;
        if (digits() == 0)
            return fail("digit expected in exponent");
    }
    return true;
}

bool JsonScanner::string() {
    ++pos_;  // opening quote
    while (pos_ < in_.size()) {
        pos_ += plainRun(in_.data() + pos_, in_.size() - pos_);
        if (pos_ >= in_.size())
            break;
        const auto c = static_cast<unsigned char>(in_[pos_]);
        if (c == '"') {
            ++pos_;
            return true;
        }
        if (c < 0x20) {
            return fail("control character in string");
        }
        if (c == '\\') {
            ++pos_;
            if (pos_ >= in_.size())
                break;
            const char e = in_[pos_];
            if (e == 'u') {
                for (int i = 1; i <= 4; ++i) {
                    if (pos_ + i >= in_.size() || hexValue(in_[pos_ + i]) < 0) {
                        return fail("invalid \\u escape");
                    }
                }
                pos_ += 4;
            } else if (!QByteArrayView("\"\\/bfnrt").contains(e)) {
                return fail("invalid escape");
            }
        }
        ++pos_;
    }
    return fail("unterminated string");
}

bool JsonScanner::object(int depth) {
    ++pos_;  // '{'
    skipSpace();
    if (pos_ < in_.size() && in_[pos_] == '}') {
        ++pos_;
        return true;
    }
    while (true) {
        skipSpace();
        if (pos_ >= in_.size() || in_[pos_] != '"') {
            return fail("expected a member name");
        }
        const qsizetype keyBegin = pos_;
        if (!string())
            return false;
        const QByteArrayView key = in_.sliced(keyBegin + 1, pos_ - keyBegin - 2);
        skipSpace();
        if (pos_ >= in_.size() || in_[pos_] != ':') {
            return fail("expected ':'");
        }
        ++pos_;
        skipSpace();
        const qsizetype valueBegin = pos_;
        if (!value(depth))
            return false;
        // Only the outermost object's members are recorded. Keys are compared raw:
        // the members we look for never need escapes.
        if (depth == 1 && !recordMember(key, valueBegin)) {
            return false;
        }
        skipSpace();
        if (pos_ < in_.size() && in_[pos_] == ',') {
            ++pos_;
            continue;
        }
        if (pos_ < in_.size() && in_[pos_] == '}') {
            ++pos_;
            return true;
        }
        return fail("expected ',' or '}'");
    }
}

bool JsonScanner::recordMember(QByteArrayView key, qsizetype valueBegin) {
    QByteArray decoded;
    if (key.contains('\\')) {
        // A wanted key spelt with escapes must not slip past, e.g. "mod\u0065l".
        const qsizetype at = key.data() - in_.data();
        QString text;
        decodeString(in_, {at - 1, at + key.size() + 1}, &text);
        decoded = text.toUtf8();
        key = decoded;
    }
    for (QByteArrayView w : wanted_) {
        if (w != key)
            continue;
        // Providers read the last of duplicate keys, we would route on the first: refuse.
        if (span(w).found())
            return fail("duplicate member");
        members_.push_back({w, {valueBegin, pos_}});
        break;
    }
    return true;
}

bool JsonScanner::array(int depth) {
    ++pos_;  // '['
    skipSpace();
    if (pos_ < in_.size() && in_[pos_] == ']') {
        ++pos_;
        return true;
    }
    while (true) {
        if (!value(depth))
            return false;
        skipSpace();
        if (pos_ < in_.size() && in_[pos_] == ',') {
            ++pos_;
            continue;
        }
        if (pos_ < in_.size() && in_[pos_] == ']') {
            ++pos_;
            return true;
        }
        return fail("expected ',' or ']'");
    }
}

bool JsonScanner::decodeString(QByteArrayView json, JsonSpan span, QString* out) {
    if (!span.found() || span.end - span.begin < 2 || json[span.begin] != '"') {
        return false;
    }
    const QByteArrayView raw = json.sliced(span.begin + 1, span.end - span.begin - 2);
    if (!raw.contains('\\')) {
        *out = QString::fromUtf8(raw);
        return true;
    }
    QByteArray utf8;
    utf8.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\') {
            utf8.append(raw[i]);
            continue;
        }
        const char e = raw[++i];
        switch (e) {
            case 'b':
                utf8.append('\b');
                break;
            case 'f':
                utf8.append('\f');
                break;
            case 'n':
                utf8.append('\n');
                break;
            case 'r':
                utf8.append('\r');
                break;
            case 't':
                utf8.append('\t');
                break;
            case 'u': {
                char32_t cp = hex4(raw, i + 1);
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 < raw.size() && raw[i + 1] == '\\' &&
                    raw[i + 2] == 'u') {
                    const char32_t lo = hex4(raw, i + 3);
                    if (lo >= 0xDC00 && lo <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        i += 6;
                    }
                }
                utf8.append(QString::fromUcs4(&cp, 1).toUtf8());
                break;
            }
            default:
                utf8.append(e);
                break;  // \" \\ \/
        }
    }
    *out = QString::fromUtf8(utf8);
    return true;
}

void JsonScanner::appendQuoted(QByteArray& out, QStringView text) {
    appendQuotedUtf8(out, text.toUtf8());
}

void JsonScanner::appendQuotedUtf8(QByteArray& out, QByteArrayView utf8) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.reserve(out.size() + utf8.size() + 2);
    out.append('"');
    qsizetype at = 0;
    while (at < utf8.size()) {
        const qsizetype run = plainRun(utf8.data() + at, utf8.size() - at);
        out.append(utf8.sliced(at, run));
        at += run;
        if (at >= utf8.size())
            break;
        const char ch = utf8[at++];
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            const char escaped[2] = {'\\', ch};
            out.append(escaped, 2);
        } else {
            const char escaped[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
            out.append(escaped, 6);
        }
    }
    out.append('"');
}

bool JsonScanner::isLiteral(QByteArrayView json, JsonSpan span, QByteArrayView literal) {
    return span.found() && json.sliced(span.begin, span.end - span.begin) == literal;
}

}  // namespace signalbox
