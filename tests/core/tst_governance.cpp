// The governance glue around virtual keys: which Host and Origin headers may reach the
// proxy, reading a key's settings from JSON, key secrets, the lock-free key directory with
// its meters, a key as the admin API shows it, and the gate that identifies and
// authorizes a proxied request.

#include "ManualClock.h"

#include "api/CallGovernance.h"
#include "api/ClientRequest.h"
#include "api/RequestGate.h"
#include "config/Config.h"
#include "governance/ExposureGuard.h"
#include "governance/Governance.h"
#include "governance/KeyChanges.h"
#include "governance/KeyDirectory.h"
#include "governance/KeyJson.h"
#include "governance/KeyMeter.h"
#include "governance/KeySecret.h"
#include "http/HttpHeaders.h"
#include "json/Json.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <atomic>
#include <initializer_list>
#include <thread>
#include <utility>
#include <vector>

using namespace signalbox;
using namespace Qt::Literals::StringLiterals;
using signalbox::test::ManualClock;

namespace {

// JSON written with single quotes, which read better in C++ than escaped doubles.
QByteArray body(const char* singleQuoted) {
    QByteArray out(singleQuoted);
    out.replace('\'', '"');
    return out;
}

Json json(const char* singleQuoted) {
    // Unreadable text gives null, which every test here then fails on.
    return Json::parse(body(singleQuoted)).value_or(Json());
}

HttpHeaders headers(std::initializer_list<std::pair<const char*, QByteArray>> fields) {
    HttpHeaders out;
    for (const auto& [name, value] : fields)
        out.add(name, value);
    return out;
}

Config listeningOn(const char* address) {
    Config config;
    config.listen.host = QHostAddress(QString::fromLatin1(address));
    return config;
}

QByteArray presented(const HttpHeaders& request) {
    return RequestGate::presentedKey(request).toByteArray();
}

QString verdictName(ExposureGuard::Verdict verdict) {
    switch (verdict) {
        case ExposureGuard::Verdict::Allow:
            return u"Allow"_s;
        case ExposureGuard::Verdict::ForeignHost:
            return u"ForeignHost"_s;
        case ExposureGuard::Verdict::ForeignOrigin:
            return u"ForeignOrigin"_s;
    }
    return u"?"_s;
}

QString verdictFor(const Config& config, const HttpHeaders& request) {
    return verdictName(ExposureGuard::check(request, config));
}

qint64 utcMs(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) {
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC)
        .toMSecsSinceEpoch();
}

// A key whose secret is `secret`, as the store would hold it.
VirtualKey keyFor(const QString& id, QByteArrayView secret) {
    VirtualKey key;
    key.id = id;
    key.name = u"key-"_s + id;
    key.hash = KeySecret::hash(secret);
    key.hint = KeySecret::hint(secret);
    return key;
}

const QByteArray kSecretA = "sbk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaA1";
const QByteArray kSecretB = "sbk-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbB2";
const QByteArray kSecretC = "sbk-ccccccccccccccccccccccccccccccccccccccccccC3";

}  // namespace

class TestGovernance : public QObject {
    Q_OBJECT
private slots:
    // ---- ExposureGuard ----

    void loopbackNamesAndAddressesAreAllowed() {
        Config withHosts = listeningOn("127.0.0.1");
        withHosts.governance.allowedHosts = {u"gateway.example"_s};
        Config requiring = listeningOn("127.0.0.1");
        requiring.governance.requireKeys = true;
        Config anyWithHosts = listeningOn("0.0.0.0");
        anyWithHosts.governance.allowedHosts = {u"gateway.example"_s};
        const std::vector<Config> configs{listeningOn("127.0.0.1"), listeningOn("0.0.0.0"),
                                          withHosts, requiring, anyWithHosts};
        for (const Config& config : configs) {
            for (const char* host :
                 {"127.0.0.1:4747", "127.0.0.1", "localhost:4747", "localhost", "LocalHost:80",
                  "[::1]:4747", "[::1]", "::1", "app.localhost", "app.localhost:3000", "10.1.2.3",
                  "10.1.2.3:4747", "[fe80::1]:4747", " localhost:4747 "}) {
                QVERIFY2(ExposureGuard::hostAllowed(host, config), host);
                QCOMPARE(verdictFor(config, headers({{"Host", host}})), u"Allow"_s);
            }
            QCOMPARE(verdictFor(config, headers({})), u"Allow"_s);
            QCOMPARE(verdictFor(config, headers({{"Host", ""}})), u"Allow"_s);
        }
    }

    void foreignNamesAreRefusedOnLoopback() {
        Config requireOff = listeningOn("0.0.0.0");
        requireOff.governance.requireKeys = false;  // the loader refuses this; the guard holds
        for (const Config& config : {listeningOn("127.0.0.1"), listeningOn("::1"), requireOff}) {
            for (const char* host :
                 {"evil.example:4747", "evil.example", "EVIL.example", "localhost.evil.example",
                  "evillocalhost", "127.0.0.1.nip.io:4747", "[evil.example]:80"}) {
                QVERIFY2(!ExposureGuard::hostAllowed(host, config), host);
                QCOMPARE(verdictFor(config, headers({{"host", host}})), u"ForeignHost"_s);
            }
        }
    }

    void allowedHostsAreMatchedWithoutCase() {
        // The loader keeps allowed_hosts in lower case; the Host header may come in any.
        for (const char* address : {"127.0.0.1", "0.0.0.0"}) {
            Config config = listeningOn(address);
            config.governance.allowedHosts = {u"gateway.example"_s};
            for (const char* host : {"gateway.example", "gateway.example:4747",
                                     "GATEWAY.Example:4747", "Gateway.EXAMPLE"})
                QCOMPARE(verdictFor(config, headers({{"Host", host}})), u"Allow"_s);
            // Listing names means only those, even where keys are required.
            for (const char* host : {"evil.example", "gateway.example.evil", "sub.gateway.example"})
                QCOMPARE(verdictFor(config, headers({{"Host", host}})), u"ForeignHost"_s);
        }
    }

