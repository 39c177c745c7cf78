// The Playground's call through the real proxy to the mock provider: text arrives as it
// is streamed, the answer names its target and cost, the call is logged with its tag,
// Stop reaches the provider, and failures come back in words.
#include "MockProvider.h"
#include "config/ConfigError.h"
#include "config/ConfigLoader.h"
#include "engine/Engine.h"
#include "engine/RequestLog.h"
#include "playground/PlaygroundCall.h"
#include "store/RequestStore.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace signalbox;
using namespace Qt::StringLiterals;
using mock::MockFault;

namespace {
constexpr char kConfig[] =
    "listen: 127.0.0.1:0\n"
    "server: {workers: 1}\n"
    "providers:\n"
    "  oai: {kind: openai, base_url: \"OPENAI_URL\"}\n"
    "routes:\n"
    "  chat: {targets: [oai/gpt-4o-mini]}\n";

QByteArray chat(const char* model) {
    return QByteArray(R"({"model":")") + model +
           R"(","messages":[{"role":"user","content":"tell me a story"}]})";
}
}  // namespace

class TestPlaygroundCall : public QObject {
    Q_OBJECT
private:
    mock::MockProvider mock_;
    QTemporaryDir dir_;
    std::unique_ptr<Engine> engine_;

    // The request log's row for `id`: status and tags.
    std::pair<int, QString> logged(const QByteArray& id) {
        engine_->requestLog().store()->waitUntilWritten(5000);
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"reader"_s);
        db.setDatabaseName(engine_->requestLog().store()->databasePath());
        std::pair<int, QString> row{0, {}};
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(u"SELECT status, tags FROM requests WHERE id = ?"_s);
            q.addBindValue(QString::fromLatin1(id));
            if (q.exec() && q.next())
                row = {q.value(0).toInt(), q.value(1).toString()};
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"reader"_s);
        return row;
    }

private slots:
    void initTestCase() {
        QVERIFY(mock_.start());
        QByteArray yaml(kConfig);
        yaml.replace("OPENAI_URL", mock_.openAiBaseUrl().toUtf8());
        auto loaded = ConfigLoader::loadString(yaml, u"playground.yaml"_s);
        if (auto* error = std::get_if<ConfigError>(&loaded))
            QFAIL(qPrintable(error->toString()));
        engine_ = std::make_unique<Engine>();
        engine_->setConfig(std::make_shared<Config>(std::get<Config>(std::move(loaded))));
        engine_->setDataDir(dir_.path());
        engine_->startProxy();
        QTRY_COMPARE(engine_->proxyState(), Engine::ProxyState::Running);
    }
    void init() { mock_.state().reset(); }
    void cleanupTestCase() { engine_.reset(); }

    void textArrivesAsItIsStreamed() {
        MockFault paced;
        paced.chunkDelayMs = 20;
        mock_.state().pushFault(paced);
        PlaygroundCall call(*engine_);
        QSignalSpy serving(&call, &PlaygroundCall::serving);
        QSignalSpy finished(&call, &PlaygroundCall::finished);
        QStringList pieces;
        int piecesBeforeTheEnd = -1;
        connect(&call, &PlaygroundCall::textArrived, this,
                [&](const QString& text, bool) { pieces << text; });
        connect(&call, &PlaygroundCall::finished, this,
                [&] { piecesBeforeTheEnd = static_cast<int>(pieces.size()); });
        call.start(chat("chat"));
        QVERIFY(call.isRunning());
        QTRY_COMPARE(finished.count(), 1);
        const auto result = finished.at(0).at(0).value<PlaygroundResult>();
        QCOMPARE(result.outcome, PlaygroundResult::Outcome::Answered);
        QVERIFY2(piecesBeforeTheEnd >= 3, qPrintable(pieces.join(u'|')));
        QCOMPARE(serving.count(), 1);
        QCOMPARE(serving.at(0).at(0).toString(), u"oai/gpt-4o-mini"_s);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.target, u"oai/gpt-4o-mini"_s);
        QCOMPARE(result.attempts, 1);
        QCOMPARE(result.response.content.size(), size_t(1));
        QCOMPARE(result.response.content[0].text, pieces.join(QString()));
        QVERIFY(result.usage.inputTokens > 0 && result.usage.outputTokens > 0);
        // gpt-4o-mini's list price: $0.15 in, $0.60 out per million tokens.
        QVERIFY(result.costUsd.has_value());
        QCOMPARE(*result.costUsd,
                 (result.usage.inputTokens * 0.15 + result.usage.outputTokens * 0.60) / 1e6);
        QVERIFY(result.firstTokenMs >= 0 && result.firstTokenMs <= result.totalMs);
        // Later chunks came 20 ms apart: the first token came well before the end.
        QVERIFY(result.totalMs - result.firstTokenMs >= 20 * (piecesBeforeTheEnd - 2));

        const auto [status, tags] = logged(result.requestId);
        QCOMPARE(status, 200);
        QCOMPARE(tags, u"{\"source\":\"playground\"}"_s);
    }

    void stopCancelsTheProvidersCall() {
        MockFault slow;
        slow.chunkDelayMs = 200;
        mock_.state().pushFault(slow);
        PlaygroundCall call(*engine_);
        QSignalSpy finished(&call, &PlaygroundCall::finished);
        connect(&call, &PlaygroundCall::textArrived, this, [&] {
            if (call.isRunning())
                call.cancel();
        });
        call.start(chat("chat"));
        QTRY_COMPARE(finished.count(), 1);
        const auto result = finished.at(0).at(0).value<PlaygroundResult>();
        QCOMPARE(result.outcome, PlaygroundResult::Outcome::Cancelled);
        QVERIFY(!call.isRunning());
        // The proxy saw the client leave and logged it so (it cancels the upstream call
        // on the same path; tst_proxyrouting checks the provider's side).
        QVERIFY(!result.requestId.isEmpty());
        QTRY_COMPARE(logged(result.requestId).first, 499);
    }

    void anUnknownModelIsRefusedInWords() {
        PlaygroundCall call(*engine_);
        QSignalSpy finished(&call, &PlaygroundCall::finished);
        call.start(chat("nowhere/model"));
        QTRY_COMPARE(finished.count(), 1);
        const auto result = finished.at(0).at(0).value<PlaygroundResult>();
        QCOMPARE(result.outcome, PlaygroundResult::Outcome::Failed);
        QVERIFY(result.status >= 400);
        QVERIFY2(result.error.contains(u"nowhere/model"_s), qPrintable(result.error));
    }

    void aStoppedProxyIsSaidSo() {
        engine_->stopProxy();
        PlaygroundCall call(*engine_);
        QSignalSpy finished(&call, &PlaygroundCall::finished);
        call.start(chat("chat"));
        QCOMPARE(finished.count(), 1);
        const auto result = finished.at(0).at(0).value<PlaygroundResult>();
        QCOMPARE(result.outcome, PlaygroundResult::Outcome::Failed);
        QVERIFY2(result.error.contains(u"Proxy"_s), qPrintable(result.error));
        engine_->startProxy();
        QTRY_COMPARE(engine_->proxyState(), Engine::ProxyState::Running);
    }
};

QTEST_GUILESS_MAIN(TestPlaygroundCall)
#include "tst_playgroundcall.moc"
