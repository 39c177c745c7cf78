#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace signalbox {

class Engine;

// The window: a sidebar of panels beside the panel shown. It only assembles;
// each panel talks to the engine itself.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Engine& engine, QWidget* parent = nullptr);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void addPanel(QWidget* panel, const QString& title, const QString& iconPath);
    void addShortcuts();

    QListWidget* sidebar_;
    QStackedWidget* panelStack_;
};

}  // namespace signalbox
