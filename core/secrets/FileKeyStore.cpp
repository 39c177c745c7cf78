#include "secrets/FileKeyStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace signalbox {

namespace {

// Like QByteArray::trimmed() but only at the end: leading bytes are part of the key.
QByteArray chopTrailingSpace(QByteArray data) {
    qsizetype end = data.size();
    while (end > 0 && QChar::isSpace(static_cast<unsigned char>(data.at(end - 1)))) {
        --end;
    }
    data.truncate(end);
    return data;
}

}  // namespace

QString FileKeyStore::scheme() const {
    return QStringLiteral("file");
}

bool FileKeyStore::isWritable() const {
    return true;
}

QString FileKeyStore::expandPath(const QString& path) {
    if (path == QLatin1String("~")) {
        return QDir::homePath();
    }
    if (path.startsWith(QLatin1String("~/"))) {
        return QDir::homePath() + path.mid(1);
    }
    return path;
}

void FileKeyStore::read(const QString& name, Callback done) {
    const QString path = expandPath(name);
    if (path.isEmpty()) {
        done(KeyResult::failure(
            QCoreApplication::translate("KeyStore", "key file reference has no path")));
        return;
    }
    const QFileInfo info(path);
    if (!info.exists()) {
        done(KeyResult::failure(
            QCoreApplication::translate("KeyStore", "key file %1 does not exist").arg(path)));
        return;
    }
    if (info.isDir()) {
        done(KeyResult::failure(
            QCoreApplication::translate("KeyStore", "key file %1 is a folder, not a file")
                .arg(path)));
        return;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        done(KeyResult::failure(
            QCoreApplication::translate("KeyStore", "key file %1 cannot be read: %2")
                .arg(path, file.errorString())));
        return;
    }
    const QByteArray secret = chopTrailingSpace(file.readAll());
    if (file.error() != QFileDevice::NoError) {
        done(KeyResult::failure(
            QCoreApplication::translate("KeyStore", "key file %1 cannot be read: %2")
                .arg(path, file.errorString())));
        return;
    }
    if (secret.isEmpty()) {
        done(KeyResult::failure(
            QCoreApplication::translate("KeyStore", "key file %1 is empty").arg(path)));
        return;
    }
    done(KeyResult::success(secret));
}

void FileKeyStore::write(const QString& name, const QByteArray& secret, Callback done) {
    const QString path = expandPath(name);
    if (path.isEmpty()) {
        done(KeyResult::failure(
            QCoreApplication::translate("KeyStore", "key file reference has no path")));
        return;
    }
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        done(KeyResult::failure(
            QCoreApplication::translate("KeyStore",
                                        "key file %1 cannot be written: cannot create folder %2")
                .arg(path, info.absolutePath())));
        return;
    }
    QSaveFile file(path);
    // Unbuffered: Qt 6.4 commits a buffered QSaveFile whose last flush failed (a full
    // disk), which would put a cut key in place of the old one.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        done(KeyResult::failure(
            QCoreApplication::translate("KeyStore", "key file %1 cannot be written: %2")
                .arg(path, file.errorString())));
        return;
    }
    // Restrict the temporary file before the secret goes in, so the key is never
    // on disk readable by others, not even for a moment.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        file.cancelWriting();
        done(KeyResult::failure(
            QCoreApplication::translate("KeyStore", "key file %1 cannot be made private: %2")
                .arg(path, file.errorString())));
        return;
    }
    if (file.write(secret) != secret.size() || file.error() != QFileDevice::NoError ||
        !file.commit()) {
        done(KeyResult::failure(
            QCoreApplication::translate("KeyStore", "key file %1 cannot be written: %2")
                .arg(path, file.errorString())));
        return;
    }
    done(KeyResult::success());
}

void FileKeyStore::remove(const QString& name, Callback done) {
    const QString path = expandPath(name);
    QFile file(path);
    if (!file.exists()) {
        done(KeyResult::failure(
            QCoreApplication::translate("KeyStore", "key file %1 does not exist").arg(path)));
        return;
    }
    if (!file.remove()) {
        done(KeyResult::failure(
            QCoreApplication::translate("KeyStore", "key file %1 cannot be removed: %2")
                .arg(path, file.errorString())));
        return;
    }
    done(KeyResult::success());
}

}  // namespace signalbox
