#include "MockProvider.h"
#include "config/Config.h"
#include "config/ConfigLoader.h"
#include "engine/Engine.h"
#include "engine/RequestLog.h"
#include "governance/Governance.h"
#include "governance/KeyChanges.h"
#include "governance/KeyReport.h"
#include "governance/KeyService.h"
#include "logs/LogsPanel.h"
#include "mainwindow/MainWindow.h"
#include "playground/AnswerBlock.h"
#include "playground/ChatColumn.h"
#include "playground/ExportDialog.h"
#include "playground/MessageBlock.h"
#include "playground/ModelPicker.h"
#include "playground/PlaygroundPanel.h"
#include "store/RequestStore.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <variant>
#include <vector>

using namespace signalbox;
using namespace Qt::StringLiterals;
using mock::MockFault;

namespace {

// moc reads this file too; it trips over raw strings, so the YAML is spelled out.
constexpr char kConfig[] =
    "listen: 127.0.0.1:0\n"
    "server: {workers: 1}\n"
    "store: {log_bodies: true}\n"
    "providers:\n"
    "  oai:\n"
    "    kind: openai\n"
    "    base_url: \"OPENAI_URL\"\n"
    "    keys: [env:SB_PLAYGROUND_KEY]\n"
    "    models: [gpt-4o-mini, gpt-4.1-mini]\n"
    "  claude:\n"
    "    kind: anthropic\n"
    "    base_url: \"ROOT_URL\"\n"
    "    keys: [env:SB_PLAYGROUND_KEY]\n"
    "    models: [claude-haiku-4-5]\n"
    "  local:\n"
    "    kind: ollama\n"
    "    base_url: \"OPENAI_URL\"\n"
    "    models: [llama3.1]\n"
    "routes:\n"
    "  chat:\n"
    "    targets: [oai/gpt-4o-mini, claude/claude-haiku-4-5]\n";

MockFault paced(int chunkDelayMs, int times = 1) {
    MockFault fault;
    fault.chunkDelayMs = chunkDelayMs;
    fault.times = times;
    return fault;
}

Json parsed(const QByteArray& text) {
    std::optional<Json> json = Json::parse(text);
    if (!json)
        qFatal("not JSON: %s", text.constData());
    return *json;
}

QString environmentDir() {
    return qEnvironmentVariable(
        "SIGNALBOX_SOURCE_DIR",
        QFileInfo(QString::fromUtf8(__FILE__)).absolutePath() + u"/../.."_s);
}

}  // namespace

// The Playground against a real engine (proxy on a free loopback port, request log in a
// temporary data dir) whose providers are the mock provider, speaking the real OpenAI
// and Anthropic formats. Widgets are found by object name; waits are on conditions only.
class TestPlaygroundPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void answerStreamsInThenShowsItsFooter();
    void stopCancelsTheUpstreamCall();
    void aSecondTurnCarriesTheFirstAnswer();
    void parametersAreSentOnlyWhenSet();
    void invalidJsonDisablesSendAndSaysWhy();
    void toolCallsShowAndTakeTheirResult();
    void compareStreamsThreeModelsSideBySide();
    void exportsRunAgainstTheProxy();
    void exportsNeverWriteTheKey();
    void openInPlaygroundRestoresAnOpenAiRequest();
    void openInPlaygroundRestoresAnAnthropicRequest();
    void openInPlaygroundRefusesWhatItCannotSend();
    void theWindowOpensLogRowsInThePlayground();
    void aStoppedProxyIsSaidInWords();
    void aProxyThatRequiresKeysTakesOne();
    void screenshots();

private:
    template <typename T>
    T* find(const QString& objectName) const {
        T* widget = panel_->findChild<T*>(objectName);
        if (!widget)
            qWarning("no widget named %s", qPrintable(objectName));
        return widget;
    }
    ChatColumn* column(int index) const {
        return find<ChatColumn>(u"playgroundColumn%1"_s.arg(index));
    }
    QPlainTextEdit* input() const { return find<QPlainTextEdit>(u"playgroundInput"_s); }
    QPushButton* sendButton() const { return find<QPushButton>(u"playgroundSendButton"_s); }
    QString hint() const { return find<QLabel>(u"playgroundHintLabel"_s)->text(); }
    QString notice() const { return find<QLabel>(u"playgroundNoticeLabel"_s)->text(); }
    // Types `text` and sends it with Ctrl+Enter.
    void type(const QString& text) {
        input()->setFocus();
        input()->clear();
        QTest::keyClicks(input(), text);
    }
    void sendWithKeys() { QTest::keyClick(input(), Qt::Key_Return, Qt::ControlModifier); }
    // Sends `text` and waits for every shown column's answer to end.
    void ask(const QString& text, int columns = 1);
    void setNumber(const QString& field, double value) {
        find<QCheckBox>(field + u"Check"_s)->setChecked(true);
        find<QDoubleSpinBox>(field + u"Spin"_s)->setValue(value);
    }
    void setJson(const QString& field, const QString& text) {
        auto* edit = find<QPlainTextEdit>(field + u"Edit"_s);
        edit->setFocus();
        edit->selectAll();
        if (text.isEmpty())
            QTest::keyClick(edit, Qt::Key_Delete);
        const QStringList lines = text.split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i > 0)
                QTest::keyClick(edit, Qt::Key_Return);
            QTest::keyClicks(edit, lines[i]);
        }
    }
    QString exportCode(const QString& action);
    // The last request the mock provider received, as JSON.
    Json lastUpstreamBody() {
        const auto requests = mock_.state().requests();
        return requests.empty() ? Json() : parsed(requests.back().body);
    }
    int loggedStatus(const QString& id);
    // Runs `program` to its end without blocking the event loop the mock serves on.
    QString run(const QString& program, const QStringList& arguments, const QString& directory,
                const QByteArray& stdinText = {});
    void saveScreenshot(const QString& fileName);

    mock::MockProvider mock_;
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<PlaygroundPanel> panel_;
};

