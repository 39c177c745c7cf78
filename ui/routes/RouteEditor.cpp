#include "routes/RouteEditor.h"

#include "common/SectionLabel.h"
#include "common/StatusLabel.h"
#include "routes/DurationSpinBox.h"
#include "routes/RouteTargetsModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <tuple>
#include <utility>

namespace signalbox {

namespace {

constexpr int kMaxRetries = 10;
constexpr int kMaxWaitMs = 10 * 60 * 1000;
constexpr int kMaxTimeoutMs = 60 * 60 * 1000;

const QRegularExpression& separators() {
    static const QRegularExpression re(QStringLiteral("[,;\\s]+"));
    return re;
}

// "a/b, c/d" as targets, keeping what `old` knows of a label (its timeouts, its weight).
std::vector<RouteTarget> parseTargets(const QString& text, const std::vector<RouteTarget>& old) {
    std::vector<RouteTarget> targets;
    for (const QString& token : text.split(separators(), Qt::SkipEmptyParts)) {
        RouteTarget target;
        bool known = false;
        for (const RouteTarget& earlier : old) {
            if (!earlier.isGroup() && earlier.label() == token) {
                target = earlier;
                known = true;
                break;
            }
        }
        if (!known) {
            const qsizetype slash = token.indexOf(QLatin1Char('/'));
            target.provider = slash < 0 ? token : token.left(slash);
            target.model = slash < 0 ? QString() : token.mid(slash + 1);
        }
        targets.push_back(std::move(target));
    }
    return targets;
}

QString targetsText(const std::vector<RouteTarget>& targets) {
    QStringList labels;
    for (const RouteTarget& target : targets) {
        labels << (target.isGroup() ? RouteTargetsModel::strategyTitle(*target.groupStrategy)
                                    : target.label());
    }
    return labels.join(QStringLiteral(", "));
}

bool hasGroups(const std::vector<RouteTarget>& targets) {
    return std::any_of(targets.begin(), targets.end(),
                       [](const RouteTarget& t) { return t.isGroup(); });
}

// The statuses of "408, 429"; `problem` names the first entry that is not one.
std::vector<int> parseStatuses(const QString& text, QString* problem) {
    std::vector<int> statuses;
    for (const QString& token : text.split(separators(), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int status = token.toInt(&ok);
        if (!ok || status < 400 || status > 599) {
            if (problem->isEmpty()) {
                *problem = RouteEditor::tr(
                               "'%1' is not an HTTP status from 400 to 599. Write "
                               "statuses such as 408, 429, separated by commas.")
                               .arg(token);
            }
            continue;
        }
        if (std::find(statuses.begin(), statuses.end(), status) == statuses.end())
            statuses.push_back(status);
    }
    return statuses;
}

QString statusesText(const std::vector<int>& statuses) {
    QStringList texts;
    for (const int status : statuses)
        texts << QString::number(status);
    return texts.join(QStringLiteral(", "));
}

QLabel* hint(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QLineEdit* lineEdit(const QString& objectName, QWidget* parent) {
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    return edit;
}

StatusLabel* problemLabel(const QString& objectName, QWidget* parent) {
    auto* label = new StatusLabel(parent);
    label->setObjectName(objectName);
    label->setTone(StatusLabel::Tone::Error);
    label->setHideWhenEmpty(true);
    return label;
}

QCheckBox* checkBox(const QString& text, const QString& objectName, QWidget* parent) {
    auto* box = new QCheckBox(text, parent);
    box->setObjectName(objectName);
    return box;
}

}  // namespace

QString RouteEditor::strategyText(RouteStrategy strategy) {
    switch (strategy) {
        case RouteStrategy::Fallback:
            return tr("Fallback: in the order listed");
        case RouteStrategy::Weighted:
            return tr("Weighted: at random, by weight");
        case RouteStrategy::Fastest:
            return tr("Fastest: quickest first");
        case RouteStrategy::Cheapest:
            return tr("Cheapest: lowest price first");
    }
    return {};
}

RouteEditor::RouteEditor(QWidget* parent)
    : QWidget(parent),
      name_(lineEdit(QStringLiteral("routeNameEdit"), this)),
      nameProblem_(problemLabel(QStringLiteral("routeNameProblem"), this)),
      strategy_(new QComboBox(this)),
      retries_(new QSpinBox(this)),
      backoff_(new DurationSpinBox(QStringLiteral("routeBackoffSpin"), kMaxWaitMs, 100, this)),
      maxBackoff_(
          new DurationSpinBox(QStringLiteral("routeMaxBackoffSpin"), kMaxWaitMs, 1000, this)),
      maxWait_(new DurationSpinBox(QStringLiteral("routeMaxWaitSpin"), kMaxWaitMs, 1000, this)),
      onConnect_(checkBox(tr("Connection failures"), QStringLiteral("retryConnectCheck"), this)),
      onTimeout_(checkBox(tr("Timeouts"), QStringLiteral("retryTimeoutCheck"), this)),
      onBadResponse_(
          checkBox(tr("Unreadable answers"), QStringLiteral("retryBadResponseCheck"), this)),
      onServerErrors_(
          checkBox(tr("5xx server errors"), QStringLiteral("retryServerErrorsCheck"), this)),
      statuses_(lineEdit(QStringLiteral("retryStatusesEdit"), this)),
      statusesProblem_(problemLabel(QStringLiteral("retryStatusesProblem"), this)),
      connectTimeout_(new DurationSpinBox(QStringLiteral("routeConnectTimeoutSpin"), kMaxTimeoutMs,
                                          1000, this)),
      firstByteTimeout_(new DurationSpinBox(QStringLiteral("routeFirstByteTimeoutSpin"),
                                            kMaxTimeoutMs, 1000, this)),
      idleTimeout_(
          new DurationSpinBox(QStringLiteral("routeIdleTimeoutSpin"), kMaxTimeoutMs, 1000, this)),
      totalTimeout_(
          new DurationSpinBox(QStringLiteral("routeTotalTimeoutSpin"), kMaxTimeoutMs, 1000, this)),
      contextFallbacks_(lineEdit(QStringLiteral("contextFallbacksEdit"), this)),
      contentPolicyFallbacks_(lineEdit(QStringLiteral("contentPolicyFallbacksEdit"), this)),
      fallbacksProblem_(problemLabel(QStringLiteral("fallbacksProblem"), this)) {
    setObjectName(QStringLiteral("routeEditor"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    layout->addWidget(new SectionLabel(tr("Route"), this));
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    name_->setPlaceholderText(tr("what clients send as \"model\", e.g. smart"));
    form->addRow(tr("Name:"), name_);
    form->addRow(QString(), nameProblem_);
    strategy_->setObjectName(QStringLiteral("routeStrategyCombo"));
    for (const RouteStrategy strategy : kRouteStrategies)
        strategy_->addItem(strategyText(strategy), strategyName(strategy));
    strategy_->setToolTip(
        tr("How the route orders its targets for each request. Whatever the "
           "order, a target that fails hands over to the next."));
    form->addRow(tr("Strategy:"), strategy_);

    retries_->setObjectName(QStringLiteral("routeRetriesSpin"));
    retries_->setRange(0, kMaxRetries);
    retries_->setToolTip(tr("Extra tries of the same target before the route moves on"));
    auto* retriesRow = new QHBoxLayout;
    retriesRow->addWidget(retries_);
    retriesRow->addWidget(hint(tr("extra tries per target"), this), 1);
    form->addRow(tr("Retries:"), retriesRow);

    backoff_->setToolTip(tr("The first wait before a retry; it doubles each time, with jitter"));
    maxBackoff_->setToolTip(tr("The longest any one wait may last"));
    auto* backoffRow = new QHBoxLayout;
    backoffRow->addWidget(backoff_, 1);
    backoffRow->addWidget(hint(tr("doubling to"), this));
    backoffRow->addWidget(maxBackoff_, 1);
    form->addRow(tr("Backoff:"), backoffRow);
    maxWait_->setToolTip(
        tr("Retries stop once a request has waited this long in total; the next target "
           "follows"));
    form->addRow(tr("Stop waiting after:"), maxWait_);
    layout->addLayout(form);

    layout->addWidget(new SectionLabel(tr("Try again on"), this));
    auto* triggers = new QGridLayout;
    triggers->addWidget(onConnect_, 0, 0);
    triggers->addWidget(onTimeout_, 0, 1);
    triggers->addWidget(onBadResponse_, 1, 0);
    triggers->addWidget(onServerErrors_, 1, 1);
    auto* statusesLabel = new QLabel(tr("And statuses:"), this);
    auto* statusesRow = new QHBoxLayout;
    statusesRow->addWidget(statusesLabel);
    statusesRow->addWidget(statuses_, 1);
    triggers->addLayout(statusesRow, 2, 0, 1, 2);
    triggers->addWidget(statusesProblem_, 3, 0, 1, 2);
    statuses_->setPlaceholderText(tr("none; e.g. 408, 409, 429"));
    statuses_->setToolTip(
        tr("Other HTTP statuses that try again, 4xx ones mostly. Any other failure goes back "
           "to the client at once."));
    layout->addLayout(triggers);

    layout->addWidget(new SectionLabel(tr("Timeouts of each call"), this));
    auto* timeouts = new QGridLayout;
    const QString serverDefault = tr("default");
    int cell = 0;
    for (const auto& [label, spin, tip] :
         {std::tuple{tr("Connect:"), connectTimeout_, tr("Until the connection is made")},
          std::tuple{tr("First byte:"), firstByteTimeout_,
                     tr("From the request sent until the answer starts")},
          std::tuple{tr("Idle:"), idleTimeout_,
                     tr("The longest silence between two pieces of a streamed answer")},
          std::tuple{tr("Total:"), totalTimeout_, tr("The whole call")}}) {
        spin->setZeroText(serverDefault);
        spin->setToolTip(tr("%1; \"default\" takes the server's.").arg(tip));
        timeouts->addWidget(new QLabel(label, this), cell / 2, (cell % 2) * 2);
        timeouts->addWidget(spin, cell / 2, (cell % 2) * 2 + 1);
        ++cell;
    }
    timeouts->setColumnStretch(1, 1);
    timeouts->setColumnStretch(3, 1);
    layout->addLayout(timeouts);

    layout->addWidget(new SectionLabel(tr("When the prompt is the problem"), this));
    auto* fallbacks = new QFormLayout;
    fallbacks->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    contextFallbacks_->setPlaceholderText(tr("provider/model, … (none: the error goes back)"));
    contextFallbacks_->setToolTip(tr("Where a prompt too long for the model goes, tried in order"));
    contentPolicyFallbacks_->setPlaceholderText(
        tr("provider/model, … (none: the error goes back)"));
    contentPolicyFallbacks_->setToolTip(
        tr("Where a prompt the model's content policy refused goes, tried in order"));
    fallbacks->addRow(tr("Too long:"), contextFallbacks_);
    fallbacks->addRow(tr("Refused:"), contentPolicyFallbacks_);
    layout->addLayout(fallbacks);
    layout->addWidget(fallbacksProblem_);
    layout->addStretch(1);

    connect(name_, &QLineEdit::textEdited, this, [this](const QString& text) {
        edit(tr("Rename route"), QStringLiteral("name"), [&](RouteConfig& r) { r.name = text; });
    });
    connect(strategy_, &QComboBox::currentIndexChanged, this, [this](int index) {
        const auto strategy = strategyFromName(strategy_->itemData(index).toString());
        if (strategy)
            edit(tr("Change strategy"), {}, [&](RouteConfig& r) { r.strategy = *strategy; });
    });
    connect(retries_, &QSpinBox::valueChanged, this, [this](int value) {
        edit(tr("Change retries"), QStringLiteral("retries"),
             [&](RouteConfig& r) { r.retries = value; });
    });
    for (const auto& [spin, field, text, member] :
         {std::tuple{backoff_, QStringLiteral("backoff"), tr("Change backoff"),
                     &RouteConfig::backoffMs},
          std::tuple{maxBackoff_, QStringLiteral("maxBackoff"), tr("Change longest backoff"),
                     &RouteConfig::maxBackoffMs},
          std::tuple{maxWait_, QStringLiteral("maxWait"), tr("Change longest wait"),
                     &RouteConfig::maxWaitMs}}) {
        connect(spin, &QSpinBox::valueChanged, this,
                [this, field = field, text = text, member = member](int value) {
                    edit(text, field, [&](RouteConfig& r) { r.*member = value; });
                });
    }
    for (const auto& [spin, field, member] :
         {std::tuple{connectTimeout_, QStringLiteral("connectTimeout"), &TimeoutConfig::connectMs},
          std::tuple{firstByteTimeout_, QStringLiteral("firstByteTimeout"),
                     &TimeoutConfig::firstByteMs},
          std::tuple{idleTimeout_, QStringLiteral("idleTimeout"), &TimeoutConfig::idleMs},
          std::tuple{totalTimeout_, QStringLiteral("totalTimeout"), &TimeoutConfig::totalMs}}) {
        connect(spin, &QSpinBox::valueChanged, this,
                [this, field = field, member = member](int value) {
                    edit(tr("Change timeout"), field,
                         [&](RouteConfig& r) { r.timeouts.*member = value; });
                });
    }
    for (const auto& [box, member] : {std::pair{onConnect_, &RetryTriggers::connect},
                                      std::pair{onTimeout_, &RetryTriggers::timeout},
                                      std::pair{onBadResponse_, &RetryTriggers::badResponse},
                                      std::pair{onServerErrors_, &RetryTriggers::serverErrors}}) {
        connect(box, &QCheckBox::toggled, this, [this, member = member](bool on) {
            edit(on ? tr("Try again on a failure") : tr("Stop trying again on a failure"), {},
                 [&](RouteConfig& r) { r.retryOn.*member = on; });
        });
    }
    connect(statuses_, &QLineEdit::textEdited, this, &RouteEditor::statusesEdited);
    connect(contextFallbacks_, &QLineEdit::textEdited, this, [this] {
        fallbacksEdited(contextFallbacks_, &RouteConfig::contextWindowFallbacks,
                        tr("Change too-long fallbacks"), QStringLiteral("contextWindowFallbacks"));
    });
    connect(contentPolicyFallbacks_, &QLineEdit::textEdited, this, [this] {
        fallbacksEdited(contentPolicyFallbacks_, &RouteConfig::contentPolicyFallbacks,
                        tr("Change refused fallbacks"), QStringLiteral("contentPolicyFallbacks"));
    });
    for (QLineEdit* line : {name_, statuses_, contextFallbacks_, contentPolicyFallbacks_})
        connect(line, &QLineEdit::editingFinished, this, &RouteEditor::typingEnded);
    for (QSpinBox* spin : findChildren<QSpinBox*>())
        connect(spin, &QSpinBox::editingFinished, this, &RouteEditor::typingEnded);

    setRoute(nullptr, false);
}

void RouteEditor::edit(const QString& text, const QString& field,
                       const std::function<void(RouteConfig&)>& change) {
    if (showing_ || !route_)
        return;
    RouteConfig after = *route_;
    change(after);
    if (after == *route_)
        return;
    emit edited(after, text, field);
}

void RouteEditor::statusesEdited() {
    QString problem;
    const std::vector<int> statuses = parseStatuses(statuses_->text(), &problem);
    setInputProblem(problem);
    edit(tr("Change statuses"), QStringLiteral("statuses"),
         [&](RouteConfig& r) { r.retryOn.statuses = statuses; });
}

void RouteEditor::fallbacksEdited(QLineEdit* line, std::vector<RouteTarget> RouteConfig::*list,
                                  const QString& text, const QString& field) {
    if (!route_)
        return;
    const std::vector<RouteTarget> targets = parseTargets(line->text(), (*route_).*list);
    edit(text, field, [&](RouteConfig& r) { r.*list = targets; });
}

void RouteEditor::setInputProblem(const QString& problem) {
    statusesProblem_->showMessage(problem, StatusLabel::Tone::Error);
    if (problem == inputProblem_)
        return;
    inputProblem_ = problem;
    emit inputProblemChanged();
}

void RouteEditor::focusName() {
    name_->setFocus(Qt::OtherFocusReason);
    name_->selectAll();
}

QString RouteEditor::inputProblem() const {
    return inputProblem_;
}

void RouteEditor::setRoute(const RouteConfig* route, bool sameRoute) {
    const bool all = !sameRoute || !route || !route_;
    if (route)
        route_ = *route;
    else
        route_.reset();
    showRoute(all);
}

void RouteEditor::showRoute(bool all) {
    showing_ = true;
    setEnabled(route_.has_value());
    const RouteConfig shown = route_.value_or(RouteConfig());
    if (all || name_->text() != shown.name)
        name_->setText(route_ ? shown.name : QString());
    strategy_->setCurrentIndex(strategy_->findData(strategyName(shown.strategy)));
    const std::pair<QSpinBox*, int> values[] = {{retries_, shown.retries},
                                                {backoff_, shown.backoffMs},
                                                {maxBackoff_, shown.maxBackoffMs},
                                                {maxWait_, shown.maxWaitMs},
                                                {connectTimeout_, shown.timeouts.connectMs},
                                                {firstByteTimeout_, shown.timeouts.firstByteMs},
                                                {idleTimeout_, shown.timeouts.idleMs},
                                                {totalTimeout_, shown.timeouts.totalMs}};
    for (const auto& [spin, value] : values) {
        if (spin->value() != value)
            spin->setValue(value);
    }
    onConnect_->setChecked(shown.retryOn.connect);
    onTimeout_->setChecked(shown.retryOn.timeout);
    onBadResponse_->setChecked(shown.retryOn.badResponse);
    onServerErrors_->setChecked(shown.retryOn.serverErrors);

    QString ignored;
    if (all || parseStatuses(statuses_->text(), &ignored) != shown.retryOn.statuses) {
        statuses_->setText(statusesText(shown.retryOn.statuses));
        setInputProblem({});
    }
    for (const auto& [line, list] :
         {std::pair{contextFallbacks_, &shown.contextWindowFallbacks},
          std::pair{contentPolicyFallbacks_, &shown.contentPolicyFallbacks}}) {
        // Groups are written in the file only; the line shows them but cannot edit them.
        const bool grouped = hasGroups(*list);
        line->setReadOnly(grouped);
        if (all || grouped || parseTargets(line->text(), *list) != *list)
            line->setText(targetsText(*list));
    }
    showing_ = false;
}

void RouteEditor::setProblems(const std::vector<RouteProblem>& problems) {
    QStringList name;
    QStringList fallbacks;
    for (const RouteProblem& problem : problems) {
        if (problem.field == QLatin1String("name"))
            name << problem.message;
        else if (problem.field == QLatin1String("contextWindowFallbacks") ||
                 problem.field == QLatin1String("contentPolicyFallbacks"))
            fallbacks << problem.message;
    }
    nameProblem_->showMessage(name.join(QLatin1Char('\n')), StatusLabel::Tone::Error);
    fallbacksProblem_->showMessage(fallbacks.join(QLatin1Char('\n')), StatusLabel::Tone::Error);
}

}  // namespace signalbox
