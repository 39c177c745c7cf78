#pragma once

#include <QChart>
#include <QColor>

class QPalette;

namespace signalbox {

// The colours of the dashboard's charts, from the palette: Qt Charts' light or dark
// theme after the window's lightness, and series colours of fixed hues (told apart by
// people with the common colour-vision deficiencies) at a lightness that reads on the
// window's background. Ask again when the palette changes.
class ChartColors {
public:
    static QChart::ChartTheme themeFor(const QPalette& palette);
    // The `index`-th series colour; they repeat after count().
    static QColor series(const QPalette& palette, int index);
    static int count();
    // For an "everything else" series: the palette's own neutral.
    static QColor other(const QPalette& palette);
    // Axis labels, grid lines and the chart's background, from the palette's roles.
    static void applyPalette(QChart* chart, const QPalette& palette);
};

}  // namespace signalbox