    void anyNameWhenKeysAreRequiredAndNoneListed() {
        Config requiring = listeningOn("127.0.0.1");
        requiring.governance.requireKeys = true;
        for (const Config& config : {listeningOn("0.0.0.0"), requiring}) {
            QVERIFY(config.governance.keysRequired(config.listen));
            for (const char* host : {"evil.example:4747", "evil.example", "gateway.example"})
                QCOMPARE(verdictFor(config, headers({{"Host", host}})), u"Allow"_s);
        }
        QVERIFY(!listeningOn("127.0.0.1").governance.keysRequired(listeningOn("127.0.0.1").listen));
    }

    void originsMustBeListed() {
        Config config = listeningOn("127.0.0.1");
        QCOMPARE(verdictFor(config, headers({{"Host", "localhost:4747"}})), u"Allow"_s);
        QCOMPARE(verdictFor(config, headers({{"Origin", "http://evil.example"}})),
                 u"ForeignOrigin"_s);
        QCOMPARE(verdictFor(config, headers({{"Origin", "null"}})), u"ForeignOrigin"_s);
        // Localhost pages are pages too: a site's script can run there.
        QCOMPARE(verdictFor(config, headers({{"Origin", "http://localhost:3000"}})),
                 u"ForeignOrigin"_s);

        config.governance.allowedOrigins = {u"http://localhost:3000"_s, u"https://app.example"_s};
        for (const char* origin :
             {"http://localhost:3000", "http://localhost:3000/", "HTTP://LocalHost:3000",
              "https://APP.example/", " https://app.example "}) {
            QVERIFY2(ExposureGuard::originAllowed(origin, config), origin);
            QCOMPARE(verdictFor(config, headers({{"Host", "127.0.0.1:4747"}, {"Origin", origin}})),
                     u"Allow"_s);
        }
        for (const char* origin : {"http://evil.example", "null", "http://localhost:3001",
                                   "https://localhost:3000", "http://app.example", ""}) {
            QVERIFY2(!ExposureGuard::originAllowed(origin, config), origin);
            QCOMPARE(verdictFor(config, headers({{"Origin", origin}})), u"ForeignOrigin"_s);
        }
        // The Host is judged first.
        QCOMPARE(verdictFor(config,
                            headers({{"Host", "evil.example"}, {"Origin", "http://evil.example"}})),
                 u"ForeignHost"_s);
    }

