#include "secrets/EnvKeyStore.h"
#include "secrets/FileKeyStore.h"
#include "secrets/KeyResolver.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>

#include <sys/stat.h>
#include <unistd.h>

using namespace signalbox;

namespace {

// Stores may answer before returning or later; this waits for either.
KeyResult await(const std::function<void(KeyStore::Callback)>& start) {
    std::optional<KeyResult> answer;
    start([&answer](KeyResult r) { answer = std::move(r); });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 5000); }();
    return answer.value_or(KeyResult{});
}

// The file's Unix mode bits, to check "0600" exactly as a user would with ls -l.
int unixMode(const QString& path) {
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0) {
        return -1;
    }
    return static_cast<int>(info.st_mode & 0777);
}

QByteArray envSecret() {
    return QByteArrayLiteral("sk-env-0123456789abcdef");
}

QByteArray fileSecret() {
    return QByteArrayLiteral("sk-file-fedcba9876543210");
}

void writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
}

// A store that answers from the event loop, to prove resolveAll waits for it.
class LaterKeyStore : public KeyStore {
public:
    QString scheme() const override { return QStringLiteral("later"); }
    bool isWritable() const override { return false; }
    void read(const QString& name, Callback done) override {
        QTimer::singleShot(0, [name, done] {
            KeyResult r;
            r.ok = name == QLatin1String("good");
            if (r.ok) {
                r.secret = "later-secret-value";
            } else {
                r.error = QStringLiteral("no key %1").arg(name);
            }
            done(r);
        });
    }
    void write(const QString&, const QByteArray&, Callback done) override { done({}); }
    void remove(const QString&, Callback done) override { done({}); }
};

}  // namespace

class TestKeyResolver : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void envReadsVariable();
    void envMissingOrEmptyIsAnError();
    void envIsReadOnly();

    void fileReadsContentWithoutTrailingWhitespace();
    void fileExpandsHome();
    void fileErrorsNamePathAndReason_data();
    void fileErrorsNamePathAndReason();
    void fileUnreadableIsAnError();
    void fileWriteIsPrivateAndAtomicOverwrite();
    void fileRemoveDeletes();

    void splitRef_data();
    void splitRef();
    void resolveUsesTheSchemesStore();
    void unknownSchemeIsAnError();
    void malformedRefIsMasked();
    void addStoreReplacesSameScheme();
    void resolveAllMixesGoodAndBad();
    void resolveAllEmpty();
    void resolveAllWaitsForLateStores();

    void mask_data();
    void mask();

private:
    QTemporaryDir dir_;
    QTemporaryDir home_;
    QByteArray envName_;
};

void TestKeyResolver::initTestCase() {
    QVERIFY(dir_.isValid());
    QVERIFY(home_.isValid());
    // QDir::homePath() follows $HOME, so "~/" lands in a throwaway folder.
    qputenv("HOME", home_.path().toLocal8Bit());
    envName_ = "SIGNALBOX_TEST_KEY_" + QByteArray::number(QCoreApplication::applicationPid());
    qputenv(envName_.constData(), envSecret());
    qunsetenv("SIGNALBOX_TEST_MISSING_KEY");
    qputenv("SIGNALBOX_TEST_EMPTY_KEY", "");
}

void TestKeyResolver::envReadsVariable() {
    EnvKeyStore store;
    QCOMPARE(store.scheme(), QStringLiteral("env"));
    const KeyResult r = await([&](auto cb) { store.read(QString::fromLatin1(envName_), cb); });
    QVERIFY(r.ok);
    QCOMPARE(r.secret, envSecret());
    QVERIFY(r.error.isEmpty());
}

void TestKeyResolver::envMissingOrEmptyIsAnError() {
    EnvKeyStore store;
    for (const QString& name : {QStringLiteral("SIGNALBOX_TEST_MISSING_KEY"),
                                QStringLiteral("SIGNALBOX_TEST_EMPTY_KEY")}) {
        const KeyResult r = await([&](auto cb) { store.read(name, cb); });
        QVERIFY(!r.ok);
        QVERIFY(r.secret.isEmpty());
        QCOMPARE(r.error, QStringLiteral("environment variable %1 is not set").arg(name));
    }
}

void TestKeyResolver::envIsReadOnly() {
    EnvKeyStore store;
    QVERIFY(!store.isWritable());
    const QString name = QString::fromLatin1(envName_);
    KeyResult r = await([&](auto cb) { store.write(name, "other", cb); });
    QVERIFY(!r.ok);
    QVERIFY(r.error.contains(name));
    r = await([&](auto cb) { store.remove(name, cb); });
    QVERIFY(!r.ok);
    QCOMPARE(qgetenv(envName_.constData()), envSecret());
}

