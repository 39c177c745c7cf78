#include "secrets/EnvKeyStore.h"

#include <QCoreApplication>

namespace signalbox {

namespace {

KeyResult readOnly(const QString& name) {
    return KeyResult::failure(
        QCoreApplication::translate(
            "KeyStore",
            "environment variable %1 cannot be changed from Signalbox; set it in the "
            "environment that starts it")
            .arg(name));
}

}  // namespace

QString EnvKeyStore::scheme() const {
    return QStringLiteral("env");
}

bool EnvKeyStore::isWritable() const {
    return false;
}

void EnvKeyStore::read(const QString& name, Callback done) {
    const QByteArray value =
        name.isEmpty() ? QByteArray() : qgetenv(name.toLocal8Bit().constData());
    if (value.isEmpty()) {
        done(KeyResult::failure(
            QCoreApplication::translate("KeyStore", "environment variable %1 is not set")
                .arg(name)));
        return;
    }
    KeyResult result;
    result.ok = true;
    result.secret = value;
    done(result);
}

void EnvKeyStore::write(const QString& name, const QByteArray& /*secret*/, Callback done) {
    done(readOnly(name));
}

void EnvKeyStore::remove(const QString& name, Callback done) {
    done(readOnly(name));
}

}  // namespace signalbox
