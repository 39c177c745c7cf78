#pragma once

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QUrl>

#include <utility>

namespace signalbox::test {

// The client side of the in-process proxy tests: JSON posts to the proxy on loopback,
// as the SDKs send them (the Anthropic surface's version header included).
class ProxyClient {
public:
    explicit ProxyClient(quint16 port = 0) : port_(port) {}
    void setPort(quint16 port) { port_ = port; }

    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    QNetworkReply* post(const QByteArray& body, const char* path = "/v1/chat/completions",
                        const Headers& headers = {}) {
        QNetworkRequest req = request(path);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        req.setRawHeader("anthropic-version", "2023-06-01");
        for (const auto& [name, value] : headers)
            req.setRawHeader(name, value);
        return net_.post(req, body);
    }
    QNetworkReply* get(const char* path) { return net_.get(request(path)); }
    static bool finish(QNetworkReply* reply, int timeoutMs = 10000) {
        if (reply->isFinished())
            return true;
        QSignalSpy spy(reply, &QNetworkReply::finished);
        return spy.wait(timeoutMs);
    }
    static int status(QNetworkReply* reply) {
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

private:
    QNetworkRequest request(const char* path) const {
        return QNetworkRequest(
            QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port_).arg(QLatin1String(path))));
    }

    quint16 port_;
    QNetworkAccessManager net_;
};

}  // namespace signalbox::test
