#pragma once

#include <QString>

namespace signalbox {

// A refusal to load a config: where and what was expected.
struct ConfigError {
    QString file;
    int line = 0;  // 1-based; 0 when the problem is not tied to a line
    QString message;

    QString toString() const {
        if (line > 0) {
            return QStringLiteral("%1:%2: %3").arg(file).arg(line).arg(message);
        }
        return QStringLiteral("%1: %2").arg(file, message);
    }
};

}  // namespace signalbox
