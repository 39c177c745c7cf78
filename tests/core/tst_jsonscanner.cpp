// The validating scanner behind the pass-through's model rewrite.
#include "json/JsonScanner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <vector>

using namespace signalbox;

// moc trips over the raw strings below: the class is declared before them.
class TestJsonScanner : public QObject {
    Q_OBJECT
private slots:
    void specialBytesAtEveryOffset();
    void quotingRoundTripsAtEveryOffset();
    void validDocuments_data();
    void validDocuments();
    void invalidDocuments_data();
    void invalidDocuments();
    void findsTopLevelMembersOnly();
    void decodesSurrogatePairs();
    void quotesRoundTrip();
    void refusesADuplicateWantedKey();
    void seesWantedKeysSpeltWithEscapes();
};

void TestJsonScanner::validDocuments_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("nested") << QByteArray(R"({"a":[1,-2.5e3,true,false,null,{"b":"c"}],"d":{}})");
    QTest::newRow("whitespace") << QByteArray(" \n\t{ \"a\" : [ ] } \r\n");
    QTest::newRow("escapes") << QByteArray(R"({"a":"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"})");
    QTest::newRow("big integer") << QByteArray(R"({"seed":123456789012345678901234567890})");
    QTest::newRow("utf8") << QByteArray("{\"a\":\"h\xc3\xa9llo\"}");
}
void TestJsonScanner::validDocuments() {
    QFETCH(QByteArray, json);
    JsonScanner s;
    QVERIFY2(s.scan(json, {}), qPrintable(s.error()));
    QVERIFY(!QJsonDocument::fromJson(json).isNull());  // agrees with Qt's parser
}

void TestJsonScanner::invalidDocuments_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("array at top") << QByteArray("[1]");
    QTest::newRow("truncated") << QByteArray(R"({"model":)");
    QTest::newRow("trailing comma") << QByteArray(R"({"a":1,})");
    QTest::newRow("single quotes") << QByteArray("{'a':1}");
    QTest::newRow("control char") << QByteArray("{\"a\":\"x\ny\"}");
    QTest::newRow("bad escape") << QByteArray(R"({"a":"\x"})");
    QTest::newRow("short unicode") << QByteArray(R"({"a":"\u12"})");
    QTest::newRow("leading zero") << QByteArray(R"({"a":01})");
    QTest::newRow("bare minus") << QByteArray(R"({"a":-})");
    QTest::newRow("trailing data") << QByteArray(R"({"a":1} x)");
    QTest::newRow("two values") << QByteArray(R"({}{})");
    QTest::newRow("bad literal") << QByteArray(R"({"a":tru})");
    QTest::newRow("deep") << QByteArray(QByteArray("{\"a\":") + QByteArray(600, '[') +
                                        QByteArray(600, ']') + "}");
}
void TestJsonScanner::invalidDocuments() {
    QFETCH(QByteArray, json);
    JsonScanner s;
    QVERIFY(!s.scan(json, {"model"}));
    QVERIFY(s.error().contains(QLatin1String("at byte")));
}

void TestJsonScanner::findsTopLevelMembersOnly() {
    const QByteArray json = R"({"x":{"model":"inner"},"model" : "outer\u0021","stream":true})";
    JsonScanner s;
    QVERIFY(s.scan(json, {"model", "stream"}));
    QString model;
    QVERIFY(JsonScanner::decodeString(json, s.span("model"), &model));
    QCOMPARE(model, QStringLiteral("outer!"));
    QVERIFY(JsonScanner::isLiteral(json, s.span("stream"), "true"));
    QVERIFY(!s.span("x").found());  // not asked for
}

void TestJsonScanner::decodesSurrogatePairs() {
    const QByteArray json = R"({"model":"a\ud83d\ude00b"})";
    JsonScanner s;
    QVERIFY(s.scan(json, {"model"}));
    QString model;
    QVERIFY(JsonScanner::decodeString(json, s.span("model"), &model));
    QCOMPARE(model, QString::fromUtf8("a\xf0\x9f\x98\x80"
                                      "b"));
}

