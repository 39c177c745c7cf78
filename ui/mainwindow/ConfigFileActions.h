#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QAction;
class QMainWindow;

namespace signalbox {

class Engine;

// File ▸ Import and Export of the config file that signalboxd reads. The engine loads,
// validates and saves; this only asks for a path and says what happened.
class ConfigFileActions : public QObject {
    Q_OBJECT
public:
    // Asks for a file: (caption, suggested path) → chosen path, empty when cancelled.
    // Tests pre-answer through it instead of a file dialog.
    using PathChooser = std::function<QString(const QString& caption, const QString& suggested)>;

    ConfigFileActions(Engine& engine, QMainWindow& window);

    QAction* importAction() const { return import_; }
    QAction* exportAction() const { return export_; }

    void setImportPathChooser(PathChooser chooser) { chooseImport_ = std::move(chooser); }
    void setExportPathChooser(PathChooser chooser) { chooseExport_ = std::move(chooser); }

private:
    void importConfig();
    void exportConfig();
    void showError(const QString& title, const QString& text);
    QString suggestedFolder() const;

    Engine& engine_;
    QMainWindow& window_;
    QAction* import_;
    QAction* export_;
    PathChooser chooseImport_;
    PathChooser chooseExport_;
};

}  // namespace signalbox
