#pragma once

#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QStackedWidget;

namespace signalbox {

class SectionLabel;

// A dashboard chart with its title, the value under the pointer (the readout, beside the
// title) and a note shown instead of the chart when there is nothing to draw. The chart
// takes Qt Charts' light or dark theme after the palette and follows its changes;
// subclasses colour their series in recolor(). Right-click offers "Save as PNG…".
//
// Object names, from `name`: the frame itself, name + "View", "Readout", "Note".
class ChartFrame : public QWidget {
    Q_OBJECT
public:
    ChartFrame(const QString& name, const QString& title, QWidget* parent = nullptr);

    QChart* chart() const { return chart_; }
    QChartView* view() const { return view_; }
    QString title() const;
    // What hovering last showed; empty once the pointer left.
    QString readout() const;
    // True while the note stands in for the chart.
    bool showsNote() const;
    // The chart as shown, as a PNG file. False with *error saying why in words.
    bool savePng(const QString& path, QString* error) const;

signals:
    // "Save as PNG…" was chosen from the chart's context menu.
    void saveRequested();

protected:
    void changeEvent(QEvent* event) override;
    // Colours of the series, after the palette: called after the theme is applied.
    virtual void recolor() = 0;

    void setTitle(const QString& title);
    // The value the pointer is on, or "" when it left: beside the title and as a tooltip.
    void setReadout(const QString& text);
    // Draws the chart (after its series changed) or, with a text, the note instead.
    void showChart();
    void showNote(const QString& note);
    // Axis and legend colours for axes just made, then recolor().
    void applyColors();

private:
    void applyTheme();

    SectionLabel* title_;
    QLabel* readout_;
    QStackedWidget* stack_;
    QChart* chart_;
    QChartView* view_;
    QLabel* note_;
    bool theming_ = false;
};

}  // namespace signalbox
