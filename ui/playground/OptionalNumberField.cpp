#include "playground/OptionalNumberField.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>

namespace signalbox {

OptionalNumberField::OptionalNumberField(const QString& label, const QString& objectName,
                                         Range range, QWidget* parent)
    : QWidget(parent), check_(new QCheckBox(label, this)), spin_(new QDoubleSpinBox(this)) {
    setObjectName(objectName);
    check_->setObjectName(objectName + QStringLiteral("Check"));
    check_->setToolTip(tr("Unchecked: not sent, so the provider's default applies"));
    spin_->setObjectName(objectName + QStringLiteral("Spin"));
    spin_->setRange(range.minimum, range.maximum);
    spin_->setSingleStep(range.step);
    spin_->setDecimals(range.decimals);
    spin_->setValue(range.initial);
    spin_->setEnabled(false);
    spin_->setAlignment(Qt::AlignRight);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(check_, 1);
    layout->addWidget(spin_);
    connect(check_, &QCheckBox::toggled, this, [this](bool on) {
        spin_->setEnabled(on);
        emit changed();
    });
    connect(spin_, &QDoubleSpinBox::valueChanged, this, &OptionalNumberField::changed);
}

std::optional<double> OptionalNumberField::value() const {
    if (!check_->isChecked())
        return std::nullopt;
    return spin_->value();
}

void OptionalNumberField::setValue(std::optional<double> value) {
    if (value)
        spin_->setValue(*value);
    check_->setChecked(value.has_value());
}

}  // namespace signalbox
