#include "secrets/KeyResolver.h"
#include "secrets/KeychainKeyStore.h"

#include <QUuid>
#include <QtTest>

#include <optional>

using namespace signalbox;

// Runs against a real Secret Service: CTest starts it as
// `dbus-run-session -- tests/with-keyring.sh tst_keychainkeystore`, which gives
// this process a private session bus with an unlocked gnome-keyring on it.
class TestKeychainKeyStore : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void writeReadOverwriteRemove();
    void binarySecretsRoundTrip();
    void readMissingIsNotFound();
    void servicesAreSeparate();
    void resolverReadsKeychainRefs();

private:
    // Every job answers from the event loop (D-Bus); wait for the callback.
    KeyResult await(const std::function<void(KeyStore::Callback)>& start) {
        std::optional<KeyResult> answer;
        start([&answer](KeyResult r) { answer = std::move(r); });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 15000); }();
        return answer.value_or(KeyResult{});
    }

    QString notFound(const QString& name) const {
        return QStringLiteral("no key named %1 in the keychain").arg(name);
    }

    // Unique per test, so a run never reads what an earlier one left behind.
    QString name_;
};

void TestKeychainKeyStore::init() {
    name_ = QStringLiteral("signalbox-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void TestKeychainKeyStore::cleanup() {
    KeychainKeyStore store;
    await([&](auto cb) { store.remove(name_, cb); });
}

void TestKeychainKeyStore::writeReadOverwriteRemove() {
    KeychainKeyStore store;
    QCOMPARE(store.scheme(), QStringLiteral("keychain"));
    QCOMPARE(store.service(), QStringLiteral("signalbox"));
    QVERIFY(store.isWritable());

    const QByteArray first = "sk-first-0123456789abcdef";
    KeyResult r = await([&](auto cb) { store.write(name_, first, cb); });
    QVERIFY2(r.ok, qPrintable(r.error));

    r = await([&](auto cb) { store.read(name_, cb); });
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.secret, first);

    const QByteArray second = "sk-second-fedcba9876543210";
    r = await([&](auto cb) { store.write(name_, second, cb); });
    QVERIFY2(r.ok, qPrintable(r.error));
    r = await([&](auto cb) { store.read(name_, cb); });
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.secret, second);

    r = await([&](auto cb) { store.remove(name_, cb); });
    QVERIFY2(r.ok, qPrintable(r.error));

    r = await([&](auto cb) { store.read(name_, cb); });
    QVERIFY(!r.ok);
    QVERIFY(r.secret.isEmpty());
    QCOMPARE(r.error, notFound(name_));
    QVERIFY(!r.error.contains(QString::fromLatin1(second)));
}

void TestKeychainKeyStore::binarySecretsRoundTrip() {
    KeychainKeyStore store;
    const QByteArray secret("\x00\x01key\xff\xfe with\nnewline \n", 20);
    KeyResult r = await([&](auto cb) { store.write(name_, secret, cb); });
    QVERIFY2(r.ok, qPrintable(r.error));
    r = await([&](auto cb) { store.read(name_, cb); });
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.secret, secret);
}

void TestKeychainKeyStore::readMissingIsNotFound() {
    KeychainKeyStore store;
    const KeyResult r = await([&](auto cb) { store.read(name_, cb); });
    QVERIFY(!r.ok);
    QCOMPARE(r.error, notFound(name_));
}

void TestKeychainKeyStore::servicesAreSeparate() {
    KeychainKeyStore other(QStringLiteral("signalbox-test-other"));
    KeyResult r = await([&](auto cb) { other.write(name_, "sk-other-service-key", cb); });
    QVERIFY2(r.ok, qPrintable(r.error));

    KeychainKeyStore store;
    r = await([&](auto cb) { store.read(name_, cb); });
    QVERIFY(!r.ok);
    QCOMPARE(r.error, notFound(name_));

    r = await([&](auto cb) { other.remove(name_, cb); });
    QVERIFY2(r.ok, qPrintable(r.error));
}

void TestKeychainKeyStore::resolverReadsKeychainRefs() {
    const QByteArray secret = "sk-resolved-0123456789abcdef";
    KeychainKeyStore store;
    KeyResult r = await([&](auto cb) { store.write(name_, secret, cb); });
    QVERIFY2(r.ok, qPrintable(r.error));

    KeyResolver resolver;
    const QString ref = QStringLiteral("keychain:") + name_;
    r = await([&](auto cb) { resolver.resolve(ref, cb); });
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.secret, secret);

    const QString missingRef = QStringLiteral("keychain:") + name_ + QStringLiteral("-missing");
    std::optional<std::pair<std::map<QString, QByteArray>, QStringList>> answer;
    resolver.resolveAll({ref, missingRef},
                        [&](std::map<QString, QByteArray> secrets, QStringList errors) {
                            answer.emplace(std::move(secrets), std::move(errors));
                        });
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 15000);
    QCOMPARE(answer->first.size(), size_t(1));
    QCOMPARE(answer->first.at(ref), secret);
    QCOMPARE(answer->second, QStringList{missingRef + QStringLiteral(": ") +
                                         notFound(name_ + QStringLiteral("-missing"))});
}

QTEST_GUILESS_MAIN(TestKeychainKeyStore)
#include "tst_keychainkeystore.moc"
