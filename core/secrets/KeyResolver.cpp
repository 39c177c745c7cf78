#include "secrets/KeyResolver.h"

#include "secrets/EnvKeyStore.h"
#include "secrets/FileKeyStore.h"
#include "secrets/KeychainKeyStore.h"

#include <QCoreApplication>

#include <vector>

namespace signalbox {

namespace {

QString bullets() {
    return QString(4, QChar(0x2022));
}

}  // namespace

KeyResolver::KeyResolver() {
    addStore(std::make_unique<EnvKeyStore>());
    addStore(std::make_unique<FileKeyStore>());
    addStore(std::make_unique<KeychainKeyStore>(QStringLiteral("signalbox")));
}

KeyResolver::~KeyResolver() = default;

void KeyResolver::addStore(std::unique_ptr<KeyStore> store) {
    if (!store) {
        return;
    }
    const QString scheme = store->scheme();
    stores_[scheme] = std::move(store);
}

KeyStore* KeyResolver::store(const QString& scheme) const {
    const auto it = stores_.find(scheme);
    return it == stores_.end() ? nullptr : it->second.get();
}

bool KeyResolver::splitRef(const QString& ref, QString* scheme, QString* name) {
    const qsizetype colon = ref.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == ref.size() - 1) {
        return false;
    }
    if (scheme) {
        *scheme = ref.left(colon);
    }
    if (name) {
        *name = ref.mid(colon + 1);
    }
    return true;
}

QString KeyResolver::displayRef(const QString& ref) const {
    const qsizetype colon = ref.indexOf(QLatin1Char(':'));
    if (colon <= 0) {
        return mask(ref.toUtf8());
    }
    const QString scheme = ref.left(colon);
    if (!store(scheme)) {
        return scheme + QStringLiteral(":\u2026");
    }
    return ref;
}

void KeyResolver::resolve(const QString& ref, KeyStore::Callback done) {
    QString scheme;
    QString name;
    if (!splitRef(ref, &scheme, &name)) {
        done(KeyResult::failure(
            QCoreApplication::translate("KeyStore",
                                        "malformed key reference '%1'; expected env:NAME, "
                                        "keychain:NAME or file:PATH")
                .arg(displayRef(ref))));
        return;
    }
    KeyStore* target = store(scheme);
    if (!target) {
        done(KeyResult::failure(
            QCoreApplication::translate("KeyStore",
                                        "unknown key reference scheme '%1' in '%2'; "
                                        "expected env:, keychain: or file:")
                .arg(scheme, displayRef(ref))));
        return;
    }
    target->read(name, std::move(done));
}

void KeyResolver::resolveAll(const QStringList& refs, AllCallback done) {
    // Shared by the per-ref callbacks, which may run now or later in any order.
    struct Pending {
        qsizetype remaining = 0;
        std::vector<KeyResult> results;
        QStringList refs;
        AllCallback done;
    };
    auto pending = std::make_shared<Pending>();
    pending->remaining = refs.size();
    pending->results.resize(static_cast<size_t>(refs.size()));
    pending->refs = refs;
    pending->done = std::move(done);

    if (refs.isEmpty()) {
        pending->done({}, {});
        return;
    }
    // Not `refs`: it may belong to whoever the last callback destroys.
    const QStringList& all = pending->refs;
    for (qsizetype i = 0; i < all.size(); ++i) {
        const QString& ref = all.at(i);
        // Store errors name the key but not the scheme; prefix the ref so the
        // caller can tell which entry of the list failed.
        QString scheme;
        const bool known = splitRef(ref, &scheme, nullptr) && store(scheme);
        const QString prefix = known ? ref + QStringLiteral(": ") : QString();
        resolve(ref, [pending, i, prefix](KeyResult result) {
            if (!result.ok) {
                result.error.prepend(prefix);
            }
            pending->results[static_cast<size_t>(i)] = std::move(result);
            if (--pending->remaining > 0) {
                return;
            }
            std::map<QString, QByteArray> secrets;
            QStringList errors;
            for (size_t j = 0; j < pending->results.size(); ++j) {
                const KeyResult& r = pending->results[j];
                if (r.ok) {
                    secrets[pending->refs.at(static_cast<qsizetype>(j))] = r.secret;
                } else {
                    errors << r.error;
                }
            }
            // Moved out first: `done` may destroy whatever owns this resolver.
            AllCallback finish = std::move(pending->done);
            finish(std::move(secrets), std::move(errors));
        });
    }
}

QString KeyResolver::mask(const QByteArray& secret) {
    const QString text = QString::fromUtf8(secret);
    if (text.size() < 8) {
        return bullets();
    }
    return bullets() + text.right(4);
}

}  // namespace signalbox