void TestKeyResolver::fileReadsContentWithoutTrailingWhitespace() {
    const QString path = dir_.filePath(QStringLiteral("trailing.key"));
    writeFile(path, "  " + fileSecret() + " \r\n\t\n");
    FileKeyStore store;
    QCOMPARE(store.scheme(), QStringLiteral("file"));
    const KeyResult r = await([&](auto cb) { store.read(path, cb); });
    QVERIFY2(r.ok, qPrintable(r.error));
    // Only the end is trimmed: leading bytes belong to the key.
    QCOMPARE(r.secret, "  " + fileSecret());
}

void TestKeyResolver::fileExpandsHome() {
    QVERIFY(QDir(home_.path()).mkpath(QStringLiteral(".config/signalbox")));
    writeFile(home_.filePath(QStringLiteral(".config/signalbox/openai.key")), fileSecret() + '\n');
    QCOMPARE(FileKeyStore::expandPath(QStringLiteral("~/a/b")),
             home_.path() + QStringLiteral("/a/b"));
    QCOMPARE(FileKeyStore::expandPath(QStringLiteral("/etc/~/x")), QStringLiteral("/etc/~/x"));

    FileKeyStore store;
    const KeyResult r =
        await([&](auto cb) { store.read(QStringLiteral("~/.config/signalbox/openai.key"), cb); });
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.secret, fileSecret());
}

void TestKeyResolver::fileErrorsNamePathAndReason_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    const QString empty = dir_.filePath(QStringLiteral("empty.key"));
    writeFile(empty, " \n\n");
    QTest::newRow("missing") << dir_.filePath(QStringLiteral("missing.key"))
                             << QStringLiteral("does not exist");
    QTest::newRow("empty") << empty << QStringLiteral("is empty");
    QTest::newRow("folder") << dir_.path() << QStringLiteral("is a folder");
}

void TestKeyResolver::fileErrorsNamePathAndReason() {
    QFETCH(QString, path);
    QFETCH(QString, reason);
    FileKeyStore store;
    const KeyResult r = await([&](auto cb) { store.read(path, cb); });
    QVERIFY(!r.ok);
    QVERIFY(r.secret.isEmpty());
    QVERIFY2(r.error.contains(path), qPrintable(r.error));
    QVERIFY2(r.error.contains(reason), qPrintable(r.error));
}

void TestKeyResolver::fileUnreadableIsAnError() {
    if (::geteuid() == 0) {
        QSKIP("root reads files whatever their permissions");
    }
    const QString path = dir_.filePath(QStringLiteral("locked.key"));
    writeFile(path, fileSecret());
    QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));
    FileKeyStore store;
    const KeyResult r = await([&](auto cb) { store.read(path, cb); });
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(path) && r.error.contains(QStringLiteral("cannot be read")),
             qPrintable(r.error));
    QVERIFY(!r.error.contains(QString::fromLatin1(fileSecret())));
}

void TestKeyResolver::fileWriteIsPrivateAndAtomicOverwrite() {
    const QString path = dir_.filePath(QStringLiteral("sub/dir/written.key"));
    FileKeyStore store;
    QVERIFY(store.isWritable());
    KeyResult r = await([&](auto cb) { store.write(path, fileSecret(), cb); });
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(unixMode(path), 0600);
    r = await([&](auto cb) { store.read(path, cb); });
    QCOMPARE(r.secret, fileSecret());

    // An existing, too-open file becomes private on overwrite.
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ReadGroup | QFileDevice::ReadOther));
    r = await([&](auto cb) { store.write(path, "replacement-secret", cb); });
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(unixMode(path), 0600);
    r = await([&](auto cb) { store.read(path, cb); });
    QCOMPARE(r.secret, QByteArray("replacement-secret"));
    // QSaveFile leaves no temporary file behind.
    QCOMPARE(QDir(dir_.filePath(QStringLiteral("sub/dir"))).entryList(QDir::Files),
             QStringList{QStringLiteral("written.key")});
}

void TestKeyResolver::fileRemoveDeletes() {
    const QString path = dir_.filePath(QStringLiteral("doomed.key"));
    writeFile(path, fileSecret());
    FileKeyStore store;
    KeyResult r = await([&](auto cb) { store.remove(path, cb); });
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(!QFile::exists(path));
    r = await([&](auto cb) { store.remove(path, cb); });
    QVERIFY(!r.ok);
    QVERIFY(r.error.contains(path));
}

