#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace signalbox {

class Engine;

// Start and stop the local proxy and see where it listens. It shows what the
// engine reports; the engine decides.
class ProxyPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProxyPanel(Engine& engine, QWidget* parent = nullptr);

private:
    void showState();

    Engine& engine_;
    QLabel* addressLabel_;
    QLabel* stateLabel_;
    QPushButton* startButton_;
    QPushButton* stopButton_;
};

}  // namespace signalbox
