#include "secrets/KeychainKeyStore.h"

#include <QCoreApplication>
#include <QObject>

#include <qt6keychain/keychain.h>

namespace signalbox {

namespace {

QString noService() {
    return QCoreApplication::translate(
        "KeyStore",
        "no keychain service is available (is a Secret Service such as gnome-keyring running?)");
}

// On Linux QtKeychain reports a missing session bus or Secret Service as
// OtherError with GLib's message; recognise it so the user gets the real cause.
bool meansNoService(const QString& detail) {
    return detail.contains(QLatin1String("D-Bus")) || detail.contains(QLatin1String("DBus")) ||
           detail.contains(QLatin1String("org.freedesktop.secrets"));
}

QString describeError(const QKeychain::Job& job, const QString& name) {
    const QString detail = job.errorString();
    switch (job.error()) {
        case QKeychain::NoError:
            return {};
        case QKeychain::EntryNotFound:
            return QCoreApplication::translate("KeyStore", "no key named %1 in the keychain")
                .arg(name);
        case QKeychain::NoBackendAvailable:
            return noService();
        case QKeychain::AccessDeniedByUser:
            return QCoreApplication::translate("KeyStore",
                                               "access to key %1 in the keychain was refused")
                .arg(name);
        case QKeychain::AccessDenied:
            return QCoreApplication::translate(
                       "KeyStore", "the keychain denied access to key %1 (is it locked?): %2")
                .arg(name, detail);
        case QKeychain::CouldNotDeleteEntry:
            return QCoreApplication::translate("KeyStore",
                                               "could not delete key %1 from the keychain: %2")
                .arg(name, detail);
        case QKeychain::NotImplemented:
            return QCoreApplication::translate(
                "KeyStore", "the keychain on this system does not support this operation");
        case QKeychain::OtherError:
            if (meansNoService(detail)) {
                return noService() + QStringLiteral(": ") + detail;
            }
            break;
    }
    return QCoreApplication::translate("KeyStore", "keychain error for key %1: %2")
        .arg(name, detail);
}

// Every job deletes itself after `finished`; the callback captures no store, so
// a store destroyed mid-flight leaves nothing dangling.
template <typename JobType, typename OnSuccess>
void run(JobType* job, const QString& name, KeyStore::Callback done, OnSuccess onSuccess) {
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(name);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [job, name, done = std::move(done), onSuccess](QKeychain::Job*) {
                         KeyResult result;
                         if (job->error() == QKeychain::NoError) {
                             result.ok = true;
                             result.secret = onSuccess(job);
                         } else {
                             result.error = describeError(*job, name);
                         }
                         done(result);
                     });
    job->start();
}

}  // namespace

KeychainKeyStore::KeychainKeyStore(const QString& service) : service_(service) {}

QString KeychainKeyStore::scheme() const {
    return QStringLiteral("keychain");
}

bool KeychainKeyStore::isWritable() const {
    return true;
}

// Binary data throughout, so any byte sequence written reads back unchanged.
void KeychainKeyStore::read(const QString& name, Callback done) {
    run(new QKeychain::ReadPasswordJob(service_), name, std::move(done),
        [](QKeychain::ReadPasswordJob* job) { return job->binaryData(); });
}

void KeychainKeyStore::write(const QString& name, const QByteArray& secret, Callback done) {
    auto* job = new QKeychain::WritePasswordJob(service_);
    job->setBinaryData(secret);
    run(job, name, std::move(done), [](QKeychain::WritePasswordJob*) { return QByteArray(); });
}

void KeychainKeyStore::remove(const QString& name, Callback done) {
    run(new QKeychain::DeletePasswordJob(service_), name, std::move(done),
        [](QKeychain::DeletePasswordJob*) { return QByteArray(); });
}

}  // namespace signalbox
