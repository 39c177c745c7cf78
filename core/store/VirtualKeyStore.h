#pragma once

#include "governance/VirtualKey.h"
#include "store/KeySpend.h"

#include <QString>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace signalbox {

class StoreConnection;

// The virtual keys in signalbox.db (virtual_keys) and their use per day
// (virtual_key_spend, kept by the request writer). For the admin API, the CLI and the
// engine at start: never the proxy's threads, as a call may wait out another writer's
// lock (StoreConnection's busy timeout). Opens a connection of its own, usable from the
// thread that called open() only, and brings the file's schema up to date.
//
// Every change to virtual_keys, from this process or another, raises version(): a
// gateway that polls it notices keys the CLI created or revoked.
class VirtualKeyStore {
public:
    explicit VirtualKeyStore(const QString& databasePath);
    ~VirtualKeyStore();
    VirtualKeyStore(const VirtualKeyStore&) = delete;
    VirtualKeyStore& operator=(const VirtualKeyStore&) = delete;

    // Creates the file and its folder if need be. Every other call fails until it worked.
    bool open(QString* error);

    // False with *error when the id or the secret's hash is taken.
    bool insert(const VirtualKey& key, QString* error);
    // Changes name, routes, budget, period, rpm, tpm and expiry; the rest stays. False
    // with *error when there is no such key.
    bool update(const VirtualKey& key, QString* error);
    // False with *error when there is no such key; a key revoked already keeps its time.
    bool revoke(const QString& id, qint64 atMs, QString* error);

    // Oldest first. nullopt with *error when the keys cannot be read.
    std::optional<std::vector<VirtualKey>> all(QString* error);
    // nullopt when there is no such key (*error cleared) or it cannot be read (*error set).
    std::optional<VirtualKey> find(const QString& id, QString* error);
    // Raised by every change to the keys.
    std::optional<qint64> version(QString* error);
    // Per key, the use on the UTC days that start in [fromMs, toMs); toMs 0: no end.
    // Keys with no use are absent.
    std::optional<std::map<QString, KeySpend>> spend(qint64 fromMs, qint64 toMs, QString* error);

    const QString& databasePath() const { return path_; }

private:
    QString path_;
    std::unique_ptr<StoreConnection> db_;
};

}  // namespace signalbox
