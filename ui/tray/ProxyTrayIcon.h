#pragma once

#include <QSystemTrayIcon>

#include <memory>

class QAction;
class QMenu;
class QWidget;

namespace signalbox {

class Engine;

// The proxy's state in the system tray (icon and tooltip), with a menu to start or stop
// it, bring back the window or quit. The window creates it only where a tray exists.
class ProxyTrayIcon : public QSystemTrayIcon {
    Q_OBJECT
public:
    ProxyTrayIcon(Engine& engine, QWidget* window);
    ~ProxyTrayIcon() override;

    QAction* startAction() const { return startAction_; }
    QAction* stopAction() const { return stopAction_; }
    QAction* showWindowAction() const { return showAction_; }
    QAction* quitAction() const { return quitAction_; }

private:
    void showState();
    void showWindow();

    Engine& engine_;
    QWidget* window_;
    std::unique_ptr<QMenu> menu_;  // a tray icon is no widget, so nothing else owns it
    QAction* startAction_;
    QAction* stopAction_;
    QAction* showAction_;
    QAction* quitAction_;
    QIcon runningIcon_;
    QIcon stoppedIcon_;
};

}  // namespace signalbox
