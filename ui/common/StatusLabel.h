#pragma once

#include <QLabel>

namespace signalbox {

// A label for what an action answered: plain, an error or a success, the last two in
// StatusColors, recoloured when the palette changes (light and dark themes).
class StatusLabel : public QLabel {
    Q_OBJECT
public:
    enum class Tone { Plain, Error, Success };

    explicit StatusLabel(QWidget* parent = nullptr);

    Tone tone() const { return tone_; }
    void setTone(Tone tone);
    // Sets text and tone together; an empty text hides the label when hideWhenEmpty.
    void showMessage(const QString& text, Tone tone = Tone::Plain);
    void setHideWhenEmpty(bool hide);

protected:
    void changeEvent(QEvent* event) override;

private:
    void recolor();

    Tone tone_ = Tone::Plain;
    bool hideWhenEmpty_ = false;
    bool recoloring_ = false;
};

}  // namespace signalbox
