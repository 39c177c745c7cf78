#include "dashboard/ChartColors.h"

#include "common/StatusColors.h"

#include <QAbstractAxis>
#include <QLegend>
#include <QPalette>

#include <iterator>

namespace signalbox {

namespace {

// Hue (degrees) and saturation of each series colour, after Okabe and Ito's palette.
struct Hue {
    float hue;
    float saturation;
};
constexpr Hue kHues[] = {{202, 0.80f}, {41, 0.95f},  {164, 0.90f}, {326, 0.50f},
                         {24, 0.90f},  {205, 0.55f}, {56, 0.75f},  {270, 0.35f}};

}  // namespace

QChart::ChartTheme ChartColors::themeFor(const QPalette& palette) {
    return StatusColors::isDark(palette) ? QChart::ChartThemeDark : QChart::ChartThemeLight;
}

int ChartColors::count() {
    return int(std::size(kHues));
}

QColor ChartColors::series(const QPalette& palette, int index) {
    const Hue& h = kHues[size_t(index % count())];
    // Lighter on a dark window, deeper on a light one: bars and lines keep their contrast.
    const float lightness = StatusColors::isDark(palette) ? 0.62f : 0.45f;
    return QColor::fromHslF(h.hue / 360.0f, h.saturation, lightness);
}

QColor ChartColors::other(const QPalette& palette) {
    return palette.color(QPalette::Active, QPalette::Mid);
}

void ChartColors::applyPalette(QChart* chart, const QPalette& palette) {
    const QColor text = palette.color(QPalette::Active, QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(0.15f);
    chart->setBackgroundBrush(palette.brush(QPalette::Active, QPalette::Window));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(grid);
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(grid);
    }
}

}  // namespace signalbox
