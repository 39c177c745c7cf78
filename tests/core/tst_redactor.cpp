#include "governance/Redaction.h"
#include "governance/RedactionCounts.h"
#include "governance/Redactor.h"
#include "governance/SecretPattern.h"
#include "json/Json.h"

#include <QTest>

using namespace signalbox;
using namespace Qt::StringLiterals;

namespace {
// JSON bodies written with single quotes, which read better in C++ than escaped doubles.
QByteArray body(const char* singleQuoted) {
    QByteArray out(singleQuoted);
    out.replace('\'', '"');
    return out;
}
}  // namespace

class TestRedactor : public QObject {
    Q_OBJECT
private slots:
    void kindNamesRoundTrip() {
        for (const RedactionKind kind : kRedactionKindList)
            QVERIFY(redactionKindFromName(redactionKindName(kind)) == kind);
        QCOMPARE(redactionKindName(RedactionKind::Iban), u"iban"_s);
        QVERIFY(redactionKindFromName(u"Email") == RedactionKind::Email);
        QVERIFY(!redactionKindFromName(u"ssn"));
        QVERIFY(!redactionKindFromName(u""));
    }

    void kindSets() {
        RedactionKinds kinds;
        QVERIFY(kinds.isEmpty());
        kinds.insert(RedactionKind::Card);
        QVERIFY(kinds.contains(RedactionKind::Card));
        QVERIFY(!kinds.contains(RedactionKind::Email));
        QVERIFY(kinds == RedactionKinds({RedactionKind::Card}));
        for (const RedactionKind kind : kRedactionKindList)
            QVERIFY(RedactionKinds::all().contains(kind));
        kinds.remove(RedactionKind::Card);
        QVERIFY(kinds.isEmpty());
    }

    void countsJsonListsOnlyWhatOccurred() {
        RedactionCounts counts;
        QCOMPARE(counts.total(), 0);
        QVERIFY(counts.json().isEmpty());
        counts.add(RedactionKind::Card);
        counts.add(RedactionKind::Email, 2);
        QCOMPARE(counts.json(), QByteArray(R"({"email":2,"card":1})"));
        RedactionCounts more;
        more.secret = 3;
        more.card = 1;
        counts.add(more);
        QCOMPARE(counts.total(), 7);
        QCOMPARE(counts.count(RedactionKind::Card), 2);
        QCOMPARE(counts.json(), QByteArray(R"({"email":2,"card":2,"secret":3})"));
    }

    void text_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QByteArray>("counts");
        const QByteArray none;
        const QByteArray card = R"({"card":1})";
        const QByteArray iban = R"({"iban":1})";
        const QByteArray email = R"({"email":1})";
        const QByteArray phone = R"({"phone":1})";
        const QByteArray secret = R"({"secret":1})";
        auto row = [](const QString& name, const QString& input, const QString& expected,
                      const QByteArray& counts) {
            QTest::newRow(name.toUtf8().constData()) << input << expected << counts;
        };

