#include "json/Json.h"
#include "providers/SseParser.h"

#include <QTest>

using namespace signalbox;

class TestJson : public QObject {
    Q_OBJECT
private slots:
    void keepsMemberOrderAndNumberText() {
        const QByteArray text =
            R"({"z":1,"a":{"y":[1,2.50,1e400,12345678901234567890123],"b":null},"m":"x\u00e9\n"})";
        const auto json = Json::parse(text);
        QVERIFY(json);
        QCOMPARE(json->members().front().first, QByteArray("z"));
        QCOMPARE((*json)["a"]["y"].at(3).utf8(), QByteArray("12345678901234567890123"));
        QCOMPARE((*json)["m"].toString(), QStringLiteral("x\u00e9\n"));
        const QByteArray expected = text.left(text.indexOf("x\\u00e9")) + "x\xc3\xa9\\u000a\"}";
        QCOMPARE(json->serialize(), expected);
    }

    void repeatedKeysKeepFirstPlaceAndLastValue() {
        QCOMPARE(Json::parse(R"({"a":1,"b":2,"a":3})")->serialize(),
                 QByteArray(R"({"a":3,"b":2})"));
        // Past the linear size, the hashed merge gives the same result.
        QByteArray big = "{";
        for (int i = 0; i < 40; ++i)
            big += "\"k" + QByteArray::number(i) + "\":" + QByteArray::number(i) + ",";
        big += "\"k3\":\"last\"}";
        const auto json = Json::parse(big);
        QCOMPARE(json->size(), 40);
        QCOMPARE((*json)["k3"].toString(), QStringLiteral("last"));
        QCOMPARE(json->members()[3].first, QByteArray("k3"));
    }

    void refusesInvalidText() {
        QString error;
        QVERIFY(!Json::parse(R"({"a":})", &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!Json::parse("[1,]"));
        QVERIFY(Json::parse(R"("just a string")"));
    }

    void setReplacesInPlaceAndMissingKeysReadNull() {
        Json o = Json::object();
        o.set("a", 1);
        o.set("b", "two");
        o.set("a", 0.7);
        QCOMPARE(o.serialize(), QByteArray(R"({"a":0.7,"b":"two"})"));
        QVERIFY(o["nope"]["deeper"].isNull());
        QCOMPARE(o["a"].toDouble(), 0.7);
        QCOMPARE(Json::number("1e3").toInt(), 1000);
        o.remove("a");
        QCOMPARE(o.serialize(), QByteArray(R"({"b":"two"})"));
    }

    void sseRefusesAnEventWithoutEnd() {
        SseParser parser;
        std::vector<SseParser::Event> events;
        QVERIFY(parser.feed("data: {\"a\":1}\n\ndata: ", events));
        const QByteArray piece(1024 * 1024, 'x');
        bool ok = true;
        for (int i = 0; i < 20 && ok; ++i)
            ok = parser.feed(piece, events);
        QVERIFY(!ok);
        QVERIFY(!parser.feed("\n\n", events));  // nothing is read after that
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(SseParser::overflowError().error.status, 502);
    }

    void sseEventsSurviveAnyCut_data() {
        QTest::addColumn<QByteArray>("stream");
        QTest::newRow("lf") << QByteArray(
            "event: a\ndata: {\"x\":1}\n\n: comment\ndata: 2\ndata: 3\n\n");
        QTest::newRow("crlf") << QByteArray(
            "event: a\r\ndata: {\"x\":1}\r\n\r\n: comment\r\ndata: 2\r\ndata: 3\r\n\r\n");
        QTest::newRow("cr") << QByteArray(
            "event: a\rdata: {\"x\":1}\r\r: comment\rdata: 2\rdata: 3\r\r");
    }
    void sseEventsSurviveAnyCut() {
        QFETCH(QByteArray, stream);
        for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
            SseParser parser;
            std::vector<SseParser::Event> events;
            parser.feed(QByteArrayView(stream).first(cut), events);
            parser.feed(QByteArrayView(stream).sliced(cut), events);
            QCOMPARE(events.size(), size_t(2));
            QCOMPARE(events[0].event, QByteArray("a"));
            QCOMPARE(events[0].data, QByteArray(R"({"x":1})"));
            QCOMPARE(events[1].event, QByteArray());
            QCOMPARE(events[1].data, QByteArray("2\n3"));
            QVERIFY(!parser.hasPartialEvent());
        }
    }
};

QTEST_GUILESS_MAIN(TestJson)
#include "tst_json.moc"
