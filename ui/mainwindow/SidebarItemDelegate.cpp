#include "mainwindow/SidebarItemDelegate.h"

namespace signalbox {

void SidebarItemDelegate::initStyleOption(QStyleOptionViewItem* option,
                                          const QModelIndex& index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    option->state &= ~QStyle::State_HasFocus;
    // One highlight across icon and text, rather than two with a seam between them. (Set
    // here, not by a style sheet: a style sheet would pin the palette at the colours of
    // the moment, and the sidebar would not follow a change between light and dark.)
    option->showDecorationSelected = true;
}

}  // namespace signalbox
