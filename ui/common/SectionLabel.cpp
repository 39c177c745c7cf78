#include "common/SectionLabel.h"

namespace signalbox {

SectionLabel::SectionLabel(const QString& text, QWidget* parent) : QLabel(text, parent) {
    QFont headingFont = font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.15);
    headingFont.setWeight(QFont::DemiBold);
    setFont(headingFont);
    setContentsMargins(0, 8, 0, 0);
}

}  // namespace signalbox