        // Cards: test numbers of each network, each way issuers print them.
        row(u"visa in fours"_s, u"Card 4111 1111 1111 1111, thanks"_s,
            u"Card [REDACTED_CARD], thanks"_s, card);
        row(u"mastercard hyphens"_s, u"pay with 5555-5555-5555-4444."_s,
            u"pay with [REDACTED_CARD]."_s, card);
        row(u"amex in one piece"_s, u"amex 378282246310005"_s, u"amex [REDACTED_CARD]"_s, card);
        row(u"amex 4-6-5"_s, u"(3782 822463 10005)"_s, u"([REDACTED_CARD])"_s, card);
        row(u"visa 13 digits"_s, u"4222222222222"_s, u"[REDACTED_CARD]"_s, card);
        row(u"discover"_s, u"card:6011111111111117"_s, u"card:[REDACTED_CARD]"_s, card);
        row(u"then expiry"_s, u"4111 1111 1111 1111 12/27"_s, u"[REDACTED_CARD] 12/27"_s, card);
        row(u"then cvv"_s, u"4111111111111111 123"_s, u"[REDACTED_CARD] 123"_s, card);
        row(u"two cards"_s, u"4111111111111111 or 5555555555554444"_s,
            u"[REDACTED_CARD] or [REDACTED_CARD]"_s, R"({"card":2})");
        row(u"card fails luhn"_s, u"4111 1111 1111 1112"_s, u"4111 1111 1111 1112"_s, none);
        row(u"12 digits pass luhn"_s, u"411111111117"_s, u"411111111117"_s, none);
        row(u"20 digits pass luhn"_s, u"41111111111111111115"_s, u"41111111111111111115"_s, none);
        row(u"card inside 20 grouped digits"_s, u"4111 1111 1111 1111 2030"_s,
            u"4111 1111 1111 1111 2030"_s, none);
        row(u"mixed separators"_s, u"4111 1111-1111 1111"_s, u"4111 1111-1111 1111"_s, none);
        row(u"glued to a word"_s, u"ref4111111111111111 order-4111111111111111"_s,
            u"ref4111111111111111 order-4111111111111111"_s, none);
        row(u"decimal"_s, u"4111111111111111.50"_s, u"4111111111111111.50"_s, none);
        row(u"odd grouping"_s, u"41 1111 1111 1111 11"_s, u"41 1111 1111 1111 11"_s, none);
        row(u"zeros"_s, u"0000 0000 0000 0000"_s, u"0000 0000 0000 0000"_s, none);

        // IBANs: country length and mod 97 both hold.
        row(u"gb grouped"_s, u"IBAN GB82 WEST 1234 5698 7654 32 please"_s,
            u"IBAN [REDACTED_IBAN] please"_s, iban);
        row(u"de grouped"_s, u"DE89 3704 0044 0532 0130 00."_s, u"[REDACTED_IBAN]."_s, iban);
        row(u"nl compact"_s, u"to NL91ABNA0417164300;"_s, u"to [REDACTED_IBAN];"_s, iban);
        row(u"fr with letter"_s, u"FR1420041010050500013M02606"_s, u"[REDACTED_IBAN]"_s, iban);
        row(u"no shortest"_s, u"NO9386011117947"_s, u"[REDACTED_IBAN]"_s, iban);
        row(u"iban bad check digits"_s, u"GB83 WEST 1234 5698 7654 32"_s,
            u"GB83 WEST 1234 5698 7654 32"_s, none);
        row(u"iban bad check compact"_s, u"DE88370400440532013000"_s, u"DE88370400440532013000"_s,
            none);
        row(u"iban too short"_s, u"DE89 3704 0044 0532 0130"_s, u"DE89 3704 0044 0532 0130"_s,
            none);
        row(u"iban too long"_s, u"DE8937040044053201300012"_s, u"DE8937040044053201300012"_s, none);
        row(u"unknown country"_s, u"XY89370400440532013000"_s, u"XY89370400440532013000"_s, none);

        // Emails.
        row(u"email with punctuation"_s, u"Write to jane.doe+tag@example.co.uk."_s,
            u"Write to [REDACTED_EMAIL]."_s, email);
        row(u"email in brackets"_s, u"(bob@mail.example.com), <a_b@x.io>;"_s,
            u"([REDACTED_EMAIL]), <[REDACTED_EMAIL]>;"_s, R"({"email":2})");
        row(u"email quoted"_s, u"\"ops-team@corp.example\""_s, u"\"[REDACTED_EMAIL]\""_s, email);
        row(u"no tld"_s, u"user@localhost"_s, u"user@localhost"_s, none);
        row(u"mention"_s, u"thanks @alice and @bob.smith"_s, u"thanks @alice and @bob.smith"_s,
            none);
        row(u"retina image"_s, u"logo@2x.png"_s, u"logo@2x.png"_s, none);
        row(u"ip domain"_s, u"root@10.0.0.1"_s, u"root@10.0.0.1"_s, none);
        row(u"decorator"_s, u"@app.route('/x')"_s, u"@app.route('/x')"_s, none);

