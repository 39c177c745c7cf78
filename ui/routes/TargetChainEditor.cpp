#include "routes/TargetChainEditor.h"

#include "common/SectionLabel.h"
#include "routes/DurationSpinBox.h"
#include "routes/RouteEditor.h"
#include "routes/RouteTargetsModel.h"

#include <QAction>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeView>
#include <QVBoxLayout>

#include <utility>

namespace signalbox {

namespace {

constexpr int kMaxWeight = 1'000'000;
constexpr int kMaxTimeoutMs = 60 * 60 * 1000;
constexpr int kColumnPadding = 16;
constexpr int kFieldMinimumWidth = 90;

QPushButton* button(const QString& text, const QString& objectName, const QString& tip,
                    QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    b->setToolTip(tip);
    return b;
}

QAction* shortcut(QWidget* owner, const QString& text, const QKeySequence& keys) {
    auto* action = new QAction(text, owner);
    action->setShortcut(keys);
    action->setShortcutContext(Qt::WidgetShortcut);
    owner->addAction(action);
    return action;
}

}  // namespace

TargetChainEditor::TargetChainEditor(QWidget* parent)
    : QWidget(parent),
      model_(new RouteTargetsModel(this)),
      tree_(new QTreeView(this)),
      hint_(new QLabel(this)),
      provider_(new QComboBox(this)),
      modelName_(new QComboBox(this)),
      addButton_(button(tr("Add target"), QStringLiteral("addTargetButton"),
                        tr("Adds the model after the selected target, or into the selected "
                           "group"),
                        this)),
      upButton_(button(tr("Move up"), QStringLiteral("moveTargetUpButton"),
                       tr("Earlier in the order (Alt+Up); from the top of a group, out of it"),
                       this)),
      downButton_(button(tr("Move down"), QStringLiteral("moveTargetDownButton"),
                         tr("Later in the order (Alt+Down); from the end of a group, out of it"),
                         this)),
      groupButton_(button(tr("Make group"), QStringLiteral("groupTargetButton"), QString(), this)),
      removeButton_(button(tr("Remove"), QStringLiteral("removeTargetButton"),
                           tr("Removes the selected target or group (Delete)"), this)),
      selectedLabel_(new QLabel(this)),
      weight_(new QSpinBox(this)),
      groupStrategyLabel_(new QLabel(tr("Group order:"), this)),
      groupStrategy_(new QComboBox(this)),
      connectTimeout_(new DurationSpinBox(QStringLiteral("targetConnectTimeoutSpin"), kMaxTimeoutMs,
                                          1000, this)),
      firstByteTimeout_(new DurationSpinBox(QStringLiteral("targetFirstByteTimeoutSpin"),
                                            kMaxTimeoutMs, 1000, this)),
      idleTimeout_(
          new DurationSpinBox(QStringLiteral("targetIdleTimeoutSpin"), kMaxTimeoutMs, 1000, this)),
      totalTimeout_(
          new DurationSpinBox(QStringLiteral("targetTotalTimeoutSpin"), kMaxTimeoutMs, 1000, this)),
      details_(new QWidget(this)) {
    setObjectName(QStringLiteral("targetChainEditor"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new SectionLabel(tr("Targets"), this));
    hint_->setObjectName(QStringLiteral("targetsHintLabel"));
    hint_->setWordWrap(true);
    hint_->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint_);

    tree_->setObjectName(QStringLiteral("routeTargetsTree"));
    tree_->setModel(model_);
    tree_->setSelectionMode(QAbstractItemView::SingleSelection);
    tree_->setSelectionBehavior(QAbstractItemView::SelectRows);
    tree_->setDragDropMode(QAbstractItemView::InternalMove);
    tree_->setDefaultDropAction(Qt::MoveAction);
    tree_->setDragEnabled(true);
    tree_->setAcceptDrops(true);
    tree_->setDropIndicatorShown(true);
    tree_->setAlternatingRowColors(true);
    tree_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    tree_->setAllColumnsShowFocus(true);
    tree_->setExpandsOnDoubleClick(false);
    tree_->setItemsExpandable(false);
    tree_->setRootIsDecorated(false);
    tree_->header()->setStretchLastSection(false);
    tree_->header()->setSectionResizeMode(RouteTargetsModel::TargetColumn, QHeaderView::Stretch);
    layout->addWidget(tree_, 1);

    auto* steps = new QHBoxLayout;
    steps->addWidget(upButton_);
    steps->addWidget(downButton_);
    steps->addWidget(groupButton_);
    steps->addWidget(removeButton_);
    steps->addStretch(1);
    layout->addLayout(steps);

    auto* add = new QHBoxLayout;
    provider_->setObjectName(QStringLiteral("addTargetProviderCombo"));
    provider_->setToolTip(tr("A provider of Providers & Keys"));
    provider_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    modelName_->setObjectName(QStringLiteral("addTargetModelCombo"));
    modelName_->setEditable(true);
    modelName_->setInsertPolicy(QComboBox::NoInsert);
    modelName_->setToolTip(tr("One of the provider's models, or any model name it knows"));
    modelName_->lineEdit()->setPlaceholderText(tr("model"));
    add->addWidget(provider_);
    add->addWidget(new QLabel(QStringLiteral("/"), this));
    add->addWidget(modelName_, 1);
    add->addWidget(addButton_);
    layout->addLayout(add);

    auto* details = new QGridLayout(details_);
    details->setContentsMargins(0, 4, 0, 0);
    selectedLabel_->setObjectName(QStringLiteral("selectedTargetLabel"));
    QFont bold = selectedLabel_->font();
    bold.setWeight(QFont::DemiBold);
    selectedLabel_->setFont(bold);
    details->addWidget(selectedLabel_, 0, 0, 1, 4);
    weight_->setObjectName(QStringLiteral("targetWeightSpin"));
    weight_->setRange(0, kMaxWeight);
    weight_->setToolTip(tr("Its share of the calls where its list is weighted"));
    details->addWidget(new QLabel(tr("Weight:"), details_), 1, 0);
    details->addWidget(weight_, 1, 1);
    groupStrategy_->setObjectName(QStringLiteral("groupStrategyCombo"));
    for (const RouteStrategy strategy : kRouteStrategies)
        groupStrategy_->addItem(RouteEditor::strategyText(strategy), strategyName(strategy));
    details->addWidget(groupStrategyLabel_, 1, 2);
    details->addWidget(groupStrategy_, 1, 3);
    int cell = 0;
    const QString routeDefault = tr("as the route");
    for (const auto& [label, spin] :
         {std::pair{tr("Connect:"), connectTimeout_},
          std::pair{tr("First byte:"), firstByteTimeout_}, std::pair{tr("Idle:"), idleTimeout_},
          std::pair{tr("Total:"), totalTimeout_}}) {
        spin->setZeroText(routeDefault);
        details->addWidget(new QLabel(label, details_), 2 + cell / 2, (cell % 2) * 2);
        details->addWidget(spin, 2 + cell / 2, (cell % 2) * 2 + 1);
        ++cell;
    }
    // Fields share the width evenly, whatever their labels.
    for (QWidget* field :
         std::initializer_list<QWidget*>{weight_, groupStrategy_, connectTimeout_,
                                         firstByteTimeout_, idleTimeout_, totalTimeout_}) {
        field->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
        field->setMinimumWidth(kFieldMinimumWidth);
    }
    details->setColumnStretch(1, 1);
    details->setColumnStretch(3, 1);
    layout->addWidget(details_);

    connect(tree_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TargetChainEditor::showCurrent);
    connect(model_, &RouteTargetsModel::edited, this, &TargetChainEditor::offer);
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        tree_->expandAll();
        // Room after the text, rather than the column's end flush against its last letter.
        for (const int column :
             {RouteTargetsModel::WeightColumn, RouteTargetsModel::TimeoutsColumn}) {
            tree_->resizeColumnToContents(column);
            tree_->setColumnWidth(column, tree_->columnWidth(column) + kColumnPadding);
        }
    });
    connect(provider_, &QComboBox::currentIndexChanged, this, &TargetChainEditor::providerChanged);
    connect(addButton_, &QPushButton::clicked, this, &TargetChainEditor::addTarget);
    connect(modelName_->lineEdit(), &QLineEdit::returnPressed, this, &TargetChainEditor::addTarget);
    connect(upButton_, &QPushButton::clicked, this, &TargetChainEditor::moveUp);
    connect(downButton_, &QPushButton::clicked, this, &TargetChainEditor::moveDown);
    connect(groupButton_, &QPushButton::clicked, this, &TargetChainEditor::toggleGroup);
    connect(removeButton_, &QPushButton::clicked, this, &TargetChainEditor::removeTarget);
    // On the tree, where the selection is: in a field, Alt+arrows and Delete are the field's.
    connect(shortcut(tree_, tr("Move the selected target up"),
                     QKeySequence(Qt::AltModifier | Qt::Key_Up)),
            &QAction::triggered, this, &TargetChainEditor::moveUp);
    connect(shortcut(tree_, tr("Move the selected target down"),
                     QKeySequence(Qt::AltModifier | Qt::Key_Down)),
            &QAction::triggered, this, &TargetChainEditor::moveDown);
    connect(shortcut(tree_, tr("Remove the selected target"), QKeySequence::Delete),
            &QAction::triggered, this, &TargetChainEditor::removeTarget);

    connect(weight_, &QSpinBox::valueChanged, this, [this](int value) {
        editCurrent(tr("Change weight"), QStringLiteral("weight:"),
                    [&](RouteTarget& t) { t.weight = value; });
    });
    connect(groupStrategy_, &QComboBox::currentIndexChanged, this, [this](int index) {
        const auto strategy = strategyFromName(groupStrategy_->itemData(index).toString());
        editCurrent(tr("Change group order"), {}, [&](RouteTarget& t) {
            if (t.isGroup() && strategy)
                t.groupStrategy = strategy;
        });
    });
    for (const auto& [spin, field, member] :
         {std::tuple{connectTimeout_, QStringLiteral("connect:"), &TimeoutConfig::connectMs},
          std::tuple{firstByteTimeout_, QStringLiteral("firstByte:"), &TimeoutConfig::firstByteMs},
          std::tuple{idleTimeout_, QStringLiteral("idle:"), &TimeoutConfig::idleMs},
          std::tuple{totalTimeout_, QStringLiteral("total:"), &TimeoutConfig::totalMs}}) {
        connect(spin, &QSpinBox::valueChanged, this,
                [this, field = field, member = member](int value) {
                    editCurrent(tr("Change target timeout"), field, [&](RouteTarget& t) {
                        if (!t.isGroup())
                            t.timeouts.*member = value;
                    });
                });
    }
    for (QSpinBox* spin : details_->findChildren<QSpinBox*>())
        connect(spin, &QSpinBox::editingFinished, this, &TargetChainEditor::typingEnded);

    setRoute(nullptr, false);
}

