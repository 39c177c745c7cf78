#include "governance/Redactor.h"

#include "governance/SecretPattern.h"
#include "json/Json.h"

#include <QRegularExpressionMatchIterator>

#include <algorithm>
#include <array>
#include <vector>

namespace signalbox {

namespace {

// A match to mask, as [begin, end) in UTF-16 code units.
struct Span {
    qsizetype begin;
    qsizetype end;
};
using Spans = std::vector<Span>;

QChar charAt(QStringView text, qsizetype i) {
    return i >= 0 && i < text.size() ? text[i] : QChar();
}

bool isDigit(QChar c) {
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool isUpper(QChar c) {
    return c.unicode() >= u'A' && c.unicode() <= u'Z';
}

bool isAsciiLetter(QChar c) {
    return isUpper(c) || (c.unicode() >= u'a' && c.unicode() <= u'z');
}

bool isWordChar(QChar c) {
    return c.isLetterOrNumber() || c == u'_';
}

// Punctuation that glues one number to the next: 3.14, 1,000, 12:30, 1/2, 2026-11-24.
bool isNumberGlue(QChar c) {
    return c == u'.' || c == u',' || c == u':' || c == u'/' || c == u'-';
}

// True when a number starting at `begin` continues something before it: a word or number
// ("A4111…", "12.4111…"), an identifier or path ("order-4111…", "/cards/4111…"), an
// address ("a@4111…") or an international prefix ("+4111…").
bool joinedBefore(QStringView text, qsizetype begin) {
    const QChar prev = charAt(text, begin - 1);
    if (isWordChar(prev) || prev == u'@' || prev == u'+')
        return true;
    const QChar before = charAt(text, begin - 2);
    return (isNumberGlue(prev) && isDigit(before)) ||
           ((prev == u'-' || prev == u'/') && isWordChar(before));
}

// The same test for what follows a number ending at `end`: "…1111.50", "…1111-abc".
bool joinedAfter(QStringView text, qsizetype end) {
    const QChar next = charAt(text, end);
    if (isWordChar(next) || next == u'@')
        return true;
    const QChar after = charAt(text, end + 1);
    return (isNumberGlue(next) && isDigit(after)) || (next == u'-' && isWordChar(after));
}

// A run of digits starting at `pos`; returns where it ends.
qsizetype skipDigits(QStringView text, qsizetype pos) {
    while (pos < text.size() && isDigit(text[pos]))
        ++pos;
    return pos;
}

// What was cheap to learn about a string before running any detector.
struct Hints {
    bool at = false;
    int digits = 0;
};

Hints hintsOf(QByteArrayView utf8) {
    Hints hints;
    for (const char c : utf8) {
        if (c == '@')
            hints.at = true;
        else if (c >= '0' && c <= '9')
            ++hints.digits;
    }
    return hints;
}

Hints hintsOf(QStringView text) {
    Hints hints;
    for (const QChar c : text) {
        if (c == u'@')
            hints.at = true;
        else if (isDigit(c))
            ++hints.digits;
    }
    return hints;
}

// --- secrets ---------------------------------------------------------------------------

Spans findSecrets(QStringView text) {
    Spans spans;
    QRegularExpressionMatchIterator it = SecretPattern::keyLike().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        spans.push_back({match.capturedStart(), match.capturedEnd()});
    }
    return spans;
}

// --- IBANs ------------------------------------------------------------------------------

// The IBAN length of each country that issues them; a candidate of another length, or from
// a country not listed, is not an IBAN.
int ibanLength(QChar a, QChar b) {
    struct Country {
        char code[3];
        int length;
    };
    static constexpr Country kCountries[] = {
        {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16},
        {"BG", 22}, {"BH", 22}, {"BR", 29}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24},
        {"DE", 22}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18},
        {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27},
        {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IS", 26}, {"IT", 27},
        {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LI", 21}, {"LT", 20}, {"LU", 20},
        {"LV", 21}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MR", 27}, {"MT", 31},
        {"MU", 30}, {"NL", 18}, {"NO", 15}, {"PK", 24}, {"PL", 28}, {"PS", 29}, {"PT", 25},
        {"QA", 29}, {"RO", 24}, {"RS", 22}, {"SA", 24}, {"SE", 24}, {"SI", 19}, {"SK", 24},
        {"SM", 27}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"XK", 20},
    };
    for (const Country& country : kCountries) {
        if (a == QLatin1Char(country.code[0]) && b == QLatin1Char(country.code[1]))
            return country.length;
    }
    return 0;
}

// ISO 13616: the country code and check digits move to the end, letters count as 10–35,
// and the whole number must leave 1 when divided by 97.
bool ibanChecksumValid(const char* iban, int length) {
    int remainder = 0;
    for (int k = 0; k < length; ++k) {
        const char c = iban[(k + 4) % length];
        remainder =
            c >= 'A' ? (remainder * 100 + (c - 'A' + 10)) % 97 : (remainder * 10 + (c - '0')) % 97;
    }
    return remainder == 1;
}

// Upper-case IBANs, written in one piece or in groups of four with single spaces.
Spans findIbans(QStringView text) {
    Spans spans;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i + 15 <= n; ++i) {
        if (!isUpper(text[i]) || !isUpper(text[i + 1]) || !isDigit(text[i + 2]) ||
            !isDigit(text[i + 3]) || isWordChar(charAt(text, i - 1)))
            continue;
        const int length = ibanLength(text[i], text[i + 1]);
        if (length == 0)
            continue;
        std::array<char, 34> iban{};
        int have = 0;
        for (; have < 4; ++have)
            iban[size_t(have)] = char(text[i + have].unicode());
        qsizetype pos = i + 4;
        const bool grouped = charAt(text, pos) == u' ';
        while (have < length) {
            if (grouped && have % 4 == 0) {
                if (charAt(text, pos) != u' ')
                    break;
                ++pos;
            }
            const QChar c = charAt(text, pos);
            if (!isUpper(c) && !isDigit(c))
                break;
            iban[size_t(have++)] = char(c.unicode());
            ++pos;
        }
        if (have < length || isWordChar(charAt(text, pos)) ||
            !ibanChecksumValid(iban.data(), length))
            continue;
        spans.push_back({i, pos});
        i = pos - 1;
    }
    return spans;
}