void TestPlaygroundPanel::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    qputenv("SB_PLAYGROUND_KEY", "sk-playground-test");
    qunsetenv("SIGNALBOX_API_KEY");
    QVERIFY(mock_.start(0, 2));
}

void TestPlaygroundPanel::init() {
    mock_.state().reset();
    mock_.state().clientsGone = 0;
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    QByteArray yaml(kConfig);
    yaml.replace("OPENAI_URL", mock_.openAiBaseUrl().toUtf8());
    yaml.replace("ROOT_URL", mock_.baseUrl().toUtf8());
    auto loaded = ConfigLoader::loadString(yaml, u"playground.yaml"_s);
    if (auto* error = std::get_if<ConfigError>(&loaded))
        QFAIL(qPrintable(error->toString()));
    engine_ = std::make_unique<Engine>();
    engine_->setConfig(std::make_shared<Config>(std::get<Config>(std::move(loaded))));
    engine_->setDataDir(dir_->path());
    engine_->startProxy();
    QTRY_COMPARE_WITH_TIMEOUT(engine_->proxyState(), Engine::ProxyState::Running, 10'000);

    panel_ = std::make_unique<PlaygroundPanel>(*engine_);
    panel_->resize(1200, 760);
    panel_->show();
    panel_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(panel_.get()));
}

void TestPlaygroundPanel::cleanup() {
    panel_.reset();
    engine_->stopProxy();
    engine_->governance().keyService().waitForIdle();
    engine_.reset();
    dir_.reset();
}

void TestPlaygroundPanel::ask(const QString& text, int columns) {
    type(text);
    QVERIFY(sendButton()->isEnabled());
    sendWithKeys();
    for (int i = 0; i < columns; ++i) {
        QVERIFY(column(i)->lastAnswer());
        QTRY_VERIFY_WITH_TIMEOUT(column(i)->lastAnswer()->isFinished(), 10'000);
    }
}

QString TestPlaygroundPanel::exportCode(const QString& action) {
    QGuiApplication::clipboard()->clear();
    find<QAction>(action)->trigger();
    auto* dialog = panel_->findChild<ExportDialog*>(u"playgroundExportDialog"_s);
    if (!dialog || !dialog->isVisible())
        return {};
    const QString code = dialog->code();
    // What was shown is what was copied.
    if (QGuiApplication::clipboard()->text() != code)
        return u"<clipboard differs>"_s;
    return code;
}

int TestPlaygroundPanel::loggedStatus(const QString& id) {
    engine_->requestLog().store()->waitUntilWritten(5000);
    int status = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"reader"_s);
        db.setDatabaseName(engine_->requestLog().store()->databasePath());
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(u"SELECT status FROM requests WHERE id = ?"_s);
            q.addBindValue(id);
            if (q.exec() && q.next())
                status = q.value(0).toInt();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"reader"_s);
    return status;
}

QString TestPlaygroundPanel::run(const QString& program, const QStringList& arguments,
                                 const QString& directory, const QByteArray& stdinText) {
    QProcess process;
    process.setWorkingDirectory(directory);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForStarted(5000))
        return u"<did not start>"_s;
    process.write(stdinText);
    process.closeWriteChannel();
    [&] { QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 30'000); }();
    const QString output = QString::fromUtf8(process.readAll());
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return u"<exit %1> "_s.arg(process.exitCode()) + output;
    return output;
}

void TestPlaygroundPanel::saveScreenshot(const QString& fileName) {
    const QString dir = qEnvironmentVariable("SIGNALBOX_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(panel_->grab().save(QDir(dir).filePath(fileName), "PNG"));
    }
}

