#pragma once

#include "providers/StreamEvent.h"

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

namespace signalbox {

// Splits a text/event-stream into events as the WHATWG rules read it: lines end in
// \n, \r\n or \r; `event:` and `data:` fields; several data lines join with \n; lines
// starting with ':' are comments; an empty line dispatches. Bytes may arrive cut
// anywhere, a CR/LF pair included.
class SseParser {
public:
    struct Event {
        QByteArray event;  // empty when the event named none
        QByteArray data;
    };

    // Events larger than this end the stream: a provider that never ends an event must
    // not make us hold its bytes without bound.
    static constexpr qsizetype kMaxEventBytes = 16 * 1024 * 1024;

    // Appends the events completed by `bytes` to `out`. False once an event outgrew
    // kMaxEventBytes; nothing more is read then.
    bool feed(QByteArrayView bytes, std::vector<Event>& out);
    // The Error a decoder reports when feed() returned false.
    static StreamEvent overflowError();
    // Whether bytes of an unfinished event are held (a stream that ends here was cut).
    bool hasPartialEvent() const { return !line_.isEmpty() || fieldSeen_; }

private:
    void takeLine(std::vector<Event>& out);

    QByteArray line_;
    QByteArray event_;
    QByteArray data_;
    bool dataSeen_ = false;
    bool fieldSeen_ = false;
    bool lastWasCr_ = false;
    bool overflowed_ = false;
};

}  // namespace signalbox
