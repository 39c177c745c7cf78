#pragma once

#include "config/Config.h"
#include "config/ConfigError.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <variant>

namespace signalbox {

// Reads the YAML (or JSON) config described in design.md, "Headless CLI and config".
// Strict on purpose: an unknown key or a bad value is refused with its file and line,
// because a typo silently ignored is a route that silently does something else.
class ConfigLoader {
    Q_DECLARE_TR_FUNCTIONS(ConfigLoader)
public:
    // Errors name the path as given; Config::sourcePath holds the absolute path.
    static std::variant<Config, ConfigError> loadFile(const QString& path);
    // sourceName stands for the file in messages, e.g. ":/default-config.yaml".
    static std::variant<Config, ConfigError> loadString(const QByteArray& yaml,
                                                        const QString& sourceName);

    // Writes a config that loadString() reads back equal (declaration lines aside).
    // Server and cache settings at their defaults, and a base_url equal to its kind's
    // default, are left out: saved files stay short and follow future defaults.
    static QByteArray toYaml(const Config& config);
};

}  // namespace signalbox