void TestKeyResolver::splitRef_data() {
    QTest::addColumn<QString>("ref");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("name");
    QTest::newRow("env") << QStringLiteral("env:OPENAI_API_KEY") << true << QStringLiteral("env")
                         << QStringLiteral("OPENAI_API_KEY");
    QTest::newRow("file with colon") << QStringLiteral("file:/tmp/a:b") << true
                                     << QStringLiteral("file") << QStringLiteral("/tmp/a:b");
    QTest::newRow("home") << QStringLiteral("file:~/k") << true << QStringLiteral("file")
                          << QStringLiteral("~/k");
    QTest::newRow("no colon") << QStringLiteral("sk-abcdef") << false << QStringLiteral("")
                              << QStringLiteral("");
    QTest::newRow("no scheme") << QStringLiteral(":NAME") << false << QStringLiteral("")
                               << QStringLiteral("");
    QTest::newRow("no name") << QStringLiteral("env:") << false << QStringLiteral("")
                             << QStringLiteral("");
    QTest::newRow("empty") << QStringLiteral("") << false << QStringLiteral("")
                           << QStringLiteral("");
}

void TestKeyResolver::splitRef() {
    QFETCH(QString, ref);
    QFETCH(bool, ok);
    QFETCH(QString, scheme);
    QFETCH(QString, name);
    QString gotScheme;
    QString gotName;
    QCOMPARE(KeyResolver::splitRef(ref, &gotScheme, &gotName), ok);
    if (ok) {
        QCOMPARE(gotScheme, scheme);
        QCOMPARE(gotName, name);
    }
}

void TestKeyResolver::resolveUsesTheSchemesStore() {
    KeyResolver resolver;
    QVERIFY(resolver.store(QStringLiteral("env")));
    QVERIFY(resolver.store(QStringLiteral("file")));
    QVERIFY(resolver.store(QStringLiteral("keychain")));
    QVERIFY(!resolver.store(QStringLiteral("vault")));

    KeyResult r = await([&](auto cb) {
        resolver.resolve(QStringLiteral("env:") + QString::fromLatin1(envName_), cb);
    });
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.secret, envSecret());

    const QString path = dir_.filePath(QStringLiteral("resolved.key"));
    writeFile(path, fileSecret() + '\n');
    r = await([&](auto cb) { resolver.resolve(QStringLiteral("file:") + path, cb); });
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.secret, fileSecret());
}

void TestKeyResolver::unknownSchemeIsAnError() {
    KeyResolver resolver;
    const KeyResult r =
        await([&](auto cb) { resolver.resolve(QStringLiteral("vault:prod/openai"), cb); });
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("unknown key reference scheme 'vault' in 'vault:\u2026'; "
                                     "expected env:, keychain: or file:"));
}

void TestKeyResolver::malformedRefIsMasked() {
    // Someone pasted the key itself where a reference belongs: never echo it.
    KeyResolver resolver;
    const QString pasted = QString::fromLatin1(envSecret());
    const KeyResult r = await([&](auto cb) { resolver.resolve(pasted, cb); });
    QVERIFY(!r.ok);
    QVERIFY2(!r.error.contains(pasted), qPrintable(r.error));
    QVERIFY2(r.error.contains(KeyResolver::mask(envSecret())), qPrintable(r.error));
    QVERIFY(r.error.contains(QStringLiteral("expected env:NAME")));

    // A known scheme with nothing after it is shown as typed.
    const KeyResult empty = await([&](auto cb) { resolver.resolve(QStringLiteral("env:"), cb); });
    QVERIFY(!empty.ok);
    QVERIFY2(empty.error.contains(QStringLiteral("'env:'")), qPrintable(empty.error));
}

void TestKeyResolver::addStoreReplacesSameScheme() {
    KeyResolver resolver;
    KeyStore* before = resolver.store(QStringLiteral("env"));
    auto replacement = std::make_unique<EnvKeyStore>();
    KeyStore* raw = replacement.get();
    resolver.addStore(std::move(replacement));
    QVERIFY(resolver.store(QStringLiteral("env")) == raw);
    QVERIFY(raw != before);
    resolver.addStore(std::make_unique<LaterKeyStore>());
    QVERIFY(resolver.store(QStringLiteral("later")));
}

