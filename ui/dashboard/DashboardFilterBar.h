#pragma once

#include "store/RequestFilter.h"

#include <QDateTime>
#include <QWidget>

#include <utility>
#include <vector>

class QComboBox;
class QCompleter;
class QDateTimeEdit;
class QHBoxLayout;
class QLineEdit;
class QTimer;

namespace signalbox {

class Clock;
class StatusLabel;

// The filters above the dashboard: a time range (the last hour, day, week or 30 days,
// counted back from now, or from/to), a route, a virtual key and a tag key=value.
// Changes settle for a moment before changed(), so typing is not a query per key.
// Filters that cannot be read are named by problem() and shown under the bar; the
// dashboard keeps what it shows until they are fixed.
class DashboardFilterBar : public QWidget {
    Q_OBJECT
public:
    enum class Range { LastHour, LastDay, LastWeek, LastMonth, Custom };
    static constexpr int kSettleMs = 250;
    // Longer custom ranges are refused: a bar a day stays readable up to a year.
    static constexpr qint64 kLongestRangeMs = 366 * 86'400'000LL;

    explicit DashboardFilterBar(const Clock& clock, QWidget* parent = nullptr);

    // The requests the filters describe; a preset's range ends now (the clock's).
    RequestFilter filter() const;
    // Why the filters give no query, in words; empty when they do.
    QString problem() const;
    // A route, key or tag narrows the requests (the time range does not count).
    bool isNarrowed() const;
    Range range() const;
    void setRange(Range range);
    // Picks "Custom range" with these ends (shown in local time).
    void setCustomRange(const QDateTime& from, const QDateTime& to);
    void setRouteSuggestions(const QStringList& routes);
    // The virtual keys to pick from: id and what to show for it.
    void setKeys(const std::vector<std::pair<QString, QString>>& keys);
    // "key=value" pairs the tag filter completes.
    void setTagSuggestions(const QStringList& tags);
    // A widget at the end of the bar's row (the export button).
    void addTrailing(QWidget* widget);

signals:
    void changed();

private:
    void rangePicked();
    void showProblem();

    const Clock& clock_;
    QComboBox* range_;
    QDateTimeEdit* from_;
    QDateTimeEdit* to_;
    QComboBox* route_;
    QComboBox* key_;
    QLineEdit* tag_;
    QCompleter* tagCompleter_;
    StatusLabel* problem_;
    QHBoxLayout* row_;
    QTimer* settle_;
    bool customSet_ = false;
};

}  // namespace signalbox
