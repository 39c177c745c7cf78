#pragma once

#include <QStyledItemDelegate>

namespace signalbox {

// Draws the spend text with a thin bar under it, filled to the share of the budget used
// (VirtualKeysModel::BudgetFractionRole); cells without a budget get the text alone.
class BudgetBarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace signalbox
