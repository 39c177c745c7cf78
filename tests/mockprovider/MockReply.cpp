#include "MockReply.h"

#include "http/HttpExchange.h"

namespace signalbox::mock {

MockReply::MockReply(MockReplyContext context)
    : exchange_(std::move(context.exchange)), fault_(std::move(context.fault)) {
    chunkDelayMs_ = fault_.chunkDelayMs >= 0 ? fault_.chunkDelayMs : context.chunkDelayMs;
    timer_.setSingleShot(true);
    std::atomic<int>* gone = context.clientsGone;
    exchange_->setClientGoneHandler([this, gone] {
        if (gone != nullptr) {
            ++*gone;
        }
        finish();
    });
}

void MockReply::start() {
    auto go = [this] {
        if (!exchange_->isOpen()) {
            return finish();
        }
        if (!fault_.error.isEmpty()) {
            if (const std::optional<ErrorAnswer> e = namedError(fault_.error)) {
                return respondWithError(fault_.status > 0 ? fault_.status : e->status,
                                        fault_.body.isEmpty() ? e->body : fault_.body);
            }
        } else if (fault_.status >= 400) {
            return respondWithError(fault_.status,
                                    fault_.body.isEmpty() ? errorBody(fault_.status) : fault_.body);
        }
        if (fault_.garbage) {
            return respond(200, "<html>this is not what you asked for</html>", {},
                           garbageContentType());
        }
        serve();
    };
    if (fault_.delayMs > 0) {
        connect(&timer_, &QTimer::timeout, this, go, Qt::SingleShotConnection);
        timer_.start(fault_.delayMs);
    } else {
        go();
    }
}

std::optional<MockReply::ErrorAnswer> MockReply::namedError(const QString& /*name*/) const {
    return ErrorAnswer{400, errorBody(400)};
}

void MockReply::respondWithError(int status, const QByteArray& body) {
    HttpHeaders h;
    if (!fault_.retryAfter.isEmpty()) {
        h.add("retry-after", fault_.retryAfter);
    }
    if (fault_.retryAfterMs >= 0) {
        h.add("retry-after-ms", QByteArray::number(fault_.retryAfterMs));
    }
    respond(status, body, h);
}

void MockReply::respond(int status, const QByteArray& body, HttpHeaders headers,
                        const QByteArray& contentType) {
    headers.add("content-type", contentType);
    for (const auto& [name, value] : std::as_const(fault_.headers)) {
        headers.add(name, value);
    }
    exchange_->respond(status, headers, body);
    finish();
}

void MockReply::stream(const HttpHeaders& headers, QList<QByteArray> events, qsizetype firstContent,
                       QByteArray errorEvent, Framing framing) {
    events_ = std::move(events);
    errorEvent_ = std::move(errorEvent);
    framing_ = std::move(framing);
    if (!fault_.streamError.isEmpty()) {
        errorAt_ = fault_.cutAfterChunks >= 0 ? fault_.cutAfterChunks : firstContent + 1;
        errorAt_ = std::min(errorAt_, events_.size());
    }
    HttpHeaders all = headers;
    for (const auto& [name, value] : std::as_const(fault_.headers)) {
        all.add(name, value);
    }
    exchange_->beginStream(200, all);
    exchange_->flush();  // a provider's head goes out before its events, as real ones do
    pump();
}

void MockReply::pump() {
    if (!exchange_->isOpen()) {
        return finish();
    }
    if (next_ == errorAt_) {
        write(errorEvent_);
        exchange_->write(framing_.close);
        exchange_->end();
        return finish();
    }
    if (errorAt_ < 0 && fault_.cutAfterChunks >= 0 && next_ >= fault_.cutAfterChunks) {
        exchange_->abort();
        return finish();
    }
    if (next_ == events_.size()) {
        exchange_->write(next_ == 0 ? framing_.open + framing_.close : framing_.close);
        exchange_->end();
        return finish();
    }
    write(events_[next_]);
    ++next_;
    if (chunkDelayMs_ > 0) {
        connect(&timer_, &QTimer::timeout, this, &MockReply::pump, Qt::SingleShotConnection);
        timer_.start(chunkDelayMs_);
    } else {
        QMetaObject::invokeMethod(this, &MockReply::pump, Qt::QueuedConnection);
    }
}

void MockReply::write(const QByteArray& event) {
    exchange_->write((next_ == 0 ? framing_.open : framing_.separator) + event);
}

void MockReply::finish() {
    timer_.stop();
    exchange_->setClientGoneHandler(nullptr);
    deleteLater();
}

}  // namespace signalbox::mock