    void messagesShowTheHeaderSafely() {
        using V = ExposureGuard::Verdict;
        const HttpHeaders plain =
            headers({{"Host", "evil.example:4747"}, {"Origin", "http://evil.example"}});
        QVERIFY(ExposureGuard::message(V::ForeignHost, plain).contains(u"'evil.example:4747'"));
        QVERIFY(ExposureGuard::message(V::ForeignHost, plain).contains(u"allowed_hosts"));
        QVERIFY(ExposureGuard::message(V::ForeignOrigin, plain).contains(u"http://evil.example"));
        QVERIFY(ExposureGuard::message(V::ForeignOrigin, plain).contains(u"allowed_origins"));
        QVERIFY(ExposureGuard::message(V::Allow, plain).isEmpty());

        const QByteArray hostile = "evil\r\nX-Injected: 1\x01\x7f\xc3\xa9" + QByteArray(500, 'a');
        const HttpHeaders bad = headers({{"Host", hostile}, {"Origin", hostile}});
        for (const V verdict : {V::ForeignHost, V::ForeignOrigin}) {
            const QString message = ExposureGuard::message(verdict, bad);
            QVERIFY(message.contains(u"evil??X-Injected: 1????"));
            for (const QChar c : message)
                QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f, qPrintable(message));
            // 100 bytes of the header: 23 before the run of a's, so 77 of them.
            QVERIFY(message.contains(QString(77, u'a')));
            QVERIFY(!message.contains(QString(78, u'a')));
            QVERIFY2(message.size() < 400, qPrintable(message));
        }
    }

    // ---- KeyChanges ----

    void changesReadEveryField() {
        QString error;
        const auto changes = KeyChanges::fromJson(
            json("{'name':' alice ','routes':['smart','openai/*'],'budget_usd':12.5,"
                 "'budget_period':'day','rpm':60,'tpm':100000,"
                 "'expires_at':'2027-01-31T00:00:00Z'}"),
            &error);
        QVERIFY2(changes, qPrintable(error));
        QCOMPARE(changes->name.value_or(QString()), u" alice "_s);
        QCOMPARE(changes->routes.value_or(QStringList()), QStringList({u"smart"_s, u"openai/*"_s}));
        QVERIFY(changes->budgetUsd && *changes->budgetUsd);
        QCOMPARE(**changes->budgetUsd, 12.5);
        QVERIFY(changes->period == BudgetPeriod::Day);
        QCOMPARE(changes->rpm.value_or(-1), 60);
        QCOMPARE(changes->tpm.value_or(-1), 100000);
        QCOMPARE(changes->expiresAtMs.value_or(-1), utcMs(2027, 1, 31));

        for (const char* period : {"day", "month", "total"}) {
            const auto read = KeyChanges::fromJson(
                Json::parse("{\"budget_period\":\"" + QByteArray(period) + "\"}").value(), &error);
            QVERIFY2(read && read->period, period);
            QCOMPARE(budgetPeriodName(*read->period), QString::fromLatin1(period));
        }
    }

    void changesReadRfc3339Offsets() {
        QString error;
        const auto offset =
            KeyChanges::fromJson(json("{'expires_at':'2027-01-31T02:00:00+02:00'}"), &error);
        QVERIFY2(offset, qPrintable(error));
        QCOMPARE(offset->expiresAtMs.value_or(-1), utcMs(2027, 1, 31));
        const auto fraction =
            KeyChanges::fromJson(json("{'expires_at':'2027-01-31T00:00:00.250Z'}"), &error);
        QVERIFY2(fraction, qPrintable(error));
        QCOMPARE(fraction->expiresAtMs.value_or(-1), utcMs(2027, 1, 31) + 250);
    }

    void changesReadNulls() {
        QString error;
        const auto changes = KeyChanges::fromJson(
            json("{'budget_usd':null,'expires_at':null,'rpm':null,'tpm':null,'routes':null}"),
            &error);
        QVERIFY2(changes, qPrintable(error));
        QVERIFY(changes->budgetUsd);    // set: the budget changes ...
        QVERIFY(!*changes->budgetUsd);  // ... to none
        QCOMPARE(changes->expiresAtMs.value_or(-1), 0);
        QCOMPARE(changes->rpm.value_or(-1), 0);
        QCOMPARE(changes->tpm.value_or(-1), 0);
        QVERIFY(changes->routes);
        QCOMPARE(*changes->routes, QStringList());
        QVERIFY(!changes->name);
        QVERIFY(!changes->period);

        const auto none = KeyChanges::fromJson(Json::object(), &error);
        QVERIFY(none);
        QVERIFY(!none->name && !none->routes && !none->budgetUsd && !none->period && !none->rpm &&
                !none->tpm && !none->expiresAtMs);
    }

    void changesRefuseBadFields_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("not an object") << body("['name']") << u"JSON object"_s;
        QTest::newRow("unknown field")
            << body("{'name':'a','nmae':'b'}") << u"Unknown field 'nmae'"_s;
        QTest::newRow("name number") << body("{'name':5}") << u"'name'"_s;
        QTest::newRow("name null") << body("{'name':null}") << u"'name'"_s;
        QTest::newRow("routes string") << body("{'routes':'smart'}") << u"'routes'"_s;
        QTest::newRow("routes of numbers") << body("{'routes':['smart',1]}") << u"'routes'"_s;
        QTest::newRow("routes object") << body("{'routes':{'a':'b'}}") << u"'routes'"_s;
        QTest::newRow("budget string") << body("{'budget_usd':'5'}") << u"'budget_usd'"_s;
        QTest::newRow("budget bool") << body("{'budget_usd':true}") << u"'budget_usd'"_s;
        QTest::newRow("period week") << body("{'budget_period':'week'}") << u"'budget_period'"_s;
        QTest::newRow("period case") << body("{'budget_period':'Day'}") << u"'budget_period'"_s;
        QTest::newRow("period number") << body("{'budget_period':1}") << u"'budget_period'"_s;
        QTest::newRow("period null") << body("{'budget_period':null}") << u"'budget_period'"_s;
        QTest::newRow("rpm negative") << body("{'rpm':-1}") << u"'rpm'"_s;
        QTest::newRow("rpm fraction") << body("{'rpm':1.5}") << u"'rpm'"_s;
        QTest::newRow("rpm string") << body("{'rpm':'60'}") << u"'rpm'"_s;
        QTest::newRow("rpm bool") << body("{'rpm':true}") << u"'rpm'"_s;
        QTest::newRow("rpm huge") << body("{'rpm':1e12}") << u"'rpm'"_s;
        QTest::newRow("tpm negative") << body("{'tpm':-5}") << u"'tpm'"_s;
        QTest::newRow("tpm fraction") << body("{'tpm':0.5}") << u"'tpm'"_s;
        QTest::newRow("expiry words") << body("{'expires_at':'tomorrow'}") << u"'expires_at'"_s;
        QTest::newRow("expiry number") << body("{'expires_at':1800000000000}") << u"'expires_at'"_s;
        // RFC 3339 requires an offset: without one the time would depend on the server's
        // time zone.
        QTest::newRow("expiry without offset")
            << body("{'expires_at':'2027-01-31T00:00:00'}") << u"'expires_at'"_s;
        QTest::newRow("expiry date only")
            << body("{'expires_at':'2027-01-31'}") << u"'expires_at'"_s;
    }

    void changesRefuseBadFields() {
        QFETCH(QByteArray, text);
        QFETCH(QString, says);
        const std::optional<Json> parsed = Json::parse(text);
        QVERIFY(parsed);
        QString error;
        const auto changes = KeyChanges::fromJson(*parsed, &error);
        QVERIFY2(!changes, text.constData());
        QVERIFY2(error.contains(says), qPrintable(error));
    }

    void changesProblems() {
        const qint64 now = utcMs(2026, 11, 19, 12);
        KeyChanges changes;
        QVERIFY(changes.problem(false, now).isEmpty());
        QVERIFY(changes.problem(true, now).contains(u"name"));
        changes.name = u"   "_s;
        QVERIFY(!changes.problem(true, now).isEmpty());
        QVERIFY(!changes.problem(false, now).isEmpty());
        changes.name = QString(200, u'n');
        QVERIFY(changes.problem(true, now).isEmpty());
        changes.name = QString(201, u'n');
        QVERIFY(changes.problem(true, now).contains(u"200"));
        QVERIFY(!changes.problem(false, now).isEmpty());
        changes.name = u"alice"_s;
        QVERIFY(changes.problem(true, now).isEmpty());

        changes.budgetUsd = std::optional<double>(-0.01);
        QVERIFY(changes.problem(true, now).contains(u"'budget_usd'"));
        changes.budgetUsd = std::optional<double>(0.0);
        QVERIFY(changes.problem(true, now).isEmpty());
        changes.budgetUsd = std::optional<double>();  // removing the budget
        QVERIFY(changes.problem(true, now).isEmpty());

        changes.routes = QStringList{u"smart"_s, u" "_s};
        QVERIFY(changes.problem(true, now).contains(u"'routes'"));
        changes.routes = QStringList{u"smart"_s};

        changes.expiresAtMs = now - 1;
        QVERIFY(changes.problem(true, now).contains(u"'expires_at'"));
        changes.expiresAtMs = now;
        QVERIFY(changes.problem(false, now).contains(u"'expires_at'"));
        changes.expiresAtMs = now + 1;
        QVERIFY(changes.problem(true, now).isEmpty());
        changes.expiresAtMs = 0;  // never
        QVERIFY(changes.problem(true, now).isEmpty());
    }

    void changesApplyOnlyWhatIsSet() {
        VirtualKey key = keyFor(u"vk_0000000000000001"_s, kSecretA);
        key.name = u"alice"_s;
        key.routes = {u"smart"_s};
        key.budgetUsd = 10.0;
        key.period = BudgetPeriod::Day;
        key.rpm = 5;
        key.tpm = 500;
        key.createdAtMs = 111;
        key.expiresAtMs = 222;
        const VirtualKey original = key;

        KeyChanges().applyTo(key);
        QVERIFY(key == original);

        KeyChanges rpmOnly;
        rpmOnly.rpm = 7;
        rpmOnly.applyTo(key);
        VirtualKey expected = original;
        expected.rpm = 7;
        QVERIFY(key == expected);

        KeyChanges more;
        more.name = u"  bob "_s;
        more.budgetUsd = std::optional<double>();
        more.expiresAtMs = 0;
        more.routes = QStringList();
        more.period = BudgetPeriod::Total;
        more.tpm = 0;
        more.applyTo(key);
        expected.name = u"bob"_s;
        expected.budgetUsd.reset();
        expected.expiresAtMs = 0;
        expected.routes.clear();
        expected.period = BudgetPeriod::Total;
        expected.tpm = 0;
        QVERIFY(key == expected);
        QCOMPARE(key.hash, original.hash);
        QCOMPARE(key.id, original.id);
    }

    // ---- KeySecret ----

    void secretsAreLongRandomAndUrlSafe() {
        static const QRegularExpression shape(u"^sbk-[A-Za-z0-9_-]{43}$"_s);
        QSet<QByteArray> seen;
        for (int i = 0; i < 1000; ++i) {
            const QByteArray secret = KeySecret::generate();
            QVERIFY(secret.startsWith("sbk-"));
            QCOMPARE(secret.size(), qsizetype(47));
            QVERIFY2(shape.match(QString::fromLatin1(secret)).hasMatch(), secret.constData());
            QVERIFY(KeySecret::looksVirtual(secret));
            seen.insert(secret);
        }
        QCOMPARE(seen.size(), qsizetype(1000));
    }

    void secretHashHintAndShape() {
        QCOMPARE(KeySecret::hash("abc"),
                 QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(KeySecret::hash(""),
                 QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        const QByteArray hash = KeySecret::hash(kSecretA);
        QCOMPARE(hash.size(), qsizetype(64));
        QCOMPARE(hash, hash.toLower());
        QVERIFY(hash != KeySecret::hash(kSecretB));

        QCOMPARE(KeySecret::hint("sbk-abcdefWXYZ"), u"WXYZ"_s);
        QCOMPARE(KeySecret::hint("ab"), u"ab"_s);
        QCOMPARE(KeySecret::masked(u"WXYZ"_s), u"sbk-\u2026WXYZ"_s);

        QVERIFY(KeySecret::looksVirtual("sbk-x"));
        QVERIFY(!KeySecret::looksVirtual("sk-proj-abc"));
        QVERIFY(!KeySecret::looksVirtual("SBK-abc"));
        QVERIFY(!KeySecret::looksVirtual("xsbk-abc"));
        QVERIFY(!KeySecret::looksVirtual(""));
    }

    void idsAreVkAndSixteenHex() {
        static const QRegularExpression shape(u"^vk_[0-9a-f]{16}$"_s);
        QSet<QString> seen;
        for (int i = 0; i < 1000; ++i) {
            const QString id = KeySecret::newId();
            QVERIFY2(shape.match(id).hasMatch(), qPrintable(id));
            seen.insert(id);
        }
        QCOMPARE(seen.size(), qsizetype(1000));
    }

    // ---- KeyDirectory ----

    void directoryFindsBySecretAndId() {
        ManualClock clock;
        KeyDirectory directory(clock);
        QVERIFY(!directory.find(kSecretA));
        QVERIFY(directory.all().empty());
        directory.replace({keyFor(u"vk_a"_s, kSecretA), keyFor(u"vk_b"_s, kSecretB)}, {});

        const auto a = directory.find(kSecretA);
        QVERIFY(a);
        QCOMPARE(a->key.id, u"vk_a"_s);
        QVERIFY(a->meter);
        QCOMPARE(directory.find(kSecretB)->key.id, u"vk_b"_s);
        QVERIFY(!directory.find(kSecretC));
        QVERIFY(!directory.find(""));
        // The hash is what is kept, not a second secret.
        QVERIFY(!directory.find(KeySecret::hash(kSecretA)));
        QVERIFY(!directory.find(kSecretA.chopped(1)));

        QCOMPARE(directory.byId(u"vk_b"_s)->key.hint, KeySecret::hint(kSecretB));
        QCOMPARE(directory.byId(u"vk_a"_s), a);
        QVERIFY(!directory.byId(u"vk_c"_s));
        QCOMPARE(directory.all().size(), size_t(2));

        // A replace drops what the store no longer has.
        directory.replace({keyFor(u"vk_b"_s, kSecretB)}, {});
        QVERIFY(!directory.find(kSecretA));
        QVERIFY(!directory.byId(u"vk_a"_s));
        QVERIFY(directory.find(kSecretB));
        QCOMPARE(a->key.id, u"vk_a"_s);  // what a request holds stays valid
    }

    void directoryKnowsWhichKeysAreInForce() {
        ManualClock clock;
        KeyDirectory directory(clock);
        QVERIFY(!directory.anyInForce());

        VirtualKey revoked = keyFor(u"vk_r"_s, kSecretA);
        revoked.revokedAtMs = clock.wall - 1000;
        VirtualKey expired = keyFor(u"vk_e"_s, kSecretB);
        expired.expiresAtMs = clock.wall;
        directory.replace({revoked, expired}, {});
        QVERIFY(!directory.anyInForce());
        QVERIFY(directory.find(kSecretA));  // kept, so a refusal can say why

        VirtualKey later = keyFor(u"vk_l"_s, kSecretC);
        later.expiresAtMs = clock.wall + 60'000;
        directory.put(later);
        QVERIFY(directory.anyInForce());
        clock.advance(60'000);
        QVERIFY(!directory.anyInForce());

        VirtualKey neverExpires = keyFor(u"vk_l"_s, kSecretC);
        directory.put(neverExpires);
        QVERIFY(directory.anyInForce());
    }

    void replaceKeepsAKnownKeysMeter() {
        ManualClock clock;
        KeyDirectory directory(clock);
        VirtualKey key = keyFor(u"vk_m"_s, kSecretA);
        key.budgetUsd = 10.0;
        key.period = BudgetPeriod::Total;
        directory.replace({key}, {});
        const auto before = directory.byId(key.id);

        const Admission admission = before->meter->admit(100, 1.0);
        QVERIFY(admission.admitted());
        before->meter->settle(admission.ticket, 80, 0.75);
        QCOMPARE(before->meter->usage().spentUsd, 0.75);

        VirtualKey edited = key;
        edited.rpm = 5;
        edited.budgetUsd = 20.0;
        edited.name = u"edited"_s;
        // The store's figure lags behind the meter; it must not lower it.
        directory.replace({edited}, {{key.id, 0.25}});
        const auto after = directory.byId(key.id);
        QVERIFY(after != before);
        QCOMPARE(after->meter, before->meter);
        QCOMPARE(after->key.name, u"edited"_s);
        QCOMPARE(before->key.name, key.name);  // entries are snapshots
        QCOMPARE(after->meter->usage().spentUsd, 0.75);

        const Admission next = after->meter->admit(10, 0.5);
        QVERIFY(next.admitted());
        QCOMPARE(next.budgetUsd, 20.0);
        QVERIFY(next.requests);
        QCOMPARE(next.requests->limit, 5);
        QCOMPARE(next.requests->remaining, 3);  // the earlier request still counts
    }

    void replaceSeedsANewKeysSpend() {
        ManualClock clock;
        clock.wall = utcMs(2026, 11, 19, 12);
        KeyDirectory directory(clock);
        VirtualKey monthly = keyFor(u"vk_month"_s, kSecretA);
        monthly.budgetUsd = 10.0;
        monthly.period = BudgetPeriod::Month;
        VirtualKey total = keyFor(u"vk_total"_s, kSecretB);
        total.period = BudgetPeriod::Total;
        VirtualKey fresh = keyFor(u"vk_fresh"_s, kSecretC);
        directory.replace({monthly, total, fresh}, {{monthly.id, 4.0}, {total.id, 1.5}});
        QCOMPARE(directory.byId(monthly.id)->meter->usage().spentUsd, 4.0);
        QCOMPARE(directory.byId(monthly.id)->meter->usage().periodStartMs, utcMs(2026, 11, 1));
        QCOMPARE(directory.byId(total.id)->meter->usage().spentUsd, 1.5);
        QCOMPARE(directory.byId(fresh.id)->meter->usage().spentUsd, 0.0);
    }

    void replaceSeedsAKnownKeyWhosePeriodChanged() {
        // A changed period starts the meter's new period from zero (KeyMeter::setLimits);
        // what the store recorded for it must come back, or a daily budget starts afresh
        // on every edit.
        ManualClock clock;
        clock.wall = utcMs(2026, 11, 19, 12);
        KeyDirectory directory(clock);
        VirtualKey key = keyFor(u"vk_p"_s, kSecretA);
        key.budgetUsd = 10.0;
        key.period = BudgetPeriod::Month;
        directory.replace({key}, {{key.id, 6.0}});
        const auto meter = directory.byId(key.id)->meter;
        QCOMPARE(meter->usage().spentUsd, 6.0);

        key.period = BudgetPeriod::Day;
        directory.replace({key}, {{key.id, 2.5}});  // what the store has for today
        QCOMPARE(directory.byId(key.id)->meter, meter);
        QCOMPARE(meter->usage().periodStartMs, utcMs(2026, 11, 19));
        QCOMPARE(meter->usage().spentUsd, 2.5);
    }

    void putReplacesOneKey() {
        ManualClock clock;
        KeyDirectory directory(clock);
        directory.put(keyFor(u"vk_a"_s, kSecretA));
        directory.put(keyFor(u"vk_b"_s, kSecretB));
        QCOMPARE(directory.all().size(), size_t(2));
        const auto meter = directory.byId(u"vk_a"_s)->meter;

        // The same key with another secret: the old one must stop working.
        VirtualKey changed = keyFor(u"vk_a"_s, kSecretC);
        changed.rpm = 9;
        directory.put(changed);
        QVERIFY(!directory.find(kSecretA));
        QCOMPARE(directory.find(kSecretC)->key.id, u"vk_a"_s);
        QCOMPARE(directory.find(kSecretC)->key.rpm, 9);
        QCOMPARE(directory.find(kSecretC)->meter, meter);
        QCOMPARE(directory.find(kSecretB)->key.id, u"vk_b"_s);
        QCOMPARE(directory.all().size(), size_t(2));

        // Unchanged secret, changed settings.
        changed.name = u"renamed"_s;
        directory.put(changed);
        QCOMPARE(directory.find(kSecretC)->key.name, u"renamed"_s);
        QCOMPARE(directory.all().size(), size_t(2));
    }

    void findWhileReplacing() {
        ManualClock clock;
        KeyDirectory directory(clock);
        constexpr int kKeys = 8;
        std::vector<QByteArray> secrets;
        std::vector<QString> ids;
        for (int k = 0; k < kKeys; ++k) {
            secrets.push_back("sbk-concurrent-" + QByteArray::number(k));
            ids.push_back(u"vk_c%1"_s.arg(k));
        }
        const auto generation = [&](int g) {
            std::vector<VirtualKey> keys;
            for (int k = 0; k < kKeys; ++k) {
                if (g % 2 == 1 && k % 2 == 1)
                    continue;  // odd keys come and go
                VirtualKey key = keyFor(ids[k], secrets[k]);
                key.rpm = g;
                key.name = u"gen-%1"_s.arg(g);
                keys.push_back(key);
            }
            return keys;
        };
        directory.replace(generation(0), {});
        std::vector<std::shared_ptr<KeyMeter>> meters;
        for (int k = 0; k < kKeys; ++k)
            meters.push_back(directory.byId(ids[k])->meter);

        std::atomic<bool> done{false};
        std::atomic<int> inconsistent{0};
        std::atomic<qint64> found{0};
        std::atomic<qint64> missing{0};
        std::vector<std::thread> readers;
        for (int r = 0; r < 2; ++r) {
            readers.emplace_back([&, r] {
                int k = r;
                while (!done.load(std::memory_order_relaxed)) {
                    k = (k + 1) % kKeys;
                    const auto entry = directory.find(secrets[k]);
                    if (!entry) {
                        // Only the keys that come and go may be missing.
                        inconsistent += k % 2 == 0 ? 1 : 0;
                        ++missing;
                        continue;
                    }
                    ++found;
                    const bool ok = entry->key.id == ids[k] &&
                                    entry->key.hash == KeySecret::hash(secrets[k]) &&
                                    entry->key.name == u"gen-%1"_s.arg(entry->key.rpm) &&
                                    entry->meter && (k % 2 == 1 || entry->meter == meters[k]);
                    inconsistent += ok ? 0 : 1;
                    const auto byId = directory.byId(ids[k]);
                    inconsistent += byId && byId->key.id != ids[k] ? 1 : 0;
                }
            });
        }
        for (int g = 1; g <= 3000; ++g)
            directory.replace(generation(g), {});
        done = true;
        for (std::thread& reader : readers)
            reader.join();
        QCOMPARE(inconsistent.load(), 0);
        QVERIFY(found.load() > 0);
        QCOMPARE(directory.byId(ids[0])->key.rpm, 3000);
        QCOMPARE(directory.byId(ids[0])->meter, meters[0]);
    }

    // ---- KeyJson ----

    void keyJsonShowsSettingsAndState() {
        KeyReport report;
        report.key = keyFor(u"vk_0123456789abcdef"_s, kSecretA);
        report.key.name = u"alice"_s;
        report.key.routes = {u"smart"_s, u"openai/*"_s};
        report.key.budgetUsd = 25.0;
        report.key.period = BudgetPeriod::Day;
        report.key.rpm = 60;
        report.key.tpm = 1000;
        report.key.createdAtMs = utcMs(2026, 11, 19, 8, 30);
        report.today = {3, 0.5, 100, 200};
        report.month = {7, 1.25, 300, 400};
        report.total = {9, 2.0, 500, 600};
        const qint64 now = utcMs(2026, 11, 20);

        const Json out = KeyJson::toJson(report, now);
        QCOMPARE(out["object"].toString(), u"virtual_key"_s);
        QCOMPARE(out["id"].toString(), u"vk_0123456789abcdef"_s);
        QCOMPARE(out["name"].toString(), u"alice"_s);
        QVERIFY(!out.contains("key"));
        QVERIFY(!out.serialize().contains(kSecretA));
        QVERIFY(!out.serialize().contains(report.key.hash));
        QCOMPARE(out["key_hint"].toString(), u"sbk-\u2026aaA1"_s);
        QVERIFY(out["routes"].isArray());
        QCOMPARE(out["routes"].size(), qsizetype(2));
        QCOMPARE(out["routes"].at(1).toString(), u"openai/*"_s);
        QCOMPARE(out["budget_usd"].toDouble(), 25.0);
        QCOMPARE(out["budget_period"].toString(), u"day"_s);
        QCOMPARE(out["rpm"].toInt(), 60);
        QCOMPARE(out["tpm"].toInt(), 1000);
        QCOMPARE(out["created_at"].toString(), u"2026-11-19T08:30:00.000Z"_s);
        QVERIFY(out.contains("expires_at") && out["expires_at"].isNull());
        QVERIFY(out.contains("revoked_at") && out["revoked_at"].isNull());
        QCOMPARE(out["status"].toString(), u"active"_s);
        const Json& spend = out["spend"];
        QCOMPARE(spend["today"]["requests"].toInt(), 3);
        QCOMPARE(spend["today"]["cost_usd"].toDouble(), 0.5);
        QCOMPARE(spend["month"]["input_tokens"].toInt(), 300);
        QCOMPARE(spend["total"]["output_tokens"].toInt(), 600);
        QVERIFY(!spend.contains("budget_period"));

        report.key.budgetUsd.reset();
        report.key.routes.clear();
        const Json none = KeyJson::toJson(report, now);
        QVERIFY(none.contains("budget_usd") && none["budget_usd"].isNull());
        QVERIFY(none["routes"].isArray());
        QCOMPARE(none["routes"].size(), qsizetype(0));
    }

    void keyJsonCarriesTheSecretOnlyWhenCreated() {
        KeyReport report;
        report.key = keyFor(u"vk_new"_s, kSecretB);
        report.secret = kSecretB;
        const Json out = KeyJson::toJson(report, 0);
        QCOMPARE(out["key"].toString(), QString::fromLatin1(kSecretB));
    }

    void keyJsonStatus() {
        const qint64 now = utcMs(2026, 11, 20);
        KeyReport report;
        report.key = keyFor(u"vk_s"_s, kSecretA);
        report.key.expiresAtMs = now + 1;
        QCOMPARE(KeyJson::toJson(report, now)["status"].toString(), u"active"_s);
        QCOMPARE(KeyJson::toJson(report, now)["expires_at"].toString(),
                 u"2026-11-20T00:00:00.001Z"_s);
        QCOMPARE(KeyJson::toJson(report, now + 1)["status"].toString(), u"expired"_s);
        report.key.revokedAtMs = now - 1000;
        QCOMPARE(KeyJson::status(report.key, now), u"revoked"_s);
        const Json revoked = KeyJson::toJson(report, now + 1);  // revoked wins over expired
        QCOMPARE(revoked["status"].toString(), u"revoked"_s);
        QCOMPARE(revoked["revoked_at"].toString(), u"2026-11-19T23:59:59.000Z"_s);
    }

    void keyJsonShowsTheLiveBudgetPeriod() {
        KeyReport report;
        report.key = keyFor(u"vk_l"_s, kSecretA);
        report.key.budgetUsd = 10.0;
        MeterUsage usage;
        usage.spentUsd = 3.5;
        usage.reservedUsd = 0.25;
        usage.periodStartMs = utcMs(2026, 11, 1);
        usage.periodEndMs = utcMs(2026, 12, 1);
        usage.requestsInWindow = 4;
        usage.tokensInWindow = 1234;
        report.live = usage;
        const qint64 now = utcMs(2026, 11, 20);

        const Json period = KeyJson::toJson(report, now)["spend"]["budget_period"];
        QVERIFY(period.isObject());
        QCOMPARE(period["start"].toString(), u"2026-11-01T00:00:00.000Z"_s);
        QCOMPARE(period["end"].toString(), u"2026-12-01T00:00:00.000Z"_s);
        QCOMPARE(period["spent_usd"].toDouble(), 3.5);
        QCOMPARE(period["reserved_usd"].toDouble(), 0.25);
        QCOMPARE(period["remaining_usd"].toDouble(), 6.5);
        QCOMPARE(period["requests_last_minute"].toInt(), 4);
        QCOMPARE(period["tokens_last_minute"].toInt(), 1234);

        report.live->spentUsd = 12.0;  // charged in full above the budget
        QCOMPARE(
            KeyJson::toJson(report, now)["spend"]["budget_period"]["remaining_usd"].toDouble(-1),
            0.0);

        report.key.budgetUsd.reset();
        report.live->periodStartMs = 0;
        report.live->periodEndMs = 0;
        const Json unbudgeted = KeyJson::toJson(report, now)["spend"]["budget_period"];
        QVERIFY(unbudgeted.isObject());
        QVERIFY(!unbudgeted.contains("remaining_usd"));
        QVERIFY(unbudgeted["start"].isNull());
        QCOMPARE(unbudgeted["spent_usd"].toDouble(), 12.0);
    }

    // ---- RequestGate ----

    void presentedKeyComesFromEitherHeader() {
        QCOMPARE(presented(headers({{"Authorization", "Bearer sbk-abc"}})), QByteArray("sbk-abc"));
        QCOMPARE(presented(headers({{"authorization", "bearer sbk-abc"}})), QByteArray("sbk-abc"));
        QCOMPARE(presented(headers({{"AUTHORIZATION", " BeArEr   sbk-abc  "}})),
                 QByteArray("sbk-abc"));
        QCOMPARE(presented(headers({{"x-api-key", " sbk-xyz "}})), QByteArray("sbk-xyz"));
        QCOMPARE(
            presented(headers({{"Authorization", "Bearer sbk-abc"}, {"X-Api-Key", "sbk-xyz"}})),
            QByteArray("sbk-xyz"));
        QCOMPARE(presented(headers({{"x-api-key", ""}, {"Authorization", "Bearer sbk-abc"}})),
                 QByteArray("sbk-abc"));
        QVERIFY(RequestGate::presentedKey(headers({{"Authorization", "Basic dXNlcjpwdw=="}}))
                    .isEmpty());
        QVERIFY(RequestGate::presentedKey(headers({{"Authorization", "Bearer"}})).isEmpty());
        QVERIFY(RequestGate::presentedKey(headers({{"Authorization", "Bearer "}})).isEmpty());
        QVERIFY(RequestGate::presentedKey(headers({{"Authorization", "sbk-abc"}})).isEmpty());
        QVERIFY(RequestGate::presentedKey(headers({})).isEmpty());
    }

    void identifyWithoutAVirtualKey() {
        ManualClock clock;
        Governance governance(clock);
        const RequestGate gate(governance, clock);
        const Config loopback = listeningOn("127.0.0.1");
        Config requiring = listeningOn("127.0.0.1");
        requiring.governance.requireKeys = true;

        CallGovernance call;
        QVERIFY(!gate.identify(headers({}), loopback, call));
        QVERIFY(!call.key);
        QVERIFY(!gate.identify(headers({{"Authorization", "Bearer sk-proj-provider"}}), loopback,
                               call));
        QVERIFY(!call.key);

        for (const Config& config : {requiring, listeningOn("0.0.0.0")}) {
            for (const HttpHeaders& asked :
                 {headers({}), headers({{"Authorization", "Bearer sk-proj-provider"}}),
                  headers({{"x-api-key", "sk-ant-provider"}})}) {
                CallGovernance refused;
                const auto error = gate.identify(asked, config, refused);
                QVERIFY(error);
                QCOMPARE(error->status, 401);
                QVERIFY(error->kind == ApiError::Kind::Authentication);
                QCOMPARE(error->code, QByteArray("invalid_api_key"));
                QVERIFY(!error->message.contains(u"sk-proj-provider"));
                QVERIFY(!refused.key);
            }
        }
    }

    void identifyAKnownKey() {
        ManualClock clock;
        Governance governance(clock);
        const RequestGate gate(governance, clock);
        governance.keys().put(keyFor(u"vk_ok"_s, kSecretA));
        Config requiring = listeningOn("127.0.0.1");
        requiring.governance.requireKeys = true;

        for (const Config& config : {listeningOn("127.0.0.1"), requiring}) {
            for (const HttpHeaders& asked : {headers({{"Authorization", "Bearer " + kSecretA}}),
                                             headers({{"x-api-key", kSecretA}})}) {
                CallGovernance call;
                QVERIFY(!gate.identify(asked, config, call));
                QVERIFY(call.key);
                QCOMPARE(call.key->key.id, u"vk_ok"_s);
            }
        }
    }

    void identifyRefusesAnUnknownKeyWithoutEchoingIt() {
        ManualClock clock;
        Governance governance(clock);
        const RequestGate gate(governance, clock);
        governance.keys().put(keyFor(u"vk_ok"_s, kSecretA));
        const QByteArray unknown = "sbk-thisisnotakeyofthisgatewayQ7zX";
        for (const Config& config : {listeningOn("127.0.0.1"), listeningOn("0.0.0.0")}) {
            CallGovernance call;
            const auto error =
                gate.identify(headers({{"Authorization", "Bearer " + unknown}}), config, call);
            QVERIFY(error);
            QCOMPARE(error->status, 401);
            QCOMPARE(error->code, QByteArray("invalid_api_key"));
            QVERIFY(!error->message.isEmpty());
            QVERIFY2(!error->message.contains(QString::fromLatin1(unknown)),
                     qPrintable(error->message));
            QVERIFY2(!error->message.contains(u"Q7zX"), qPrintable(error->message));
            QVERIFY(!call.key);
        }
    }

    void identifyRefusesRevokedAndExpiredKeys() {
        ManualClock clock;
        clock.wall = utcMs(2026, 11, 19, 12);
        Governance governance(clock);
        const RequestGate gate(governance, clock);
        VirtualKey revoked = keyFor(u"vk_rev"_s, kSecretA);
        revoked.name = u"old-laptop"_s;
        revoked.revokedAtMs = utcMs(2026, 11, 1);
        VirtualKey expiring = keyFor(u"vk_exp"_s, kSecretB);
        expiring.name = u"contractor"_s;
        expiring.expiresAtMs = clock.wall + 1000;
        governance.keys().replace({revoked, expiring}, {});
        const Config config = listeningOn("127.0.0.1");

        CallGovernance call;
        auto error = gate.identify(headers({{"x-api-key", kSecretA}}), config, call);
        QVERIFY(error);
        QCOMPARE(error->status, 401);
        QCOMPARE(error->code, QByteArray("invalid_api_key"));
        QVERIFY2(error->message.contains(KeySecret::masked(u"aaA1"_s)), qPrintable(error->message));
        QVERIFY(error->message.contains(u"old-laptop"));
        QVERIFY(error->message.contains(u"revoked"));
        QVERIFY(error->message.contains(u"2026-11-01"));
        QVERIFY(!error->message.contains(QString::fromLatin1(kSecretA)));

        CallGovernance before;
        QVERIFY(!gate.identify(headers({{"x-api-key", kSecretB}}), config, before));
        clock.advance(1000);
        CallGovernance after;
        error = gate.identify(headers({{"Authorization", "Bearer " + kSecretB}}), config, after);
        QVERIFY(error);
        QCOMPARE(error->status, 401);
        QVERIFY2(error->message.contains(KeySecret::masked(u"bbB2"_s)), qPrintable(error->message));
        QVERIFY(error->message.contains(u"expired"));
        QVERIFY(!error->message.contains(QString::fromLatin1(kSecretB)));
    }

    void authorizeByRoutes() {
        ManualClock clock;
        Governance governance(clock);
        const RequestGate gate(governance, clock);
        VirtualKey limited = keyFor(u"vk_lim"_s, kSecretA);
        limited.routes = {u"smart"_s, u"openai/*"_s};
        governance.keys().replace({limited, keyFor(u"vk_all"_s, kSecretB)}, {});

        const auto request = [](const char* singleQuoted) {
            ApiError error;
            // Unreadable: no model, which the checks below then fail on.
            return ClientRequest::read(body(singleQuoted), error).value_or(ClientRequest());
        };
        CallGovernance call;
        call.key = governance.keys().find(kSecretA);
        QVERIFY(call.key);

        for (const char* allowed : {"{'model':'smart'}", "{'model':'openai/gpt-x'}",
                                    "{'model':'smart','fallbacks':['openai/gpt-4o','smart']}",
                                    "{'model':'openai/o3','models':['openai/o3','smart']}"}) {
            const auto error = gate.authorize(call, request(allowed));
            QVERIFY2(!error, allowed);
        }
        for (const char* refused :
             {"{'model':'claude/x'}", "{'model':'smart','fallbacks':['claude/x']}",
              "{'model':'smart','models':['smart','claude/x']}", "{'model':'openai'}",
              "{'model':'openaix/gpt'}", "{'model':'Smart'}", "{'model':'fast'}"}) {
            const auto error = gate.authorize(call, request(refused));
            QVERIFY2(error, refused);
            QCOMPARE(error->status, 403);
            QVERIFY(error->kind == ApiError::Kind::PermissionDenied);
            QCOMPARE(error->code, QByteArray("model_not_allowed"));
            QVERIFY(error->message.contains(KeySecret::masked(u"aaA1"_s)));
            QVERIFY(error->message.contains(u"smart, openai/*"));
        }
        const auto named = gate.authorize(call, request("{'model':'smart','fallbacks':['c/x']}"));
        QVERIFY(named && named->message.contains(u"'c/x'"));

        CallGovernance unlimited;
        unlimited.key = governance.keys().find(kSecretB);
        QVERIFY(!gate.authorize(unlimited, request("{'model':'claude/x'}")));
        QVERIFY(!gate.authorize(CallGovernance(), request("{'model':'claude/x'}")));
    }
};

QTEST_GUILESS_MAIN(TestGovernance)
#include "tst_governance.moc"
