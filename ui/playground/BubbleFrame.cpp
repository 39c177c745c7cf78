#include "playground/BubbleFrame.h"

#include <QPainter>

namespace signalbox {

namespace {

QColor mixed(const QColor& a, const QColor& b, double share) {
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - share) + b.redF() * share),
                            static_cast<float>(a.greenF() * (1 - share) + b.greenF() * share),
                            static_cast<float>(a.blueF() * (1 - share) + b.blueF() * share));
}

}  // namespace

BubbleFrame::BubbleFrame(Tone tone, QWidget* parent) : QFrame(parent), tone_(tone) {}

void BubbleFrame::paintEvent(QPaintEvent* event) {
    const QPalette& p = palette();
    const QColor base = p.color(QPalette::Base);
    QColor fill;
    switch (tone_) {
        case Tone::User:
            fill = mixed(base, p.color(QPalette::Highlight), 0.12);
            break;
        case Tone::Assistant:
            fill = mixed(base, p.color(QPalette::Text), 0.04);
            break;
        case Tone::Other:
            fill = base;
            break;
    }
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(mixed(base, p.color(QPalette::Text), 0.14));
    painter.setBrush(fill);
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    QFrame::paintEvent(event);
}

}  // namespace signalbox
