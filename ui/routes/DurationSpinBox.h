#pragma once

#include <QSpinBox>

namespace signalbox {

// Milliseconds, as the config writes them, with 0 shown as a word ("default") where 0
// means "take the enclosing value".
class DurationSpinBox : public QSpinBox {
    Q_OBJECT
public:
    DurationSpinBox(const QString& objectName, int maximumMs, int stepMs,
                    QWidget* parent = nullptr);
    // What 0 reads as; empty shows "0 ms".
    void setZeroText(const QString& text);
};

}  // namespace signalbox
