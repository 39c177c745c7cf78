#include "routes/RoutesPanel.h"

#include "common/PanelHeader.h"
#include "common/StatusLabel.h"
#include "engine/Engine.h"
#include "routes/DryRunView.h"
#include "routes/RouteDraft.h"
#include "routes/RouteEditor.h"
#include "routes/TargetChainEditor.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace signalbox {

namespace {

constexpr int kListWidth = 190;

QPushButton* button(const QString& text, const QString& objectName, QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    return b;
}

// Scoped to the panel (or to one of its widgets) so as not to clash with other panels'.
QAction* panelAction(QWidget* owner, const QString& text, const QString& objectName,
                     const QKeySequence& keys,
                     Qt::ShortcutContext context = Qt::WidgetWithChildrenShortcut) {
    auto* action = new QAction(text, owner);
    action->setObjectName(objectName);
    action->setShortcut(keys);
    action->setShortcutContext(context);
    owner->addAction(action);
    return action;
}

QString shortcutText(const QAction* action) {
    return action->shortcut().toString(QKeySequence::NativeText);
}

}  // namespace

RoutesPanel::RoutesPanel(Engine& engine, QWidget* parent)
    : QWidget(parent),
      engine_(engine),
      draft_(new RouteDraft(this)),
      list_(new QListWidget(this)),
      newButton_(button(tr("New route"), QStringLiteral("newRouteButton"), this)),
      removeButton_(button(tr("Remove"), QStringLiteral("removeRouteButton"), this)),
      undoButton_(button(tr("Undo"), QStringLiteral("undoRoutesButton"), this)),
      redoButton_(button(tr("Redo"), QStringLiteral("redoRoutesButton"), this)),
      revertButton_(button(tr("Revert"), QStringLiteral("revertRoutesButton"), this)),
      saveButton_(button(tr("Save"), QStringLiteral("saveRoutesButton"), this)),
      unsavedLabel_(new QLabel(tr("Unsaved changes"), this)),
      problemLabel_(new StatusLabel(this)),
      statusLabel_(new StatusLabel(this)),
      tabs_(new QTabWidget(this)),
      chain_(new TargetChainEditor(this)),
      editor_(new RouteEditor(this)),
      dryRun_(new DryRunView(this)),
      undoAction_(panelAction(this, tr("Undo the last route edit"),
                              QStringLiteral("undoRoutesAction"),
                              QKeySequence(QKeySequence::Undo))),
      redoAction_(panelAction(this, tr("Redo the route edit undone"),
                              QStringLiteral("redoRoutesAction"),
                              QKeySequence(QKeySequence::Redo))),
      saveAction_(panelAction(this, tr("Save the routes"), QStringLiteral("saveRoutesAction"),
                              QKeySequence(QKeySequence::Save))) {
    setObjectName(QStringLiteral("routesPanel"));
    QVBoxLayout* layout = PanelHeader::addTo(
        this, tr("Routes"),
        tr("Model names clients send, each backed by a chain of targets: when one fails, the "
           "next takes over. Saving reloads the proxy without dropping requests."));

    auto* bar = new QHBoxLayout;
    undoButton_->setEnabled(false);
    redoButton_->setEnabled(false);
    bar->addWidget(undoButton_);
    bar->addWidget(redoButton_);
    bar->addSpacing(12);
    bar->addWidget(statusLabel_, 1);
    statusLabel_->setObjectName(QStringLiteral("routesStatusLabel"));
    statusLabel_->setWordWrap(true);
    unsavedLabel_->setObjectName(QStringLiteral("routesUnsavedLabel"));
    QFont italic = unsavedLabel_->font();
    italic.setItalic(true);
    unsavedLabel_->setFont(italic);
    bar->addWidget(unsavedLabel_);
    revertButton_->setToolTip(tr("Back to the routes as saved (this too can be undone)"));
    saveButton_->setToolTip(tr("Write the routes to the config file; the proxy takes them at once "
                               "(%1)")
                                .arg(shortcutText(saveAction_)));
    saveButton_->setDefault(true);
    bar->addWidget(revertButton_);
    bar->addWidget(saveButton_);
    layout->addLayout(bar);

    problemLabel_->setObjectName(QStringLiteral("routesProblemLabel"));
    problemLabel_->setTone(StatusLabel::Tone::Error);
    problemLabel_->setHideWhenEmpty(true);
    layout->addWidget(problemLabel_);

    auto* splitter = new QSplitter(this);
    splitter->setChildrenCollapsible(false);
    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    list_->setObjectName(QStringLiteral("routesList"));
    list_->setMinimumWidth(140);
    list_->setToolTip(tr("Clients send a route's name as their \"model\""));
    leftLayout->addWidget(list_, 1);
    auto* listButtons = new QHBoxLayout;
    newButton_->setToolTip(
        tr("A new route, named to be renamed (%1)")
            .arg(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText)));
    removeButton_->setToolTip(tr("Removes the selected route (Delete); Undo brings it back"));
    listButtons->addWidget(newButton_);
    listButtons->addWidget(removeButton_);
    listButtons->addStretch(1);
    leftLayout->addLayout(listButtons);

    auto* chainPage = new QWidget(tabs_);
    chainPage->setObjectName(QStringLiteral("routeChainPage"));
    auto* chainLayout = new QHBoxLayout(chainPage);
    chainLayout->setSpacing(18);
    chainLayout->addWidget(chain_, 1);
    auto* scroll = new QScrollArea(chainPage);
    scroll->setObjectName(QStringLiteral("routeEditorScroll"));
    scroll->setWidget(editor_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Drawn on the tab's own background, not as a box of window colour inside it.
    scroll->viewport()->setAutoFillBackground(false);
    editor_->setAutoFillBackground(false);
    chainLayout->addWidget(scroll, 1);
    tabs_->setObjectName(QStringLiteral("routeTabs"));
    tabs_->addTab(chainPage, tr("Chain"));
    tabs_->addTab(dryRun_, tr("Dry run"));

    splitter->addWidget(left);
    splitter->addWidget(tabs_);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({kListWidth, 1000});
    layout->addWidget(splitter, 1);

    QUndoStack* stack = draft_->undoStack();
    connect(undoAction_, &QAction::triggered, stack, &QUndoStack::undo);
    connect(redoAction_, &QAction::triggered, stack, &QUndoStack::redo);
    connect(undoButton_, &QPushButton::clicked, stack, &QUndoStack::undo);
    connect(redoButton_, &QPushButton::clicked, stack, &QUndoStack::redo);
    connect(saveAction_, &QAction::triggered, this, &RoutesPanel::save);
    connect(saveButton_, &QPushButton::clicked, this, &RoutesPanel::save);
    connect(revertButton_, &QPushButton::clicked, this, &RoutesPanel::revert);
    connect(newButton_, &QPushButton::clicked, this, &RoutesPanel::newRoute);
    connect(removeButton_, &QPushButton::clicked, this, &RoutesPanel::removeRoute);
    connect(stack, &QUndoStack::indexChanged, this, &RoutesPanel::updateActions);
    connect(list_, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row != current_) {
            draft_->endTyping();
            showRoute(row);
        }
    });
    const auto rename = [this] {
        tabs_->setCurrentIndex(0);
        editor_->focusName();
    };
    connect(list_, &QListWidget::itemDoubleClicked, this, rename);
    connect(panelAction(this, tr("New route"), QStringLiteral("newRouteAction"),
                        QKeySequence(QKeySequence::New)),
            &QAction::triggered, this, &RoutesPanel::newRoute);
    connect(panelAction(list_, tr("Rename the selected route"), QStringLiteral("renameRouteAction"),
                        QKeySequence(Qt::Key_F2), Qt::WidgetShortcut),
            &QAction::triggered, this, rename);
    connect(panelAction(list_, tr("Remove the selected route"), QStringLiteral("removeRouteAction"),
                        QKeySequence(QKeySequence::Delete), Qt::WidgetShortcut),
            &QAction::triggered, this, &RoutesPanel::removeRoute);

    connect(draft_, &RouteDraft::changed, this, &RoutesPanel::draftChanged);
    connect(draft_, &RouteDraft::reloaded, this, [this] { showRoute(current_); });
    connect(editor_, &RouteEditor::edited, this,
            [this](const RouteConfig& after, const QString& text, const QString& field) {
                draft_->change(current_, after, text, field);
            });
    connect(editor_, &RouteEditor::typingEnded, draft_, &RouteDraft::endTyping);
    connect(editor_, &RouteEditor::inputProblemChanged, this, &RoutesPanel::updateActions);
    connect(
        chain_, &TargetChainEditor::targetsEdited, this,
        [this](const std::vector<RouteTarget>& targets, const QString& text, const QString& field) {
            if (current_ < 0)
                return;
            RouteConfig after = draft_->route(current_);
            after.targets = targets;
            draft_->change(current_, after, text, field);
        });
    connect(chain_, &TargetChainEditor::typingEnded, draft_, &RouteDraft::endTyping);
    connect(&engine_, &Engine::configChanged, this, &RoutesPanel::configChanged);
    connect(&engine_, &Engine::proxyReloaded, this, &RoutesPanel::proxyReloaded);

    // Undo, redo and save are the panel's, also while a field has the focus: a field's own
    // undo would only take back its letters, not the edit the draft recorded.
    for (QWidget* child : findChildren<QWidget*>()) {
        if (qobject_cast<QLineEdit*>(child) || qobject_cast<QAbstractSpinBox*>(child) ||
            qobject_cast<QComboBox*>(child))
            child->installEventFilter(this);
    }

    chain_->setProviders(engine_.config()->providers);
    draft_->load(engine_.config()->routes);
    showRoute(0);
}

