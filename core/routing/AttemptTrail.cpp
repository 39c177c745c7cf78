#include "routing/AttemptTrail.h"

namespace signalbox {

int AttemptTrail::calls() const {
    int n = 0;
    for (const Attempt& a : attempts_)
        n += a.called ? 1 : 0;
    return n;
}

QByteArray AttemptTrail::headerText(const QString& text) {
    QByteArray out;
    out.reserve(text.size());
    for (const QChar c : text)
        out.append(c.unicode() > 0x20 && c.unicode() < 0x7f ? static_cast<char>(c.unicode()) : '?');
    return out;
}

QByteArray AttemptTrail::header() const {
    QByteArray out;
    for (const Attempt& a : attempts_) {
        if (!out.isEmpty())
            out.append(", ");
        out.append(headerText(a.target)).append(' ').append(a.outcome);
        if (a.called)
            out.append(' ').append(QByteArray::number(a.durationMs)).append("ms");
    }
    return out;
}

}  // namespace signalbox
