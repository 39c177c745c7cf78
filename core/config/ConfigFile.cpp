#include "config/ConfigFile.h"

#include "config/ConfigLoader.h"

#include <QDir>
#include <QSaveFile>

namespace signalbox {

bool ConfigFile::save(const Config& config, const QString& path, QString* error) {
    const QString shown = QDir::toNativeSeparators(path);
    if (path.isEmpty()) {
        if (error)
            *error = tr("There is no configuration file to write to.");
        return false;
    }
    const QByteArray yaml = ConfigLoader::toYaml(config);
    // QSaveFile writes a temporary file beside the target and renames it over the target
    // only once every byte is on disk. Unbuffered, so that a full disk fails the write:
    // Qt 6.4 commits even when the final flush of its buffer failed, truncating the file.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        if (error)
            *error = tr("Cannot write %1: %2. Check that the folder exists and that you may write "
                        "to it.")
                         .arg(shown, file.errorString());
        return false;
    }
    if (file.write(yaml) != yaml.size() || file.error() != QFileDevice::NoError || !file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2. The previous file is unchanged; free some disk "
                        "space or choose another place.")
                         .arg(shown, file.errorString());
        file.cancelWriting();
        return false;
    }
    return true;
}

}  // namespace signalbox
