#pragma once

#include "common/LeaveGuard.h"
#include "routes/RouteCheck.h"

#include <QWidget>

#include <functional>
#include <vector>

class QAction;
class QLabel;
class QListWidget;
class QPushButton;
class QTabWidget;

namespace signalbox {

class DryRunView;
class Engine;
class RouteDraft;
class RouteEditor;
class StatusLabel;
class TargetChainEditor;

// The fallback-chain editor. It edits a draft of the config's routes (RouteDraft: every
// edit one undo step), checks it as the user types (RouteCheck), dry-runs the route on
// screen as edited (DryRunView) and, on Save, hands the config with the new routes to the
// engine: checked as signalboxd would read it, written to the config file, and taken up by
// the running proxy without dropping the requests in flight.
class RoutesPanel : public QWidget, public LeaveGuard {
    Q_OBJECT
public:
    enum class UnsavedChoice { Save, Discard, Cancel };
    // Asks what to do with unsaved edits when the user leaves; tests answer it.
    using UnsavedChangesPrompt = std::function<UnsavedChoice()>;

    explicit RoutesPanel(Engine& engine, QWidget* parent = nullptr);
    ~RoutesPanel() override;

    void setUnsavedChangesPrompt(UnsavedChangesPrompt prompt) { unsaved_ = std::move(prompt); }

    bool hasUnsavedChanges() const override;
    bool confirmLeave() override;

    RouteDraft& draft() const { return *draft_; }
    // The problems of the draft now; empty when it can be saved.
    const std::vector<RouteProblem>& problems() const { return problems_; }

public slots:
    void newRoute();
    void removeRoute();
    // Saves the draft (when it is valid); false when nothing was saved.
    bool save();
    // Back to the routes as saved; one undo step.
    void revert();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // Shows the route at `index`; `sameRoute`: it is the one shown, in another state.
    void showRoute(int index, bool sameRoute = false);
    void draftChanged(int index);
    void configChanged();
    void proxyReloaded();
    void refreshList();
    void check();
    void updateActions();
    void showStatus(const QString& text, bool error = false);
    QString problemOf(int index) const;
    UnsavedChoice askUnsaved();

    Engine& engine_;
    RouteDraft* draft_;
    std::vector<RouteProblem> problems_;
    int current_ = -1;
    int shownCount_ = 0;          // routes in the draft when current_ was shown
    bool reloadPending_ = false;  // saved; the proxy has yet to take the new routes
    QListWidget* list_;
    QPushButton* newButton_;
    QPushButton* removeButton_;
    QPushButton* undoButton_;
    QPushButton* redoButton_;
    QPushButton* revertButton_;
    QPushButton* saveButton_;
    QLabel* unsavedLabel_;
    StatusLabel* problemLabel_;
    StatusLabel* statusLabel_;
    QTabWidget* tabs_;
    TargetChainEditor* chain_;
    RouteEditor* editor_;
    DryRunView* dryRun_;
    QAction* undoAction_;
    QAction* redoAction_;
    QAction* saveAction_;
    UnsavedChangesPrompt unsaved_;
};

}  // namespace signalbox
