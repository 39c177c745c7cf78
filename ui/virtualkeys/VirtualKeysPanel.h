#pragma once

#include <QWidget>

namespace signalbox {

class Engine;

// Keys Signalbox issues to its clients. Not built yet: says what is coming.
class VirtualKeysPanel : public QWidget {
    Q_OBJECT
public:
    explicit VirtualKeysPanel(Engine& engine, QWidget* parent = nullptr);

private:
    Engine& engine_;
};

}  // namespace signalbox
