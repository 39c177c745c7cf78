#pragma once

#include <QStyledItemDelegate>

namespace signalbox {

// Draws sidebar rows without the focus frame (in the sidebar the selected row is the
// current one, so the frame only adds a seam) and with one highlight across icon and text.
class SidebarItemDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

}  // namespace signalbox
