#pragma once

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

    // Appends the events completed by `bytes` to `out`.
    void feed(QByteArrayView bytes, std::vector<Event>& out);
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
};

}  // namespace signalbox
