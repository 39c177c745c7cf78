#include "mainwindow/SidebarItemDelegate.h"

namespace signalbox {

void SidebarItemDelegate::initStyleOption(QStyleOptionViewItem* option,
                                          const QModelIndex& index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    option->state &= ~QStyle::State_HasFocus;
}

}  // namespace signalbox
