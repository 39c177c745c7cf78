#include "routes/DryRunView.h"

#include "common/SectionLabel.h"
#include "common/StatusLabel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace signalbox {

namespace {

constexpr int kColumnPadding = 16;

enum StepColumn { NumberColumn, TargetColumn, TryColumn, OutcomeColumn, WhyColumn };

bool randomOrder(const std::vector<RouteTarget>& steps) {
    for (const RouteTarget& step : steps) {
        if (step.isGroup() &&
            (*step.groupStrategy == RouteStrategy::Weighted ||
             *step.groupStrategy == RouteStrategy::Fastest || randomOrder(step.members)))
            return true;
    }
    return false;
}

}  // namespace

DryRunView::DryRunView(QWidget* parent)
    : QWidget(parent),
      title_(new QLabel(this)),
      outcomesTable_(new QTableWidget(this)),
      drawButton_(new QPushButton(tr("Another draw"), this)),
      resetButton_(new QPushButton(tr("All answer"), this)),
      seed_(new QSpinBox(this)),
      summary_(new StatusLabel(this)),
      steps_(new QTreeWidget(this)) {
    setObjectName(QStringLiteral("dryRunView"));
    auto* layout = new QVBoxLayout(this);
    title_->setObjectName(QStringLiteral("dryRunTitleLabel"));
    title_->setWordWrap(true);
    title_->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(title_);

    layout->addWidget(new SectionLabel(tr("What each target does when called"), this));
    auto* picks = new QHBoxLayout;
    outcomesTable_->setObjectName(QStringLiteral("dryRunOutcomesTable"));
    outcomesTable_->setColumnCount(2);
    outcomesTable_->setHorizontalHeaderLabels({tr("Target"), tr("When called")});
    outcomesTable_->verticalHeader()->hide();
    outcomesTable_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    outcomesTable_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Fixed);
    outcomesTable_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    outcomesTable_->horizontalHeader()->setHighlightSections(false);
    outcomesTable_->setColumnWidth(1, 230);
    outcomesTable_->setSelectionMode(QAbstractItemView::NoSelection);
    outcomesTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    outcomesTable_->setShowGrid(false);
    outcomesTable_->setFocusPolicy(Qt::NoFocus);
    picks->addWidget(outcomesTable_, 1);

    auto* controls = new QVBoxLayout;
    resetButton_->setObjectName(QStringLiteral("dryRunResetButton"));
    resetButton_->setToolTip(tr("Every target answers"));
    drawButton_->setObjectName(QStringLiteral("dryRunDrawButton"));
    drawButton_->setToolTip(
        tr("The run follows every change by itself. Where targets are "
           "ordered at random, this shows another order a request could "
           "take."));
    seed_->setObjectName(QStringLiteral("dryRunSeedSpin"));
    seed_->setRange(1, 9999);
    seed_->setPrefix(tr("Draw "));
    seed_->setToolTip(
        tr("Weighted and fastest-first lists order their targets at random; each "
           "draw is one order a request could take"));
    controls->addWidget(resetButton_);
    controls->addWidget(seed_);
    controls->addWidget(drawButton_);
    controls->addStretch(1);
    picks->addLayout(controls);
    layout->addLayout(picks, 2);

    layout->addWidget(new SectionLabel(tr("What happens, step by step"), this));
    summary_->setObjectName(QStringLiteral("dryRunSummaryLabel"));
    QFont bold = summary_->font();
    bold.setWeight(QFont::DemiBold);
    summary_->setFont(bold);
    layout->addWidget(summary_);
    steps_->setObjectName(QStringLiteral("dryRunStepsList"));
    steps_->setHeaderLabels({tr("Step"), tr("Target"), tr("Try"), tr("Outcome"), tr("Then")});
    steps_->setRootIsDecorated(false);
    steps_->setAlternatingRowColors(true);
    steps_->setSelectionMode(QAbstractItemView::NoSelection);
    steps_->setFocusPolicy(Qt::NoFocus);
    steps_->setWordWrap(true);
    steps_->header()->setStretchLastSection(true);
    steps_->header()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    layout->addWidget(steps_, 3);

    connect(drawButton_, &QPushButton::clicked, this,
            [this] { seed_->setValue(seed_->value() % seed_->maximum() + 1); });
    connect(resetButton_, &QPushButton::clicked, this, &DryRunView::resetOutcomes);
    connect(seed_, &QSpinBox::valueChanged, this, &DryRunView::run);
}

void DryRunView::setRoute(const Config& draft, const QString& route, const QString& problem) {
    draft_ = std::make_shared<const Config>(draft);
    route_ = route;
    problem_ = problem;
    stale_ = true;
    if (isVisible())
        run();
}