void TestKeyResolver::resolveAllMixesGoodAndBad() {
    const QString goodFile = dir_.filePath(QStringLiteral("all-good.key"));
    writeFile(goodFile, fileSecret() + '\n');
    const QString emptyFile = dir_.filePath(QStringLiteral("all-empty.key"));
    writeFile(emptyFile, "\n");
    const QString goodEnv = QStringLiteral("env:") + QString::fromLatin1(envName_);
    const QString goodFileRef = QStringLiteral("file:") + goodFile;
    const QString missingEnv = QStringLiteral("env:SIGNALBOX_TEST_MISSING_KEY");
    const QString emptyFileRef = QStringLiteral("file:") + emptyFile;
    const QString unknown = QStringLiteral("vault:team/key");
    const QString pasted = QStringLiteral("sk-pasted-0000111122223333");

    KeyResolver resolver;
    std::optional<std::pair<std::map<QString, QByteArray>, QStringList>> answer;
    int calls = 0;
    resolver.resolveAll({goodEnv, missingEnv, goodFileRef, unknown, emptyFileRef, pasted},
                        [&](std::map<QString, QByteArray> secrets, QStringList errors) {
                            ++calls;
                            answer.emplace(std::move(secrets), std::move(errors));
                        });
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 5000);
    QCOMPARE(calls, 1);

    const auto& [secrets, errors] = *answer;
    QCOMPARE(secrets.size(), size_t(2));
    QCOMPARE(secrets.at(goodEnv), envSecret());
    QCOMPARE(secrets.at(goodFileRef), fileSecret());

    QCOMPARE(errors.size(), 4);
    QVERIFY2(errors.at(0).startsWith(missingEnv + QStringLiteral(": ")), qPrintable(errors.at(0)));
    QVERIFY(errors.at(0).contains(QStringLiteral("is not set")));
    QVERIFY2(errors.at(1).contains(QStringLiteral("'vault:\u2026'")), qPrintable(errors.at(1)));
    QVERIFY2(errors.at(2).startsWith(emptyFileRef + QStringLiteral(": ")),
             qPrintable(errors.at(2)));
    QVERIFY(errors.at(2).contains(QStringLiteral("is empty")));
    QVERIFY2(errors.at(3).contains(KeyResolver::mask(pasted.toUtf8())), qPrintable(errors.at(3)));

    for (const QString& error : errors) {
        QVERIFY2(!error.contains(QString::fromLatin1(envSecret())), qPrintable(error));
        QVERIFY2(!error.contains(QString::fromLatin1(fileSecret())), qPrintable(error));
        QVERIFY2(!error.contains(pasted), qPrintable(error));
    }
}

void TestKeyResolver::resolveAllEmpty() {
    KeyResolver resolver;
    bool called = false;
    resolver.resolveAll(
        {}, [&](const std::map<QString, QByteArray>& secrets, const QStringList& errors) {
            called = true;
            QVERIFY(secrets.empty());
            QVERIFY(errors.isEmpty());
        });
    QVERIFY(called);
}

void TestKeyResolver::resolveAllWaitsForLateStores() {
    KeyResolver resolver;
    resolver.addStore(std::make_unique<LaterKeyStore>());
    const QString goodEnv = QStringLiteral("env:") + QString::fromLatin1(envName_);
    std::optional<std::pair<std::map<QString, QByteArray>, QStringList>> answer;
    int calls = 0;
    resolver.resolveAll({QStringLiteral("later:good"), goodEnv, QStringLiteral("later:bad")},
                        [&](std::map<QString, QByteArray> secrets, QStringList errors) {
                            ++calls;
                            answer.emplace(std::move(secrets), std::move(errors));
                        });
    // The env store answered at once, the others only from the event loop.
    QVERIFY(!answer.has_value());
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 5000);
    QCOMPARE(calls, 1);
    QCOMPARE(answer->first.size(), size_t(2));
    QCOMPARE(answer->first.at(QStringLiteral("later:good")), QByteArray("later-secret-value"));
    QCOMPARE(answer->first.at(goodEnv), envSecret());
    QCOMPARE(answer->second, QStringList{QStringLiteral("later:bad: no key bad")});
}

void TestKeyResolver::mask_data() {
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QString>("masked");
    const QString dots = QString(4, QChar(0x2022));
    QTest::newRow("long") << QByteArray("sk-proj-abcdefghWXYZ") << dots + QStringLiteral("WXYZ");
    QTest::newRow("exactly 8") << QByteArray("12345678") << dots + QStringLiteral("5678");
    QTest::newRow("7") << QByteArray("1234567") << dots;
    QTest::newRow("short") << QByteArray("abc") << dots;
    QTest::newRow("empty") << QByteArray() << dots;
}

void TestKeyResolver::mask() {
    QFETCH(QByteArray, secret);
    QFETCH(QString, masked);
    QCOMPARE(KeyResolver::mask(secret), masked);
}

QTEST_GUILESS_MAIN(TestKeyResolver)
#include "tst_keyresolver.moc"