RoutesPanel::~RoutesPanel() {
    // The draft and its undo stack go after this: they must not call back.
    draft_->undoStack()->disconnect(this);
    draft_->disconnect(this);
}

bool RoutesPanel::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo) ||
            key->matches(QKeySequence::Save)) {
            // Not claimed by the field: the panel's shortcut takes the key.
            event->ignore();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void RoutesPanel::showRoute(int index, bool sameRoute) {
    current_ = draft_->count() == 0 ? -1 : std::clamp(index, 0, draft_->count() - 1);
    shownCount_ = draft_->count();
    const RouteConfig* route = current_ >= 0 ? &draft_->route(current_) : nullptr;
    editor_->setRoute(route, sameRoute);
    chain_->setRoute(route, sameRoute);
    check();
}

void RoutesPanel::draftChanged(int index) {
    // A route added or removed puts another at this index.
    showRoute(index, index == current_ && draft_->count() == shownCount_);
}

void RoutesPanel::check() {
    const Config& base = *engine_.config();
    problems_ = RouteCheck::check(draft_->routes(), base);
    std::vector<RouteProblem> mine;
    for (const RouteProblem& problem : problems_) {
        if (problem.route == current_)
            mine.push_back(problem);
    }
    editor_->setProblems(mine);
    refreshList();

    // The shown route's problems first: they are the ones being typed.
    QString message;
    int others = 0;
    for (const RouteProblem& problem : mine) {
        if (message.isEmpty())
            message = problem.message;
        else
            ++others;
    }
    for (const RouteProblem& problem : problems_) {
        if (problem.route == current_)
            continue;
        if (message.isEmpty())
            message = problem.message;
        else
            ++others;
    }
    if (!message.isEmpty() && others > 0)
        message = tr("%1 (and %n more to fix before saving)", nullptr, others).arg(message);
    problemLabel_->showMessage(message, StatusLabel::Tone::Error);

    const QString name = current_ >= 0 ? draft_->route(current_).name : QString();
    dryRun_->setRoute(RouteCheck::draftConfig(base, draft_->routes()), name, problemOf(current_));
    updateActions();
}

QString RoutesPanel::problemOf(int index) const {
    for (const RouteProblem& problem : problems_) {
        if (problem.route == index)
            return problem.message;
    }
    return {};
}

void RoutesPanel::refreshList() {
    const QSignalBlocker blocker(list_);
    while (list_->count() > draft_->count())
        delete list_->takeItem(list_->count() - 1);
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (int row = 0; row < draft_->count(); ++row) {
        QListWidgetItem* item = list_->item(row);
        if (item == nullptr)
            item = new QListWidgetItem(list_);
        const QString& name = draft_->route(row).name;
        item->setText(name.isEmpty() ? tr("(no name)") : name);
        const QString problem = problemOf(row);
        item->setIcon(problem.isEmpty() ? QIcon() : warning);
        item->setToolTip(problem.isEmpty() ? tr("Clients send \"model\": \"%1\"").arg(name)
                                           : problem);
    }
    list_->setCurrentRow(current_);
}

void RoutesPanel::updateActions() {
    const QUndoStack* stack = draft_->undoStack();
    const bool modified = draft_->isModified();
    const bool valid = problems_.empty() && editor_->inputProblem().isEmpty();
    undoAction_->setEnabled(stack->canUndo());
    redoAction_->setEnabled(stack->canRedo());
    undoButton_->setEnabled(stack->canUndo());
    redoButton_->setEnabled(stack->canRedo());
    undoButton_->setToolTip(
        stack->canUndo() ? tr("Undo: %1 (%2)").arg(stack->undoText(), shortcutText(undoAction_))
                         : tr("Nothing to undo"));
    redoButton_->setToolTip(
        stack->canRedo() ? tr("Redo: %1 (%2)").arg(stack->redoText(), shortcutText(redoAction_))
                         : tr("Nothing to redo"));
    unsavedLabel_->setVisible(modified);
    revertButton_->setEnabled(modified);
    saveButton_->setEnabled(modified && valid);
    saveAction_->setEnabled(modified && valid);
    removeButton_->setEnabled(current_ >= 0);
    if (!editor_->inputProblem().isEmpty() && problems_.empty())
        problemLabel_->showMessage(editor_->inputProblem(), StatusLabel::Tone::Error);
}

void RoutesPanel::newRoute() {
    QString name = QStringLiteral("route");
    for (int n = 2; draft_->indexOf(name) >= 0; ++n)
        name = QStringLiteral("route-%1").arg(n);
    RouteConfig route;
    route.name = name;
    draft_->add(route, tr("New route"));
    tabs_->setCurrentIndex(0);
    editor_->focusName();
    showStatus({});
}

void RoutesPanel::removeRoute() {
    if (current_ < 0)
        return;
    const QString name = draft_->route(current_).name;
    draft_->remove(current_, tr("Remove route '%1'").arg(name));
    showStatus(tr("Removed '%1'; Undo brings it back.").arg(name));
}

void RoutesPanel::revert() {
    if (!draft_->isModified())
        return;
    const std::map<QString, RouteConfig>& saved = engine_.config()->routes;
    QUndoStack* stack = draft_->undoStack();
    stack->beginMacro(tr("Revert to saved"));
    while (draft_->count() > 0)
        draft_->remove(draft_->count() - 1, {});
    for (const auto& [name, route] : saved) {
        RouteConfig copy = route;
        copy.line = 0;
        draft_->add(copy, {});
    }
    stack->endMacro();
    showRoute(0);
    showStatus(tr("Back to the routes as saved; Undo brings the edits back."));
}

bool RoutesPanel::save() {
    if (!saveButton_->isEnabled())
        return false;
    Config next = *engine_.config();
    next.routes = draft_->toMap();
    QString error;
    const bool running = engine_.proxyState() == Engine::ProxyState::Running;
    reloadPending_ = running;
    const Engine::ApplyResult result = engine_.applyConfig(next, &error);
    switch (result) {
        case Engine::ApplyResult::Refused:
            reloadPending_ = false;
            showStatus(tr("Not saved: the configuration would be refused. %1").arg(error), true);
            return false;
        case Engine::ApplyResult::NotWritten:
            reloadPending_ = false;
            showStatus(tr("The proxy uses the new routes, but the config file was not written: "
                          "%1. Make the file writable, then save again to keep them.")
                           .arg(error),
                       true);
            return true;
        case Engine::ApplyResult::Saved:
            break;
    }
    const QString file = engine_.config()->sourcePath;
    if (reloadPending_) {
        showStatus(tr("Saved to %1; the proxy is taking the new routes…").arg(file));
    } else if (!running) {
        showStatus(tr("Saved to %1. The proxy is not running; it uses these routes when it "
                      "starts.")
                       .arg(file));
    }
    return true;
}

void RoutesPanel::proxyReloaded() {
    if (!reloadPending_)
        return;
    reloadPending_ = false;
    statusLabel_->showMessage(tr("Saved. New requests take the new routes; requests already "
                                 "running finish on the old ones."),
                              StatusLabel::Tone::Success);
}

void RoutesPanel::configChanged() {
    const Config& config = *engine_.config();
    chain_->setProviders(config.providers);
    const std::map<QString, RouteConfig>& routes = config.routes;
    if (draft_->isSaved(routes)) {
        // Another section changed (a provider, say): the routes check against it anew.
        check();
        return;
    }
    if (!draft_->isModified()) {
        draft_->load(routes);
        showStatus(
            tr("The routes were changed elsewhere (an import or another panel) and are "
               "shown as they are now."));
        return;
    }
    draft_->setSaved(routes);
    check();
    if (draft_->isModified()) {
        showStatus(tr("The routes in the configuration changed elsewhere while you were editing. "
                      "Your edits are kept: Save puts them in place of the new routes, Revert "
                      "takes the new ones."),
                   true);
    }
}

void RoutesPanel::showStatus(const QString& text, bool error) {
    statusLabel_->showMessage(text, error ? StatusLabel::Tone::Error : StatusLabel::Tone::Plain);
}

bool RoutesPanel::hasUnsavedChanges() const {
    return draft_->isModified();
}

bool RoutesPanel::confirmLeave() {
    if (!hasUnsavedChanges())
        return true;
    switch (askUnsaved()) {
        case UnsavedChoice::Save:
            return save();
        case UnsavedChoice::Discard:
            revert();
            return true;
        case UnsavedChoice::Cancel:
            break;
    }
    return false;
}

RoutesPanel::UnsavedChoice RoutesPanel::askUnsaved() {
    if (unsaved_)
        return unsaved_();
    QMessageBox box(QMessageBox::Question, tr("Routes"), tr("The route edits are not saved."),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("unsavedRoutesBox"));
    box.setInformativeText(problems_.empty()
                               ? tr("Save them now, discard them, or cancel to go on editing.")
                               : tr("They cannot be saved as they are: %1 Discard them, or "
                                    "cancel to go on editing.")
                                     .arg(problems_.front().message));
    if (!problems_.empty())
        box.button(QMessageBox::Save)->setEnabled(false);
    box.setDefaultButton(problems_.empty() ? QMessageBox::Save : QMessageBox::Cancel);
    box.setEscapeButton(QMessageBox::Cancel);
    switch (box.exec()) {
        case QMessageBox::Save:
            return UnsavedChoice::Save;
        case QMessageBox::Discard:
            return UnsavedChoice::Discard;
        default:
            return UnsavedChoice::Cancel;
    }
}

}  // namespace signalbox
