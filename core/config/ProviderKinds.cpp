#include "config/ProviderKinds.h"

#include <QMutex>
#include <QMutexLocker>

#include <map>

namespace signalbox {

namespace {

struct Registry {
    QMutex mutex;
    // A node-based map: registering more kinds never moves the ones handed out.
    std::map<QString, ProviderKindInfo> kinds;
};

// Built on first use, so that an adapter registering from a static initialiser in
// another translation unit never finds it unconstructed.
Registry& registry() {
    static Registry instance;
    return instance;
}

}  // namespace

void ProviderKinds::registerKind(ProviderKindInfo info) {
    Q_ASSERT(!info.name.isEmpty());
    if (info.name.isEmpty()) {
        return;
    }
    Registry& r = registry();
    const QMutexLocker lock(&r.mutex);
    const QString name = info.name;
    r.kinds[name] = std::move(info);
}

const ProviderKindInfo* ProviderKinds::find(const QString& name) {
    Registry& r = registry();
    const QMutexLocker lock(&r.mutex);
    const auto it = r.kinds.find(name);
    return it == r.kinds.end() ? nullptr : &it->second;
}

QStringList ProviderKinds::names() {
    Registry& r = registry();
    const QMutexLocker lock(&r.mutex);
    QStringList result;
    result.reserve(static_cast<qsizetype>(r.kinds.size()));
    for (const auto& entry : r.kinds) {
        result.append(entry.first);
    }
    return result;
}

}  // namespace signalbox
