#pragma once

#include <QWidget>

namespace signalbox {

class Engine;

// The live request log. Not built yet: says what is coming.
class LogsPanel : public QWidget {
    Q_OBJECT
public:
    explicit LogsPanel(Engine& engine, QWidget* parent = nullptr);

private:
    Engine& engine_;
};

}  // namespace signalbox
