#pragma once

#include "providers/Usage.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <utility>

namespace signalbox {

class ChatFormat;

// Watches a pass-through event stream on its way to the client for what the request log
// needs, without decoding it: the token counts, read only from the few events that carry
// a usage object, and the number of events, which stands in for the output tokens when
// no counts come (a client that leaves early). When the gateway asked the provider for
// usage on the client's behalf, it cuts the usage-only chunk the client did not ask for.
class StreamUsageTap {
public:
    StreamUsageTap(const ChatFormat& format, bool cutAddedUsage)
        : format_(format), cut_(cutAddedUsage) {}

    // What of `data` goes to the client: `data` itself, or, when chunks are cut, its
    // complete lines (a line split between two reads waits for its end), copied into
    // `scratch` only when a line is left out.
    QByteArrayView feed(QByteArrayView data, QByteArray& scratch);
    // At the stream's end, when chunks are cut: what is left of an unended last line.
    QByteArray rest() { return cut_ ? std::exchange(partial_, {}) : QByteArray(); }

    const Usage& usage() const { return usage_; }
    qint64 events() const { return events_; }  // data events seen, [DONE] aside
    // The stream's own end went by: OpenAI's [DONE] or Anthropic's message_stop. The
    // client holds a whole answer once these bytes reach it.
    bool ended() const { return ended_; }
    // The provider ended the stream with its own error event (OpenAI's data line holding
    // an "error" object, Anthropic's `event: error`); failure() is its message.
    bool failed() const { return failed_; }
    const QString& failure() const { return failure_; }

private:
    // Looks at one complete line, without its line break; false: leave it out.
    bool line(QByteArrayView line);

    const ChatFormat& format_;
    bool cut_;
    bool skipBlank_ = false;  // the blank line that ended a cut event goes too
    QByteArray partial_;      // the start of a line whose end has not come yet
    Usage usage_;
    qint64 events_ = 0;
    bool ended_ = false;
    bool failed_ = false;
    bool errorEvent_ = false;  // an `event: error` line came: its data line is next
    QString failure_;
};

}  // namespace signalbox
