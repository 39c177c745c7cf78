#pragma once

#include <QString>
#include <QStringList>

namespace signalbox {

// What the config loader needs to know about one adapter family.
struct ProviderKindInfo {
    QString name;               // what users write after "kind:"
    QString defaultBaseUrl;     // used when a provider gives no base_url; may be empty
    bool needsBaseUrl = true;   // false for kinds that never leave the process (simulated)
    QString defaultApiVersion;  // non-empty for kinds that take `api_version`
};

// The kinds a config may name. Adapters add their own kind here, so that adding a
// provider family never means editing a list of names elsewhere. Register at start-up,
// before configs load: find() hands out pointers that a later registerKind() of the
// same name overwrites in place.
class ProviderKinds {
public:
    // Adds a kind, or replaces the kind of the same name.
    static void registerKind(ProviderKindInfo info);
    // nullptr for an unknown kind. The pointer stays valid for the life of the process.
    static const ProviderKindInfo* find(const QString& name);
    // Sorted, for messages and pickers.
    static QStringList names();
};

}  // namespace signalbox