void TargetChainEditor::setProviders(const std::map<QString, ProviderConfig>& providers) {
    if (providers == providers_ && provider_->count() == int(providers.size()))
        return;
    providers_ = providers;
    const QString current = provider_->currentText();
    {
        const QSignalBlocker blocker(provider_);
        provider_->clear();
        for (const auto& [id, provider] : providers_)
            provider_->addItem(id);
        const int keep = provider_->findText(current);
        provider_->setCurrentIndex(keep >= 0 ? keep : 0);
    }
    const bool any = !providers_.empty();
    provider_->setEnabled(any);
    provider_->setPlaceholderText(tr("no providers yet"));
    modelName_->lineEdit()->setPlaceholderText(
        any ? tr("model") : tr("add a provider in Providers & Keys first"));
    providerChanged();
}

void TargetChainEditor::providerChanged() {
    const QString typed = modelName_->currentText();
    modelName_->clear();
    const auto it = providers_.find(provider_->currentText());
    if (it != providers_.end())
        modelName_->addItems(it->second.models);
    // A model typed before keeps; a list starts at its first.
    if (!typed.isEmpty() && modelName_->findText(typed) < 0 && modelName_->count() == 0)
        modelName_->setEditText(typed);
    showCurrent();
}

void TargetChainEditor::setRoute(const RouteConfig* route, bool sameRoute) {
    const bool otherRoute = !sameRoute || !route_ || !route;
    TargetPath keep = pendingSelection_ ? *pendingSelection_ : currentPath();
    pendingSelection_.reset();
    if (route)
        route_ = *route;
    else
        route_.reset();
    showing_ = true;
    model_->setTargets(route_ ? route_->targets : std::vector<RouteTarget>(),
                       route_ ? route_->strategy : RouteStrategy::Fallback);
    showing_ = false;
    tree_->expandAll();
    if (otherRoute)
        keep = TargetPath{0};
    // What was selected may be gone (removed, undone): the nearest step before it.
    while (!keep.empty() && TargetTree::at(model_->targets(), keep) == nullptr) {
        if (keep.back() > 0)
            --keep.back();
        else
            keep.pop_back();
    }
    select(keep);
    setEnabled(route_.has_value());
    updateHint();
    showCurrent();
}