void TestPlaygroundPanel::answerStreamsInThenShowsItsFooter() {
    QCOMPARE(column(0)->model(), u"chat"_s);  // the first route
    mock_.state().pushFault(paced(30));
    type(u"tell me a story about a lighthouse"_s);
    sendWithKeys();
    QCOMPARE(input()->toPlainText(), QString());
    AnswerBlock* answer = column(0)->lastAnswer();
    QVERIFY(answer);
    QVERIFY(!answer->isFinished());
    QVERIFY(!sendButton()->isEnabled());
    QVERIFY(find<QPushButton>(u"playgroundStopButton"_s)->isEnabled());
    // The user's message is shown above the answer.
    const auto messages = column(0)->findChildren<MessageBlock*>();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.front()->text(), u"tell me a story about a lighthouse"_s);

    QList<qsizetype> lengths;  // the text shown at each change, before the footer came
    connect(answer, &AnswerBlock::contentChanged, this, [&] {
        if (!answer->isFinished())
            lengths << answer->text().size();
    });
    QTRY_VERIFY_WITH_TIMEOUT(answer->isFinished(), 10'000);
    QVERIFY2(lengths.size() >= 4, qPrintable(QString::number(lengths.size())));
    for (qsizetype i = 1; i < lengths.size(); ++i)
        QVERIFY(lengths[i] > lengths[i - 1]);
    QVERIFY(lengths.front() < answer->text().size());
    QCOMPARE(answer->text(),
             u"Hello from the mock provider. You said: tell me a story about a lighthouse"_s);

    const QString footer = answer->footer();
    QVERIFY2(footer.startsWith(u"oai/gpt-4o-mini \u00b7 1 attempt \u00b7 first token "_s),
             qPrintable(footer));
    QVERIFY2(footer.contains(u" in / "_s) && footer.contains(u" out \u00b7 $0.0"_s),
             qPrintable(footer));
    QVERIFY(answer->error().isEmpty());
    QVERIFY(sendButton()->isEnabled() == false);  // nothing typed, nothing to answer
    QVERIFY(!find<QPushButton>(u"playgroundStopButton"_s)->isEnabled());
    QCOMPARE(loggedStatus(answer->requestId()), 200);
}

