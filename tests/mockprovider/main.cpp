// mockprovider: the test suite's fake provider as a program, for end-to-end
// tests that drive real clients (curl, the official SDKs) through signalboxd.
#include "MockProvider.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Fake LLM provider for Signalbox tests"));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port (0: any free one)"),
                                        QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption keyOption(QStringLiteral("expect-key"),
                                       QStringLiteral("Answer 401 unless this API key is sent"),
                                       QStringLiteral("key"));
    const QCommandLineOption delayOption(QStringLiteral("chunk-delay-ms"),
                                         QStringLiteral("Gap between stream chunks"),
                                         QStringLiteral("ms"), QStringLiteral("0"));
    parser.addOptions({portOption, keyOption, delayOption});
    parser.process(app);

    signalbox::mock::MockProvider mock;
    mock.state().setExpectedKey(parser.value(keyOption).toUtf8());
    mock.state().defaultChunkDelayMs = parser.value(delayOption).toInt();
    if (!mock.start(static_cast<quint16>(parser.value(portOption).toUInt()), 2)) {
        return 1;
    }
    std::printf("mockprovider listening on http://127.0.0.1:%u\n",
                static_cast<unsigned>(mock.port()));
    std::fflush(stdout);
    return app.exec();
}
