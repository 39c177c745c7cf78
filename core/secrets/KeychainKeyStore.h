#pragma once

#include "secrets/KeyStore.h"

namespace signalbox {

// Key references "keychain:NAME": an entry in the OS keychain (Secret Service on
// Linux, Keychain on macOS, Credential Manager on Windows) via QtKeychain. The
// entry is stored under `service` with NAME as its key. Never falls back to a
// plain-text file when no keychain is available: it reports that instead.
class KeychainKeyStore : public KeyStore {
public:
    explicit KeychainKeyStore(const QString& service = QStringLiteral("signalbox"));

    QString service() const { return service_; }

    QString scheme() const override;
    bool isWritable() const override;
    void read(const QString& name, Callback done) override;
    void write(const QString& name, const QByteArray& secret, Callback done) override;
    void remove(const QString& name, Callback done) override;

private:
    QString service_;
};

}  // namespace signalbox
