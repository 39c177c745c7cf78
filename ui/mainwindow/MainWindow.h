#pragma once

#include <QMainWindow>
#include <QPointer>

class QStackedWidget;

namespace signalbox {

class Engine;
class PanelSidebar;
class ShortcutsDialog;

// The window: a sidebar of panels beside the panel shown. It only assembles;
// each panel talks to the engine itself. It remembers its size, whether it was
// maximized and the panel last shown.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Engine& engine, QWidget* parent = nullptr);

public slots:
    void showShortcuts();
    void showAbout();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void addPanel(QWidget* panel, const QString& title, const QString& iconPath);
    void addPanelShortcuts();
    void addMenus(Engine& engine);
    // The sidebar asked for `row`: shown, unless the panel being left keeps the user.
    void switchTo(int row);
    void focusPanel(QWidget* panel);
    bool panelsAllowLeaving();
    void restoreWindowState();
    void saveWindowState();

    PanelSidebar* sidebar_;
    QStackedWidget* panelStack_;
    QList<QAction*> windowActions_;  // in the order Help ▸ Keyboard Shortcuts lists them
    QPointer<ShortcutsDialog> shortcutsDialog_;
};

}  // namespace signalbox
