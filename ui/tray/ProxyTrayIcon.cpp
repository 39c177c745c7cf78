#include "tray/ProxyTrayIcon.h"

#include "engine/Engine.h"
#include "proxy/ProxyStateText.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>
#include <QWidget>

namespace signalbox {

ProxyTrayIcon::ProxyTrayIcon(Engine& engine, QWidget* window)
    : QSystemTrayIcon(window),
      engine_(engine),
      window_(window),
      menu_(std::make_unique<QMenu>()),
      startAction_(new QAction(tr("Start proxy"), this)),
      stopAction_(new QAction(tr("Stop proxy"), this)),
      showAction_(new QAction(tr("Show window"), this)),
      quitAction_(new QAction(tr("Quit"), this)),
      runningIcon_(QStringLiteral(":/icons/signalbox.svg")) {
    setObjectName(QStringLiteral("proxyTrayIcon"));
    menu_->setObjectName(QStringLiteral("proxyTrayMenu"));
    // Stopped shows the same mark greyed out, as the platform draws disabled icons.
    for (const int size : {16, 22, 24, 32, 48, 64})
        stoppedIcon_.addPixmap(runningIcon_.pixmap(size, size, QIcon::Disabled));

    startAction_->setObjectName(QStringLiteral("trayStartAction"));
    stopAction_->setObjectName(QStringLiteral("trayStopAction"));
    showAction_->setObjectName(QStringLiteral("trayShowAction"));
    quitAction_->setObjectName(QStringLiteral("trayQuitAction"));
    connect(startAction_, &QAction::triggered, &engine_, &Engine::startProxy);
    connect(stopAction_, &QAction::triggered, &engine_, &Engine::stopProxy);
    connect(showAction_, &QAction::triggered, this, &ProxyTrayIcon::showWindow);
    connect(quitAction_, &QAction::triggered, this, [this] {
        // Closing first lets the window save its state, and a panel with unsaved edits
        // ask about them; cancelled there, Signalbox keeps running.
        if (window_->close())
            QCoreApplication::quit();
    });
    menu_->addAction(startAction_);
    menu_->addAction(stopAction_);
    menu_->addSeparator();
    menu_->addAction(showAction_);
    menu_->addAction(quitAction_);
    setContextMenu(menu_.get());

    connect(this, &QSystemTrayIcon::activated, this, [this](ActivationReason reason) {
        if (reason == Trigger || reason == DoubleClick)
            showWindow();
    });
    connect(&engine_, &Engine::proxyStateChanged, this, &ProxyTrayIcon::showState);
    showState();
}

ProxyTrayIcon::~ProxyTrayIcon() = default;

void ProxyTrayIcon::showState() {
    const Engine::ProxyState state = engine_.proxyState();
    const bool running = state == Engine::ProxyState::Running;
    setIcon(running ? runningIcon_ : stoppedIcon_);
    setToolTip(running ? tr("Signalbox proxy: running at %1").arg(engine_.proxyUrl())
                       : tr("Signalbox proxy: %1").arg(ProxyStateText::describe(engine_)));
    startAction_->setEnabled(state == Engine::ProxyState::Stopped ||
                             state == Engine::ProxyState::Failed);
    stopAction_->setEnabled(state == Engine::ProxyState::Starting || running);
}

void ProxyTrayIcon::showWindow() {
    // Out of the taskbar, but a maximized window stays maximized (showNormal() would not).
    window_->setWindowState(window_->windowState() & ~Qt::WindowMinimized);
    window_->show();
    window_->raise();
    window_->activateWindow();
}

}  // namespace signalbox
