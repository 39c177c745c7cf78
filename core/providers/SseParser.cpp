#include "providers/SseParser.h"

#include <QCoreApplication>

namespace signalbox {

bool SseParser::feed(QByteArrayView bytes, std::vector<Event>& out) {
    if (overflowed_)
        return false;
    qsizetype start = 0;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c != '\n' && c != '\r')
            continue;
        if (c == '\n' && lastWasCr_ && i == start && line_.isEmpty()) {
            // The LF of a CRLF whose CR ended the previous piece or line.
            lastWasCr_ = false;
            start = i + 1;
            continue;
        }
        line_.append(bytes.sliced(start, i - start));
        takeLine(out);
        lastWasCr_ = c == '\r';
        start = i + 1;
    }
    if (start < bytes.size()) {
        line_.append(bytes.sliced(start));
        lastWasCr_ = false;
    }
    if (line_.size() + data_.size() > kMaxEventBytes) {
        overflowed_ = true;
        line_.clear();
        data_.clear();
        return false;
    }
    return true;
}

StreamEvent SseParser::overflowError() {
    StreamEvent e;
    e.type = StreamEvent::Type::Error;
    e.error.status = 502;
    e.error.kind = ApiError::Kind::BadResponse;
    e.error.code = "upstream_bad_response";
    e.error.message = QCoreApplication::translate(
                          "SseParser", "The provider sent a stream event larger than %1 MiB.")
                          .arg(kMaxEventBytes / (1024 * 1024));
    return e;
}

void SseParser::takeLine(std::vector<Event>& out) {
    const QByteArray line = std::exchange(line_, {});
    if (line.isEmpty()) {
        if (dataSeen_) {
            if (data_.endsWith('\n'))
                data_.chop(1);
            out.push_back({std::exchange(event_, {}), std::exchange(data_, {})});
        }
        event_.clear();
        data_.clear();
        dataSeen_ = false;
        fieldSeen_ = false;
        return;
    }
    if (line.startsWith(':'))
        return;
    fieldSeen_ = true;
    const qsizetype colon = line.indexOf(':');
    const QByteArrayView field =
        colon < 0 ? QByteArrayView(line) : QByteArrayView(line).first(colon);
    QByteArrayView value = colon < 0 ? QByteArrayView() : QByteArrayView(line).sliced(colon + 1);
    if (value.startsWith(' '))
        value = value.sliced(1);
    if (field == "data") {
        data_.append(value).append('\n');
        dataSeen_ = true;
    } else if (field == "event") {
        event_ = value.toByteArray();
    }
}

}  // namespace signalbox
