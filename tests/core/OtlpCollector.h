#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

#include <deque>
#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace signalbox::test {

// A minimal OTLP/HTTP collector: reads HTTP/1.1 requests with a Content-Length body on
// kept-alive connections and answers each with the next scripted status (200 when the
// script is out), or not at all when told to hang.
class Collector {
public:
    struct Request {
        QByteArray method;
        QByteArray path;
        std::map<QByteArray, QByteArray> headers;  // names lower-cased
        QByteArray body;
    };

    Collector() {
        QObject::connect(&server_, &QTcpServer::newConnection, &server_, [this] {
            while (QTcpSocket* socket = server_.nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    while (takeRequest(socket, *buffer)) {
                    }
                });
            }
        });
        if (!server_.listen(QHostAddress::LocalHost, 0))
            qFatal("collector cannot listen");
    }

    QString url(const char* path = "/v1/traces") const {
        return QStringLiteral("http://127.0.0.1:%1%2")
            .arg(server_.serverPort())
            .arg(QString::fromLatin1(path));
    }

    std::vector<Request> requests;
    std::deque<std::pair<int, QByteArray>> script;  // status and body of the next answers
    bool hang = false;

private:
    bool takeRequest(QTcpSocket* socket, QByteArray& buffer) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return false;
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        Request r;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        r.method = requestLine.value(0);
        r.path = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                r.headers[lines[i].left(colon).trimmed().toLower()] =
                    lines[i].mid(colon + 1).trimmed();
        }
        const qsizetype length = r.headers["content-length"].toLongLong();
        if (buffer.size() < headEnd + 4 + length)
            return false;
        r.body = buffer.mid(headEnd + 4, length);
        buffer.remove(0, headEnd + 4 + length);
        requests.push_back(std::move(r));
        if (hang)
            return true;
        auto [status, body] =
            script.empty() ? std::pair<int, QByteArray>(200, "{}") : script.front();
        if (!script.empty())
            script.pop_front();
        socket->write("HTTP/1.1 " + QByteArray::number(status) +
                      " Scripted\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
        return true;
    }

    QTcpServer server_;
};

}  // namespace signalbox::test
