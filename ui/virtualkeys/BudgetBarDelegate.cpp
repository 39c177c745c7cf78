#include "virtualkeys/BudgetBarDelegate.h"

#include "common/StatusColors.h"
#include "virtualkeys/VirtualKeysModel.h"

#include <QPainter>
#include <QStyle>

#include <algorithm>

namespace signalbox {

namespace {
constexpr int kBarHeight = 4;
constexpr int kBarMargin = 6;
// From this share on the bar warns: the key is about to be refused.
constexpr double kWarnFraction = 0.9;
}  // namespace

void BudgetBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    const QVariant fraction = index.data(VirtualKeysModel::BudgetFractionRole);
    if (!fraction.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The text sits a little higher, leaving the bottom of the cell to the bar.
    QStyleOptionViewItem textOption = option;
    textOption.rect.adjust(0, 0, 0, -(kBarHeight + 2));
    QStyledItemDelegate::paint(painter, textOption, index);

    const QRect bar(option.rect.left() + kBarMargin,
                    option.rect.bottom() - kBarHeight - kBarMargin / 2,
                    option.rect.width() - 2 * kBarMargin, kBarHeight);
    const double share = std::clamp(fraction.toDouble(), 0.0, 1.0);
    const QPalette& palette = option.palette;
    // On a selected row the highlight is the background: draw in its text colour.
    const bool selected = option.state.testFlag(QStyle::State_Selected);
    QColor fill = palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight);
    if (fraction.toDouble() >= kWarnFraction && !selected)
        fill = StatusColors::error(palette);
    QColor track = palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText);
    track.setAlphaF(selected ? 0.35 : 0.25);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(track);
    painter->drawRoundedRect(bar, kBarHeight / 2.0, kBarHeight / 2.0);
    if (share > 0) {
        QRect filled = bar;
        filled.setWidth(std::max(kBarHeight, static_cast<int>(bar.width() * share)));
        painter->setBrush(fill);
        painter->drawRoundedRect(filled, kBarHeight / 2.0, kBarHeight / 2.0);
    }
    painter->restore();
}

QSize BudgetBarDelegate::sizeHint(const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rheight() += kBarHeight + kBarMargin;
    return size;
}

}  // namespace signalbox
