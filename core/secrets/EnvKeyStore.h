#pragma once

#include "secrets/KeyStore.h"

namespace signalbox {

// Key references "env:NAME": the value of an environment variable. Read-only,
// since a running process cannot hand a variable back to the shell that set it.
class EnvKeyStore : public KeyStore {
public:
    QString scheme() const override;
    bool isWritable() const override;
    void read(const QString& name, Callback done) override;
    void write(const QString& name, const QByteArray& secret, Callback done) override;
    void remove(const QString& name, Callback done) override;
};

}  // namespace signalbox
