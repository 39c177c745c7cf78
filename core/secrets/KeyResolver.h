#pragma once

#include "secrets/KeyStore.h"

#include <QStringList>

#include <functional>
#include <map>
#include <memory>

namespace signalbox {

// Turns key references ("env:NAME", "keychain:NAME", "file:PATH") into secrets
// by handing each to the store registered for its scheme.
class KeyResolver {
public:
    using AllCallback =
        std::function<void(std::map<QString, QByteArray> secrets, QStringList errors)>;

    // Registers the env, file and keychain ("signalbox" service) stores.
    KeyResolver();
    ~KeyResolver();
    KeyResolver(const KeyResolver&) = delete;
    KeyResolver& operator=(const KeyResolver&) = delete;

    // Replaces any store with the same scheme.
    void addStore(std::unique_ptr<KeyStore> store);
    KeyStore* store(const QString& scheme) const;

    // Splits "scheme:name" at the first colon; false unless both parts are non-empty.
    static bool splitRef(const QString& ref, QString* scheme, QString* name);

    void resolve(const QString& ref, KeyStore::Callback done);

    // Resolves every ref in parallel and calls `done` once, when all have answered:
    // the secrets found, by ref, and one error per failed ref, in `refs` order.
    // Each error names its ref and never contains a secret.
    void resolveAll(const QStringList& refs, AllCallback done);

    // The only way a key is ever shown: "••••" and its last four characters, or
    // just "••••" when the key is too short to spare four.
    static QString mask(const QByteArray& secret);

private:
    // A ref as it may appear in a message: something that is not a well-formed
    // reference may be a pasted key, so it is masked.
    QString displayRef(const QString& ref) const;

    std::map<QString, std::unique_ptr<KeyStore>> stores_;
};

}  // namespace signalbox