void TestPlaygroundPanel::stopCancelsTheUpstreamCall() {
    mock_.state().pushFault(paced(300));
    type(u"a long answer please"_s);
    sendWithKeys();
    AnswerBlock* answer = column(0)->lastAnswer();
    QVERIFY(answer);
    QTRY_VERIFY_WITH_TIMEOUT(!answer->text().isEmpty(), 10'000);
    QVERIFY(!answer->isFinished());
    QTest::keyClick(input(), Qt::Key_Escape);
    QVERIFY(answer->isFinished());
    QVERIFY2(answer->footer().startsWith(u"Stopped \u00b7 oai/gpt-4o-mini"_s),
             qPrintable(answer->footer()));
    QVERIFY(answer->text().size() <
            u"Hello from the mock provider. You said: a long answer please"_s.size());
    QVERIFY(!find<QPushButton>(u"playgroundStopButton"_s)->isEnabled());
    // The provider saw its client leave, and the log says the client closed the request.
    QTRY_VERIFY_WITH_TIMEOUT(mock_.state().clientsGone > 0, 10'000);
    QVERIFY(!answer->requestId().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(loggedStatus(answer->requestId()), 499, 10'000);

    // What came before Stop stays in the conversation.
    const auto& messages = column(0)->conversation().messages();
    QCOMPARE(messages.size(), size_t(2));
    QCOMPARE(messages.back()["content"].toString(), answer->text());
}

void TestPlaygroundPanel::aSecondTurnCarriesTheFirstAnswer() {
    ask(u"first question"_s);
    const QString first = column(0)->lastAnswer()->text();
    QVERIFY(!first.isEmpty());
    ask(u"second question"_s);
    const Json body = lastUpstreamBody();
    const Json& messages = body["messages"];
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages.at(0)["role"].toString(), u"user"_s);
    QCOMPARE(messages.at(0)["content"].toString(), u"first question"_s);
    QCOMPARE(messages.at(1)["role"].toString(), u"assistant"_s);
    QCOMPARE(messages.at(1)["content"].toString(), first);
    QCOMPARE(messages.at(2)["content"].toString(), u"second question"_s);
    QCOMPARE(column(0)->findChildren<AnswerBlock*>().size(), 2);

    // A new conversation starts empty; the next request carries one message.
    QTest::keyClick(input(), Qt::Key_N, Qt::ControlModifier);
    QVERIFY(column(0)->conversation().isEmpty());
    QCOMPARE(column(0)->findChildren<AnswerBlock*>().size(), 0);
    ask(u"third"_s);
    QCOMPARE(lastUpstreamBody()["messages"].size(), 1);
}

void TestPlaygroundPanel::parametersAreSentOnlyWhenSet() {
    ask(u"defaults"_s);
    Json body = lastUpstreamBody();
    for (const char* field : {"temperature", "top_p", "max_tokens", "max_completion_tokens",
                              "tools", "response_format"})
        QVERIFY2(!body.contains(field), field);
    QCOMPARE(body["messages"].size(), 1);

    find<QPlainTextEdit>(u"playgroundSystemPrompt"_s)->setPlainText(u"Answer in one line."_s);
    setNumber(u"playgroundTemperature"_s, 0.4);
    setNumber(u"playgroundTopP"_s, 0.85);
    setNumber(u"playgroundMaxTokens"_s, 64);
    setJson(u"playgroundResponseFormat"_s, u"{\"type\": \"json_object\"}"_s);
    QTest::keyClick(input(), Qt::Key_N, Qt::ControlModifier);
    ask(u"with parameters"_s);
    body = lastUpstreamBody();
    QCOMPARE(body["temperature"].toDouble(), 0.4);
    QCOMPARE(body["top_p"].toDouble(), 0.85);
    QVERIFY(body["max_tokens"].toInt() == 64 || body["max_completion_tokens"].toInt() == 64);
    QCOMPARE(body["response_format"]["type"].toString(), u"json_object"_s);
    QCOMPARE(body["messages"].at(0)["role"].toString(), u"system"_s);
    QCOMPARE(body["messages"].at(0)["content"].toString(), u"Answer in one line."_s);
    // JSON mode: the mock answers an object.
    QVERIFY2(column(0)->lastAnswer()->text().startsWith(u"{\"reply\":"_s),
             qPrintable(column(0)->lastAnswer()->text()));

    // Unchecked again: not sent.
    find<QCheckBox>(u"playgroundTemperatureCheck"_s)->setChecked(false);
    ask(u"again"_s);
    QVERIFY(!lastUpstreamBody().contains("temperature"));
}

void TestPlaygroundPanel::invalidJsonDisablesSendAndSaysWhy() {
    type(u"hello"_s);
    QVERIFY(sendButton()->isEnabled());
    auto* problem = find<QLabel>(u"playgroundToolsProblem"_s);
    QVERIFY(!problem->isVisible());

    setJson(u"playgroundTools"_s,
            u"[{\"type\": \"function\",\n \"function\": {\"name\" \"f\"}}]"_s);
    QVERIFY(!sendButton()->isEnabled());
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().startsWith(u"line 2, column "_s), qPrintable(problem->text()));
    QVERIFY2(hint().startsWith(u"Tools: line 2"_s), qPrintable(hint()));
    QVERIFY(!find<QAction>(u"playgroundSendAction"_s)->isEnabled());
    sendWithKeys();
    QVERIFY(!column(0)->lastAnswer());  // Ctrl+Enter did nothing

    setJson(u"playgroundTools"_s, u"{\"name\": \"f\"}"_s);
    QVERIFY(!sendButton()->isEnabled());
    QVERIFY2(problem->text().startsWith(u"Must be a JSON list"_s), qPrintable(problem->text()));

    setJson(u"playgroundResponseFormat"_s, u"{\"type\": \"xml\"}"_s);
    setJson(u"playgroundTools"_s, u"[{\"type\": \"function\", \"function\": {\"name\": \"f\"}}]"_s);
    QVERIFY(!problem->isVisible());
    QVERIFY(!sendButton()->isEnabled());
    QVERIFY2(hint().contains(u"xml"_s), qPrintable(hint()));

    setJson(u"playgroundResponseFormat"_s, QString());
    QVERIFY(sendButton()->isEnabled());
    QVERIFY(find<QPushButton>(u"playgroundExportButton"_s)->isEnabled());
}

void TestPlaygroundPanel::toolCallsShowAndTakeTheirResult() {
    setJson(u"playgroundTools"_s,
            u"[{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", "
            u"\"parameters\": {\"type\": \"object\", \"properties\": "
            u"{\"city\": {\"type\": \"string\"}}}}}]"_s);
    mock_.state().pushFault(paced(10));
    ask(u"Oslo"_s);
    AnswerBlock* call = column(0)->lastAnswer();
    auto* tools = call->findChild<QLabel*>(u"playgroundAnswerToolCalls"_s);
    QVERIFY(tools->isVisible());
    QCOMPARE(tools->text(), u"Calls get_weather({\"city\":\"Oslo\"})"_s);
    QVERIFY2(hint().contains(u"The model called get_weather"_s), qPrintable(hint()));
    QVERIFY(!column(0)->conversation().awaitsAnswer());

    ask(u"rain, 7 degrees"_s);
    const Json body = lastUpstreamBody();
    const Json& messages = body["messages"];
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages.at(1)["tool_calls"].at(0)["function"]["name"].toString(), u"get_weather"_s);
    QCOMPARE(messages.at(2)["role"].toString(), u"tool"_s);
    QCOMPARE(messages.at(2)["content"].toString(), u"rain, 7 degrees"_s);
    QCOMPARE(column(0)->lastAnswer()->text(), u"Tool said: rain, 7 degrees"_s);
    // The result shows as the tool's message.
    const auto blocks = column(0)->findChildren<MessageBlock*>();
    QCOMPARE(blocks.back()->text(), u"rain, 7 degrees"_s);
    QCOMPARE(blocks.back()->findChild<QLabel*>(u"playgroundMessageRole"_s)->text(),
             u"Result of get_weather"_s);
}

void TestPlaygroundPanel::compareStreamsThreeModelsSideBySide() {
    QTest::mouseClick(find<QPushButton>(u"playgroundCompareButton"_s), Qt::LeftButton);
    auto* count = find<QSpinBox>(u"playgroundCompareCount"_s);
    QVERIFY(count->isVisible());
    count->setValue(3);
    QVERIFY(column(1)->isVisible() && column(2)->isVisible());
    QVERIFY(!column(3)->isVisible());
    column(0)->picker()->setModel(u"oai/gpt-4o-mini"_s);
    column(1)->picker()->setModel(u"claude/claude-haiku-4-5"_s);
    column(2)->picker()->setModel(u"oai/gpt-unlisted"_s);  // any name can be typed

    mock_.state().pushFault(paced(25, -1));
    type(u"compare these models"_s);
    sendWithKeys();
    std::vector<AnswerBlock*> answers;
    QList<int> order;  // which column changed, in order
    for (int i = 0; i < 3; ++i) {
        QVERIFY(column(i)->isRunning());
        answers.push_back(column(i)->lastAnswer());
        QVERIFY(answers.back());
        connect(answers.back(), &AnswerBlock::contentChanged, this, [&order, i] { order << i; });
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(answers.begin(), answers.end(),
                                         [](const AnswerBlock* a) { return a->isFinished(); }),
                             15'000);
    // In parallel: every column had text before the first of them ended.
    const qsizetype firstEnd =
        std::min({order.lastIndexOf(0), order.lastIndexOf(1), order.lastIndexOf(2)});
    for (int i = 0; i < 3; ++i)
        QVERIFY2(order.indexOf(i) >= 0 && order.indexOf(i) < firstEnd,
                 qPrintable(QString::number(i)));

    QVERIFY2(answers[0]->footer().startsWith(u"oai/gpt-4o-mini \u00b7 1 attempt"_s),
             qPrintable(answers[0]->footer()));
    QVERIFY2(answers[1]->footer().startsWith(u"claude/claude-haiku-4-5 \u00b7 1 attempt"_s),
             qPrintable(answers[1]->footer()));
    QVERIFY2(answers[2]->footer().startsWith(u"oai/gpt-unlisted \u00b7 1 attempt"_s),
             qPrintable(answers[2]->footer()));
    QVERIFY(answers[0]->footer().contains(u"$0.0"_s));
    QVERIFY(answers[1]->footer().contains(u"$0.0"_s));
    QVERIFY2(answers[2]->footer().endsWith(u"unpriced"_s), qPrintable(answers[2]->footer()));
    for (AnswerBlock* answer : answers)
        QCOMPARE(answer->text(), u"Hello from the mock provider. You said: compare these models"_s);
    // The Anthropic target got the prompt in its own format.
    QCOMPARE(mock_.state().count(u"claude-haiku-4-5"_s), 1);

    // Stop stops every column.
    mock_.state().clearFaults();
    mock_.state().pushFault(paced(300, -1));
    type(u"and now slowly"_s);
    QTest::mouseClick(sendButton(), Qt::LeftButton);
    for (int i = 0; i < 3; ++i)
        QTRY_VERIFY_WITH_TIMEOUT(!column(i)->lastAnswer()->text().isEmpty(), 10'000);
    QTest::mouseClick(find<QPushButton>(u"playgroundStopButton"_s), Qt::LeftButton);
    for (int i = 0; i < 3; ++i) {
        QVERIFY(!column(i)->isRunning());
        QVERIFY2(column(i)->lastAnswer()->footer().startsWith(u"Stopped"_s),
                 qPrintable(column(i)->lastAnswer()->footer()));
    }
    QTRY_VERIFY_WITH_TIMEOUT(mock_.state().clientsGone >= 3, 10'000);

    // Back to one column: the others are hidden, the first keeps its conversation.
    QTest::mouseClick(find<QPushButton>(u"playgroundCompareButton"_s), Qt::LeftButton);
    QVERIFY(!column(1)->isVisible());
    QCOMPARE(column(0)->conversation().messages().size(), size_t(4));
}

void TestPlaygroundPanel::exportsRunAgainstTheProxy() {
    setNumber(u"playgroundTemperature"_s, 0.3);
    setNumber(u"playgroundMaxTokens"_s, 64);
    type(u"export me"_s);
    const QString url = engine_->proxyUrl();

    const QString curl = exportCode(u"playgroundExportCurlAction"_s);
    QVERIFY2(curl.startsWith(u"curl -N '%1/v1/chat/completions'"_s.arg(url)), qPrintable(curl));
    QVERIFY(curl.contains(u"\"model\": \"chat\""_s));
    QVERIFY(curl.contains(u"\"temperature\": 0.3"_s));
    QVERIFY(curl.contains(u"\"max_tokens\": 64"_s));
    QVERIFY(curl.contains(u"\"stream\": true"_s));
    QVERIFY(curl.contains(u"\"content\": \"export me\""_s));
    QVERIFY(!curl.contains(u"top_p"_s));
    QVERIFY(!curl.contains(u"Authorization"_s));  // no key in use
    // As pasted into a shell: the proxy streams the answer.
    const QString out =
        run(u"sh"_s, {u"-c"_s, curl + u" -sS -w '\\nHTTP %{http_code}\\n'"_s}, dir_->path());
    QVERIFY2(out.contains(u"HTTP 200\n"_s), qPrintable(out));
    QVERIFY2(out.contains(u"data: [DONE]"_s), qPrintable(out));
    QVERIFY2(out.contains(u"export"_s), qPrintable(out));
    QCOMPARE(lastUpstreamBody()["temperature"].toDouble(), 0.3);

    const QString python = exportCode(u"playgroundExportPythonAction"_s);
    QVERIFY2(python.contains(u"base_url=\"%1/v1\","_s.arg(url)), qPrintable(python));
    QVERIFY(python.contains(u"api_key=os.environ.get(\"SIGNALBOX_API_KEY\", \"unused\")"_s));
    QVERIFY(python.contains(u"    model=\"chat\",\n"_s));
    QVERIFY(python.contains(u"    temperature=0.3,\n"_s));
    QVERIFY(python.contains(u"    max_tokens=64,\n"_s));
    QVERIFY(python.contains(u"    stream=True,\n"_s));
    QVERIFY(python.contains(u"\"content\": \"export me\""_s));
    const QString python3 = QStandardPaths::findExecutable(u"python3"_s);
    if (!python3.isEmpty()) {
        const QString parsedPython =
            run(python3, {u"-c"_s, u"import ast, sys; ast.parse(sys.stdin.read()); print('ok')"_s},
                dir_->path(), python.toUtf8());
        QVERIFY2(parsedPython.trimmed() == u"ok"_s, qPrintable(parsedPython));
    }

    const QString js = exportCode(u"playgroundExportJavaScriptAction"_s);
    QVERIFY2(js.contains(u"baseURL: \"%1/v1\","_s.arg(url)), qPrintable(js));
    QVERIFY(js.contains(u"apiKey: process.env.SIGNALBOX_API_KEY ?? \"unused\","_s));
    QVERIFY(js.contains(u"  model: \"chat\",\n"_s));
    QVERIFY(js.contains(u"  temperature: 0.3,\n"_s));
    QVERIFY(js.contains(u"  max_tokens: 64,\n"_s));
    QVERIFY(js.contains(u"  stream: true\n"_s));
    const QString node = QStandardPaths::findExecutable(u"node"_s);
    const QString sdk = environmentDir() + u"/tests/e2e/node_modules"_s;
    if (!node.isEmpty()) {
        // With the openai package the e2e tests install: the real SDK, the real proxy.
        QFile file(dir_->filePath(u"playground.mjs"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(js.toUtf8());
        file.close();
        if (QFileInfo::exists(sdk + u"/openai/package.json"_s)) {
            QVERIFY(QFile::link(sdk, dir_->filePath(u"node_modules"_s)));
            const QString ran = run(node, {u"playground.mjs"_s}, dir_->path());
            QVERIFY2(ran.contains(u"You said: export me"_s), qPrintable(ran));
        } else {
            const QString checked = run(node, {u"--check"_s, u"playground.mjs"_s}, dir_->path());
            QVERIFY2(!checked.startsWith(u"<exit"_s), qPrintable(checked));
        }
    }
}

void TestPlaygroundPanel::exportsNeverWriteTheKey() {
    find<QLineEdit>(u"playgroundVirtualKey"_s)->setText(u"sbk-secret-never-written"_s);
    type(u"keyed"_s);
    const QString curl = exportCode(u"playgroundExportCurlAction"_s);
    QVERIFY2(curl.contains(u"-H \"Authorization: Bearer $SIGNALBOX_API_KEY\""_s), qPrintable(curl));
    for (const QString& action :
         {u"playgroundExportCurlAction"_s, u"playgroundExportPythonAction"_s,
          u"playgroundExportJavaScriptAction"_s}) {
        const QString code = exportCode(action);
        QVERIFY2(!code.isEmpty() && !code.contains(u"sbk-secret"_s), qPrintable(action));
        QVERIFY2(code.contains(u"SIGNALBOX_API_KEY"_s), qPrintable(action));
    }
    QVERIFY(find<QLabel>(u"playgroundExportNote"_s)->text().contains(u"$SIGNALBOX_API_KEY"_s));
}

void TestPlaygroundPanel::openInPlaygroundRestoresAnOpenAiRequest() {
    // A conversation under way is replaced.
    ask(u"something else"_s);
    QVERIFY(panel_->openRequest(
        u"req-openai"_s, u"chat"_s, u"openai.chat"_s,
        "{\"model\":\"oai/gpt-4.1-mini\",\"stream\":true,\"seed\":3,\"messages\":["
        "{\"role\":\"system\",\"content\":\"You are a pirate.\"},"
        "{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"Arr!\"},"
        "{\"role\":\"user\",\"content\":\"where is the treasure?\"}],"
        "\"temperature\":0.9,\"top_p\":0.5,\"max_tokens\":200,"
        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"dig\"}}],"
        "\"response_format\":{\"type\":\"json_object\"}}"));
    QCOMPARE(column(0)->model(), u"oai/gpt-4.1-mini"_s);
    QCOMPARE(find<QPlainTextEdit>(u"playgroundSystemPrompt"_s)->toPlainText(),
             u"You are a pirate."_s);
    QVERIFY(find<QCheckBox>(u"playgroundTemperatureCheck"_s)->isChecked());
    QCOMPARE(find<QDoubleSpinBox>(u"playgroundTemperatureSpin"_s)->value(), 0.9);
    QCOMPARE(find<QDoubleSpinBox>(u"playgroundTopPSpin"_s)->value(), 0.5);
    QCOMPARE(find<QDoubleSpinBox>(u"playgroundMaxTokensSpin"_s)->value(), 200.0);
    QVERIFY(find<QPlainTextEdit>(u"playgroundToolsEdit"_s)->toPlainText().contains(u"\"dig\""_s));
    QVERIFY(find<QPlainTextEdit>(u"playgroundResponseFormatEdit"_s)
                ->toPlainText()
                .contains(u"json_object"_s));
    // The earlier turns are the conversation; the last message waits in the input box.
    QCOMPARE(column(0)->conversation().messages().size(), size_t(2));
    QCOMPARE(column(0)->findChildren<MessageBlock*>().size(), 2);
    QCOMPARE(column(0)->findChildren<AnswerBlock*>().size(), 0);
    QCOMPARE(input()->toPlainText(), u"where is the treasure?"_s);
    QVERIFY2(notice().contains(u"req-openai"_s) && notice().contains(u"seed"_s),
             qPrintable(notice()));

    // Sent again, it is the same request.
    ask(input()->toPlainText());
    const Json body = lastUpstreamBody();
    QCOMPARE(body["messages"].size(), 4);
    QCOMPARE(body["messages"].at(0)["content"].toString(), u"You are a pirate."_s);
    QCOMPARE(body["temperature"].toDouble(), 0.9);
    QCOMPARE(body["tools"].at(0)["function"]["name"].toString(), u"dig"_s);
    QVERIFY2(column(0)->lastAnswer()->footer().startsWith(u"oai/gpt-4.1-mini"_s),
             qPrintable(column(0)->lastAnswer()->footer()));
}

void TestPlaygroundPanel::openInPlaygroundRestoresAnAnthropicRequest() {
    panel_->setCompare(true, 2);
    QVERIFY(panel_->openRequest(
        u"req-anthropic"_s, u"chat"_s, u"anthropic.messages"_s,
        "{\"model\":\"chat\",\"max_tokens\":512,\"top_k\":40,\"temperature\":0.2,"
        "\"system\":[{\"type\":\"text\",\"text\":\"Be terse.\"}],"
        "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"one\"}]},"
        "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"two\"}]},"
        "{\"role\":\"user\",\"content\":\"three\"}]}"));
    QVERIFY(!find<QPushButton>(u"playgroundCompareButton"_s)->isChecked());
    QVERIFY(!column(1)->isVisible());
    QCOMPARE(column(0)->model(), u"chat"_s);
    QCOMPARE(find<QPlainTextEdit>(u"playgroundSystemPrompt"_s)->toPlainText(), u"Be terse."_s);
    QCOMPARE(find<QDoubleSpinBox>(u"playgroundMaxTokensSpin"_s)->value(), 512.0);
    QCOMPARE(find<QDoubleSpinBox>(u"playgroundTemperatureSpin"_s)->value(), 0.2);
    QVERIFY(!find<QCheckBox>(u"playgroundTopPCheck"_s)->isChecked());
    const auto blocks = column(0)->findChildren<MessageBlock*>();
    QCOMPARE(blocks.size(), 2);
    QCOMPARE(blocks[0]->text(), u"one"_s);
    QCOMPARE(blocks[1]->text(), u"two"_s);
    QCOMPARE(input()->toPlainText(), u"three"_s);
    QVERIFY2(notice().contains(u"top_k"_s), qPrintable(notice()));
    ask(input()->toPlainText());
    QCOMPARE(lastUpstreamBody()["messages"].size(), 4);
}

void TestPlaygroundPanel::openInPlaygroundRefusesWhatItCannotSend() {
    type(u"keep me"_s);
    QVERIFY(!panel_->openRequest(u"req-emb"_s, u"emb"_s, u"openai.embeddings"_s,
                                 "{\"model\":\"emb\",\"input\":\"x\"}"));
    QVERIFY2(notice().contains(u"req-emb"_s) && notice().contains(u"embeddings"_s),
             qPrintable(notice()));
    QVERIFY(!panel_->openRequest(u"req-cut"_s, u"chat"_s, u"openai.chat"_s,
                                 "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"con"));
    QVERIFY2(notice().contains(u"max_body_bytes"_s), qPrintable(notice()));
    // Nothing changed.
    QCOMPARE(input()->toPlainText(), u"keep me"_s);
    QCOMPARE(column(0)->model(), u"chat"_s);
}

void TestPlaygroundPanel::theWindowOpensLogRowsInThePlayground() {
    panel_.reset();
    MainWindow window(*engine_);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* logs = window.findChild<LogsPanel*>();
    auto* playground = window.findChild<PlaygroundPanel*>(u"playgroundPanel"_s);
    auto* stack = window.findChild<QStackedWidget*>(u"panelStack"_s);
    QVERIFY(logs && playground && stack);
    // One column of the Playground sets no minimum width the window cannot go below.
    QVERIFY2(playground->minimumSizeHint().width() < 800,
             qPrintable(QString::number(playground->minimumSizeHint().width())));
    auto* sidebar = window.findChild<QListWidget*>();
    QVERIFY(sidebar);
    sidebar->setCurrentRow(stack->indexOf(logs));
    QCOMPARE(stack->currentWidget(), logs);
    emit logs->openInPlayground(u"req-1"_s, u"chat"_s, u"openai.chat"_s,
                                "{\"model\":\"claude/claude-haiku-4-5\",\"messages\":"
                                "[{\"role\":\"user\",\"content\":\"from the log\"}]}");
    QCOMPARE(stack->currentWidget(), playground);
    QCOMPARE(playground->findChild<ChatColumn*>(u"playgroundColumn0"_s)->model(),
             u"claude/claude-haiku-4-5"_s);
    QCOMPARE(playground->findChild<QPlainTextEdit*>(u"playgroundInput"_s)->toPlainText(),
             u"from the log"_s);
}

void TestPlaygroundPanel::aStoppedProxyIsSaidInWords() {
    engine_->stopProxy();
    QTRY_COMPARE(engine_->proxyState(), Engine::ProxyState::Stopped);
    QVERIFY2(hint().contains(u"not running"_s), qPrintable(hint()));
    type(u"anyone there?"_s);
    sendWithKeys();
    AnswerBlock* answer = column(0)->lastAnswer();
    QVERIFY(answer && answer->isFinished());
    QVERIFY2(answer->error().contains(u"Proxy"_s), qPrintable(answer->error()));
    QVERIFY2(answer->footer().startsWith(u"Failed"_s), qPrintable(answer->footer()));
    // The message stays; once the proxy runs, Send asks again.
    engine_->startProxy();
    QTRY_COMPARE_WITH_TIMEOUT(engine_->proxyState(), Engine::ProxyState::Running, 10'000);
    QVERIFY(sendButton()->isEnabled());
    QVERIFY2(hint().contains(u"ends with your message"_s), qPrintable(hint()));
    QTest::mouseClick(sendButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        column(0)->lastAnswer() != answer && column(0)->lastAnswer()->isFinished(), 10'000);
    QVERIFY(column(0)->lastAnswer()->error().isEmpty());
}

void TestPlaygroundPanel::aProxyThatRequiresKeysTakesOne() {
    engine_->stopProxy();
    QTRY_COMPARE(engine_->proxyState(), Engine::ProxyState::Stopped);
    auto config = std::make_shared<Config>(*engine_->config());
    config->governance.requireKeys = true;
    engine_->setConfig(config);
    engine_->startProxy();
    QTRY_COMPARE_WITH_TIMEOUT(engine_->proxyState(), Engine::ProxyState::Running, 10'000);
    QVERIFY2(find<QLabel>(u"playgroundKeyNote"_s)->text().startsWith(u"Required"_s),
             qPrintable(find<QLabel>(u"playgroundKeyNote"_s)->text()));

    // Without a key the proxy refuses, and the answer says what to do.
    ask(u"let me in"_s);
    AnswerBlock* refused = column(0)->lastAnswer();
    QVERIFY2(refused->error().startsWith(u"401 from the proxy"_s), qPrintable(refused->error()));
    QVERIFY2(refused->error().contains(u"Enter a virtual key"_s), qPrintable(refused->error()));
    QCOMPARE(mock_.state().count(), 0);

    KeyChanges settings;
    settings.name = u"playground"_s;
    QByteArray secret;
    engine_->governance().keyService().create(settings, this,
                                              [&](std::optional<KeyReport> report, const QString&) {
                                                  if (report)
                                                      secret = report->secret;
                                              });
    QTRY_VERIFY(!secret.isEmpty());
    find<QLineEdit>(u"playgroundVirtualKey"_s)->setText(QString::fromLatin1(secret));
    QVERIFY(sendButton()->isEnabled());  // the conversation ends with the refused message
    QTest::mouseClick(sendButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        column(0)->lastAnswer() != refused && column(0)->lastAnswer()->isFinished(), 10'000);
    QVERIFY2(column(0)->lastAnswer()->error().isEmpty(),
             qPrintable(column(0)->lastAnswer()->error()));
    QCOMPARE(mock_.state().count(), 1);
    // The key goes to the proxy only: an exported call reads it from the environment.
    const QString curl = exportCode(u"playgroundExportCurlAction"_s);
    QVERIFY(curl.contains(u"Bearer $SIGNALBOX_API_KEY"_s));
    QVERIFY(!curl.contains(QString::fromLatin1(secret)));
}

void TestPlaygroundPanel::screenshots() {
    find<QPlainTextEdit>(u"playgroundSystemPrompt"_s)
        ->setPlainText(
            u"You are a concise assistant for a travel agency. Answer in two "
            u"sentences at most."_s);
    setNumber(u"playgroundTemperature"_s, 0.7);
    setNumber(u"playgroundMaxTokens"_s, 512);
    mock_.state().pushFault(paced(5, -1));
    ask(u"Which month is best for a trip to Lisbon?"_s);
    // The mock provider calls a tool whenever one is offered: offered from here on.
    setJson(u"playgroundTools"_s,
            u"[\n  {\n    \"type\": \"function\",\n    \"function\": {\n      \"name\": "
            u"\"find_flights\",\n      \"parameters\": {\n        \"type\": \"object\",\n"
            u"        \"properties\": {\n          \"to\": {\"type\": \"string\"}\n        }\n"
            u"      }\n    }\n  }\n]"_s);
    ask(u"Flights to Lisbon in May"_s);
    ask(u"Two flights found: TP 1337 at 07:40 for 189 EUR and FR 8822 at 13:05 for 96 EUR."_s);
    type(u"And the weather in May?"_s);
    saveScreenshot(u"playground.png"_s);
    // Every field of the side panel in view, without scrolling, at this size.
    auto* side = find<QScrollArea>(u"playgroundParametersScroll"_s);
    QCOMPARE(side->widget()->height(), side->viewport()->height());

    QTest::keyClick(input(), Qt::Key_N, Qt::ControlModifier);
    find<QPlainTextEdit>(u"playgroundToolsEdit"_s)->clear();
    panel_->setCompare(true, 3);
    column(0)->picker()->setModel(u"oai/gpt-4o-mini"_s);
    column(1)->picker()->setModel(u"claude/claude-haiku-4-5"_s);
    column(2)->picker()->setModel(u"local/llama3.1"_s);
    ask(u"Summarize the benefits of a fallback chain in one sentence."_s, 3);
    saveScreenshot(u"playground-compare.png"_s);
}

QTEST_MAIN(TestPlaygroundPanel)
#include "tst_playgroundpanel.moc"
