#pragma once

#include "secrets/KeyStore.h"

namespace signalbox {

// Key references "file:PATH": the whole content of a file, without trailing
// whitespace (editors add a final newline). "~/" at the start means the home
// folder. Files are written owner-only (0600).
class FileKeyStore : public KeyStore {
public:
    QString scheme() const override;
    bool isWritable() const override;
    void read(const QString& name, Callback done) override;
    void write(const QString& name, const QByteArray& secret, Callback done) override;
    void remove(const QString& name, Callback done) override;

    // The file a reference's PATH stands for, with "~/" expanded.
    static QString expandPath(const QString& path);
};

}  // namespace signalbox
