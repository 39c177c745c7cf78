#pragma once

#include "MockFault.h"
#include "http/HttpHeaders.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>
#include <optional>

namespace signalbox {
class HttpExchange;
}

namespace signalbox::mock {

// What every reply is given: the exchange, the fault to inject and the shared
// counters it reports to.
struct MockReplyContext {
    std::shared_ptr<HttpExchange> exchange;
    MockFault fault;
    int chunkDelayMs = 0;                     // the provider's default gap between chunks
    std::atomic<int>* clientsGone = nullptr;  // streams whose client left before the end
};

// One answer of the mock provider, in some provider's format. The base applies
// the fault (delay, error status, garbage), then the format serves; a stream is
// written one chunk per tick so a client sees it arrive in pieces. Lives on the
// worker thread until the answer is out.
class MockReply : public QObject {
    Q_OBJECT
public:
    explicit MockReply(MockReplyContext context);
    void start();

protected:
    // Answers the request: respond() or stream().
    virtual void serve() = 0;
    // The error body for `status` in the format, for injected errors.
    virtual QByteArray errorBody(int status) const = 0;
    struct ErrorAnswer {
        int status = 400;
        QByteArray body;
    };
    // The provider's answer to a named error (MockFault::error), or nullopt when
    // serve() answers it in a normal reply. By default a plain 400 in the format.
    virtual std::optional<ErrorAnswer> namedError(const QString& name) const;
    virtual QByteArray garbageContentType() const { return "application/json"; }

    const MockFault& fault() const { return fault_; }
    // Both send the fault's extra headers along with `headers`.
    void respond(int status, const QByteArray& body, HttpHeaders headers = {},
                 const QByteArray& contentType = "application/json");
    // How the events of a stream are joined: nothing for SSE (each event carries
    // its own framing), brackets and commas for a streamed JSON array.
    struct Framing {
        QByteArray open;
        QByteArray separator;
        QByteArray close;
    };
    // Streams `events`, one a tick. cut_after_chunks drops the connection after
    // that many; stream_error writes `errorEvent` after cut_after_chunks events,
    // or else after the event at `firstContent`, and ends the stream there.
    void stream(const HttpHeaders& headers, QList<QByteArray> events, qsizetype firstContent,
                QByteArray errorEvent, Framing framing = {});

private:
    void respondWithError(int status, const QByteArray& body);
    void pump();
    void write(const QByteArray& event);
    void finish();

    std::shared_ptr<HttpExchange> exchange_;
    MockFault fault_;
    int chunkDelayMs_ = 0;
    QList<QByteArray> events_;
    QByteArray errorEvent_;
    Framing framing_;
    qsizetype next_ = 0;
    qsizetype errorAt_ = -1;
    QTimer timer_;
};

}  // namespace signalbox::mock
