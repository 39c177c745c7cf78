#include "dashboard/StatCard.h"

#include <QLabel>
#include <QVBoxLayout>

namespace signalbox {

StatCard::StatCard(const QString& name, const QString& title, QWidget* parent)
    : QFrame(parent),
      value_(new QLabel(QStringLiteral("\u2013"), this)),
      detail_(new QLabel(this)) {
    setObjectName(name);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    auto* titleLabel = new QLabel(title, this);
    titleLabel->setForegroundRole(QPalette::PlaceholderText);
    value_->setObjectName(name + QStringLiteral("Value"));
    QFont big = value_->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setWeight(QFont::DemiBold);
    value_->setFont(big);
    value_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    detail_->setObjectName(name + QStringLiteral("Detail"));
    detail_->setForegroundRole(QPalette::PlaceholderText);
    // Long details are cut rather than widening the row of cards.
    detail_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(2);
    layout->addWidget(titleLabel);
    layout->addWidget(value_);
    layout->addWidget(detail_);
    setAccessibleName(title);
}

void StatCard::setValue(const QString& value, const QString& detail) {
    value_->setText(value);
    detail_->setText(detail);
    detail_->setToolTip(detail);
    setAccessibleDescription(value + QLatin1Char(' ') + detail);
}

QString StatCard::value() const {
    return value_->text();
}

QString StatCard::detail() const {
    return detail_->text();
}

}  // namespace signalbox
