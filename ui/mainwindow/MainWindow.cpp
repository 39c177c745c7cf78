#include "mainwindow/MainWindow.h"

#include "common/LeaveGuard.h"
#include "connect/ConnectPanel.h"
#include "dashboard/DashboardPanel.h"
#include "engine/Engine.h"
#include "logs/LogsPanel.h"
#include "logs/StoreStatusLabel.h"
#include "mainwindow/ConfigFileActions.h"
#include "mainwindow/PanelSidebar.h"
#include "mainwindow/ShortcutsDialog.h"
#include "playground/PlaygroundPanel.h"
#include "providers/ProvidersPanel.h"
#include "proxy/ProxyPanel.h"
#include "proxy/ProxyStatusLabel.h"
#include "routes/RoutesPanel.h"
#include "tray/ProxyTrayIcon.h"
#include "virtualkeys/VirtualKeysPanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace signalbox {

namespace {
constexpr QLatin1StringView kGeometryKey("mainWindow/geometry");
constexpr QLatin1StringView kMaximizedKey("mainWindow/maximized");
constexpr QLatin1StringView kPanelKey("mainWindow/panel");  // the panel's object name

QKeySequence panelShortcut(int row) {
    return QKeyCombination(Qt::ControlModifier, static_cast<Qt::Key>(Qt::Key_1 + row));
}

// The first control a Tab would reach inside `panel`, so its shortcuts (scoped to the
// panel) work at once.
QWidget* firstFocusable(QWidget* panel) {
    for (QWidget* w = panel->nextInFocusChain(); w && w != panel; w = w->nextInFocusChain()) {
        if (panel->isAncestorOf(w) && w->isVisibleTo(panel) && w->isEnabled() &&
            (w->focusPolicy() & Qt::TabFocus))
            return w;
    }
    return nullptr;
}
}  // namespace

MainWindow::MainWindow(Engine& engine, QWidget* parent)
    : QMainWindow(parent), sidebar_(new PanelSidebar), panelStack_(new QStackedWidget) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Signalbox"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/signalbox.svg")));
    panelStack_->setObjectName(QStringLiteral("panelStack"));

    // The order here is the order of the sidebar and of Ctrl+1..Ctrl+8.
    addPanel(new DashboardPanel(engine), tr("Dashboard"), QStringLiteral(":/icons/dashboard.svg"));
    auto* playground = new PlaygroundPanel(engine);
    addPanel(playground, tr("Playground"), QStringLiteral(":/icons/playground.svg"));
    addPanel(new RoutesPanel(engine), tr("Routes"), QStringLiteral(":/icons/routes.svg"));
    addPanel(new ProvidersPanel(engine), tr("Providers & Keys"),
             QStringLiteral(":/icons/providers.svg"));
    addPanel(new VirtualKeysPanel(engine), tr("Virtual Keys"),
             QStringLiteral(":/icons/virtualkeys.svg"));
    auto* logs = new LogsPanel(engine);
    addPanel(logs, tr("Logs"), QStringLiteral(":/icons/logs.svg"));
    addPanel(new ProxyPanel(engine), tr("Proxy"), QStringLiteral(":/icons/proxy.svg"));
    addPanel(new ConnectPanel(engine), tr("Connect"), QStringLiteral(":/icons/connect.svg"));
    sidebar_->fitWidth();
    sidebar_->setCurrentRow(0);
    connect(sidebar_, &QListWidget::currentRowChanged, this, &MainWindow::switchTo);
    // "Open in Playground" on a log row: the Playground restores the request and is shown.
    connect(logs, &LogsPanel::openInPlayground, playground,
            [this, playground](const QString& id, const QString& route, const QString& surface,
                               const QByteArray& body) {
                playground->openRequest(id, route, surface, body);
                sidebar_->setCurrentRow(panelStack_->indexOf(playground));
            });
    addPanelShortcuts();
    addMenus(engine);

    auto* central = new QWidget;
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* sidebarBox = new QWidget;
    auto* sidebarLayout = new QVBoxLayout(sidebarBox);
    sidebarLayout->setContentsMargins(6, 8, 6, 8);
    sidebarLayout->addWidget(sidebar_);
    layout->addWidget(sidebarBox);
    auto* divider = new QFrame;
    divider->setFrameShape(QFrame::VLine);
    divider->setFrameShadow(QFrame::Sunken);
    layout->addWidget(divider);
    layout->addWidget(panelStack_, 1);
    setCentralWidget(central);

    statusBar()->addWidget(new ProxyStatusLabel(engine), 1);
    statusBar()->addPermanentWidget(new StoreStatusLabel(engine.requestLog()));
    if (QSystemTrayIcon::isSystemTrayAvailable())
        (new ProxyTrayIcon(engine, this))->show();

    restoreWindowState();
}

