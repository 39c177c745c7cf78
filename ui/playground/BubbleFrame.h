#pragma once

#include <QFrame>

namespace signalbox {

// The rounded block a message of the conversation sits in, tinted by who speaks. The
// tints are mixed from the palette, so they follow light and dark themes.
class BubbleFrame : public QFrame {
    Q_OBJECT
public:
    enum class Tone { User, Assistant, Other };

    explicit BubbleFrame(Tone tone, QWidget* parent = nullptr);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Tone tone_;
};

}  // namespace signalbox
