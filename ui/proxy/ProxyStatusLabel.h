#pragma once

#include <QLabel>

namespace signalbox {

class Engine;

// The proxy's state and address for the window's status bar.
class ProxyStatusLabel : public QLabel {
    Q_OBJECT
public:
    explicit ProxyStatusLabel(Engine& engine, QWidget* parent = nullptr);

private:
    void showState();

    Engine& engine_;
};

}  // namespace signalbox
