#include "proxy/RateSparkline.h"

#include "common/StatusColors.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace signalbox {

RateSparkline::RateSparkline(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void RateSparkline::setHistory(const std::deque<RequestRateSampler::Rate>& history) {
    history_ = history;
    update();
}

QSize RateSparkline::sizeHint() const {
    return {420, 56};
}

void RateSparkline::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF area = QRectF(rect()).adjusted(1, 4, -1, -2);
    const QColor frame = palette().color(QPalette::Mid);
    painter.setPen(QPen(frame, 1));
    painter.drawLine(area.bottomLeft(), area.bottomRight());

    double peak = 1;  // a quiet minute stays flat at the bottom rather than filling the box
    for (const auto& rate : history_)
        peak = std::max(peak, rate.requestsPerSecond);
    // A short history still spans a readable width; a full one spans the minute.
    const double step =
        area.width() /
        double(std::clamp<size_t>(history_.size(), 12, RequestRateSampler::kHistory) - 1);
    // Newest at the right edge; older samples stretch leftwards.
    const double firstX = area.right() - step * double(history_.size() - 1);
    auto line = [&](auto value) {
        QPainterPath path;
        for (size_t i = 0; i < history_.size(); ++i) {
            const QPointF point(firstX + step * double(i),
                                area.bottom() - area.height() * value(history_[i]) / peak);
            if (i == 0)
                path.moveTo(point);
            else
                path.lineTo(point);
        }
        return path;
    };
    if (history_.size() < 2)
        return;
    const QColor accent = palette().color(QPalette::Highlight);
    const QPainterPath requests = line([](const auto& r) { return r.requestsPerSecond; });
    QPainterPath filled = requests;
    filled.lineTo(requests.currentPosition().x(), area.bottom());
    filled.lineTo(firstX, area.bottom());
    filled.closeSubpath();
    QColor fill = accent;
    fill.setAlpha(40);
    painter.fillPath(filled, fill);
    painter.setPen(QPen(accent, 1.6));
    painter.drawPath(requests);
    painter.setPen(QPen(StatusColors::error(palette()), 1.6));
    painter.drawPath(line([](const auto& r) { return r.errorsPerSecond; }));
}

}  // namespace signalbox