// --- cards ------------------------------------------------------------------------------

// How issuers print card numbers: in one piece, in fours (the last group shorter on 13- and
// 19-digit cards), or 4-6-5 and 4-6-4 (American Express, Diners).
bool cardGrouping(const std::vector<int>& groups) {
    const size_t count = groups.size();
    if (count == 1)
        return true;
    if (count == 3 && groups[0] == 4 && groups[1] == 6 && (groups[2] == 5 || groups[2] == 4))
        return true;
    if (count < 4 || groups.back() > 4)
        return false;
    return std::all_of(groups.begin(), groups.end() - 1, [](int g) { return g == 4; });
}

bool luhnValid(const std::array<quint8, 19>& digits, int count) {
    int sum = 0;
    bool twice = false;
    for (int k = count - 1; k >= 0; --k) {
        const int d = digits[size_t(k)];
        sum += !twice ? d : d < 5 ? 2 * d : 2 * d - 9;
        twice = !twice;
    }
    return sum % 10 == 0;
}

// 13–19 digits that pass Luhn, optionally grouped by single spaces or hyphens (the same
// one throughout), standing alone: a longer run of digits is some other number.
Spans findCards(QStringView text) {
    Spans spans;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        if (!isDigit(text[i])) {
            ++i;
            continue;
        }
        const qsizetype begin = i;
        std::array<quint8, 19> digits{};
        int count = 0;
        std::vector<int> groups;
        QChar separator;
        qsizetype end = begin;
        for (;;) {
            const qsizetype groupEnd = skipDigits(text, end);
            for (qsizetype k = end; k < groupEnd; ++k, ++count) {
                if (count < 19)
                    digits[size_t(count)] = quint8(text[k].unicode() - u'0');
            }
            groups.push_back(int(groupEnd - end));
            end = groupEnd;
            // Grouped cards start with four digits; after a long first group the number has
            // ended. A next "group" glued to more ("… 12/27", "… 3.5") is not one either.
            const QChar c = charAt(text, end);
            if ((c != u' ' && c != u'-') || (!separator.isNull() && c != separator) ||
                !isDigit(charAt(text, end + 1)) || groups.front() > 6 ||
                (c == u' ' && joinedAfter(text, skipDigits(text, end + 1))))
                break;
            separator = c;
            ++end;
        }
        i = end;
        if (count < 13 || count > 19 || digits[0] == 0 || joinedBefore(text, begin) ||
            joinedAfter(text, end) || !cardGrouping(groups) || !luhnValid(digits, count))
            continue;
        spans.push_back({begin, end});
    }
    return spans;
}

