#pragma once

#include "config/Config.h"

#include <QCoreApplication>
#include <QString>

namespace signalbox {

// Writes a config as the YAML that ConfigLoader reads back equal. Keys are references
// (env:, keychain:, file:), so nothing secret reaches the file.
class ConfigFile {
    Q_DECLARE_TR_FUNCTIONS(ConfigFile)
public:
    // Replaces `path` all at once: a full disk or a read-only folder leaves the old file
    // as it was. On failure returns false and sets *error to what happened, in words.
    static bool save(const Config& config, const QString& path, QString* error);
};

}  // namespace signalbox
