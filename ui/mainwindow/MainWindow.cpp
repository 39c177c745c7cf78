#include "mainwindow/MainWindow.h"

#include "common/MonochromeIcon.h"
#include "connect/ConnectPanel.h"
#include "dashboard/DashboardPanel.h"
#include "engine/Engine.h"
#include "logs/LogsPanel.h"
#include "logs/StoreStatusLabel.h"
#include "mainwindow/ConfigFileActions.h"
#include "mainwindow/SidebarItemDelegate.h"
#include "playground/PlaygroundPanel.h"
#include "providers/ProvidersPanel.h"
#include "proxy/ProxyPanel.h"
#include "proxy/ProxyStatusLabel.h"
#include "routes/RoutesPanel.h"
#include "tray/ProxyTrayIcon.h"
#include "virtualkeys/VirtualKeysPanel.h"

#include <QAction>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace signalbox {

namespace {
constexpr QLatin1StringView kGeometryKey("mainWindow/geometry");

QKeySequence panelShortcut(int row) {
    return QKeyCombination(Qt::ControlModifier, static_cast<Qt::Key>(Qt::Key_1 + row));
}
}  // namespace

MainWindow::MainWindow(Engine& engine, QWidget* parent)
    : QMainWindow(parent), sidebar_(new QListWidget), panelStack_(new QStackedWidget) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Signalbox"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/signalbox.svg")));

    sidebar_->setObjectName(QStringLiteral("sidebar"));
    sidebar_->setFrameShape(QFrame::NoFrame);
    sidebar_->setIconSize(QSize(20, 20));
    sidebar_->setSpacing(2);
    // One highlight across icon and text, rather than two with a seam between them.
    sidebar_->setStyleSheet(QStringLiteral("QListView { show-decoration-selected: 1; }"));
    sidebar_->setItemDelegate(new SidebarItemDelegate(sidebar_));
    sidebar_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    sidebar_->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    // Painted in the window colour like the panels, not as a white list box.
    sidebar_->viewport()->setBackgroundRole(QPalette::Window);
    panelStack_->setObjectName(QStringLiteral("panelStack"));

    // The order here is the order of the sidebar and of Ctrl+1..Ctrl+8.
    addPanel(new DashboardPanel(engine), tr("Dashboard"), QStringLiteral(":/icons/dashboard.svg"));
    addPanel(new PlaygroundPanel, tr("Playground"), QStringLiteral(":/icons/playground.svg"));
    addPanel(new RoutesPanel, tr("Routes"), QStringLiteral(":/icons/routes.svg"));
    addPanel(new ProvidersPanel(engine), tr("Providers & Keys"),
             QStringLiteral(":/icons/providers.svg"));
    addPanel(new VirtualKeysPanel(engine), tr("Virtual Keys"),
             QStringLiteral(":/icons/virtualkeys.svg"));
    addPanel(new LogsPanel(engine), tr("Logs"), QStringLiteral(":/icons/logs.svg"));
    addPanel(new ProxyPanel(engine), tr("Proxy"), QStringLiteral(":/icons/proxy.svg"));
    addPanel(new ConnectPanel(engine), tr("Connect"), QStringLiteral(":/icons/connect.svg"));
    sidebar_->setFixedWidth(sidebar_->sizeHintForColumn(0) + 2 * sidebar_->frameWidth() + 16);
    connect(sidebar_, &QListWidget::currentRowChanged, panelStack_,
            &QStackedWidget::setCurrentIndex);
    sidebar_->setCurrentRow(0);
    addShortcuts();

    auto* configFile = new ConfigFileActions(engine, *this);
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(QStringLiteral("fileMenu"));
    fileMenu->addAction(configFile->importAction());
    fileMenu->addAction(configFile->exportAction());
    fileMenu->addSeparator();
    auto* quit = new QAction(tr("Quit"), this);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    // Closing (rather than quitting outright) saves the window's geometry first.
    connect(quit, &QAction::triggered, this, &QWidget::close);
    fileMenu->addAction(quit);

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

    if (!restoreGeometry(QSettings().value(kGeometryKey).toByteArray())) {
        resize(1200, 760);
    }
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings().setValue(kGeometryKey, saveGeometry());
    QMainWindow::closeEvent(event);
}

void MainWindow::addPanel(QWidget* panel, const QString& title, const QString& iconPath) {
    const int row = panelStack_->addWidget(panel);
    auto* item = new QListWidgetItem(
        MonochromeIcon::create(iconPath, sidebar_->palette(), sidebar_->iconSize()), title,
        sidebar_);
    // Room for icon, text and padding; the sidebar takes the widest row's width.
    const int width =
        sidebar_->iconSize().width() + sidebar_->fontMetrics().horizontalAdvance(title) + 36;
    item->setSizeHint(QSize(width, 36));
    item->setToolTip(panelShortcut(row).toString(QKeySequence::NativeText));
}

void MainWindow::addShortcuts() {
    for (int row = 0; row < sidebar_->count(); ++row) {
        auto* action = new QAction(this);
        action->setShortcut(panelShortcut(row));
        connect(action, &QAction::triggered, sidebar_,
                [this, row] { sidebar_->setCurrentRow(row); });
        addAction(action);
    }
}

}  // namespace signalbox