void MainWindow::addMenus(Engine& engine) {
    auto* configFile = new ConfigFileActions(engine, *this);
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(QStringLiteral("fileMenu"));
    fileMenu->addAction(configFile->importAction());
    fileMenu->addAction(configFile->exportAction());
    fileMenu->addSeparator();
    auto* quit = new QAction(tr("&Quit"), this);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    // Closing (rather than quitting outright) saves the window's state first.
    connect(quit, &QAction::triggered, this, &QWidget::close);
    fileMenu->addAction(quit);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(QStringLiteral("helpMenu"));
    auto* shortcuts = new QAction(tr("&Keyboard Shortcuts"), this);
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    // F1 as the platform's help key; Ctrl+/ as many editors and web apps have it.
    shortcuts->setShortcuts(
        {QKeySequence(QKeySequence::HelpContents), QKeySequence(Qt::CTRL | Qt::Key_Slash)});
    connect(shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    helpMenu->addAction(shortcuts);
    helpMenu->addSeparator();
    auto* about = new QAction(tr("&About Signalbox"), this);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    helpMenu->addAction(about);

    windowActions_ << configFile->importAction() << configFile->exportAction() << quit << shortcuts;
}

void MainWindow::addPanel(QWidget* panel, const QString& title, const QString& iconPath) {
    const int row = panelStack_->addWidget(panel);
    sidebar_->addPanel(title, iconPath, panelShortcut(row).toString(QKeySequence::NativeText));
}

void MainWindow::addPanelShortcuts() {
    for (int row = 0; row < sidebar_->count(); ++row) {
        // "&&": a title's "&" (Providers & Keys) is no mnemonic marker.
        const QString title = sidebar_->item(row)->text();
        auto* action = new QAction(
            tr("Show %1").arg(QString(title).replace(u'&', QStringLiteral("&&"))), this);
        action->setObjectName(QStringLiteral("showPanelAction%1").arg(row + 1));
        action->setShortcut(panelShortcut(row));
        connect(action, &QAction::triggered, this, [this, row] {
            sidebar_->setCurrentRow(row);
            if (panelStack_->currentIndex() == row)
                focusPanel(panelStack_->currentWidget());
        });
        addAction(action);
        windowActions_ << action;
    }
}

void MainWindow::switchTo(int row) {
    if (row < 0 || row == panelStack_->currentIndex())
        return;
    if (auto* guard = dynamic_cast<LeaveGuard*>(panelStack_->currentWidget());
        guard && !guard->confirmLeave()) {
        // Stay: the sidebar shows the panel that is still open.
        const QSignalBlocker blocker(sidebar_);
        sidebar_->setCurrentRow(panelStack_->currentIndex());
        return;
    }
    panelStack_->setCurrentIndex(row);
}

void MainWindow::focusPanel(QWidget* panel) {
    if (QWidget* first = firstFocusable(panel))
        first->setFocus(Qt::ShortcutFocusReason);
    else
        panel->setFocus(Qt::ShortcutFocusReason);
}

bool MainWindow::panelsAllowLeaving() {
    // The panel on screen first: its question makes sense to the user without a jump.
    QList<QWidget*> panels{panelStack_->currentWidget()};
    for (int i = 0; i < panelStack_->count(); ++i) {
        if (panelStack_->widget(i) != panelStack_->currentWidget())
            panels << panelStack_->widget(i);
    }
    for (QWidget* panel : panels) {
        auto* guard = dynamic_cast<LeaveGuard*>(panel);
        if (!guard || !guard->hasUnsavedChanges())
            continue;
        if (panel != panelStack_->currentWidget()) {
            const QSignalBlocker blocker(sidebar_);
            sidebar_->setCurrentRow(panelStack_->indexOf(panel));
            panelStack_->setCurrentWidget(panel);
        }
        if (!guard->confirmLeave())
            return false;
    }
    return true;
}

void MainWindow::showShortcuts() {
    if (shortcutsDialog_) {
        shortcutsDialog_->raise();
        shortcutsDialog_->activateWindow();
        return;
    }
    auto* dialog = new ShortcutsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->addGroup(tr("Window"), windowActions_);
    for (int row = 0; row < panelStack_->count(); ++row) {
        QWidget* panel = panelStack_->widget(row);
        dialog->addGroup(sidebar_->item(row)->text(), panel->findChildren<QAction*>());
    }
    const QString everywhere = tr("Everywhere");
    dialog->addEntry(everywhere, tr("Next or previous control"), QKeySequence(Qt::Key_Tab));
    dialog->addEntry(everywhere, tr("Next tab (Connect)"), QKeySequence(Qt::CTRL | Qt::Key_Tab));
    dialog->addEntry(everywhere, tr("Press the focused button"), QKeySequence(Qt::Key_Space));
    dialog->addEntry(everywhere, tr("Close a dialog without changes"),
                     QKeySequence(Qt::Key_Escape));
    shortcutsDialog_ = dialog;
    dialog->open();
}

void MainWindow::showAbout() {
    auto* box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About Signalbox"));
    box->setIconPixmap(windowIcon().pixmap(64, 64));
    box->setTextFormat(Qt::RichText);
    box->setText(tr("<h3>Signalbox %1</h3>"
                    "<p>A desktop AI gateway: applications call the local proxy with the "
                    "OpenAI or Anthropic API, and Signalbox routes each call to your providers "
                    "with fallbacks, budgets, cost accounting and request logs.</p>"
                    "<p>Built with Qt %2.</p>")
                     .arg(QApplication::applicationVersion().toHtmlEscaped(),
                          QString::fromLatin1(qVersion())));
    box->setStandardButtons(QMessageBox::Close);
    // Window-modal, not a nested event loop: the proxy and the panels keep running.
    box->open();
}

void MainWindow::restoreWindowState() {
    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray()))
        resize(1200, 760);
    if (settings.value(kMaximizedKey, false).toBool())
        setWindowState(windowState() | Qt::WindowMaximized);
    const QString panel = settings.value(kPanelKey).toString();
    for (int row = 0; row < panelStack_->count(); ++row) {
        if (!panel.isEmpty() && panelStack_->widget(row)->objectName() == panel)
            sidebar_->setCurrentRow(row);
    }
}

void MainWindow::saveWindowState() {
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kMaximizedKey, isMaximized());
    if (QWidget* panel = panelStack_->currentWidget())
        settings.setValue(kPanelKey, panel->objectName());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!panelsAllowLeaving()) {
        event->ignore();
        return;
    }
    saveWindowState();
    QMainWindow::closeEvent(event);
}

}  // namespace signalbox
