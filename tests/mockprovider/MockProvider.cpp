#include "MockProvider.h"

#include "MockHandler.h"
#include "http/HttpServer.h"

namespace signalbox::mock {

MockProvider::MockProvider() : state_(std::make_shared<MockState>()) {}
MockProvider::~MockProvider() = default;

bool MockProvider::start(quint16 port, int workers) {
    std::shared_ptr<MockState> state = state_;
    server_ = std::make_unique<HttpServer>([state] { return std::make_unique<MockHandler>(state); },
                                           ServerLimits{}, workers);
    QString error;
    if (!server_->listen(QHostAddress::LocalHost, port, &error)) {
        qWarning("mockprovider: %s", qPrintable(error));
        server_.reset();
        return false;
    }
    return true;
}

quint16 MockProvider::port() const {
    return server_ ? server_->port() : 0;
}

QString MockProvider::openAiBaseUrl() const {
    return baseUrl() + QStringLiteral("/v1");
}

QString MockProvider::baseUrl() const {
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

}  // namespace signalbox::mock
