#include "common/StatusColors.h"

#include <QPalette>

namespace signalbox {

namespace {

// Light on a dark window; on a light one `lightness`, dark enough to read as text. Both
// saturated enough to read as their hue, not so much that they glow on black.
QColor toned(const QPalette& palette, float hue, float saturation, float lightness) {
    return QColor::fromHslF(hue, saturation, StatusColors::isDark(palette) ? 0.68f : lightness);
}

}  // namespace

bool StatusColors::isDark(const QPalette& palette) {
    return palette.color(QPalette::Active, QPalette::Window).lightnessF() < 0.5;
}

QColor StatusColors::error(const QPalette& palette) {
    return toned(palette, 4.0f / 360.0f, 0.68f, 0.47f);
}

QColor StatusColors::success(const QPalette& palette) {
    return toned(palette, 145.0f / 360.0f, 0.55f, 0.40f);
}

}  // namespace signalbox
