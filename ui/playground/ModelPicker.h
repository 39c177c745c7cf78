#pragma once

#include <QComboBox>

namespace signalbox {

class Engine;

// What a Playground call goes to: the config's routes first, then "provider/model" for
// the models each provider lists and each route's targets. Editable, so any name the
// proxy understands can be typed. Follows the config as it changes, keeping the choice.
class ModelPicker : public QComboBox {
    Q_OBJECT
public:
    // `preferred`: which entry a new picker starts on (compare columns start apart).
    ModelPicker(Engine& engine, int preferred, QWidget* parent = nullptr);

    QString model() const { return currentText().trimmed(); }
    void setModel(const QString& model);

private:
    void refill();

    Engine& engine_;
    int preferred_;
};

}  // namespace signalbox