void DryRunView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (stale_)
        run();
}

bool DryRunView::isRandom() const {
    if (!draft_)
        return false;
    const auto it = draft_->routes.find(route_);
    if (it == draft_->routes.end())
        return false;
    const RouteConfig& route = it->second;
    return route.strategy == RouteStrategy::Weighted || route.strategy == RouteStrategy::Fastest ||
           randomOrder(route.targets);
}

void DryRunView::resetOutcomes() {
    outcomes_.clear();
    run();
}

void DryRunView::run() {
    stale_ = false;
    result_ = DryRunResult();
    const bool known = draft_ && draft_->routes.count(route_) > 0;
    if (!known) {
        title_->setText(tr("Select a route to try it."));
    } else {
        title_->setText(tr("Route '%1' as edited, saved or not. Nothing is called and nothing is "
                           "saved; the proxy's own planner and retry rules decide.")
                            .arg(route_));
    }
    if (!known) {
        result_.error = tr("No route to run.");
    } else if (!problem_.isEmpty()) {
        result_.error = tr("Cannot run yet: %1").arg(problem_);
    } else {
        result_ = RouteDryRun::run(*draft_, route_, outcomes_, std::uint32_t(seed_->value()));
    }
    seed_->setEnabled(known && isRandom());
    drawButton_->setEnabled(seed_->isEnabled());
    resetButton_->setEnabled(known && !outcomes_.empty());
    showOutcomes();
    showResult();
    emit ran();
}

void DryRunView::showOutcomes() {
    QStringList labels;
    if (draft_) {
        const auto it = draft_->routes.find(route_);
        if (it != draft_->routes.end())
            labels = RouteDryRun::targetsOf(it->second);
    }
    outcomesTable_->setRowCount(int(labels.size()));
    for (int row = 0; row < labels.size(); ++row) {
        const QString& label = labels.at(row);
        auto* item = outcomesTable_->item(row, 0);
        if (item == nullptr) {
            item = new QTableWidgetItem;
            outcomesTable_->setItem(row, 0, item);
        }
        item->setText(label);
        auto* combo = qobject_cast<QComboBox*>(outcomesTable_->cellWidget(row, 1));
        if (combo == nullptr) {
            combo = new QComboBox;
            combo->setObjectName(QStringLiteral("dryRunOutcomeCombo"));
            for (const SimulatedOutcome outcome : kSimulatedOutcomes)
                combo->addItem(RouteDryRun::outcomeName(outcome), int(outcome));
            connect(combo, &QComboBox::currentIndexChanged, this, [this, combo] {
                const QString target = combo->property("target").toString();
                const auto outcome = SimulatedOutcome(combo->currentData().toInt());
                if (outcome == SimulatedOutcome::Ok)
                    outcomes_.erase(target);
                else
                    outcomes_[target] = outcome;
                run();
            });
            outcomesTable_->setCellWidget(row, 1, combo);
        }
        combo->setProperty("target", label);
        const auto picked = outcomes_.find(label);
        const SimulatedOutcome outcome =
            picked != outcomes_.end() ? picked->second : SimulatedOutcome::Ok;
        const QSignalBlocker blocker(combo);
        combo->setCurrentIndex(combo->findData(int(outcome)));
    }
}

void DryRunView::showResult() {
    steps_->clear();
    if (!result_.error.isEmpty()) {
        summary_->showMessage(result_.error, StatusLabel::Tone::Error);
        return;
    }
    summary_->showMessage(result_.summary, result_.servedBy.isEmpty() ? StatusLabel::Tone::Error
                                                                      : StatusLabel::Tone::Success);
    int number = 0;
    for (const DryRunStep& step : result_.steps) {
        auto* item = new QTreeWidgetItem(steps_);
        item->setText(NumberColumn, QString::number(++number));
        item->setText(TargetColumn, step.target);
        item->setText(TryColumn,
                      step.tryNumber > 0 ? QString::number(step.tryNumber) : tr("not called"));
        item->setText(OutcomeColumn, RouteDryRun::outcomeName(step.outcome));
        item->setText(WhyColumn, step.why);
        item->setToolTip(WhyColumn, step.why);
        if (step.result == DryRunStep::Result::Served) {
            QFont font = item->font(TargetColumn);
            font.setWeight(QFont::DemiBold);
            for (int column = 0; column < steps_->columnCount(); ++column)
                item->setFont(column, font);
        }
    }
    for (int column = NumberColumn; column < WhyColumn; ++column) {
        steps_->resizeColumnToContents(column);
        steps_->setColumnWidth(column, steps_->columnWidth(column) + kColumnPadding);
    }
}

}  // namespace signalbox