TargetPath TargetChainEditor::currentPath() const {
    return model_->pathOf(tree_->currentIndex());
}

void TargetChainEditor::select(const TargetPath& path) {
    const QModelIndex index = model_->indexOf(path);
    if (!index.isValid()) {
        tree_->selectionModel()->clear();
        return;
    }
    tree_->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    tree_->scrollTo(index);
}

void TargetChainEditor::updateHint() {
    if (!route_) {
        hint_->setText(tr("Select or create a route."));
        return;
    }
    switch (route_->strategy) {
        case RouteStrategy::Fallback:
            hint_->setText(
                tr("Tried from the top: a target that fails hands over to the next. "
                   "Drag to reorder or into a group; Alt+Up and Alt+Down move the "
                   "selected one."));
            break;
        case RouteStrategy::Weighted:
            hint_->setText(
                tr("Each request picks a target at random by weight; if it fails, "
                   "the others follow. Drag to regroup."));
            break;
        case RouteStrategy::Fastest:
            hint_->setText(
                tr("The quickest target so far goes first; if it fails, the others "
                   "follow. Drag to regroup."));
            break;
        case RouteStrategy::Cheapest:
            hint_->setText(
                tr("The cheapest target goes first; if it fails, the others follow. "
                   "Drag to regroup."));
            break;
    }
}

