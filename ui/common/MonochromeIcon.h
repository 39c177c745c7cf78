#pragma once

#include <QIcon>

class QPalette;

namespace signalbox {

// Sidebar icons are drawn in one colour; this repaints them in the palette's text
// colours so they stay legible on light and dark themes and when selected.
class MonochromeIcon {
public:
    static QIcon create(const QString& path, const QPalette& palette, const QSize& size);
};

}  // namespace signalbox
