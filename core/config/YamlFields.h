#pragma once

#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <limits>
#include <vector>

// The config loader's reading kit, shared by its parts (ConfigLoader.cpp, RouteYaml.cpp)
// and nothing else. A refusal is thrown and caught inside the loader, so that readers
// stay free of error plumbing; callers of ConfigLoader get a ConfigError value.
namespace signalbox::yaml {

constexpr qint64 kIntMax = std::numeric_limits<int>::max();
constexpr qint64 kInt64Max = std::numeric_limits<qint64>::max();
// Weights must sum without overflow; bigger ones are typos.
constexpr int kMaxWeight = 1'000'000;

// The first refusal ends the load.
struct Refusal {
    int line = 0;
    QString message;
};

// One key and its value in a YAML map.
struct Entry {
    YAML::Node key;
    YAML::Node value;
    QString name;
};

int lineOf(const YAML::Node& node);
[[noreturn]] void refuse(const YAML::Node& at, const QString& message);
// An empty value's mark sits where the next token starts, often the next line; the key's
// line is the one the user has to fix.
const YAML::Node& blame(const Entry& entry);
QString scalarText(const YAML::Node& node);
QString quoted(const QString& text);
// What was found instead of what was expected. `showText` is false where the text
// could be a secret pasted in place of a reference.
QString describe(const YAML::Node& node, bool showText = true);
QString within(const QString& where, const QString& message);
QString joined(const QStringList& names);

// The keys of a map in document order. Refuses non-scalar and repeated keys (yaml-cpp
// keeps both), and, when `allowed` is not empty, keys outside it.
std::vector<Entry> entriesOf(const YAML::Node& map, const QStringList& allowed,
                             const QString& where);
// A section or item that must be a map; an empty one (all children commented out) is
// an empty map.
std::vector<Entry> mapEntries(const Entry& entry, const QStringList& allowed, const QString& where);
const Entry* findEntry(const std::vector<Entry>& entries, const QString& name);

QString readString(const Entry& entry, const QString& where);
qint64 readInteger(const Entry& entry, const QString& where, qint64 min, qint64 max);
int readInt(const Entry& entry, const QString& where, int min, int max);
bool readBool(const Entry& entry, const QString& where);
// Each item of the list stays with its node, for messages about single items.
std::vector<YAML::Node> readList(const Entry& entry, const QString& where, bool showText);
QStringList readStringList(const Entry& entry, const QString& where);

// Writes text quoted where YAML 1.1 or 1.2 readers would take it for a number, boolean or
// null: this loader reads it back as text either way, other tools reading the file would
// not.
YAML::Emitter& operator<<(YAML::Emitter& out, const QString& text);

}  // namespace signalbox::yaml
