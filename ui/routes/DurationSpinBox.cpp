#include "routes/DurationSpinBox.h"

namespace signalbox {

DurationSpinBox::DurationSpinBox(const QString& objectName, int maximumMs, int stepMs,
                                 QWidget* parent)
    : QSpinBox(parent) {
    setObjectName(objectName);
    setRange(0, maximumMs);
    setSingleStep(stepMs);
    setSuffix(tr(" ms"));
    setGroupSeparatorShown(true);
    setAccelerated(true);
}

void DurationSpinBox::setZeroText(const QString& text) {
    setSpecialValueText(text);
}

}  // namespace signalbox