void TestJsonScanner::quotesRoundTrip() {
    const QString text = QStringLiteral("a\"b\\c\nd\x01 é");
    QByteArray out = "{\"k\":";
    JsonScanner::appendQuoted(out, text);
    out += '}';
    JsonScanner s;
    QVERIFY(s.scan(out, {"k"}));
    QString back;
    QVERIFY(JsonScanner::decodeString(out, s.span("k"), &back));
    QCOMPARE(back, text);
}

void TestJsonScanner::refusesADuplicateWantedKey() {
    // Providers read the last "model", routing would read the first: refused.
    JsonScanner s;
    QVERIFY(!s.scan(R"({"model":"cheap","x":1,"model":"expensive"})", {"model"}));
    QVERIFY(s.error().contains(QLatin1String("duplicate")));
    QVERIFY(s.scan(R"({"x":1,"x":2,"model":"a"})", {"model"}));  // other keys are not ours to judge
}

void TestJsonScanner::seesWantedKeysSpeltWithEscapes() {
    const QByteArray json = R"({"mod\u0065l":"m1"})";
    JsonScanner s;
    QVERIFY(s.scan(json, {"model"}));
    QString model;
    QVERIFY(JsonScanner::decodeString(json, s.span("model"), &model));
    QCOMPARE(model, QStringLiteral("m1"));
    QVERIFY(!s.scan(R"({"model":"a","mod\u0065l":"b"})", {"model"}));
}

// Strings are scanned eight bytes a step: each byte that matters inside a string (quote,
// backslash, control characters, DEL, UTF-8 lead and continuation bytes) is put at every
// offset around a step's edges. Valid ones must also read back through Qt as written.
void TestJsonScanner::specialBytesAtEveryOffset() {
    struct Piece {
        QByteArray bytes;
        bool valid;  // RFC 8259 (Qt also lets raw control characters and "\\a" through)
    };
    const std::vector<Piece> pieces = {{"\\\"", true},    {"\\\\", true}, {"\\n", true},
                                       {"\\u00e9", true}, {"\x7f", true}, {"\xc3\xa9", true},
                                       {" ", true},       {"\"", false},  {"\x01", false},
                                       {"\x1f", false},   {"\t", false},  {"\\", false}};
    for (const Piece& piece : pieces) {
        for (int at = 0; at < 20; ++at) {
            QByteArray text(24, 'a');
            text.insert(at, piece.bytes);
            const QByteArray doc = R"({"k":")" + text + R"("})";
            JsonScanner scanner;
            QVERIFY2(scanner.scan(doc, {"k"}) == piece.valid,
                     qPrintable(QStringLiteral("%1 at %2")
                                    .arg(QString::fromLatin1(piece.bytes.toHex()))
                                    .arg(at)));
            if (piece.valid) {
                QCOMPARE(scanner.span("k").end, doc.size() - 1);
                QVERIFY(QJsonDocument::fromJson(doc).isObject());
            }
        }
    }
}

void TestJsonScanner::quotingRoundTripsAtEveryOffset() {
    const QList<QByteArray> pieces = {"\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\xc3\xa9"};
    for (const QByteArray& piece : pieces) {
        for (int at = 0; at < 20; ++at) {
            QByteArray text(24, 'b');
            text.insert(at, piece);
            QByteArray quoted = "[";
            JsonScanner::appendQuotedUtf8(quoted, text);
            quoted.append(']');
            const QJsonDocument doc = QJsonDocument::fromJson(quoted);
            QVERIFY2(doc.isArray(), quoted.constData());
            QCOMPARE(doc.array().at(0).toString(), QString::fromUtf8(text));
        }
    }
}

QTEST_GUILESS_MAIN(TestJsonScanner)
#include "tst_jsonscanner.moc"
