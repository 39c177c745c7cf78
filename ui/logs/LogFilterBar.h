#pragma once

#include "store/LogPageQuery.h"

#include <QDateTime>
#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QTimer;

namespace signalbox {

class StatusLabel;

class Clock;

// The filters above the Logs table: time range (a preset or from/to), outcome or status
// class, exact status code, route, model (the target, provider/model), virtual key, tag
// and free text. Typing settles for a moment before changed() so each keystroke is not
// a query of its own. Filters that cannot be read (a range that ends before it starts, a
// tag without "=") are named by problem() and shown beside the filters; the panel keeps
// its rows until they are fixed.
class LogFilterBar : public QWidget {
    Q_OBJECT
public:
    enum class Range { LastHour, LastDay, LastWeek, All, Custom };
    static constexpr int kSettleMs = 250;

    explicit LogFilterBar(const Clock& clock, QWidget* parent = nullptr);

    // The query the filters describe, a preset range counted back from the clock's now.
    LogPageQuery query() const;
    // Why the filters give no query, in words; empty when they do.
    QString problem() const;
    // True when any filter narrows the rows (the time range "all" does not).
    bool isNarrowed() const;
    void setRouteSuggestions(const QStringList& routes);
    void setTargetSuggestions(const QStringList& targets);
    // Picks "Custom range" with these ends (local times shown, any zone given).
    void setCustomRange(const QDateTime& from, const QDateTime& to);
    // Puts the cursor in the text filter, its text selected (Ctrl+F).
    void focusSearch();

signals:
    void changed();

private:
    void rangePicked();
    void showProblem();

    const Clock& clock_;
    QComboBox* range_;
    QDateTimeEdit* from_;
    QDateTimeEdit* to_;
    QComboBox* outcome_;
    QLineEdit* code_;
    QComboBox* route_;
    QComboBox* target_;
    QLineEdit* key_;
    QLineEdit* tag_;
    QLineEdit* search_;
    StatusLabel* problem_;
    QTimer* settle_;
    bool customSet_ = false;  // the pickers hold a range the user chose
};

}  // namespace signalbox