void TargetChainEditor::showCurrent() {
    const RouteTarget* step = model_->targetAt(tree_->currentIndex());
    showing_ = true;
    details_->setEnabled(step != nullptr);
    if (step == nullptr) {
        selectedLabel_->setText(route_ && route_->targets.empty()
                                    ? tr("No targets yet: pick a model below and add it.")
                                    : tr("Select a target to set its weight and timeouts."));
    } else if (step->isGroup()) {
        selectedLabel_->setText(RouteTargetsModel::strategyTitle(*step->groupStrategy));
    } else {
        selectedLabel_->setText(step->label());
    }
    const bool group = step != nullptr && step->isGroup();
    weight_->setValue(step ? step->weight : 1);
    groupStrategyLabel_->setVisible(group);
    groupStrategy_->setVisible(group);
    if (group)
        groupStrategy_->setCurrentIndex(
            groupStrategy_->findData(strategyName(*step->groupStrategy)));
    const TimeoutConfig timeouts = step && !group ? step->timeouts : TimeoutConfig();
    for (const auto& [spin, value] :
         {std::pair{connectTimeout_, timeouts.connectMs},
          std::pair{firstByteTimeout_, timeouts.firstByteMs},
          std::pair{idleTimeout_, timeouts.idleMs}, std::pair{totalTimeout_, timeouts.totalMs}}) {
        spin->setValue(value);
        spin->setEnabled(!group);
        spin->setToolTip(group ? tr("A group has no timeouts of its own; set them on its "
                                    "targets")
                               : QString());
    }
    showing_ = false;

    const TargetPath path = currentPath();
    upButton_->setEnabled(step != nullptr && (path.back() > 0 || path.size() > 1));
    downButton_->setEnabled(step != nullptr);
    if (step != nullptr) {
        std::vector<RouteTarget> trial = model_->targets();
        downButton_->setEnabled(TargetTree::moveDown(trial, path).has_value());
    }
    groupButton_->setEnabled(step != nullptr);
    groupButton_->setText(group ? tr("Ungroup") : tr("Make group"));
    groupButton_->setToolTip(group ? tr("Puts the group's targets in its place")
                                   : tr("Puts the selected target into a new weighted group; "
                                        "drag others in beside it"));
    removeButton_->setEnabled(step != nullptr);
    addButton_->setEnabled(route_.has_value() && !providers_.empty());
}

