#pragma once

#include <QWidget>

#include <optional>

class QCheckBox;
class QDoubleSpinBox;

namespace signalbox {

// A parameter the user may leave unset: while its box is unchecked nothing is sent and
// the provider's default applies; checking it sends the number beside it.
class OptionalNumberField : public QWidget {
    Q_OBJECT
public:
    struct Range {
        double minimum;
        double maximum;
        double step;
        int decimals;
        double initial;  // shown while unset, sent once checked
    };

    // Child widgets are named `objectName` + "Check" and + "Spin".
    OptionalNumberField(const QString& label, const QString& objectName, Range range,
                        QWidget* parent = nullptr);

    std::optional<double> value() const;
    void setValue(std::optional<double> value);

signals:
    void changed();

private:
    QCheckBox* check_;
    QDoubleSpinBox* spin_;
};

}  // namespace signalbox
