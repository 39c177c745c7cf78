// benchupstream: the benchmark's provider. --chunks N --gap-ms G shape the stream.
#include "BenchUpstream.h"
#include "http/HttpServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port (0: any)"),
                                  QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption chunks(QStringLiteral("chunks"),
                                    QStringLiteral("Content deltas per stream"),
                                    QStringLiteral("n"), QStringLiteral("64"));
    const QCommandLineOption gap(QStringLiteral("gap-ms"), QStringLiteral("Gap between deltas"),
                                 QStringLiteral("ms"), QStringLiteral("20"));
    const QCommandLineOption workers(QStringLiteral("workers"), QStringLiteral("Worker threads"),
                                     QStringLiteral("n"), QStringLiteral("1"));
    parser.addOptions({port, chunks, gap, workers});
    parser.process(app);
    static const auto replies = signalbox::bench::BenchReplies::make(parser.value(chunks).toInt(),
                                                                     parser.value(gap).toInt());
    signalbox::HttpServer server(
        [] { return std::make_unique<signalbox::bench::BenchUpstream>(replies); },
        signalbox::ServerLimits{}, parser.value(workers).toInt());
    QString error;
    if (!server.listen(QHostAddress::LocalHost, static_cast<quint16>(parser.value(port).toUInt()),
                       &error)) {
        std::fprintf(stderr, "benchupstream: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("benchupstream listening on http://127.0.0.1:%u\n",
                static_cast<unsigned>(server.port()));
    std::fflush(stdout);
    return app.exec();
}
