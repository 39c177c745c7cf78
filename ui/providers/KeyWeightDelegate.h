#pragma once

#include <QStyledItemDelegate>

namespace signalbox {

// Edits a key's weight in the key list with a spin box bounded as the config file
// bounds it (1 to 1,000,000).
class KeyWeightDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
};

}  // namespace signalbox
