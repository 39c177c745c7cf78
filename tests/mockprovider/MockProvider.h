#pragma once

#include "MockState.h"

#include <QString>

#include <memory>

namespace signalbox {
class HttpServer;
}

namespace signalbox::mock {

// A fake provider on loopback that speaks the providers' real wire formats and
// injects faults. In-process for QtTest, or as the `mockprovider` program.
class MockProvider {
public:
    MockProvider();
    ~MockProvider();

    bool start(quint16 port = 0, int workers = 1);
    quint16 port() const;
    // The base URL an OpenAI SDK would be given: http://127.0.0.1:PORT/v1
    QString openAiBaseUrl() const;
    // The server root, which the Anthropic and Gemini SDKs (and an Azure
    // endpoint) take as their base URL: http://127.0.0.1:PORT
    QString baseUrl() const;
    MockState& state() { return *state_; }

private:
    std::shared_ptr<MockState> state_;
    std::unique_ptr<HttpServer> server_;
};

}  // namespace signalbox::mock
