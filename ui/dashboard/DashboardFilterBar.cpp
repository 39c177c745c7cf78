#include "dashboard/DashboardFilterBar.h"

#include "common/FilterFields.h"
#include "common/StatusLabel.h"
#include "routing/Clock.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QStringListModel>
#include <QTimer>
#include <QVBoxLayout>

#include <optional>

namespace signalbox {

namespace {

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;

}  // namespace

DashboardFilterBar::DashboardFilterBar(const Clock& clock, QWidget* parent)
    : QWidget(parent),
      clock_(clock),
      range_(new QComboBox(this)),
      from_(FilterFields::dateTimeEdit(QStringLiteral("dashboardFromFilter"), this)),
      to_(FilterFields::dateTimeEdit(QStringLiteral("dashboardToFilter"), this)),
      route_(new QComboBox(this)),
      key_(new QComboBox(this)),
      tag_(new QLineEdit(this)),
      tagCompleter_(new QCompleter(this)),
      problem_(new StatusLabel(this)),
      row_(new QHBoxLayout),
      settle_(new QTimer(this)) {
    setObjectName(QStringLiteral("dashboardFilterBar"));
    range_->setObjectName(QStringLiteral("dashboardRangeFilter"));
    range_->addItem(tr("Last hour"), int(Range::LastHour));
    range_->addItem(tr("Last 24 hours"), int(Range::LastDay));
    range_->addItem(tr("Last 7 days"), int(Range::LastWeek));
    range_->addItem(tr("Last 30 days"), int(Range::LastMonth));
    range_->addItem(tr("Custom range\u2026"), int(Range::Custom));
    range_->setCurrentIndex(range_->findData(int(Range::LastWeek)));
    range_->setToolTip(tr("Chart the requests started in this time range"));
    range_->setAccessibleName(tr("Time range"));
    from_->setToolTip(tr("Requests started at or after this time"));
    from_->setAccessibleName(tr("From"));
    to_->setToolTip(tr("Requests started before this time"));
    to_->setAccessibleName(tr("To"));

    route_->setObjectName(QStringLiteral("dashboardRouteFilter"));
    route_->setEditable(true);
    route_->setInsertPolicy(QComboBox::NoInsert);
    route_->lineEdit()->setPlaceholderText(tr("Any route"));
    route_->lineEdit()->setClearButtonEnabled(true);
    route_->setToolTip(tr("The model the client asked for: a route name or provider/model"));
    route_->setAccessibleName(tr("Route"));
    route_->setMinimumContentsLength(12);

    key_->setObjectName(QStringLiteral("dashboardKeyFilter"));
    key_->addItem(tr("Any virtual key"), QString());
    key_->setToolTip(tr("Only the requests made with this virtual key"));
    key_->setAccessibleName(tr("Virtual key"));
    key_->setMinimumContentsLength(14);
    key_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);

    tag_->setObjectName(QStringLiteral("dashboardTagFilter"));
    tag_->setPlaceholderText(tr("Tag key=value"));
    tag_->setClearButtonEnabled(true);
    tag_->setToolTip(tr("Requests tagged so with the x-signalbox-tags header, e.g. team=search"));
    tag_->setAccessibleName(tr("Tag"));
    tagCompleter_->setModel(new QStringListModel(tagCompleter_));
    tagCompleter_->setCaseSensitivity(Qt::CaseInsensitive);
    tagCompleter_->setFilterMode(Qt::MatchContains);
    tag_->setCompleter(tagCompleter_);

    problem_->setObjectName(QStringLiteral("dashboardFilterProblem"));
    problem_->setWordWrap(true);
    problem_->setTone(StatusLabel::Tone::Error);
    problem_->hide();

    row_->setContentsMargins(0, 0, 0, 0);
    row_->addWidget(range_);
    row_->addWidget(from_);
    row_->addWidget(to_);
    row_->addSpacing(8);
    row_->addWidget(route_, 2);
    row_->addWidget(key_, 2);
    row_->addWidget(tag_, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row_);
    layout->addWidget(problem_);

    settle_->setSingleShot(true);
    settle_->setInterval(kSettleMs);
    connect(settle_, &QTimer::timeout, this, &DashboardFilterBar::changed);
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
    connect(route_, &QComboBox::currentTextChanged, this, restart);
    connect(key_, &QComboBox::currentIndexChanged, this, restart);
    connect(tag_, &QLineEdit::textChanged, this, restart);
}

void DashboardFilterBar::addTrailing(QWidget* widget) {
    row_->addWidget(widget);
}

