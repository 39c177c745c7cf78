#include "config/YamlFields.h"

#include "config/ConfigLoader.h"

#include <QRegularExpression>

namespace signalbox::yaml {

namespace {
bool isDecimalInteger(const QString& text) {
    qsizetype start = 0;
    if (text.startsWith(QLatin1Char('-')) || text.startsWith(QLatin1Char('+'))) {
        start = 1;
    }
    if (text.size() <= start) {
        return false;
    }
    for (qsizetype i = start; i < text.size(); ++i) {
        if (text[i] < QLatin1Char('0') || text[i] > QLatin1Char('9')) {
            return false;
        }
    }
    return true;
}

bool looksTyped(const QString& text) {
    static const QRegularExpression typed(
        QStringLiteral("^(?:[-+]?(?:\\.[0-9]+|[0-9][0-9_]*(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
                       "|0[xX][0-9a-fA-F_]+|0o[0-7]+|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)"
                       "|[yY]|[nN]|(?i:yes|no|on|off|true|false|null)|~)$"));
    return typed.match(text).hasMatch();
}
}  // namespace

int lineOf(const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    return mark.line >= 0 ? mark.line + 1 : 0;
}

[[noreturn]] void refuse(const YAML::Node& at, const QString& message) {
    throw Refusal{lineOf(at), message};
}

const YAML::Node& blame(const Entry& entry) {
    return entry.value.IsNull() ? entry.key : entry.value;
}

QString scalarText(const YAML::Node& node) {
    return QString::fromStdString(node.Scalar());
}

QString quoted(const QString& text) {
    constexpr qsizetype kMaxShown = 80;
    if (text.size() > kMaxShown) {
        return QStringLiteral("'%1…'").arg(text.left(kMaxShown));
    }
    return QStringLiteral("'%1'").arg(text);
}

QString describe(const YAML::Node& node, bool showText) {
    switch (node.Type()) {
        case YAML::NodeType::Sequence:
            return ConfigLoader::tr("a list");
        case YAML::NodeType::Map:
            return ConfigLoader::tr("a map");
        case YAML::NodeType::Scalar:
            return showText ? quoted(scalarText(node)) : ConfigLoader::tr("a single value");
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            break;
    }
    return ConfigLoader::tr("nothing");
}

QString within(const QString& where, const QString& message) {
    return where.isEmpty() ? message : ConfigLoader::tr("%1: %2").arg(where, message);
}

QString joined(const QStringList& names) {
    return names.join(QLatin1String(", "));
}

std::vector<Entry> entriesOf(const YAML::Node& map, const QStringList& allowed,
                             const QString& where) {
    std::vector<Entry> entries;
    for (auto it = map.begin(); it != map.end(); ++it) {
        const YAML::Node key = it->first;
        if (!key.IsScalar()) {
            refuse(key,
                   within(where,
                          ConfigLoader::tr("keys must be plain names, got %1").arg(describe(key))));
        }
        const QString name = scalarText(key);
        for (const Entry& earlier : entries) {
            if (earlier.name == name) {
                refuse(key, ConfigLoader::tr("duplicate key '%1' in %2; it was first given on "
                                             "line %3")
                                .arg(name, where, QString::number(lineOf(earlier.key))));
            }
        }
        if (!allowed.isEmpty() && !allowed.contains(name)) {
            refuse(key, ConfigLoader::tr("unknown key '%1' in %2; expected one of: %3")
                            .arg(name, where, joined(allowed)));
        }
        entries.push_back({key, it->second, name});
    }
    return entries;
}

std::vector<Entry> mapEntries(const Entry& entry, const QStringList& allowed,
                              const QString& where) {
    if (entry.value.IsNull()) {
        return {};
    }
    if (!entry.value.IsMap()) {
        refuse(entry.value,
               ConfigLoader::tr("%1 must be a map, got %2").arg(where, describe(entry.value)));
    }
    return entriesOf(entry.value, allowed, where);
}

const Entry* findEntry(const std::vector<Entry>& entries, const QString& name) {
    for (const Entry& entry : entries) {
        if (entry.name == name) {
            return &entry;
        }
    }
    return nullptr;
}

QString readString(const Entry& entry, const QString& where) {
    if (!entry.value.IsScalar() || entry.value.Scalar().empty()) {
        refuse(blame(entry), within(where, ConfigLoader::tr("'%1' must be a non-empty string, "
                                                            "got %2")
                                               .arg(entry.name, describe(entry.value))));
    }
    return scalarText(entry.value);
}

qint64 readInteger(const Entry& entry, const QString& where, qint64 min, qint64 max) {
    bool ok = false;
    qint64 value = 0;
    if (entry.value.IsScalar()) {
        const QString text = scalarText(entry.value);
        if (isDecimalInteger(text)) {
            value = text.toLongLong(&ok);
        }
    }
    if (!ok || value < min || value > max) {
        const QString found = describe(entry.value);
        // "At least" reads better where the upper bound is only the type's, unless that
        // bound is what the value broke.
        const bool openEnded = max == kInt64Max || (max == kIntMax && !(ok && value > max));
        const QString message =
            openEnded ? ConfigLoader::tr("'%1' must be an integer of at least %2, got %3")
                            .arg(entry.name, QString::number(min), found)
                      : ConfigLoader::tr("'%1' must be an integer from %2 to %3, got %4")
                            .arg(entry.name, QString::number(min), QString::number(max), found);
        refuse(blame(entry), within(where, message));
    }
    return value;
}

int readInt(const Entry& entry, const QString& where, int min, int max) {
    return static_cast<int>(readInteger(entry, where, min, max));
}

bool readBool(const Entry& entry, const QString& where) {
    if (entry.value.IsScalar()) {
        // YAML 1.2 spells booleans true/false; yes/no/on/off are YAML 1.1 and still common.
        const QString text = scalarText(entry.value).toLower();
        if (text == QLatin1String("true") || text == QLatin1String("yes") ||
            text == QLatin1String("on")) {
            return true;
        }
        if (text == QLatin1String("false") || text == QLatin1String("no") ||
            text == QLatin1String("off")) {
            return false;
        }
    }
    refuse(blame(entry), within(where, ConfigLoader::tr("'%1' must be true or false, got %2")
                                           .arg(entry.name, describe(entry.value))));
}

std::vector<YAML::Node> readList(const Entry& entry, const QString& where, bool showText) {
    std::vector<YAML::Node> items;
    if (entry.value.IsNull()) {
        return items;
    }
    if (!entry.value.IsSequence()) {
        refuse(entry.value, within(where, ConfigLoader::tr("'%1' must be a list, got %2")
                                              .arg(entry.name, describe(entry.value, showText))));
    }
    for (const YAML::Node& item : entry.value) {
        items.push_back(item);
    }
    return items;
}

QStringList readStringList(const Entry& entry, const QString& where) {
    QStringList result;
    for (const YAML::Node& item : readList(entry, where, true)) {
        if (!item.IsScalar() || item.Scalar().empty()) {
            refuse(item, within(where, ConfigLoader::tr("each entry of '%1' must be a non-empty "
                                                        "string, got %2")
                                           .arg(entry.name, describe(item))));
        }
        result.append(scalarText(item));
    }
    return result;
}

YAML::Emitter& operator<<(YAML::Emitter& out, const QString& text) {
    if (looksTyped(text)) {
        out << YAML::DoubleQuoted;
    }
    return out << text.toStdString();
}

}  // namespace signalbox::yaml
