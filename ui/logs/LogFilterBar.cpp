#include "logs/LogFilterBar.h"

#include "common/FilterFields.h"
#include "common/StatusLabel.h"
#include "routing/Clock.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QVBoxLayout>

#include <iterator>
#include <limits>
#include <optional>

namespace signalbox {

namespace {

constexpr qint64 kHourMs = 3600 * 1000;
constexpr qint64 kMinuteMs = 60 * 1000;

// The status filter's choices: an outcome or a class of statuses.
enum class StatusChoice { Any, Successes, Errors, Class2, Class4, Class5 };

QDateTime minuteOf(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms - ms % kMinuteMs).toLocalTime();
}

}  // namespace

LogFilterBar::LogFilterBar(const Clock& clock, QWidget* parent)
    : QWidget(parent),
      clock_(clock),
      range_(new QComboBox(this)),
      from_(FilterFields::dateTimeEdit(QStringLiteral("logsFromFilter"), this)),
      to_(FilterFields::dateTimeEdit(QStringLiteral("logsToFilter"), this)),
      outcome_(new QComboBox(this)),
      code_(new QLineEdit(this)),
      route_(new QComboBox(this)),
      target_(new QComboBox(this)),
      key_(new QLineEdit(this)),
      tag_(new QLineEdit(this)),
      search_(new QLineEdit(this)),
      problem_(new StatusLabel(this)),
      settle_(new QTimer(this)) {
    setObjectName(QStringLiteral("logsFilterBar"));
    range_->setObjectName(QStringLiteral("logsTimeFilter"));
    range_->addItem(tr("Last hour"), int(Range::LastHour));
    range_->addItem(tr("Last 24 hours"), int(Range::LastDay));
    range_->addItem(tr("Last 7 days"), int(Range::LastWeek));
    range_->addItem(tr("All time"), int(Range::All));
    range_->addItem(tr("Custom range\u2026"), int(Range::Custom));
    range_->setCurrentIndex(range_->findData(int(Range::All)));
    range_->setToolTip(tr("Show requests started in this time range"));
    range_->setAccessibleName(tr("Time range"));
    from_->setToolTip(tr("Requests started at or after this time"));
    from_->setAccessibleName(tr("From"));
    to_->setToolTip(tr("Requests started before this time"));
    to_->setAccessibleName(tr("To"));

    outcome_->setObjectName(QStringLiteral("logsStatusFilter"));
    outcome_->addItem(tr("Any status"), int(StatusChoice::Any));
    outcome_->addItem(tr("Successes"), int(StatusChoice::Successes));
    outcome_->addItem(tr("Errors"), int(StatusChoice::Errors));
    outcome_->addItem(tr("2xx"), int(StatusChoice::Class2));
    outcome_->addItem(tr("4xx client errors"), int(StatusChoice::Class4));
    outcome_->addItem(tr("5xx server errors"), int(StatusChoice::Class5));
    outcome_->setToolTip(
        tr("Errors: status 400 or above, or a stream cut off. 4xx: the request was refused "
           "(429: rate limited, 499: the client left); 5xx: no target could answer."));
    outcome_->setAccessibleName(tr("Outcome"));

    code_->setObjectName(QStringLiteral("logsStatusCodeFilter"));
    code_->setPlaceholderText(tr("Code"));
    code_->setValidator(new QIntValidator(100, 599, code_));
    code_->setMaxLength(3);
    code_->setClearButtonEnabled(true);
    code_->setToolTip(tr("Only this HTTP status, e.g. 429"));
    code_->setAccessibleName(tr("Status code"));
    code_->setMaximumWidth(code_->fontMetrics().horizontalAdvance(QStringLiteral("0000000")) + 40);

    route_->setObjectName(QStringLiteral("logsRouteFilter"));
    route_->setEditable(true);
    route_->setInsertPolicy(QComboBox::NoInsert);
    route_->lineEdit()->setPlaceholderText(tr("Any route"));
    route_->lineEdit()->setClearButtonEnabled(true);
    route_->setToolTip(tr("The model the client asked for: a route name or provider/model"));
    route_->setAccessibleName(tr("Route"));
    route_->setMinimumContentsLength(10);

    target_->setObjectName(QStringLiteral("logsTargetFilter"));
    target_->setEditable(true);
    target_->setInsertPolicy(QComboBox::NoInsert);
    target_->lineEdit()->setPlaceholderText(tr("Any model (provider/model)"));
    target_->lineEdit()->setClearButtonEnabled(true);
    target_->setToolTip(
        tr("The model that served the request, as provider/model (the Target column)"));
    target_->setAccessibleName(tr("Model"));
    target_->setMinimumContentsLength(14);

    key_->setObjectName(QStringLiteral("logsKeyFilter"));
    key_->setPlaceholderText(tr("Any virtual key"));
    key_->setClearButtonEnabled(true);
    key_->setAccessibleName(tr("Virtual key"));
    tag_->setObjectName(QStringLiteral("logsTagFilter"));
    tag_->setPlaceholderText(tr("Tag key=value"));
    tag_->setClearButtonEnabled(true);
    tag_->setToolTip(tr("Requests tagged so with the x-signalbox-tags header, e.g. team=search"));
    tag_->setAccessibleName(tr("Tag"));
    search_->setObjectName(QStringLiteral("logsSearchFilter"));
    search_->setPlaceholderText(tr("Search id, route, target, error (Ctrl+F)"));
    search_->setClearButtonEnabled(true);
    search_->setAccessibleName(tr("Search"));

    problem_->setObjectName(QStringLiteral("logsFilterProblem"));
    problem_->setWordWrap(true);
    problem_->setTone(StatusLabel::Tone::Error);
    problem_->hide();

    auto* when = new QHBoxLayout;
    when->addWidget(range_);
    when->addWidget(from_);
    when->addWidget(to_);
    when->addWidget(outcome_);
    when->addWidget(code_);
    when->addWidget(search_, 1);
    auto* who = new QHBoxLayout;
    who->addWidget(route_, 2);
    who->addWidget(target_, 3);
    who->addWidget(key_, 1);
    who->addWidget(tag_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(when);
    layout->addLayout(who);
    layout->addWidget(problem_);
    // Tab goes as the eye reads: the first row, then the second.
    QWidget* order[] = {range_, from_, to_, outcome_, code_, search_, route_, target_, key_, tag_};
    for (size_t i = 1; i < std::size(order); ++i)
        setTabOrder(order[i - 1], order[i]);

    settle_->setSingleShot(true);
    settle_->setInterval(kSettleMs);
    connect(settle_, &QTimer::timeout, this, &LogFilterBar::changed);
    const auto restart = [this] {
        showProblem();
        settle_->start();
    };
    connect(range_, &QComboBox::currentIndexChanged, this, [this, restart] {
        rangePicked();
        restart();
    });
    connect(from_, &QDateTimeEdit::dateTimeChanged, this, restart);
    connect(to_, &QDateTimeEdit::dateTimeChanged, this, restart);
    connect(outcome_, &QComboBox::currentIndexChanged, this, restart);
    connect(route_, &QComboBox::currentTextChanged, this, restart);
    connect(target_, &QComboBox::currentTextChanged, this, restart);
    for (QLineEdit* edit : {code_, key_, tag_, search_})
        connect(edit, &QLineEdit::textChanged, this, restart);
}

void LogFilterBar::rangePicked() {
    const bool custom = Range(range_->currentData().toInt()) == Range::Custom;
    if (custom && !customSet_) {
        // The last day to the minute that has begun, so the newest rows are in.
        const QSignalBlocker blockFrom(from_);
        const QSignalBlocker blockTo(to_);
        const qint64 now = clock_.wallMs();
        from_->setDateTime(minuteOf(now - 24 * kHourMs));
        to_->setDateTime(minuteOf(now + kMinuteMs));
        customSet_ = true;
    }
    from_->setVisible(custom);
    to_->setVisible(custom);
}

void LogFilterBar::setCustomRange(const QDateTime& from, const QDateTime& to) {
    customSet_ = true;
    from_->setDateTime(from.toLocalTime());
    to_->setDateTime(to.toLocalTime());
    range_->setCurrentIndex(range_->findData(int(Range::Custom)));
}

void LogFilterBar::focusSearch() {
    search_->setFocus(Qt::ShortcutFocusReason);
    search_->selectAll();
}

LogPageQuery LogFilterBar::query() const {
    LogPageQuery q;
    q.filter.toMs = std::numeric_limits<qint64>::max();
    const qint64 now = clock_.wallMs();
    switch (Range(range_->currentData().toInt())) {
        case Range::LastHour:
            q.filter.fromMs = now - kHourMs;
            break;
        case Range::LastDay:
            q.filter.fromMs = now - 24 * kHourMs;
            break;
        case Range::LastWeek:
            q.filter.fromMs = now - 7 * 24 * kHourMs;
            break;
        case Range::All:
            break;
        case Range::Custom:
            q.filter.fromMs = from_->dateTime().toMSecsSinceEpoch();
            q.filter.toMs = to_->dateTime().toMSecsSinceEpoch();
            break;
    }
    switch (StatusChoice(outcome_->currentData().toInt())) {
        case StatusChoice::Any:
            break;
        case StatusChoice::Successes:
            q.outcome = LogPageQuery::Outcome::Ok;
            break;
        case StatusChoice::Errors:
            q.outcome = LogPageQuery::Outcome::Error;
            break;
        case StatusChoice::Class2:
            q.statusClass = 2;
            break;
        case StatusChoice::Class4:
            q.statusClass = 4;
            break;
        case StatusChoice::Class5:
            q.statusClass = 5;
            break;
    }
    if (code_->hasAcceptableInput())
        q.status = code_->text().toInt();
    q.filter.route = route_->currentText().trimmed();
    q.filter.target = target_->currentText().trimmed();
    q.filter.virtualKeyId = key_->text().trimmed();
    if (const auto tag = FilterFields::tag(tag_->text()); tag && !tag->key.isEmpty()) {
        q.filter.tagKey = tag->key;
        q.filter.tagValue = tag->value;
    }
    q.search = search_->text().trimmed();
    return q;
}

QString LogFilterBar::problem() const {
    QStringList problems;
    if (Range(range_->currentData().toInt()) == Range::Custom &&
        from_->dateTime() >= to_->dateTime()) {
        problems << tr(
            "The time range must end after it starts: pick a “to” later than "
            "“from”.");
    }
    if (!code_->text().trimmed().isEmpty() && !code_->hasAcceptableInput())
        problems << tr("A status code has three digits, from 100 to 599 (e.g. 429).");
    if (const auto tag = FilterFields::tag(tag_->text()); tag && tag->key.isEmpty())
        problems << tr("Write the tag as key=value, for example team=search.");
    return problems.join(QLatin1Char(' '));
}

void LogFilterBar::showProblem() {
    const QString text = problem();
    problem_->setText(text);
    problem_->setVisible(!text.isEmpty());
}

bool LogFilterBar::isNarrowed() const {
    const LogPageQuery q = query();
    return Range(range_->currentData().toInt()) != Range::All ||
           q.outcome != LogPageQuery::Outcome::Any || q.statusClass != 0 || q.status != 0 ||
           !q.filter.route.isEmpty() || !q.filter.target.isEmpty() ||
           !q.filter.virtualKeyId.isEmpty() || q.filter.hasTag() || !q.search.isEmpty();
}

namespace {

void setSuggestions(QComboBox* combo, const QStringList& items) {
    const QString current = combo->currentText();
    const QSignalBlocker block(combo);
    combo->clear();
    combo->addItem(QString());
    combo->addItems(items);
    combo->setCurrentText(current);
}

}  // namespace

void LogFilterBar::setRouteSuggestions(const QStringList& routes) {
    setSuggestions(route_, routes);
}

void LogFilterBar::setTargetSuggestions(const QStringList& targets) {
    setSuggestions(target_, targets);
}

}  // namespace signalbox