        // Phones.
        row(u"us international"_s, u"Call +1 (415) 555-2671 today"_s,
            u"Call [REDACTED_PHONE] today"_s, phone);
        row(u"uk international"_s, u"+44 20 7946 0958,"_s, u"[REDACTED_PHONE],"_s, phone);
        row(u"uk trunk zero"_s, u"+44 (0)20 7946 0958"_s, u"[REDACTED_PHONE]"_s, phone);
        row(u"de international"_s, u"Tel. +49 30 901820."_s, u"Tel. [REDACTED_PHONE]."_s, phone);
        row(u"e164"_s, u"+14155552671"_s, u"[REDACTED_PHONE]"_s, phone);
        row(u"us parentheses"_s, u"(415) 555-2671"_s, u"[REDACTED_PHONE]"_s, phone);
        row(u"us hyphens"_s, u"at 415-555-2671."_s, u"at [REDACTED_PHONE]."_s, phone);
        row(u"us dots"_s, u"415.555.2671"_s, u"[REDACTED_PHONE]"_s, phone);
        row(u"us trunk"_s, u"1-800-555-0199"_s, u"[REDACTED_PHONE]"_s, phone);
        row(u"iso date"_s, u"due 2026-11-24"_s, u"due 2026-11-24"_s, none);
        row(u"plus date"_s, u"+2026-11-24"_s, u"+2026-11-24"_s, none);
        row(u"time"_s, u"at 12:30:45.123"_s, u"at 12:30:45.123"_s, none);
        row(u"ip address"_s, u"host 192.168.1.10"_s, u"host 192.168.1.10"_s, none);
        row(u"version"_s, u"Qt 6.4.2 and v1.2.3"_s, u"Qt 6.4.2 and v1.2.3"_s, none);
        row(u"plain integer"_s, u"4155552671 rows"_s, u"4155552671 rows"_s, none);
        row(u"price"_s, u"$1,234,567.89 (+12.5%)"_s, u"$1,234,567.89 (+12.5%)"_s, none);
        row(u"order number"_s, u"order 123-456-7890, no. 1234-5678-9012"_s,
            u"order 123-456-7890, no. 1234-5678-9012"_s, none);
        row(u"too few digits"_s, u"+49 30 901"_s, u"+49 30 901"_s, none);

        // Secrets.
        row(u"openai key"_s, u"key=sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8t"_s, u"key=[REDACTED_SECRET]"_s,
            secret);
        row(u"gateway key"_s, u"sbk-0123456789abcdefABCDEF"_s, u"[REDACTED_SECRET]"_s, secret);
        // A generated key is 43 base64url characters, which may happen to hold no digit.
        row(u"gateway key without a digit"_s, u"sbk-AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGhIjKlMnO"_s,
            u"[REDACTED_SECRET]"_s, secret);
        row(u"google key"_s, u"AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStU"_s, u"[REDACTED_SECRET]"_s,
            secret);
        row(u"groq key"_s, u"gsk_aB3dE6gH9jK2mN5pQ8sT1vW4"_s, u"[REDACTED_SECRET]"_s, secret);
        row(u"bearer header"_s, u"Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.x"_s,
            u"Authorization: [REDACTED_SECRET]"_s, secret);
        row(u"aws key id"_s, u"aws_access_key_id = AKIAIOSFODNN7EXAMPLE"_s,
            u"aws_access_key_id = [REDACTED_SECRET]"_s, secret);
        row(u"github token"_s,
            u"ghp_1234567890abcdefghijABCDEFGHIJ123456 and "_s
            u"github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"_s,
            u"[REDACTED_SECRET] and [REDACTED_SECRET]"_s, R"({"secret":2})");
        row(u"slack token"_s, u"xoxb-1234567890-0987654321-AbCdEfGhIjKl"_s, u"[REDACTED_SECRET]"_s,
            secret);
        row(u"pem block"_s,
            u"key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1234\nab+/cd==\n"
            u"-----END RSA PRIVATE KEY-----\nthanks"_s,
            u"key:\n[REDACTED_SECRET]\nthanks"_s, secret);
        row(u"pem cut off"_s,
            u"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nAbCd\nwhy is it bad?"_s,
            u"[REDACTED_SECRET]\nwhy is it bad?"_s, secret);
        row(u"prose with sk-"_s, u"an sk-learn-compatible-estimator wrapper"_s,
            u"an sk-learn-compatible-estimator wrapper"_s, none);
        row(u"mid-word prefix"_s, u"task-0123456789abcdefghij"_s, u"task-0123456789abcdefghij"_s,
            none);
        row(u"short aws"_s, u"AKIA1234"_s, u"AKIA1234"_s, none);

