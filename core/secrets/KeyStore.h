#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

namespace signalbox {

// Outcome of a key-store operation. `error` is for people and never contains
// the secret itself.
struct KeyResult {
    bool ok = false;
    QByteArray secret;
    QString error;

    static KeyResult failure(QString error) { return {false, {}, std::move(error)}; }
    static KeyResult success(QByteArray secret = {}) { return {true, std::move(secret), {}}; }
};

// One backend for key references of the form "<scheme>:<name>". Operations are
// asynchronous (the OS keychain answers over D-Bus); `done` is called on the
// thread that made the call, possibly before the call returns.
class KeyStore {
public:
    using Callback = std::function<void(KeyResult)>;
    virtual ~KeyStore() = default;

    virtual QString scheme() const = 0;
    virtual bool isWritable() const = 0;
    virtual void read(const QString& name, Callback done) = 0;
    virtual void write(const QString& name, const QByteArray& secret, Callback done) = 0;
    virtual void remove(const QString& name, Callback done) = 0;
};

}  // namespace signalbox
