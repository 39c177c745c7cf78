#include "providers/KeyWeightDelegate.h"

#include <QSpinBox>

namespace signalbox {

QWidget* KeyWeightDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&,
                                         const QModelIndex&) const {
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(QStringLiteral("keyWeightEditor"));
    spin->setFrame(false);
    spin->setRange(1, 1'000'000);
    spin->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return spin;
}

}  // namespace signalbox