DashboardFilterBar::Range DashboardFilterBar::range() const {
    return Range(range_->currentData().toInt());
}

void DashboardFilterBar::setRange(Range range) {
    range_->setCurrentIndex(range_->findData(int(range)));
}

void DashboardFilterBar::rangePicked() {
    const bool custom = range() == Range::Custom;
    if (custom && !customSet_) {
        // The last day to the minute that has begun, so the newest requests are in.
        const QSignalBlocker blockFrom(from_);
        const QSignalBlocker blockTo(to_);
        const qint64 now = clock_.wallMs();
        const qint64 minute = now - now % kMinuteMs;
        from_->setDateTime(QDateTime::fromMSecsSinceEpoch(minute - kDayMs).toLocalTime());
        to_->setDateTime(QDateTime::fromMSecsSinceEpoch(minute + kMinuteMs).toLocalTime());
        customSet_ = true;
    }
    from_->setVisible(custom);
    to_->setVisible(custom);
}

void DashboardFilterBar::setCustomRange(const QDateTime& from, const QDateTime& to) {
    customSet_ = true;
    from_->setDateTime(from.toLocalTime());
    to_->setDateTime(to.toLocalTime());
    setRange(Range::Custom);
}

RequestFilter DashboardFilterBar::filter() const {
    RequestFilter f;
    // The millisecond of now is in: a request that just started counts.
    const qint64 end = clock_.wallMs() + 1;
    f.toMs = end;
    switch (range()) {
        case Range::LastHour:
            f.fromMs = end - kHourMs;
            break;
        case Range::LastDay:
            f.fromMs = end - kDayMs;
            break;
        case Range::LastWeek:
            f.fromMs = end - 7 * kDayMs;
            break;
        case Range::LastMonth:
            f.fromMs = end - 30 * kDayMs;
            break;
        case Range::Custom:
            f.fromMs = from_->dateTime().toMSecsSinceEpoch();
            f.toMs = to_->dateTime().toMSecsSinceEpoch();
            break;
    }
    f.route = route_->currentText().trimmed();
    f.virtualKeyId = key_->currentData().toString();
    if (const auto tag = FilterFields::tag(tag_->text()); tag && !tag->key.isEmpty()) {
        f.tagKey = tag->key;
        f.tagValue = tag->value;
    }
    return f;
}

QString DashboardFilterBar::problem() const {
    QStringList problems;
    if (range() == Range::Custom) {
        const qint64 from = from_->dateTime().toMSecsSinceEpoch();
        const qint64 to = to_->dateTime().toMSecsSinceEpoch();
        if (from >= to) {
            problems << tr(
                "The time range must end after it starts: pick a “to” "
                "later than “from”.");
        } else if (to - from > kLongestRangeMs) {
            problems << tr("The dashboard shows up to a year at a time: pick a shorter range.");
        }
    }
    if (const auto tag = FilterFields::tag(tag_->text()); tag && tag->key.isEmpty())
        problems << tr("Write the tag as key=value, for example team=search.");
    return problems.join(QLatin1Char(' '));
}

void DashboardFilterBar::showProblem() {
    const QString text = problem();
    problem_->setText(text);
    problem_->setVisible(!text.isEmpty());
}

bool DashboardFilterBar::isNarrowed() const {
    const RequestFilter f = filter();
    return !f.route.isEmpty() || !f.virtualKeyId.isEmpty() || f.hasTag();
}

void DashboardFilterBar::setRouteSuggestions(const QStringList& routes) {
    const QString current = route_->currentText();
    const QSignalBlocker block(route_);
    route_->clear();
    route_->addItem(QString());
    route_->addItems(routes);
    route_->setCurrentText(current);
}

void DashboardFilterBar::setKeys(const std::vector<std::pair<QString, QString>>& keys) {
    const QString current = key_->currentData().toString();
    const QSignalBlocker block(key_);
    while (key_->count() > 1)
        key_->removeItem(1);
    for (const auto& [id, label] : keys)
        key_->addItem(label, id);
    const int at = key_->findData(current);
    if (at >= 0) {
        key_->setCurrentIndex(at);
    } else {
        // A key no longer listed stays chosen until the user picks another.
        key_->addItem(current, current);
        key_->setCurrentIndex(key_->count() - 1);
    }
}

void DashboardFilterBar::setTagSuggestions(const QStringList& tags) {
    auto* model = static_cast<QStringListModel*>(tagCompleter_->model());
    if (model->stringList() != tags)
        model->setStringList(tags);
}

}  // namespace signalbox
