#include "governance/CacheKey.h"

#include "json/Json.h"

#include <QCryptographicHash>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace signalbox {

namespace {

// Top-level fields that change how the answer is delivered or labelled, not what it says.
constexpr QByteArrayView kIgnored[] = {
    "stream",           "stream_options",    "user",         "metadata", "store",
    "prompt_cache_key", "safety_identifier", "service_tier",
};

bool ignored(const QByteArray& name) {
    return std::find(std::begin(kIgnored), std::end(kIgnored), QByteArrayView(name)) !=
           std::end(kIgnored);
}

// Writes a value as tagged, length-prefixed bytes: no escaping to get wrong, and no two
// different trees write the same bytes.
class CanonicalWriter {
public:
    explicit CanonicalWriter(QByteArray& out) : out_(out) {}

    void value(const Json& v, bool top = false) {
        switch (v.type()) {
            case Json::Type::Null:
                out_.append('n');
                return;
            case Json::Type::Bool:
                out_.append(v.toBool() ? 't' : 'f');
                return;
            case Json::Type::Number:
                number(v.utf8());
                return;
            case Json::Type::String:
                out_.append('s');
                bytes(v.utf8());
                return;
            case Json::Type::Array:
                out_.append('[');
                length(static_cast<qint64>(v.items().size()));
                for (const Json& item : v.items())
                    value(item);
                return;
            case Json::Type::Object:
                object(v, top);
                return;
        }
    }

private:
    void object(const Json& v, bool top) {
        // Members sorted by key through one scratch list shared by every level: each
        // object sorts its own stretch at the end of it, and drops it when done.
        const size_t begin = scratch_.size();
        for (const Json::Member& m : v.members()) {
            if (!top || !ignored(m.first))
                scratch_.push_back(&m);
        }
        const size_t end = scratch_.size();
        std::sort(scratch_.begin() + static_cast<std::ptrdiff_t>(begin),
                  scratch_.begin() + static_cast<std::ptrdiff_t>(end),
                  [](const Json::Member* a, const Json::Member* b) { return a->first < b->first; });
        out_.append('{');
        length(static_cast<qint64>(end - begin));
        for (size_t i = begin; i < end; ++i) {
            const Json::Member* m = scratch_[i];  // by index: nested objects grow the list
            bytes(m->first);
            value(m->second);
        }
        scratch_.resize(begin);
    }

    // 1, 1.0, 1e0 and -0 are one number; integers keep all their digits (seeds beyond
    // 2^53 must not collide); the rest go by their double value, or text when infinite.
    void number(const QByteArray& text) {
        const bool integral = !text.contains('.') && !text.contains('e') && !text.contains('E');
        bool ok = false;
        if (integral) {
            const qint64 n = text.toLongLong(&ok);
            if (ok) {
                integer(n);
                return;
            }
        }
        const double d = text.toDouble(&ok);
        if (ok && std::isfinite(d)) {
            if (d == std::floor(d) && std::fabs(d) < 9007199254740992.0) {
                integer(static_cast<qint64>(d));
                return;
            }
            out_.append('d');
            quint64 bits = 0;
            std::memcpy(&bits, &d, sizeof bits);
            fixed(bits);
            return;
        }
        out_.append('x');
        bytes(text);
    }

    void integer(qint64 n) {
        out_.append('i');
        fixed(static_cast<quint64>(n));
    }

    void bytes(const QByteArray& b) {
        length(b.size());
        out_.append(b);
    }

    void length(qint64 n) { fixed(static_cast<quint64>(n)); }

    void fixed(quint64 n) {
        char buffer[sizeof n];
        qToLittleEndian(n, buffer);
        out_.append(buffer, sizeof buffer);
    }

    QByteArray& out_;
    std::vector<const Json::Member*> scratch_;
};

void appendPrefixed(QByteArray& out, QByteArrayView text) {
    char buffer[sizeof(quint64)];
    qToLittleEndian(static_cast<quint64>(text.size()), buffer);
    out.append(buffer, sizeof buffer);
    out.append(text);
}

}  // namespace

std::optional<QByteArray> CacheKey::of(QByteArrayView surface, QStringView scope,
                                       QByteArrayView body) {
    const std::optional<Json> request = Json::parse(body);
    if (!request || !request->isObject())
        return std::nullopt;
    // Several choices are several samples: a replay would hand back the same ones.
    const Json& n = (*request)["n"];
    if (n.isNumber() && n.toDouble(1) > 1)
        return std::nullopt;
    // A hit replays the canonical answer (text, tool calls, thinking, usage); token
    // log-probabilities are not part of it, and a client that asks for them must get them.
    if ((*request)["logprobs"].toBool() || (*request)["top_logprobs"].isNumber())
        return std::nullopt;

    QByteArray canonical;
    canonical.reserve(body.size() + 64);
    // Length-prefixed, so no surface and scope can run into each other or the body.
    appendPrefixed(canonical, surface);
    appendPrefixed(canonical, scope.toUtf8());
    CanonicalWriter(canonical).value(*request, true);
    return QCryptographicHash::hash(canonical, QCryptographicHash::Sha256);
}

}  // namespace signalbox
