#include "providers/ProviderRegistry.h"

#include "config/ProviderKinds.h"
#include "providers/ChatFormat.h"
#include "providers/ProviderAdapter.h"

#include <QMutex>
#include <QMutexLocker>

#include <map>

namespace signalbox {

namespace {
struct Adapters {
    QMutex mutex;
    std::map<QString, std::unique_ptr<ProviderAdapter>> byKind;
};

// Built on first use: adapters register from static initialisers of other files.
Adapters& adapters() {
    static Adapters instance;
    return instance;
}
}  // namespace

bool ProviderRegistry::add(std::unique_ptr<ProviderAdapter> adapter) {
    Q_ASSERT(adapter);
    const QString kind = adapter->kind();
    ProviderKinds::registerKind(
        {kind, adapter->defaultBaseUrl(), adapter->needsBaseUrl(), adapter->defaultApiVersion()});
    Adapters& a = adapters();
    const QMutexLocker lock(&a.mutex);
    a.byKind[kind] = std::move(adapter);
    return true;
}

const ProviderAdapter* ProviderRegistry::find(const QString& kind) {
    // No lock: adapters register before main() and never change after, and this runs
    // once a request.
    const Adapters& a = adapters();
    const auto it = a.byKind.find(kind);
    return it == a.byKind.end() ? nullptr : it->second.get();
}

QStringList ProviderRegistry::kinds() {
    Adapters& a = adapters();
    const QMutexLocker lock(&a.mutex);
    QStringList out;
    for (const auto& entry : a.byKind)
        out.append(entry.first);
    return out;
}

const ChatFormat* ProviderRegistry::format(QByteArrayView name) {
    const Adapters& a = adapters();
    // The adapter named like the format speaks it by the book (OpenAI's own, not a
    // compatible server's variant).
    const auto own = a.byKind.find(QString::fromLatin1(name));
    if (own != a.byKind.end() && own->second->chatFormat().name() == name)
        return &own->second->chatFormat();
    for (const auto& entry : a.byKind) {
        if (entry.second->chatFormat().name() == name)
            return &entry.second->chatFormat();
    }
    return nullptr;
}

}  // namespace signalbox
