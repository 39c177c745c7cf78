#include "dashboard/ChartFrame.h"

#include "common/SectionLabel.h"
#include "dashboard/ChartColors.h"

#include <QAbstractAxis>
#include <QAction>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QDir>
#include <QEvent>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QImageWriter>
#include <QLabel>
#include <QLegend>
#include <QStackedWidget>
#include <QToolTip>
#include <QVBoxLayout>

namespace signalbox {

ChartFrame::ChartFrame(const QString& name, const QString& title, QWidget* parent)
    : QWidget(parent),
      title_(new SectionLabel(title, this)),
      readout_(new QLabel(this)),
      stack_(new QStackedWidget(this)),
      chart_(new QChart),
      view_(new QChartView(chart_, this)),
      note_(new QLabel(this)) {
    setObjectName(name);
    readout_->setObjectName(name + QStringLiteral("Readout"));
    readout_->setForegroundRole(QPalette::PlaceholderText);
    readout_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    readout_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The readout may be long; it gives way to the title rather than widening the frame.
    readout_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    readout_->setMinimumWidth(0);

    view_->setObjectName(name + QStringLiteral("View"));
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setFrameShape(QFrame::NoFrame);
    view_->setMinimumHeight(170);
    view_->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* save = new QAction(tr("Save as PNG\u2026"), view_);
    save->setObjectName(name + QStringLiteral("SaveAction"));
    connect(save, &QAction::triggered, this, &ChartFrame::saveRequested);
    view_->addAction(save);

    chart_->setAnimationOptions(QChart::NoAnimation);  // redrawn every few seconds
    chart_->setBackgroundRoundness(0);
    chart_->setMargins(QMargins(2, 2, 2, 2));
    chart_->layout()->setContentsMargins(0, 0, 0, 0);
    chart_->legend()->setAlignment(Qt::AlignRight);

    note_->setObjectName(name + QStringLiteral("Note"));
    note_->setAlignment(Qt::AlignCenter);
    note_->setWordWrap(true);
    note_->setForegroundRole(QPalette::PlaceholderText);
    note_->setMargin(12);

    stack_->addWidget(view_);
    stack_->addWidget(note_);

    auto* head = new QHBoxLayout;
    head->setContentsMargins(0, 0, 0, 0);
    head->addWidget(title_);
    head->addWidget(readout_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(head);
    layout->addWidget(stack_, 1);
    // No series yet, so nothing for recolor() (not callable from here) to do.
    chart_->setTheme(ChartColors::themeFor(palette()));
    ChartColors::applyPalette(chart_, palette());
}

QString ChartFrame::title() const {
    return title_->text();
}

void ChartFrame::setTitle(const QString& title) {
    title_->setText(title);
}

QString ChartFrame::readout() const {
    return readout_->text();
}

bool ChartFrame::showsNote() const {
    return stack_->currentWidget() == note_;
}

void ChartFrame::setReadout(const QString& text) {
    readout_->setText(text);
    readout_->setToolTip(text);
    // A tooltip at the pointer too, where the eye is; only when the pointer is there.
    if (view_->underMouse() && !text.isEmpty())
        QToolTip::showText(QCursor::pos(), text, view_);
    else if (text.isEmpty())
        QToolTip::hideText();
}

void ChartFrame::showChart() {
    applyColors();
    stack_->setCurrentWidget(view_);
}

void ChartFrame::showNote(const QString& note) {
    note_->setText(note);
    readout_->clear();
    stack_->setCurrentWidget(note_);
}

bool ChartFrame::savePng(const QString& path, QString* error) const {
    // What the frame shows (the chart, or the note standing in for it), at the screen's
    // resolution.
    const QImage image = stack_->currentWidget()->grab().toImage();
    QImageWriter writer(path, "png");
    if (image.isNull() || !writer.write(image)) {
        if (error) {
            *error = tr("The chart could not be saved to %1: %2.")
                         .arg(QDir::toNativeSeparators(path),
                              image.isNull() ? tr("there is nothing drawn") : writer.errorString());
        }
        return false;
    }
    return true;
}

void ChartFrame::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !theming_)
        applyTheme();
}

void ChartFrame::applyTheme() {
    theming_ = true;
    // The theme sets fonts too: the window's, a little smaller for the axes and legend.
    chart_->setTheme(ChartColors::themeFor(palette()));
    applyColors();
    theming_ = false;
}

void ChartFrame::applyColors() {
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    chart_->legend()->setFont(small);
    for (QAbstractAxis* axis : chart_->axes())
        axis->setLabelsFont(small);
    ChartColors::applyPalette(chart_, palette());
    recolor();
    // Qt Charts 6.4 hides the legend's markers when series come or the theme changes and
    // shows them again only when the legend's geometry changes, which a refresh with the
    // same models does not: a change to no size and back brings them back.
    QLegend* legend = chart_->legend();
    const QRectF geometry = legend->geometry();
    legend->setGeometry(QRectF());
    legend->setGeometry(geometry);
}

}  // namespace signalbox
