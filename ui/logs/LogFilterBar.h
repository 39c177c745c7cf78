#pragma once

#include "store/LogPageQuery.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTimer;

namespace signalbox {

// The filters above the Logs table: time range, outcome, route, target, virtual key and
// free text. Typing settles for a moment before changed() so each keystroke is not a
// query of its own.
class LogFilterBar : public QWidget {
    Q_OBJECT
public:
    enum class Range { LastHour, LastDay, LastWeek, All };
    static constexpr int kSettleMs = 250;

    explicit LogFilterBar(QWidget* parent = nullptr);

    // The query the filters describe, its time range counted back from `nowMs`.
    LogPageQuery query(qint64 nowMs) const;
    // True when any filter narrows the rows (the time range "all" does not).
    bool isNarrowed() const;
    void setRouteSuggestions(const QStringList& routes);

signals:
    void changed();

private:
    QComboBox* range_;
    QComboBox* outcome_;
    QComboBox* route_;
    QLineEdit* target_;
    QLineEdit* key_;
    QLineEdit* search_;
    QTimer* settle_;
};

}  // namespace signalbox