// --- emails -----------------------------------------------------------------------------

bool isLocalPartChar(QChar c) {
    return isDigit(c) || isAsciiLetter(c) || c == u'.' || c == u'_' || c == u'%' || c == u'+' ||
           c == u'-';
}

bool isLabelChar(QChar c) {
    return isDigit(c) || isAsciiLetter(c) || c == u'-';
}

// "logo@2x.png" names a high-resolution image, not a mailbox.
bool isImageExtension(QStringView label) {
    for (const char* extension : {"png", "jpg", "jpeg", "gif", "svg", "webp"}) {
        if (label.compare(QLatin1String(extension), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// local@domain.tld, found from each '@' outwards: linear in the text, however long.
Spans findEmails(QStringView text) {
    constexpr qsizetype kMaxLocalPart = 64;
    constexpr qsizetype kMaxLabel = 63;
    Spans spans;
    qsizetype lastEnd = 0;
    for (qsizetype at = text.indexOf(u'@'); at >= 0; at = text.indexOf(u'@', at + 1)) {
        qsizetype begin = at;
        while (begin > lastEnd && at - begin <= kMaxLocalPart && isLocalPartChar(text[begin - 1]))
            --begin;
        if (at - begin > kMaxLocalPart)
            continue;
        while (begin < at && text[begin] == u'.')
            ++begin;
        if (begin == at || text[at - 1] == u'.' || isWordChar(charAt(text, begin - 1)))
            continue;
        // Dot-separated labels; the address ends after the last all-letter label.
        qsizetype end = -1;
        qsizetype tld = -1;
        int labels = 0;
        for (qsizetype pos = at + 1;;) {
            qsizetype labelEnd = pos;
            bool letters = true;
            while (labelEnd < text.size() && labelEnd - pos < kMaxLabel &&
                   isLabelChar(text[labelEnd])) {
                letters = letters && isAsciiLetter(text[labelEnd]);
                ++labelEnd;
            }
            if (labelEnd == pos || text[pos] == u'-' || text[labelEnd - 1] == u'-')
                break;
            if (++labels >= 2 && letters && labelEnd - pos >= 2) {
                end = labelEnd;
                tld = pos;
            }
            if (charAt(text, labelEnd) != u'.' || !isLabelChar(charAt(text, labelEnd + 1)))
                break;
            pos = labelEnd + 1;
        }
        if (end < 0 || isWordChar(charAt(text, end)) ||
            isImageExtension(text.sliced(tld, end - tld)))
            continue;
        spans.push_back({begin, end});
        lastEnd = end;
        at = end - 1;
    }
    return spans;
}

// --- phones -----------------------------------------------------------------------------

// "+1 (415) 555-2671", "+44 20 7946 0958", "+44 (0)20 7946 0958", "+14155552671": a
// country code, then digit groups with single spaces, hyphens or dots, or in parentheses;
// 8–15 digits in all (E.164). Returns the end, or -1.
qsizetype internationalPhoneEnd(QStringView text, qsizetype plus) {
    const QChar prev = charAt(text, plus - 1);
    if (isWordChar(prev) || prev == u'+' || !isDigit(charAt(text, plus + 1)) ||
        charAt(text, plus + 1) == u'0')
        return -1;
    qsizetype pos = skipDigits(text, plus + 1);
    const qsizetype firstGroup = pos - plus - 1;
    qsizetype digits = firstGroup;
    int groups = 1;
    bool afterParenthesis = false;
    while (digits <= 15) {
        qsizetype next = pos;
        const QChar c = charAt(text, next);
        if (c == u' ' || c == u'-' || c == u'.')
            ++next;
        else if (c != u'(' && !afterParenthesis)
            break;
        if (charAt(text, next) == u'(') {
            const qsizetype close = skipDigits(text, next + 1);
            if (close - next - 1 < 1 || close - next - 1 > 4 || charAt(text, close) != u')')
                break;
            digits += close - next - 1;
            pos = close + 1;
            afterParenthesis = true;
        } else if (isDigit(charAt(text, next))) {
            const qsizetype groupEnd = skipDigits(text, next);
            digits += groupEnd - next;
            pos = groupEnd;
            afterParenthesis = false;
        } else {
            break;
        }
        ++groups;
    }
    // A country code has at most three digits: "+2026-11-24" is a date.
    if (digits < 8 || digits > 15 || (groups > 1 && firstGroup > 3) || joinedAfter(text, pos))
        return -1;
    return pos;
}

// `count` digits at `pos`, the first 2–9 when `leading` (area codes and exchanges).
bool digitsAt(QStringView text, qsizetype pos, int count, bool leading) {
    for (int k = 0; k < count; ++k) {
        if (!isDigit(charAt(text, pos + k)))
            return false;
    }
    return !isDigit(charAt(text, pos + count)) && (!leading || text[pos] >= u'2');
}

// "(415) 555-2671", "415-555-2671", "415.555.2671", optionally after "1-" or "1 ". Area
// code and exchange start with 2–9, as the North American plan requires: "123-456-7890"
// is more likely an order number than a phone.
qsizetype northAmericanPhoneEnd(QStringView text, qsizetype begin) {
    qsizetype pos = begin;
    const QChar trunkSeparator = charAt(text, pos + 1);
    if (text[pos] == u'1' &&
        (trunkSeparator == u' ' || trunkSeparator == u'-' || trunkSeparator == u'.'))
        pos += 2;
    qsizetype end = -1;
    if (charAt(text, pos) == u'(') {
        if (!digitsAt(text, pos + 1, 3, true) || charAt(text, pos + 4) != u')')
            return -1;
        pos += 5;
        if (charAt(text, pos) == u' ')
            ++pos;
        const QChar separator = charAt(text, pos + 3);
        if (digitsAt(text, pos, 3, true) &&
            (separator == u'-' || separator == u'.' || separator == u' ') &&
            digitsAt(text, pos + 4, 4, false))
            end = pos + 8;
    } else {
        const QChar separator = charAt(text, pos + 3);
        if (digitsAt(text, pos, 3, true) && (separator == u'-' || separator == u'.') &&
            digitsAt(text, pos + 4, 3, true) && charAt(text, pos + 7) == separator &&
            digitsAt(text, pos + 8, 4, false))
            end = pos + 12;
    }
    return end < 0 || joinedAfter(text, end) ? -1 : end;
}

Spans findPhones(QStringView text) {
    Spans spans;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        qsizetype end = -1;
        if (c == u'+')
            end = internationalPhoneEnd(text, i);
        else if ((isDigit(c) || c == u'(') && !joinedBefore(text, i))
            end = northAmericanPhoneEnd(text, i);
        if (end < 0)
            continue;
        spans.push_back({i, end});
        i = end - 1;
    }
    return spans;
}

// --- masking ----------------------------------------------------------------------------

QStringView replacementFor(RedactionKind kind) {
    switch (kind) {
        case RedactionKind::Email:
            return u"[REDACTED_EMAIL]";
        case RedactionKind::Phone:
            return u"[REDACTED_PHONE]";
        case RedactionKind::Card:
            return u"[REDACTED_CARD]";
        case RedactionKind::Iban:
            return u"[REDACTED_IBAN]";
        case RedactionKind::Secret:
            break;
    }
    return u"[REDACTED_SECRET]";
}

void mask(QString& text, const Spans& spans, RedactionKind kind, RedactionCounts& counts) {
    if (spans.empty())
        return;
    const QStringView token = replacementFor(kind);
    QString out;
    out.reserve(text.size());
    qsizetype from = 0;
    for (const Span& span : spans) {
        out.append(QStringView(text).sliced(from, span.begin - from));
        out.append(token);
        from = span.end;
    }
    out.append(QStringView(text).sliced(from));
    text = std::move(out);
    counts.add(kind, int(spans.size()));
}

// Members whose strings are identifiers or opaque data: masking them would break the
// request, and none carries free text.
bool isOpaqueKey(QByteArrayView key) {
    static constexpr QByteArrayView kOpaque[] = {
        "model",
        "role",
        "type",
        "id",
        "tool_call_id",
        "tool_use_id",
        "name",
        "signature",
        "thought_signature",
        "data",
        "url",
        "media_type",
        "mime_type",
        "encrypted_content",
        "format",
    };
    return std::find(std::begin(kOpaque), std::end(kOpaque), key) != std::end(kOpaque);
}

// Worth decoding to UTF-16 at all? Most string values are not.
bool mayNeedMasking(RedactionKinds kinds, QByteArrayView utf8) {
    if (kinds.contains(RedactionKind::Secret) && utf8.size() >= SecretPattern::kMinimumLength)
        return true;
    const Hints hints = hintsOf(utf8);
    return (hints.at && kinds.contains(RedactionKind::Email)) ||
           (hints.digits >= 8 && kinds.contains(RedactionKind::Phone)) ||
           (hints.digits >= 13 && kinds.contains(RedactionKind::Card)) ||
           (hints.digits >= 2 && utf8.size() >= 15 && kinds.contains(RedactionKind::Iban));
}

bool redactJson(const Redactor& redactor, Json& value, RedactionCounts& counts) {
    switch (value.type()) {
        case Json::Type::String: {
            if (!mayNeedMasking(redactor.kinds(), value.utf8()))
                return false;
            QString text = value.toString();
            const int before = counts.total();
            redactor.redactText(text, counts);
            if (counts.total() == before)
                return false;
            value = Json(text);
            return true;
        }
        case Json::Type::Array: {
            bool masked = false;
            for (Json& item : value.mutableItems())
                masked = redactJson(redactor, item, counts) || masked;
            return masked;
        }
        case Json::Type::Object: {
            // Anthropic signs thinking blocks; an edited one fails the signature check.
            const Json& type = value["type"];
            if (type.isString() &&
                (type.utf8() == "thinking" || type.utf8() == "redacted_thinking"))
                return false;
            bool masked = false;
            for (Json::Member& member : value.mutableMembers()) {
                if (!isOpaqueKey(member.first))
                    masked = redactJson(redactor, member.second, counts) || masked;
            }
            return masked;
        }
        default:
            return false;
    }
}

}  // namespace

Redactor::Redactor(RedactionKinds kinds) : kinds_(kinds) {}

void Redactor::redactText(QString& text, RedactionCounts& counts) const {
    // Secrets first, so a key's digits are not read as anything else. IBANs before cards:
    // the digit tail of a grouped IBAN can pass for a card, never the other way round.
    // Cards before phones, so a card number is not counted twice.
    if (kinds_.contains(RedactionKind::Secret) && text.size() >= SecretPattern::kMinimumLength)
        mask(text, findSecrets(text), RedactionKind::Secret, counts);
    const Hints hints = hintsOf(QStringView(text));
    if (kinds_.contains(RedactionKind::Iban) && hints.digits >= 2 && text.size() >= 15)
        mask(text, findIbans(text), RedactionKind::Iban, counts);
    if (kinds_.contains(RedactionKind::Card) && hints.digits >= 13)
        mask(text, findCards(text), RedactionKind::Card, counts);
    if (kinds_.contains(RedactionKind::Email) && hints.at)
        mask(text, findEmails(text), RedactionKind::Email, counts);
    if (kinds_.contains(RedactionKind::Phone) && hints.digits >= 8)
        mask(text, findPhones(text), RedactionKind::Phone, counts);
}

std::optional<QByteArray> Redactor::redactBody(QByteArrayView body, RedactionCounts& counts) const {
    if (kinds_.isEmpty())
        return std::nullopt;
    std::optional<Json> json = Json::parse(body);
    if (!json || !redactJson(*this, *json, counts))
        return std::nullopt;
    return json->serialize();
}

}  // namespace signalbox
