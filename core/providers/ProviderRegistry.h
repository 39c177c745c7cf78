#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <memory>

namespace signalbox {

class ChatFormat;
class ProviderAdapter;

// The adapters this build has, by kind. Each adapter adds itself from a static
// initialiser in its own file (SIGNALBOX_REGISTER_PROVIDER), so that nothing outside
// providers/ lists provider names; the config loader learns the kinds from here.
class ProviderRegistry {
public:
    // Takes ownership; replaces an adapter of the same kind. Returns true, for use in
    // static initialisers. Only before main(): lookups take no lock.
    static bool add(std::unique_ptr<ProviderAdapter> adapter);
    // nullptr for an unknown kind. Adapters live as long as the process.
    static const ProviderAdapter* find(const QString& kind);
    static QStringList kinds();  // sorted
    // The wire format of that name ("openai", "anthropic") as some adapter speaks it,
    // for the inbound surfaces that accept it; nullptr when no adapter does.
    static const ChatFormat* format(QByteArrayView name);
};

// Registers an adapter class from its .cpp file.
#define SIGNALBOX_REGISTER_PROVIDER(AdapterClass, ...)                                   \
    namespace {                                                                          \
    [[maybe_unused]] const bool registered##AdapterClass =                               \
        ::signalbox::ProviderRegistry::add(std::make_unique<AdapterClass>(__VA_ARGS__)); \
    }

}  // namespace signalbox