        // Several kinds in one text, each counted once.
        row(u"mixed"_s,
            u"Call +1 415 555 2671 or mail a@b.com, card 4111111111111111, "
            u"IBAN DE89370400440532013000, key sk-ant-api03-abcdefghijklmnop"_s,
            u"Call [REDACTED_PHONE] or mail [REDACTED_EMAIL], card [REDACTED_CARD], "
            u"IBAN [REDACTED_IBAN], key [REDACTED_SECRET]"_s,
            R"({"email":1,"phone":1,"card":1,"iban":1,"secret":1})");
        row(u"nothing"_s, u"Plain prose, 3 apples and 12 pears on 2026-01-02."_s,
            u"Plain prose, 3 apples and 12 pears on 2026-01-02."_s, none);
        row(u"empty"_s, QString(), QString(), none);
    }

    void text() {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QFETCH(QByteArray, counts);
        RedactionCounts found;
        QString text = input;
        Redactor(RedactionKinds::all()).redactText(text, found);
        QCOMPARE(text, expected);
        QCOMPARE(found.json(), counts);
    }

    void onlyTheChosenKinds() {
        const QString input = u"a@b.com 4111111111111111 +44 20 7946 0958"_s;
        RedactionCounts counts;
        QString text = input;
        Redactor({RedactionKind::Email}).redactText(text, counts);
        QCOMPARE(text, u"[REDACTED_EMAIL] 4111111111111111 +44 20 7946 0958"_s);
        QCOMPARE(counts.json(), QByteArray(R"({"email":1})"));

        // A card left alone by a route that does not mask cards is still no phone.
        text = input;
        Redactor({RedactionKind::Phone}).redactText(text, counts);
        QCOMPARE(text, u"a@b.com 4111111111111111 [REDACTED_PHONE]"_s);

        text = input;
        Redactor(RedactionKinds()).redactText(text, counts);
        QCOMPARE(text, input);
        QCOMPARE(counts.total(), 2);
    }

    void secretPatternIsShared() {
        const QRegularExpression& pattern = SecretPattern::keyLike();
        QVERIFY(pattern.isValid());
        QCOMPARE(&pattern, &SecretPattern::keyLike());
        QVERIFY(pattern.match(u"xoxp-0123456789"_s).hasMatch());
        QCOMPARE(u"xoxp-0123456789"_s.size(), SecretPattern::kMinimumLength);
        QVERIFY(!pattern.match(u"xoxp-012345678"_s).hasMatch());
    }

    void openAiChatWithStringContent() {
        const QByteArray in = body(
            "{'model':'gpt-4o','messages':[{'role':'system','content':'Be brief.'},"
            "{'role':'user','content':'Mail me at jane@example.com or +44 20 7946 0958',"
            "'name':'jane@example.com'}],'temperature':0.70,'user':'jane@example.com'}");
        RedactionCounts counts;
        const auto out = Redactor(RedactionKinds::all()).redactBody(in, counts);
        QVERIFY(out);
        QCOMPARE(*out, body("{'model':'gpt-4o','messages':[{'role':'system','content':'Be "
                            "brief.'},{'role':'user','content':'Mail me at [REDACTED_EMAIL] or "
                            "[REDACTED_PHONE]','name':'jane@example.com'}],'temperature':0.70,"
                            "'user':'[REDACTED_EMAIL]'}"));
        QCOMPARE(counts.json(), QByteArray(R"({"email":2,"phone":1})"));
    }

    void openAiContentPartsAndToolCalls() {
        const QByteArray in = body(
            "{'model':'gpt-4o-mini','messages':[{'role':'user','content':["
            "{'type':'text','text':'card 4111 1111 1111 1111'},"
            "{'type':'image_url','image_url':{'url':'https://x.example/a@b.com/4111111111111111'"
            ",'detail':'low'}},"
            "{'type':'input_audio','input_audio':{'data':'AKIAIOSFODNN7EXAMPLE','format':'wav'}}]},"
            "{'role':'assistant','content':null,'tool_calls':[{'id':'call_a@b.com','type':"
            "'function','function':{'name':'lookup','arguments':'{\\'email\\':\\'a@b.com\\'}'}}]},"
            "{'role':'tool','tool_call_id':'call_a@b.com','content':'IBAN GB82WEST12345698765432'}"
            "],'tools':[{'type':'function','function':{'name':'lookup','description':'Find by"
            " email','parameters':{'type':'object','properties':{'email':{'type':'string'}}}}}]}");
        RedactionCounts counts;
        const auto out = Redactor(RedactionKinds::all()).redactBody(in, counts);
        QVERIFY(out);
        QByteArray expected = in;
        expected.replace("card 4111 1111 1111 1111", "card [REDACTED_CARD]");
        expected.replace("{\\\"email\\\":\\\"a@b.com\\\"}",
                         "{\\\"email\\\":\\\"[REDACTED_EMAIL]\\\"}");
        expected.replace("IBAN GB82WEST12345698765432", "IBAN [REDACTED_IBAN]");
        QCOMPARE(*out, expected);
        QCOMPARE(counts.json(), QByteArray(R"({"email":1,"card":1,"iban":1})"));
        // The arguments are still JSON once masked.
        const auto parsed = Json::parse(*out);
        QVERIFY(parsed);
        const QByteArray arguments =
            (*parsed)["messages"].at(1)["tool_calls"].at(0)["function"]["arguments"].utf8();
        QVERIFY(Json::parse(arguments));
    }

    void openAiEmbeddingsInput() {
        const QByteArray in =
            body("{'model':'text-embedding-3-small','input':['ok','call 415-555-2671']}");
        RedactionCounts counts;
        const auto out = Redactor(RedactionKinds::all()).redactBody(in, counts);
        QVERIFY(out);
        QCOMPARE(*out,
                 body("{'model':'text-embedding-3-small','input':['ok','call [REDACTED_PHONE]']}"));
        QCOMPARE(counts.json(), QByteArray(R"({"phone":1})"));
    }

    void anthropicMessages() {
        const QByteArray in = body(
            "{'model':'claude-sonnet-4-5','max_tokens':1024,"
            "'system':'Operator: ops@corp.example',"
            "'messages':[{'role':'user','content':'key sk-ant-api03-abcdefghijklmnop'},"
            "{'role':'assistant','content':["
            "{'type':'thinking','thinking':'user wrote jane@example.com','signature':'EqQBCgIYAh'},"
            "{'type':'redacted_thinking','data':'4111111111111111'},"
            "{'type':'tool_use','id':'toolu_01','name':'send','input':{'to':'jane@example.com'}}]},"
            "{'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_01','content':["
            "{'type':'text','text':'sent to jane@example.com'}]},"
            "{'type':'tool_result','tool_use_id':'toolu_02','content':'+49 30 901820'},"
            "{'type':'image','source':{'type':'base64','media_type':'image/png','data':'x@y.com'}}"
            "]}]}");
        RedactionCounts counts;
        const auto out = Redactor(RedactionKinds::all()).redactBody(in, counts);
        QVERIFY(out);
        QCOMPARE(*out, body("{'model':'claude-sonnet-4-5','max_tokens':1024,"
                            "'system':'Operator: [REDACTED_EMAIL]',"
                            "'messages':[{'role':'user','content':'key [REDACTED_SECRET]'},"
                            "{'role':'assistant','content':["
                            "{'type':'thinking','thinking':'user wrote jane@example.com',"
                            "'signature':'EqQBCgIYAh'},"
                            "{'type':'redacted_thinking','data':'4111111111111111'},"
                            "{'type':'tool_use','id':'toolu_01','name':'send','input':{'to':"
                            "'[REDACTED_EMAIL]'}}]},"
                            "{'role':'user','content':[{'type':'tool_result','tool_use_id':"
                            "'toolu_01','content':[{'type':'text','text':'sent to "
                            "[REDACTED_EMAIL]'}]},{'type':'tool_result','tool_use_id':'toolu_02',"
                            "'content':'[REDACTED_PHONE]'},{'type':'image','source':{'type':"
                            "'base64','media_type':'image/png','data':'x@y.com'}}]}]}"));
        QCOMPARE(counts.json(), QByteArray(R"({"email":3,"phone":1,"secret":1})"));
    }

    void anthropicSystemBlocks() {
        const QByteArray in = body(
            "{'model':'claude-haiku','system':[{'type':'text','text':'Card on file 5555-5555-5555-"
            "4444','cache_control':{'type':'ephemeral'}}],'messages':[{'role':'user','content':"
            "'hi'}]}");
        RedactionCounts counts;
        const auto out = Redactor(RedactionKinds::all()).redactBody(in, counts);
        QVERIFY(out);
        QCOMPARE(*out, body("{'model':'claude-haiku','system':[{'type':'text','text':'Card on file "
                            "[REDACTED_CARD]','cache_control':{'type':'ephemeral'}}],'messages':[{"
                            "'role':'user','content':'hi'}]}"));
        QCOMPARE(counts.card, 1);
    }

    void nothingMaskedKeepsTheBody() {
        const QByteArray in = body(
            "{ 'model' : 'a@b.com', 'messages':[{'role':'user','content':'4111 1111 1111 1112 "
            "on 2026-11-24 from 192.168.1.10'}], 'id':'sk-0123456789abcdefghij' }");
        RedactionCounts counts;
        counts.email = 4;  // what earlier requests counted stays as it was
        QVERIFY(!Redactor(RedactionKinds::all()).redactBody(in, counts));
        QCOMPARE(counts.json(), QByteArray(R"({"email":4})"));
        QVERIFY(!Redactor(RedactionKinds::all()).redactBody("{\"a\":", counts));
        QVERIFY(!Redactor(RedactionKinds()).redactBody(body("{'content':'a@b.com'}"), counts));
        QCOMPARE(counts.total(), 4);
    }

    void escapedAndUnicodeTextSurvives() {
        const QByteArray in =
            "{\"content\":\"Gr\\u00fc\\u00dfe \xf0\x9f\x91\x8b\\n"
            "mail: j\\u00f6rg@example.com\\tor jorg@example.com\"}";
        RedactionCounts counts;
        const auto out = Redactor(RedactionKinds::all()).redactBody(in, counts);
        QVERIFY(out);
        // Non-ASCII local parts are left alone; the ASCII address next to it is masked.
        QCOMPARE(Json::parse(*out)->operator[]("content").toString(),
                 u"Grüße 👋\nmail: jörg@example.com\tor [REDACTED_EMAIL]"_s);
        QCOMPARE(counts.email, 1);
    }

    // Crafted text must cost linear time on a proxy worker; quadratic scans would not finish.
    void pathologicalTextStaysFast() {
        const qsizetype size = 256 * 1024;
        const QString inputs[] = {
            QString(size, u'1'),
            u"1 "_s.repeated(size / 2),
            u"a@"_s.repeated(size / 2),
            u"a."_s.repeated(size / 2) + u'@' + u"a."_s.repeated(size / 2),
            u"sk-"_s.repeated(size / 3),
            u"-----BEGIN PRIVATE KEY-----\n"_s.repeated(size / 28),
            u"+1 "_s.repeated(size / 3),
            u"DE89 "_s.repeated(size / 5),
        };
        for (const QString& input : inputs) {
            QString text = input;
            RedactionCounts counts;
            Redactor(RedactionKinds::all()).redactText(text, counts);
            QVERIFY(!text.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
