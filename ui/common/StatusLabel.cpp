#include "common/StatusLabel.h"

#include "common/StatusColors.h"

#include <QEvent>

namespace signalbox {

StatusLabel::StatusLabel(QWidget* parent) : QLabel(parent) {
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
}

void StatusLabel::setTone(Tone tone) {
    if (tone_ == tone)
        return;
    tone_ = tone;
    recolor();
}

void StatusLabel::showMessage(const QString& text, Tone tone) {
    setText(text);
    setTone(tone);
    if (hideWhenEmpty_)
        setVisible(!text.isEmpty());
}

void StatusLabel::setHideWhenEmpty(bool hide) {
    hideWhenEmpty_ = hide;
    if (hide && text().isEmpty())
        setVisible(false);
}

void StatusLabel::changeEvent(QEvent* event) {
    QLabel::changeEvent(event);
    // The window colour underneath changed (another theme): pick the tone's shade anew.
    if (event->type() == QEvent::PaletteChange && !recoloring_)
        recolor();
}

void StatusLabel::recolor() {
    // Setting the palette sends another PaletteChange; it must not come back here.
    recoloring_ = true;
    if (tone_ == Tone::Plain) {
        if (testAttribute(Qt::WA_SetPalette))
            setPalette(QPalette());  // back to the inherited palette
    } else {
        const QColor color = tone_ == Tone::Error ? StatusColors::error(palette())
                                                  : StatusColors::success(palette());
        if (palette().color(QPalette::WindowText) != color || !testAttribute(Qt::WA_SetPalette)) {
            QPalette tinted = palette();
            tinted.setColor(QPalette::WindowText, color);
            setPalette(tinted);
        }
    }
    recoloring_ = false;
}

}  // namespace signalbox
