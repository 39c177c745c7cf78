#include "common/PanelHeader.h"

#include <QLabel>
#include <QVBoxLayout>

namespace signalbox {

PanelHeader::PanelHeader(const QString& title, const QString& explanation, QWidget* parent)
    : QWidget(parent) {
    auto* titleLabel = new QLabel(title, this);
    titleLabel->setObjectName(QStringLiteral("panelTitle"));
    QFont titleFont = titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setWeight(QFont::DemiBold);
    titleLabel->setFont(titleFont);

    auto* explanationLabel = new QLabel(explanation, this);
    explanationLabel->setObjectName(QStringLiteral("panelExplanation"));
    explanationLabel->setWordWrap(true);
    explanationLabel->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(titleLabel);
    layout->addWidget(explanationLabel);
}

QVBoxLayout* PanelHeader::addTo(QWidget* panel, const QString& title, const QString& explanation) {
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(28, 24, 28, 24);
    layout->setSpacing(12);
    layout->addWidget(new PanelHeader(title, explanation, panel));
    layout->addSpacing(8);
    return layout;
}

}  // namespace signalbox
