#include "logs/LogFilterBar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QTimer>

#include <limits>

namespace signalbox {

namespace {

constexpr qint64 kHourMs = 3600 * 1000;

}  // namespace

LogFilterBar::LogFilterBar(QWidget* parent)
    : QWidget(parent),
      range_(new QComboBox(this)),
      outcome_(new QComboBox(this)),
      route_(new QComboBox(this)),
      target_(new QLineEdit(this)),
      key_(new QLineEdit(this)),
      search_(new QLineEdit(this)),
      settle_(new QTimer(this)) {
    setObjectName(QStringLiteral("logsFilterBar"));
    range_->setObjectName(QStringLiteral("logsTimeFilter"));
    range_->addItem(tr("Last hour"), int(Range::LastHour));
    range_->addItem(tr("Last 24 hours"), int(Range::LastDay));
    range_->addItem(tr("Last 7 days"), int(Range::LastWeek));
    range_->addItem(tr("All time"), int(Range::All));
    range_->setCurrentIndex(range_->findData(int(Range::All)));
    range_->setToolTip(tr("Show requests started in this time range"));

    outcome_->setObjectName(QStringLiteral("logsStatusFilter"));
    outcome_->addItem(tr("Any status"), int(LogPageQuery::Outcome::Any));
    outcome_->addItem(tr("Successes"), int(LogPageQuery::Outcome::Ok));
    outcome_->addItem(tr("Errors"), int(LogPageQuery::Outcome::Error));
    outcome_->setToolTip(tr("Errors: status 400 or above, or a stream cut off"));

    route_->setObjectName(QStringLiteral("logsRouteFilter"));
    route_->setEditable(true);
    route_->setInsertPolicy(QComboBox::NoInsert);
    route_->lineEdit()->setPlaceholderText(tr("Any route"));
    route_->lineEdit()->setClearButtonEnabled(true);
    route_->setToolTip(tr("The model the client asked for: a route name or provider/model"));
    route_->setMinimumContentsLength(10);

    target_->setObjectName(QStringLiteral("logsTargetFilter"));
    target_->setPlaceholderText(tr("Any target (provider/model)"));
    target_->setClearButtonEnabled(true);
    key_->setObjectName(QStringLiteral("logsKeyFilter"));
    key_->setPlaceholderText(tr("Any virtual key"));
    key_->setClearButtonEnabled(true);
    search_->setObjectName(QStringLiteral("logsSearchFilter"));
    search_->setPlaceholderText(tr("Search id, route, target, error"));
    search_->setClearButtonEnabled(true);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(range_);
    layout->addWidget(outcome_);
    layout->addWidget(route_, 2);
    layout->addWidget(target_, 2);
    layout->addWidget(key_, 1);
    layout->addWidget(search_, 3);

    settle_->setSingleShot(true);
    settle_->setInterval(kSettleMs);
    connect(settle_, &QTimer::timeout, this, &LogFilterBar::changed);
    const auto restart = [this] { settle_->start(); };
    connect(range_, &QComboBox::currentIndexChanged, this, restart);
    connect(outcome_, &QComboBox::currentIndexChanged, this, restart);
    connect(route_, &QComboBox::currentTextChanged, this, restart);
    for (QLineEdit* edit : {target_, key_, search_})
        connect(edit, &QLineEdit::textChanged, this, restart);
}

LogPageQuery LogFilterBar::query(qint64 nowMs) const {
    LogPageQuery q;
    q.filter.toMs = std::numeric_limits<qint64>::max();
    switch (Range(range_->currentData().toInt())) {
        case Range::LastHour:
            q.filter.fromMs = nowMs - kHourMs;
            break;
        case Range::LastDay:
            q.filter.fromMs = nowMs - 24 * kHourMs;
            break;
        case Range::LastWeek:
            q.filter.fromMs = nowMs - 7 * 24 * kHourMs;
            break;
        case Range::All:
            break;
    }
    q.outcome = LogPageQuery::Outcome(outcome_->currentData().toInt());
    q.filter.route = route_->currentText().trimmed();
    q.filter.target = target_->text().trimmed();
    q.filter.virtualKeyId = key_->text().trimmed();
    q.search = search_->text().trimmed();
    return q;
}

bool LogFilterBar::isNarrowed() const {
    const LogPageQuery q = query(0);
    return Range(range_->currentData().toInt()) != Range::All ||
           q.outcome != LogPageQuery::Outcome::Any || !q.filter.route.isEmpty() ||
           !q.filter.target.isEmpty() || !q.filter.virtualKeyId.isEmpty() || !q.search.isEmpty();
}

void LogFilterBar::setRouteSuggestions(const QStringList& routes) {
    const QString current = route_->currentText();
    const QSignalBlocker block(route_);
    route_->clear();
    route_->addItem(QString());
    route_->addItems(routes);
    route_->setCurrentText(current);
}

}  // namespace signalbox
