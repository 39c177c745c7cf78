#pragma once

#include <QColor>

class QPalette;

namespace signalbox {

// Colours that carry a meaning (failed, worked) where Qt 6.4's palette has no role for
// it. The hue is fixed; the lightness follows the palette's window colour, so the text
// stays readable on light and dark themes. Ask again when the palette changes.
class StatusColors {
public:
    static QColor error(const QPalette& palette);
    static QColor success(const QPalette& palette);
    static bool isDark(const QPalette& palette);
};

}  // namespace signalbox
