#include "common/MonochromeIcon.h"

#include <QPainter>
#include <QPalette>
#include <QPixmap>

namespace signalbox {

namespace {

QPixmap tinted(const QIcon& source, const QSize& size, qreal scale, const QColor& colour) {
    QPixmap pixmap = source.pixmap(size * scale);
    pixmap.setDevicePixelRatio(scale);
    QPainter painter(&pixmap);
    painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
    painter.fillRect(pixmap.rect(), colour);
    return pixmap;
}

}  // namespace

QIcon MonochromeIcon::create(const QString& path, const QPalette& palette, const QSize& size) {
    const QIcon source(path);
    QColor normal = palette.color(QPalette::Active, QPalette::WindowText);
    normal.setAlphaF(0.75f);
    QIcon icon;
    // Both scales, so the icon is sharp on high-density screens too.
    for (const qreal scale : {1.0, 2.0}) {
        icon.addPixmap(tinted(source, size, scale, normal), QIcon::Normal);
        icon.addPixmap(
            tinted(source, size, scale, palette.color(QPalette::Active, QPalette::HighlightedText)),
            QIcon::Selected);
    }
    return icon;
}

}  // namespace signalbox
