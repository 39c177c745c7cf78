#include "mainwindow/ConfigFileActions.h"

#include "engine/Engine.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>

namespace signalbox {

namespace {
constexpr int kStatusMs = 15'000;

QString fileFilter() {
    return ConfigFileActions::tr("Signalbox configuration (*.yaml *.yml *.json);;All files (*)");
}
}  // namespace

ConfigFileActions::ConfigFileActions(Engine& engine, QMainWindow& window)
    : QObject(&window),
      engine_(engine),
      window_(window),
      import_(new QAction(tr("&Import Config…"), &window)),
      export_(new QAction(tr("&Export Config…"), &window)) {
    setObjectName(QStringLiteral("configFileActions"));
    import_->setObjectName(QStringLiteral("importConfigAction"));
    import_->setShortcut(QKeySequence::Open);
    import_->setStatusTip(
        tr("Replace the configuration with one from a file; the proxy reloads it."));
    export_->setObjectName(QStringLiteral("exportConfigAction"));
    export_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    export_->setStatusTip(
        tr("Save a copy of the configuration for signalboxd or another "
           "computer."));
    connect(import_, &QAction::triggered, this, &ConfigFileActions::importConfig);
    connect(export_, &QAction::triggered, this, &ConfigFileActions::exportConfig);

    chooseImport_ = [this](const QString& caption, const QString& suggested) {
        return QFileDialog::getOpenFileName(&window_, caption, suggested, fileFilter());
    };
    chooseExport_ = [this](const QString& caption, const QString& suggested) {
        return QFileDialog::getSaveFileName(&window_, caption, suggested, fileFilter());
    };
}

QString ConfigFileActions::suggestedFolder() const {
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return documents.isEmpty() ? QDir::homePath() : documents;
}

void ConfigFileActions::importConfig() {
    const QString path = chooseImport_(tr("Import Configuration"), suggestedFolder());
    if (path.isEmpty())
        return;
    QString error;
    if (!engine_.importConfigFile(path, &error)) {
        showError(tr("Configuration Not Imported"),
                  tr("%1\n\nNothing was changed: Signalbox keeps running with its current "
                     "configuration. Fix the file at the place named above and import it "
                     "again.")
                      .arg(error));
        return;
    }
    const QString saved = engine_.config()->sourcePath;
    window_.statusBar()->showMessage(
        tr("Imported %1; the proxy uses it now and it is saved in %2.")
            .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(saved)),
        kStatusMs);
}

void ConfigFileActions::exportConfig() {
    const QString path =
        chooseExport_(tr("Export Configuration"),
                      QDir(suggestedFolder()).filePath(QStringLiteral("signalbox.yaml")));
    if (path.isEmpty())
        return;
    QString error;
    if (!engine_.exportConfig(path, &error)) {
        showError(tr("Configuration Not Exported"),
                  tr("%1\n\nNothing was written. Choose a folder you can write to and export "
                     "again.")
                      .arg(error));
        return;
    }
    window_.statusBar()->showMessage(
        tr("Exported the configuration to %1.").arg(QDir::toNativeSeparators(path)), kStatusMs);
}

void ConfigFileActions::showError(const QString& title, const QString& text) {
    // Window-modal but not a nested event loop: the proxy and the panels keep running.
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, &window_);
    box->setObjectName(QStringLiteral("configFileErrorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

}  // namespace signalbox
