#include "mainwindow/PanelSidebar.h"

#include "common/MonochromeIcon.h"
#include "mainwindow/SidebarItemDelegate.h"

#include <QEvent>

namespace signalbox {

namespace {
constexpr int kIconPathRole = Qt::UserRole;
constexpr int kRowHeight = 36;
}  // namespace

PanelSidebar::PanelSidebar(QWidget* parent) : QListWidget(parent) {
    setObjectName(QStringLiteral("sidebar"));
    setFrameShape(QFrame::NoFrame);
    setIconSize(QSize(20, 20));
    setSpacing(2);
    setItemDelegate(new SidebarItemDelegate(this));
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    // Painted in the window colour like the panels, not as a white list box.
    viewport()->setBackgroundRole(QPalette::Window);
}

void PanelSidebar::addPanel(const QString& title, const QString& iconPath, const QString& toolTip) {
    auto* item =
        new QListWidgetItem(MonochromeIcon::create(iconPath, palette(), iconSize()), title, this);
    item->setData(kIconPathRole, iconPath);
    // Room for icon, text and padding; the sidebar takes the widest row's width.
    const int width = iconSize().width() + fontMetrics().horizontalAdvance(title) + 36;
    item->setSizeHint(QSize(width, kRowHeight));
    item->setToolTip(toolTip);
}

void PanelSidebar::fitWidth() {
    setFixedWidth(sizeHintForColumn(0) + 2 * frameWidth() + 16);
}

void PanelSidebar::changeEvent(QEvent* event) {
    QListWidget::changeEvent(event);
    // By now this widget's palette is the new one (a window learns of a change before
    // its children do).
    if (event->type() == QEvent::PaletteChange)
        recolorIcons();
}

void PanelSidebar::recolorIcons() {
    for (int row = 0; row < count(); ++row) {
        QListWidgetItem* entry = item(row);
        entry->setIcon(
            MonochromeIcon::create(entry->data(kIconPathRole).toString(), palette(), iconSize()));
    }
}

}  // namespace signalbox
