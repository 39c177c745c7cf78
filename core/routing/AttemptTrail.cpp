#include "routing/AttemptTrail.h"

namespace signalbox {

int AttemptTrail::calls() const {
    int n = 0;
    for (const Attempt& a : attempts_)
        n += a.called ? 1 : 0;
    return n;
}

QByteArray AttemptTrail::header() const {
    QByteArray out;
    for (const Attempt& a : attempts_) {
        if (!out.isEmpty())
            out.append(", ");
        // Header values are Latin-1 at best: a model name outside ASCII goes as '?'.
        for (const QChar c : a.target)
            out.append(c.unicode() > 0x20 && c.unicode() < 0x7f ? static_cast<char>(c.unicode())
                                                                : '?');
        out.append(' ').append(a.outcome);
        if (a.called)
            out.append(' ').append(QByteArray::number(a.durationMs)).append("ms");
    }
    return out;
}

}  // namespace signalbox