void TargetChainEditor::offer(const std::vector<RouteTarget>& targets, const QString& text,
                              const QString& field, const TargetPath& select) {
    if (!route_ || showing_)
        return;
    pendingSelection_ = select;
    emit targetsEdited(targets, text, field);
    pendingSelection_.reset();
}

void TargetChainEditor::editCurrent(const QString& text, const QString& field,
                                    const std::function<void(RouteTarget&)>& change) {
    if (showing_ || !route_)
        return;
    const TargetPath path = currentPath();
    std::vector<RouteTarget> next = model_->targets();
    auto* step = const_cast<RouteTarget*>(TargetTree::at(next, path));
    if (step == nullptr)
        return;
    change(*step);
    if (next == model_->targets())
        return;
    // One merged step per field of one target.
    offer(next, text, field.isEmpty() ? field : field + RouteTargetsModel::encodePath(path), path);
}

void TargetChainEditor::addTarget() {
    if (!route_)
        return;
    const QString provider = provider_->currentText();
    const QString model = modelName_->currentText().trimmed();
    if (provider.isEmpty() || model.isEmpty()) {
        modelName_->setFocus();
        return;
    }
    RouteTarget target;
    target.provider = provider;
    target.model = model;
    std::vector<RouteTarget> next = model_->targets();
    const TargetPath current = currentPath();
    const RouteTarget* step = TargetTree::at(next, current);
    std::optional<TargetPath> at;
    if (step == nullptr) {
        at = TargetTree::insert(next, {}, -1, target);
    } else if (step->isGroup()) {
        at = TargetTree::insert(next, current, -1, target);
    } else {
        at = TargetTree::insert(next, TargetPath(current.begin(), current.end() - 1),
                                current.back() + 1, target);
    }
    if (at)
        offer(next, tr("Add %1").arg(target.label()), {}, *at);
}

void TargetChainEditor::removeTarget() {
    const TargetPath path = currentPath();
    std::vector<RouteTarget> next = model_->targets();
    const RouteTarget* step = TargetTree::at(next, path);
    if (step == nullptr)
        return;
    const QString text = step->isGroup() ? tr("Remove group") : tr("Remove %1").arg(step->label());
    TargetTree::remove(next, path);
    offer(next, text, {}, path);
}

void TargetChainEditor::moveUp() {
    std::vector<RouteTarget> next = model_->targets();
    if (const auto to = TargetTree::moveUp(next, currentPath()))
        offer(next, tr("Move target"), {}, *to);
}

void TargetChainEditor::moveDown() {
    std::vector<RouteTarget> next = model_->targets();
    if (const auto to = TargetTree::moveDown(next, currentPath()))
        offer(next, tr("Move target"), {}, *to);
}

void TargetChainEditor::toggleGroup() {
    const TargetPath path = currentPath();
    std::vector<RouteTarget> next = model_->targets();
    const RouteTarget* step = TargetTree::at(next, path);
    if (step == nullptr)
        return;
    if (step->isGroup()) {
        if (const auto at = TargetTree::ungroup(next, path))
            offer(next, tr("Ungroup"), {}, *at);
    } else if (const auto at = TargetTree::wrapInGroup(next, path, RouteStrategy::Weighted)) {
        offer(next, tr("Make group"), {}, *at);
    }
}

}  // namespace signalbox
