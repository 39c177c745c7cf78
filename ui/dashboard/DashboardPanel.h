#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace signalbox {

class Engine;

// The first screen. Until the charts arrive it tells a new user how to add a
// real provider and where applications reach the proxy.
class DashboardPanel : public QWidget {
    Q_OBJECT
public:
    explicit DashboardPanel(Engine& engine, QWidget* parent = nullptr);

private:
    void showConfig();
    void showProxy();
    void openConfigFile();

    Engine& engine_;
    QLabel* configLabel_;
    QPushButton* openConfigButton_;
    QLabel* proxyLabel_;
};

}  // namespace signalbox
